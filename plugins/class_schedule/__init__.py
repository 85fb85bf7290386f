"""The class schedule: courses, venues and dated runs, from Markdown in content/.

Reads and checks every file before anything is written, gives every template
the upcoming runs, and writes a page and a calendar for each run, a subscribable
calendar and an Atom feed of the upcoming ones, and a printable poster with a
QR code for each run a parent can still book.
"""

from pelican import signals

from .generator import ScheduleGenerator


def get_generators(pelican):
    return ScheduleGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
