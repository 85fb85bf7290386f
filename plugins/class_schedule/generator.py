"""Pelican's side of the schedule: read, check, share with templates, write."""

import datetime
from dataclasses import replace
from pathlib import Path
from zoneinfo import ZoneInfo

from pelican.generators import Generator

from ..shared import display, share_image, stop_build
from .calendar import calendar_for
from .event import event_data
from .model import ContentError, Run, course_from_fields, run_from_fields, venue_from_fields
from .reading import markdown_files, read_markdown

# The fields each kind of file may have (content/<folder>/*.md).
FIELDS = {
    "venues": {"name", "address", "postcode", "map", "access"},
    "courses": {"title", "summary", "ages", "minimum"},
    "runs": {
        "title",
        "course",
        "start",
        "sessions",
        "length",
        "venue",
        "price",
        "places",
        "booked",
        "booking",
        "ages",
        "status",
    },
}


class ScheduleGenerator(Generator):
    def generate_context(self):
        zone = ZoneInfo(self.settings["TIMEZONE"])
        self.today = build_date(self.settings.get("TODAY"), zone)
        self.stamp = datetime.datetime.combine(self.today, datetime.time(), zone)
        self.problems: list[str] = []
        venues = self.read_folder("venues", lambda key, fields, _: venue_from_fields(key, fields))
        courses = self.read_folder("courses", course_from_fields)
        runs = self.read_folder(
            "runs",
            lambda key, fields, text: run_from_fields(
                key, fields, text, courses, venues, self.settings["CONTACT_EMAIL"], zone
            ),
        )
        if self.problems:
            stop_build(self.problems)
        self.runs = sorted((self.with_urls(run) for run in runs.values()), key=lambda r: r.start)
        self.upcoming = [run for run in self.runs if not run.is_past(self.today)]
        self.context.update(
            runs=self.runs,
            upcoming_runs=self.upcoming,
            next_bookable_run=next((run for run in self.upcoming if run.is_bookable), None),
            courses=sorted(courses.values(), key=lambda c: c.title),
        )

    def read_folder(self, folder: str, build) -> dict:
        built = {}
        for path in markdown_files(Path(self.path) / folder):
            if path.suffix != ".md":
                self.problems.append(
                    f"{display(path)}: this is not a Markdown file. Rename it to end in .md."
                )
                continue
            fields, text = read_markdown(path, self.settings)
            try:
                check_known(fields, FIELDS[folder])
                built[path.stem] = build(path.stem, fields, text)
            except ContentError as error:
                self.problems.append(f"{display(path)}: {error}")
        return built

    def with_urls(self, run: Run) -> Run:
        return replace(
            run,
            source=display(Path(self.path) / "runs" / f"{run.slug}.md"),
            url=self.settings["RUN_URL"].format(slug=run.slug),
            calendar_url=self.settings["RUN_CALENDAR_URL"].format(slug=run.slug),
        )

    def generate_output(self, writer):
        site = self.settings["CANONICAL_SITEURL"]
        template = self.get_template("run")
        for run in self.runs:
            writer.write_file(
                self.settings["RUN_SAVE_AS"].format(slug=run.slug),
                template,
                self.context,
                run=run,
                is_past=run.is_past(self.today),
                event=event_data(
                    run, self.settings, self.today, share_image(self.context, run.url).url
                ),
                url=run.url,
            )
            self.write_bytes(
                self.settings["RUN_CALENDAR_SAVE_AS"].format(slug=run.slug),
                calendar_for([run], run.title, site, self.stamp),
            )
        name = f"{self.settings['SITENAME']}: classes"
        self.write_bytes(
            self.settings["SCHEDULE_CALENDAR_SAVE_AS"],
            calendar_for(self.upcoming, name, site, self.stamp),
        )

    def write_bytes(self, save_as: str, data: bytes) -> None:
        path = Path(self.output_path) / save_as
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def check_known(fields: dict, known: set) -> None:
    """A misspelt field would be silently ignored (a "Bookd: 5" leaves the run unbooked)."""
    unknown = sorted(fields.keys() - known)
    if unknown:
        raise ContentError(
            unknown[0].title(),
            "not a field this site knows. Check the spelling; known fields are "
            + ", ".join(sorted(name.title() for name in known))
            + ".",
        )


def build_date(pinned: str | None, zone: ZoneInfo) -> datetime.date:
    """Today where the classes are, unless the TODAY setting pins it (tests, reproducible builds)."""
    if pinned:
        return datetime.date.fromisoformat(pinned)
    return datetime.datetime.now(zone).date()
