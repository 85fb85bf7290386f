"""The class calendars as other calendar software reads them: Mozilla's ical.js (Thunderbird),
node-ical and vobject, next to icalendar, across both changes of the clocks."""

import datetime
import json
import shutil
import subprocess

import pytest
import vobject
from icalendar import Calendar
from support.content import SCHEDULE_TODAY as TODAY
from support.content import write_schedule
from support.site import CONTENT, built
from support.tools import JS_CLIENTS, require_js_clients

UTC = datetime.UTC
# Runs of five weekly sessions at 10:00 UK time: "spring" spans the start of summer time
# (29 March 2026), "autumn" its end (25 October 2026). The UTC hour moves; 10:00 does not.
SESSIONS_IN_UTC = {
    "Spring Tuesdays": ["2026-03-03T10", "2026-03-10T10", "2026-03-17T10", "2026-03-24T10",
                        "2026-03-31T09"],
    "Autumn Tuesdays": ["2026-10-13T09", "2026-10-20T09", "2026-10-27T10", "2026-11-03T10",
                        "2026-11-10T10"],
}  # fmt: skip


@pytest.fixture(scope="module")
def calendar_file(tmp_path_factory):
    """classes.ics of a schedule with open, full and cancelled runs in every season."""
    content = tmp_path_factory.mktemp("calendars") / "content"
    shutil.copytree(CONTENT, content)
    write_schedule(content)
    site = built("preview", content.parent / "output", content, today=TODAY)
    return site.root / "classes.ics"


def utc(moment: datetime.datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M")


def with_icalendar(path) -> list[dict]:
    return [
        {
            "uid": str(event["UID"]),
            "summary": str(event["SUMMARY"]),
            "location": str(event["LOCATION"]),
            "status": str(event["STATUS"]),
            "start": utc(event.decoded("DTSTART")),
            "end": utc(event.decoded("DTEND")),
        }
        for event in Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    ]


def with_vobject(path) -> list[dict]:
    calendar = vobject.readOne(path.read_text(encoding="utf-8"))
    return [
        {
            "uid": event.uid.value,
            "summary": event.summary.value,
            "location": event.location.value,
            "status": event.status.value,
            "start": utc(event.dtstart.value),
            "end": utc(event.dtend.value),
        }
        for event in calendar.vevent_list
    ]


def with_node_clients(path) -> dict[str, list[dict]]:
    require_js_clients()
    result = subprocess.run(
        ["node", str(JS_CLIENTS / "read_calendar.mjs"), str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    parsed = json.loads(result.stdout)
    for events in parsed.values():
        for event in events:
            assert event.pop("zone") == "Europe/London", event
            for key in ("start", "end"):
                event[key] = event[key][: len("2026-03-03T10:00")]
    return parsed


def read_by(client: str, path) -> list[dict]:
    if client == "vobject":
        return with_vobject(path)
    return with_node_clients(path)[client]


@pytest.mark.parametrize("client", ["ical.js", "node-ical", "vobject"])
def test_other_calendar_clients_read_every_session_as_icalendar_does(calendar_file, client):
    events = read_by(client, calendar_file)
    assert events == with_icalendar(calendar_file)
    for title, starts in SESSIONS_IN_UTC.items():
        own = [e for e in events if e["summary"].startswith(title + " (")]
        assert [e["start"][: len("2026-03-03T10")] for e in own] == starts
        assert all(e["status"] == "CONFIRMED" for e in own)
    cancelled = [e["status"] for e in events if e["summary"].startswith("Saturday group")]
    assert cancelled == ["CANCELLED"] * 5
