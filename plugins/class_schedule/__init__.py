"""The class schedule: courses, venues and dated runs, from Markdown in content/.

Reads and checks every file before anything is written, gives every template
the upcoming runs, and writes a page and a calendar for each run plus a
subscribable calendar of them all.
"""

from pelican import signals

from .generator import ScheduleGenerator


def get_generators(pelican):
    return ScheduleGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
