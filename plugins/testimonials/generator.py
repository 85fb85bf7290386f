"""Pelican's side: read and check every testimonial before anything is written."""

from pathlib import Path

from pelican.generators import Generator

from ..shared import ContentError, display, markdown_files, read_markdown, stop_build
from .model import newest_first, testimonial_from_fields


class TestimonialsGenerator(Generator):
    def generate_context(self):
        folder = Path(self.path) / self.settings["TESTIMONIALS_PATH"]
        titles = course_titles(Path(self.path) / "courses", self.settings)
        testimonials, problems = [], []
        for path in markdown_files(folder):
            if path.suffix != ".md":
                problems.append(
                    f"{display(path)}: this is not a Markdown file. Rename it to end in .md."
                )
                continue
            fields, quote = read_markdown(path, self.settings)
            try:
                testimonials.append(testimonial_from_fields(path.stem, fields, quote, titles))
            except ContentError as error:
                problems.append(f"{display(path)}: {error}")
        if problems:
            stop_build(problems)
        self.context["testimonials"] = newest_first(testimonials)


def course_titles(folder: Path, settings: dict) -> dict[str, str]:
    """Each course's file name and title (the schedule reports a course without one)."""
    titles = {}
    for path in markdown_files(folder):
        fields, _ = read_markdown(path, settings)
        titles[path.stem] = fields.get("title", path.stem)
    return titles
