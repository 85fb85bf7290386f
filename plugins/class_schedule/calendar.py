"""iCalendar files: one for a run (all its sessions), one subscribable feed of all runs."""

import datetime

from icalendar import Calendar, Event

from .model import Run

PRODID = "-//class_schedule plugin//EN"


def calendar_for(runs: list[Run], name: str, site: str, stamp: datetime.datetime) -> bytes:
    """Every session of every run as its own event, in local time with its VTIMEZONE.

    `stamp` (when the calendar was made) carries the site's time zone."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", stamp.tzinfo.key)
    for run in runs:
        for event in session_events(run, site, stamp):
            calendar.add_component(event)
    if runs:
        first = min(run.start for run in runs).date()
        last = max(run.end for run in runs).date()
        calendar.add_missing_timezones(
            first - datetime.timedelta(days=366), last + datetime.timedelta(days=366)
        )
    return calendar.to_ical()


def session_events(run: Run, site: str, stamp: datetime.datetime):
    domain = site.split("//")[-1].split("/")[0] or "localhost"
    for number, session in enumerate(run.session_list, start=1):
        event = Event()
        event.add("uid", f"{run.slug}-{number}@{domain}")
        event.add("dtstamp", stamp)
        event.add("dtstart", session.start)
        event.add("dtend", session.end)
        event.add("summary", f"{run.title} ({number} of {run.sessions})")
        event.add("location", f"{run.venue.name}, {run.venue.full_address}")
        event.add("url", f"{site}/{run.url}")
        event.add("description", f"{run.course.summary}\n\n{run.price_label}. {site}/{run.url}")
        event.add("status", "CANCELLED" if run.is_cancelled else "CONFIRMED")
        yield event
