"""iCalendar files: one for a run (all its sessions), one subscribable feed of all runs."""

import datetime

from icalendar import Calendar, Event

from .model import Run, Session

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
    """One event per session. A cancelled one keeps its UID, says STATUS:CANCELLED and
    counts one revision (SEQUENCE:1), so calendars that already hold it update it in place;
    the other sessions' events stay exactly as they were."""
    domain = site.split("//")[-1].split("/")[0] or "localhost"
    for session in run.session_list:
        cancelled = run.is_cancelled or session.cancelled
        event = Event()
        event.add("uid", f"{run.slug}-{session.key}@{domain}")
        event.add("dtstamp", stamp)
        event.add("dtstart", session.start)
        event.add("dtend", session.end)
        event.add("summary", ("Cancelled: " if cancelled else "") + session_title(run, session))
        event.add("location", f"{run.venue.name}, {run.venue.full_address}")
        event.add("url", f"{site}/{run.url}")
        event.add("description", description(run, session, site))
        event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
        if cancelled:
            event.add("sequence", 1)
        yield event


def session_title(run: Run, session: Session) -> str:
    """ "Baby massage, Tuesday mornings (2 of 6)", or "(extra session)"."""
    place = "extra session" if session.is_extra else f"{session.number} of {run.sessions}"
    return f"{run.title} ({place})"


def description(run: Run, session: Session, site: str) -> str:
    why = f"{session.reason}. " if session.reason else ""
    if session.cancelled and not run.is_cancelled:
        why = f"This session is cancelled: {session.reason or 'see the course page'}. "
    return f"{why}{run.course.summary}\n\n{run.price_label}. {site}/{run.url}"
