"""A parent who adds a run to her phone's calendar sees each session at its UK clock time.

The .ics lines are read as a calendar app reads them: each VEVENT must carry DTSTART and DTEND
as local times in Europe/London (not UTC, not floating), so both ends are the same kind of time.
"""

import dataclasses
import datetime
import re

import pytest
from icalendar import Calendar
from support.examples import UK, a_run

from plugins.class_schedule.calendar import calendar_for

SITE = "https://www.example.com"
STAMP = datetime.datetime(2026, 3, 1, tzinfo=UK)  # when it was made, in the site's zone
LOCAL_TIME = re.compile(r"^(DTSTART|DTEND);TZID=Europe/London:(\d{8}T\d{6})$")
# The spring run: five Tuesdays at 10:00, across the start of British Summer Time (29 March).
SPRING_STARTS = ["20260303T100000", "20260310T100000", "20260317T100000", "20260324T100000"]
SPRING_STARTS += ["20260331T100000"]


def events(ics: bytes) -> list[list[str]]:
    """The content lines of each VEVENT, unfolded (RFC 5545 section 3.1)."""
    lines = ics.decode("utf-8").replace("\r\n ", "").replace("\r\n\t", "").split("\r\n")
    found, current = [], None
    for line in lines:
        if line == "BEGIN:VEVENT":
            current = []
        elif line == "END:VEVENT":
            found.append(current)
            current = None
        elif current is not None:
            current.append(line)
    return found


def uk_times(event: list[str]) -> dict[str, str]:
    """DTSTART and DTEND as written, failing on any other form of either."""
    times = {}
    for line in event:
        if line.startswith(("DTSTART", "DTEND")):
            match = LOCAL_TIME.match(line)
            assert match, f"{line!r} is not a Europe/London local time"
            times[match[1]] = match[2]
    assert times.keys() == {"DTSTART", "DTEND"}, event
    return times


@pytest.mark.pure
def test_each_session_starts_and_ends_at_its_uk_clock_time_either_side_of_the_clock_change():
    ics = calendar_for([a_run()], "Spring Tuesdays", SITE, STAMP)
    times = [uk_times(event) for event in events(ics)]
    assert [t["DTSTART"] for t in times] == SPRING_STARTS
    assert [t["DTEND"] for t in times] == [s.replace("T10", "T11") for s in SPRING_STARTS]
    assert b"BEGIN:VTIMEZONE\r\nTZID:Europe/London\r\n" in ics


@pytest.mark.pure
def test_a_session_ending_after_midnight_ends_on_the_next_day_in_uk_time():
    run = a_run(start="2026-10-24 23:30", sessions="1", length="90")  # the night clocks go back
    [times] = [uk_times(event) for event in events(calendar_for([run], "Late", SITE, STAMP))]
    assert times == {"DTSTART": "20261024T233000", "DTEND": "20261025T010000"}


def test_every_published_calendar_gives_every_session_in_uk_local_time(site):
    calendars = sorted(site.root.rglob("*.ics"))
    assert len(calendars) >= 2, "expected the schedule's calendar and one per run"
    for calendar in calendars:
        sessions = events(calendar.read_bytes())
        assert sessions, f"{calendar.name} has no events"
        for event in sessions:
            times = uk_times(event)
            start = datetime.datetime.strptime(times["DTSTART"], "%Y%m%dT%H%M%S")
            end = datetime.datetime.strptime(times["DTEND"], "%Y%m%dT%H%M%S")
            assert start < end, f"{calendar.name}: {event}"
    run = (site.root / "classes" / "2027-01-tuesday-mornings.ics").read_bytes()
    assert uk_times(events(run)[0])["DTSTART"] == "20270112T100000"


@pytest.mark.pure
def test_each_event_says_which_session_where_what_it_costs_and_links_back():
    spring = dataclasses.replace(a_run(), url="classes/spring/")
    late = dataclasses.replace(
        a_run(
            slug="late", title="Late", start="2026-04-01 19:00", sessions="1", status="cancelled"
        ),
        url="classes/late/",
    )
    ics = calendar_for([spring, late], "Gentle Touch classes", SITE, STAMP)
    calendar = Calendar.from_ical(ics)
    assert [calendar[p] for p in ("PRODID", "VERSION", "METHOD", "X-WR-CALNAME")] == [
        "-//class_schedule plugin//EN",
        "2.0",
        "PUBLISH",
        "Gentle Touch classes",
    ]
    assert calendar["X-WR-TIMEZONE"] == "Europe/London"
    first, *_, last_of_spring, late_event = calendar.walk("VEVENT")
    assert first["UID"] == "spring-1@www.example.com"
    assert last_of_spring["UID"] == "spring-5@www.example.com"
    assert first["SUMMARY"] == "Spring Tuesdays (1 of 5)"
    assert last_of_spring["SUMMARY"] == "Spring Tuesdays (5 of 5)"
    assert first["LOCATION"] == (
        "Parkside Community Centre, 24 Parkside Road, Didsbury, Manchester, M20 2XY"
    )
    assert first["URL"] == "https://www.example.com/classes/spring/"
    assert first["DESCRIPTION"] == (
        "Five relaxed weekly sessions where you learn to massage your own baby.\n\n"
        "£60 for 5 sessions. https://www.example.com/classes/spring/"
    )
    assert first["STATUS"] == "CONFIRMED" and late_event["STATUS"] == "CANCELLED"
    assert late_event["SUMMARY"] == "Late (1 of 1)"
    assert first.decoded("DTSTAMP") == STAMP
    # the time zone's rules cover a year either side of the sessions
    rules = calendar.walk("VTIMEZONE")[0]
    assert rules["COMMENT"] == "This timezone only works from 2025-03-02 to 2027-04-02."


@pytest.mark.pure
def test_a_calendar_without_runs_is_still_a_valid_calendar():
    calendar = Calendar.from_ical(calendar_for([], "Nothing yet", "", STAMP))
    assert calendar.walk("VEVENT") == [] and calendar.walk("VTIMEZONE") == []
    run = dataclasses.replace(a_run(), url="classes/spring/")
    [event, *_] = Calendar.from_ical(calendar_for([run], "x", "", STAMP)).walk("VEVENT")
    assert event["UID"] == "spring-1@localhost"


@pytest.mark.pure
def test_event_ids_use_the_sites_host_even_when_it_lives_in_a_folder():
    run = dataclasses.replace(a_run(), url="classes/spring/")
    ics = calendar_for([run], "x", "https://someone.github.io/baby-massage", STAMP)
    first = Calendar.from_ical(ics).walk("VEVENT")[0]
    assert first["UID"] == "spring-1@someone.github.io"
    assert first["URL"] == "https://someone.github.io/baby-massage/classes/spring/"
