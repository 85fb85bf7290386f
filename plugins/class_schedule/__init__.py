"""The class schedule: courses, venues and dated runs, from Markdown in content/.

Reads and checks every file before anything is written, gives every template
the upcoming runs, and writes a page and a calendar for each run, a subscribable
calendar and an Atom feed of the upcoming ones, and a printable poster with a
QR code for each run a parent can still book.
"""

import html

from markupsafe import Markup
from pelican import signals
from typogrify.filters import smartypants

from .generator import ScheduleGenerator


def get_generators(pelican):
    return ScheduleGenerator


def curly(text: str) -> Markup:
    """A field as typogrify would print it in a post: "St Mary's" with a curly apostrophe.
    Posters print fields that Markdown never reads (names, summaries)."""
    return Markup(smartypants(html.escape(str(text), quote=False)))


def add_filters(pelican) -> None:
    pelican.settings.setdefault("JINJA_FILTERS", {})["curly"] = curly


def register() -> None:
    signals.initialized.connect(add_filters)
    signals.get_generators.connect(get_generators)
