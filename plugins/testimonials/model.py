"""One parent's words: plain data, built and checked by a pure function."""

import datetime
from dataclasses import dataclass

from ..shared import ContentError, optional_date

KNOWN_FIELDS = {"name", "consent", "course", "date"}


@dataclass(frozen=True)
class Testimonial:
    key: str
    name: str
    quote: str  # HTML
    course: str = ""  # the course's title, when the parent named one
    date: datetime.date | None = None

    @property
    def attribution(self) -> str:
        """ "Sophie R., Baby massage course, October 2026"."""
        month = f"{self.date:%B %Y}" if self.date else ""
        return ", ".join(part for part in (self.name, self.course, month) if part)


def testimonial_from_fields(
    key: str, fields: dict[str, str], quote: str, course_titles: dict[str, str]
) -> Testimonial:
    """The testimonial in one file, or ContentError naming the field, the problem and the fix.

    course_titles maps the file names in content/courses/ to the courses' titles.
    """
    unknown = sorted(fields.keys() - KNOWN_FIELDS)
    if unknown:
        raise ContentError(
            unknown[0].title(),
            "not a field of a testimonial. Check the spelling; the fields are "
            "Name, Consent, Course and Date.",
        )
    name = fields.get("name", "").strip()
    if not name:
        raise ContentError(
            "Name",
            "missing. Add the parent's name as she agreed to show it, e.g. 'Name: Sophie R.'",
        )
    check_consent(fields.get("consent", "").strip())
    if not quote.strip():
        raise ContentError(
            "Quote",
            "missing. Write the parent's words below the fields, after one empty line.",
        )
    return Testimonial(
        key=key,
        name=name,
        quote=quote,
        course=course_title(fields.get("course", "").strip(), course_titles),
        date=optional_date(fields.get("date", "").strip(), "Date", "Date: 2026-10-14"),
    )


def check_consent(answer: str) -> None:
    if answer.lower() == "yes":
        return
    if not answer:
        raise ContentError(
            "Consent",
            "missing. A parent's words are published only with her permission: once she has "
            "said yes, add the line 'Consent: yes'. Until then, move the file out of "
            "content/testimonials/.",
        )
    raise ContentError(
        "Consent",
        f"{answer!r}, so these words must not be published. Move the file out of "
        "content/testimonials/, or, if the parent has said yes, write 'Consent: yes'.",
    )


def course_title(key: str, course_titles: dict[str, str]) -> str:
    if not key:
        return ""
    if key not in course_titles:
        choices = ", ".join(sorted(course_titles)) or "none yet"
        raise ContentError(
            "Course",
            f"{key!r} is not one of the courses. Use the file name of one in "
            f"content/courses/ ({choices}), or delete the line.",
        )
    return course_titles[key]


def newest_first(testimonials: list[Testimonial]) -> list[Testimonial]:
    """Dated quotes newest first, then undated ones in file-name order."""
    dated = sorted((t for t in testimonials if t.date), key=lambda t: t.date, reverse=True)
    return dated + sorted((t for t in testimonials if not t.date), key=lambda t: t.key)
