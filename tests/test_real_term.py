"""Her real term: a half-term week, a snow day, a catch-up session, a sibling price, and a
runs feed that tells the truth. A held-out run file using every field, as she would write
it, built into pages, calendars and the runs feed; and every mistake in those fields."""

import datetime
import re
import xml.etree.ElementTree as ET

import feedparser
import pytest
from support.atom_rules import ATOM, atom_problems
from support.content import tiny_content
from support.examples import TERM_RUN, UK, a_run
from support.site import PUBLISHED_SITEURL, BuiltSite, build, built, invoke

from plugins.class_schedule.calendar import calendar_for
from plugins.class_schedule.event import event_data
from plugins.class_schedule.model import ContentError

SLUG = "2027-01-tuesday-mornings"
# Tuesday 12 January 2027: six sessions, no class in the Manchester February half-term,
# the second session snowed off and made up at the end.
TERM = {
    "start": "2027-01-12 10:00",
    "sessions": "6",
    "no_class": "2027-02-16 (half-term)",
    "cancelled": "2027-01-19 (snow)",
    "extra_session": "2027-03-02 10:00 (in place of 19 January)",
    "price_note": "£50 for a sibling",
}
RUNNING = "2027-01-20"  # the day after the snow: the course is on
SITE = "https://www.example.com"
EVENT_SETTINGS = {
    "CANONICAL_SITEURL": SITE,
    "CURRENCY": "GBP",
    "COUNTRY": "GB",
    "SITENAME": "Gentle Touch Baby Massage",
    "AUTHOR": "Emma Clarke",
}


def days(run) -> list[str]:
    return [f"{s.start:%Y-%m-%d %H:%M}" for s in run.session_list]


# --- The run as the model reads it (milliseconds) -----------------------------------------
@pytest.mark.pure
def test_a_half_term_week_is_left_out_and_the_course_ends_a_week_later():
    plain = a_run(start="2027-01-12 10:00", sessions="6")
    term = a_run(start="2027-01-12 10:00", sessions="6", no_class="2027-02-16 (half-term)")
    assert days(plain)[-1] == "2027-02-16 10:00"
    assert "2027-02-16 10:00" not in days(term)
    assert days(term)[-1] == "2027-02-23 10:00" and len(days(term)) == 6
    assert term.dates == "12 January to 23 February 2027"
    assert term.price_label == "£60 for 6 sessions"
    assert [(row.kind, row.text, row.reason) for row in term.timetable][5:7] == [
        ("no class", "Tuesday 16 February 2027", "half-term"),
        ("session", "Tuesday 23 February 2027", ""),
    ]


@pytest.mark.pure
def test_a_snow_day_keeps_its_place_struck_and_is_announced_until_the_course_is_over():
    run = a_run(**TERM)
    snow = next(s for s in run.session_list if s.cancelled)
    assert (f"{snow.start:%Y-%m-%d}", snow.number, snow.reason) == ("2027-01-19", 2, "snow")
    assert run.cancellation_notices == ["Tuesday 19 January is cancelled: snow"]
    assert run.calendar_label == "all 6 sessions"  # five weekly ones held, and the catch-up
    finished = a_run(**TERM).__class__(**{**run.__dict__, "finished": True})
    assert finished.cancellation_notices == [] and finished.state == "finished"
    whole = a_run(**TERM, status="cancelled")
    assert whole.cancellation_notices == [] and whole.state == "cancelled"


@pytest.mark.pure
def test_a_catch_up_session_is_added_in_date_order_and_the_course_ends_with_it():
    run = a_run(**TERM)
    assert days(run) == [
        "2027-01-12 10:00",
        "2027-01-19 10:00",
        "2027-01-26 10:00",
        "2027-02-02 10:00",
        "2027-02-09 10:00",
        "2027-02-23 10:00",
        "2027-03-02 10:00",
    ]
    extra = run.session_list[-1]
    assert extra.is_extra and extra.reason == "in place of 19 January"
    assert run.dates == "12 January to 2 March 2027"
    assert run.end.isoformat() == "2027-03-02T11:00:00+00:00"


@pytest.mark.pure
def test_a_sibling_price_is_said_after_the_price_and_search_engines_keep_the_price():
    run = a_run(**TERM)
    assert run.price_label == "£60 for 6 sessions (£50 for a sibling)"
    offer = event_data(run, EVENT_SETTINGS, "x.png")["offers"]
    assert (offer["price"], offer["priceCurrency"]) == ("60.00", "GBP")
    assert event_data(run, EVENT_SETTINGS, "x.png")["endDate"] == "2027-03-02T11:00:00+00:00"


def vevents(ics: bytes) -> dict[str, str]:
    """Each VEVENT's text as written, by its UID."""
    blocks = re.findall(rb"BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", ics, re.DOTALL)
    return {re.search(rb"\r\nUID:(\S+)\r\n", b)[1].decode(): b.decode() for b in blocks}


@pytest.mark.pure
def test_a_snow_day_is_cancelled_in_parents_calendars_and_nothing_else_changes():
    stamp = datetime.datetime(2027, 1, 18, tzinfo=UK)
    before = vevents(calendar_for([a_run(start=TERM["start"], sessions="6")], "x", SITE, stamp))
    after = vevents(
        calendar_for([a_run(start=TERM["start"], sessions="6", cancelled="2027-01-19 (snow)")],
                     "x", SITE, stamp)
    )  # fmt: skip
    snow = "spring-2@www.example.com"
    assert before.keys() == after.keys() and len(after) == 6
    assert {uid: after[uid] for uid in after if uid != snow} == {
        uid: before[uid] for uid in before if uid != snow
    }
    assert "STATUS:CONFIRMED" in before[snow] and "SEQUENCE" not in before[snow]
    assert "STATUS:CANCELLED\r\n" in after[snow] and "SEQUENCE:1\r\n" in after[snow]
    assert "DTSTART;TZID=Europe/London:20270119T100000" in after[snow]


FIELD_MISTAKES = {
    "a half-term on a Wednesday": (
        {"no_class": "2027-02-17 (half-term)"},
        (
            "No class: 2027-02-17 is not one of this course's session dates: they are 2027-01-12, "
            "2027-01-19, 2027-01-26, 2027-02-02, 2027-02-09 and 2027-02-16. Write the date of a week "
            "the course does not meet (the later sessions move on a week), or delete it."
        ),
    ),
    "a half-term after the course": (
        {"no_class": "2027-03-02"},
        (
            "No class: 2027-03-02 is not one of this course's session dates: they are 2027-01-12, "
            "2027-01-19, 2027-01-26, 2027-02-02, 2027-02-09 and 2027-02-16. Write the date of a week "
            "the course does not meet (the later sessions move on a week), or delete it."
        ),
    ),
    "no class on the first session": (
        {"no_class": "2027-01-12"},
        "No class: 2027-01-12 is the first session (Start). To begin a week later, change Start.",
    ),
    "a half-term in British order": (
        {"no_class": "16/02/2027 (half-term)"},
        (
            "No class: '16/02/2027' is not a date in the form YYYY-MM-DD, e.g. "
            "'No class: 2027-02-16 (half-term)'."
        ),
    ),
    "a reason without its closing bracket": (
        {"no_class": "2027-02-16 (half-term"},
        (
            "No class: '2027-02-16 (half-term' is not written as dates with a reason in brackets. "
            "Write e.g. 'No class: 2027-02-16 (half-term)', several separated by commas."
        ),
    ),
    "a snow day that is not a session": (
        {"no_class": "2027-02-16", "cancelled": "2027-02-16 (snow)"},
        (
            "Cancelled: 2027-02-16 is not one of this course's session dates: they are 2027-01-12, "
            "2027-01-19, 2027-01-26, 2027-02-02, 2027-02-09 and 2027-02-23. Write the date of the "
            "session that will not happen."
        ),
    ),
    "a snow day written twice": (
        {"cancelled": "2027-01-19 (snow), 2027-01-19"},
        "Cancelled: 2027-01-19 is written twice. Keep one.",
    ),
    "a snow day in words": (
        {"cancelled": "19 January (snow)"},
        (
            "Cancelled: '19 January' is not a date in the form YYYY-MM-DD, e.g. "
            "'Cancelled: 2027-01-19 (snow)'."
        ),
    ),
    "a catch-up before the course starts": (
        {"extra_session": "2027-01-05 10:00"},
        (
            "Extra session: 2027-01-05 10:00 is before the first session (2027-01-12 10:00). "
            "Check the date, or change Start."
        ),
    ),
    "a catch-up at the time of a session": (
        {"extra_session": "2027-01-26 10:30 (catch-up)"},
        (
            "Extra session: 2027-01-26 10:30 clashes with the session on Tuesday 26 January 2027, "
            "10:00 to 11:00. Choose another day or time."
        ),
    ),
    "two catch-ups at once": (
        {"extra_session": "2027-03-02 10:00, 2027-03-02 10:30"},
        (
            "Extra session: 2027-03-02 10:30 clashes with the session on Tuesday 2 March 2027, "
            "10:00 to 11:00. Choose another day or time."
        ),
    ),
    "a catch-up without its time": (
        {"extra_session": "2027-03-02"},
        (
            "Extra session: '2027-03-02' is not a date and time in the form YYYY-MM-DD HH:MM "
            "(24-hour clock, UK time), e.g. 'Extra session: 2027-03-02 10:00 (in place of "
            "19 January)'."
        ),
    ),
    "a price note that is a paragraph": (
        {"price_note": "Siblings " + "are welcome at a lower price " * 4},
        (
            "Price note: 124 characters long: keep it to one short line of at most 80, e.g. "
            "'Price note: £50 for a sibling'; more belongs in the note below the fields."
        ),
    ),
    "one session cancelled through the status": (
        {"status": "cancelled 19 January (snow)"},
        (
            "Status: 'cancelled 19 january (snow)' is not a status. To cancel one session, keep "
            "'Status: open' and add its date on its own line, e.g. 'Cancelled: 2027-01-19 (snow)'; "
            "'Status: cancelled' cancels the whole course."
        ),
    ),
    "an announcement day in words": (
        {"announced": "2 November"},
        (
            "Announced: '2 November' is not a date in the form YYYY-MM-DD, e.g. "
            "'Announced: 2026-11-02'. Or delete the line."
        ),
    ),
}


@pytest.mark.pure
@pytest.mark.parametrize("case", FIELD_MISTAKES)
def test_a_mistake_in_a_term_field_names_the_field_and_the_fix(case):
    changes, message = FIELD_MISTAKES[case]
    with pytest.raises(ContentError) as raised:
        a_run(start="2027-01-12 10:00", sessions="6", **changes)
    assert str(raised.value) == message


@pytest.mark.pure
def test_several_dates_go_on_one_line_with_commas_or_on_two_lines():
    weeks = {"start": "2027-01-12 10:00", "sessions": "6"}
    one_line = a_run(**weeks, no_class="2027-02-16 (half-term), 2027-02-23 (closed, sorry)")
    two_lines = a_run(**weeks, no_class="2027-02-16 (half-term) 2027-02-23 (closed, sorry)")
    assert one_line.no_class == two_lines.no_class
    assert [off.reason for off in one_line.no_class] == ["half-term", "closed, sorry"]
    assert days(one_line)[-2:] == ["2027-02-09 10:00", "2027-03-02 10:00"]


# --- The held-out run, built into the site ------------------------------------------------
@pytest.fixture(scope="module")
def term_content(tmp_path_factory):
    content = tiny_content(tmp_path_factory.mktemp("term") / "content")
    (content / "runs" / f"{SLUG}.md").write_text(TERM_RUN, encoding="utf-8")
    return content


@pytest.fixture(scope="module")
def term_site(term_content, tmp_path_factory):
    return built("preview", tmp_path_factory.mktemp("term") / "output", term_content, RUNNING)


def test_the_run_page_lists_the_half_term_the_snow_day_and_the_catch_up_where_they_fall(
    term_site,
):
    page = term_site.html(f"/classes/{SLUG}/")
    rows = [li.get_text(" ", strip=True) for li in page.select(".sessions li")]
    assert rows == [
        "Tuesday 12 January 2027",
        "Tuesday 19 January 2027 cancelled: snow",
        "Tuesday 26 January 2027",
        "Tuesday 2 February 2027",
        "Tuesday 9 February 2027",
        "No class on Tuesday 16 February 2027: half-term",
        "Tuesday 23 February 2027",
        "Tuesday 2 March 2027 , 10:00: extra session (in place of 19 January)",
    ]
    assert page.select_one(".sessions del").get_text() == "Tuesday 19 January 2027"
    facts = page.select_one(".key-facts").get_text(" ", strip=True).replace("\xa0", " ")
    assert "12 January to 2 March 2027 (6 sessions)" in facts


def test_a_snow_day_is_said_at_the_top_of_the_run_page_while_the_course_is_on(term_site):
    page = term_site.html(f"/classes/{SLUG}/")
    first = page.select_one("h1").find_next_sibling()
    assert first.get_text(" ", strip=True) == "Tuesday 19 January is cancelled: snow."
    assert "Book a place" in page.get_text()


def test_the_sibling_price_shows_on_the_card_the_run_page_the_poster_and_the_feed(term_site):
    said = "£60 for 6 sessions (£50 for a sibling)"
    card = term_site.html("/classes/").select_one(".runs .run").get_text(" ", strip=True)
    card = card.replace("\xa0", " ")  # "6 sessions" never breaks
    assert said in card
    page = term_site.html(f"/classes/{SLUG}/").select_one(".key-facts").get_text()
    assert said in page.replace("\xa0", " ")
    poster = term_site.html(f"/classes/{SLUG}/poster/").select_one(".facts").get_text(" ")
    assert said in poster and "No class on 16 February: half-term" in poster
    entry = feedparser.parse(term_site.file("/classes/feed.xml").read_bytes()).entries[0]
    assert said in entry.summary


def test_the_runs_feed_is_valid_atom_with_an_author_and_the_dates_she_wrote(term_site):
    data = term_site.file("/classes/feed.xml").read_bytes()
    parsed = feedparser.parse(data)
    assert not parsed.bozo, parsed.get("bozo_exception")
    feed_url = f"{PUBLISHED_SITEURL}/classes/feed.xml"
    assert atom_problems(ET.fromstring(data), feed_url) == []
    assert parsed.feed.author == "Emma Clarke"
    entry = parsed.entries[0]
    assert entry.published == entry.updated == "2026-11-02T00:00:00+00:00"
    assert "No class on 16 February: half-term." in entry.summary
    assert "Tuesday 19 January is cancelled: snow." in entry.summary
    assert "Extra session on Tuesday 2 March 2027, 10:00: in place of 19 January." in entry.summary


def test_building_again_on_another_day_with_nothing_changed_writes_the_same_runs_feed(
    term_site, term_content, tmp_path
):
    again = built("preview", tmp_path / "output", term_content, "2027-01-27")
    assert again.file("/classes/feed.xml").read_bytes() == (
        term_site.file("/classes/feed.xml").read_bytes()
    )


def feed_dates(site) -> tuple[str, str]:
    entry = ET.parse(site.file("/classes/feed.xml")).getroot().find(f"{ATOM}entry")
    return entry.findtext(f"{ATOM}published"), entry.findtext(f"{ATOM}updated")


def published_on(day: str, content, tmp_path) -> BuiltSite:
    """`invoke publish` to a folder on `day`, remembering the runs feed as the workflow does."""
    folder = tmp_path / f"live-{day}"
    env = {
        "DEPLOY_TARGET": "folder",
        "PUBLISH_FOLDER": str(folder),
        "PUBLISH_STATE_FILE": str(tmp_path / "state.json"),
        "RUNS_FEED_MEMORY": str(tmp_path / "runs-feed.json"),
    }
    result = invoke(
        "publish", "--allow-examples", "--content", str(content), "--today", day, env=env
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return BuiltSite(folder)


def test_a_place_booked_shows_the_course_as_updated_on_the_day_it_is_published_and_then_not(
    content_copy, tmp_path
):
    run = content_copy / "runs" / f"{SLUG}.md"
    run.write_text(TERM_RUN, encoding="utf-8")
    announced = "2026-11-02T00:00:00+00:00"
    first = published_on("2027-01-20", content_copy, tmp_path)
    assert feed_dates(first) == (announced, announced)

    run.write_text(TERM_RUN.replace("Booked: 3", "Booked: 4"), encoding="utf-8")
    preview = invoke(
        *("preview", "--output", str(tmp_path / "preview"), "--content", str(content_copy)),
        *("--today", "2027-01-21"),
        env={"RUNS_FEED_MEMORY": str(tmp_path / "runs-feed.json")},
    )
    assert preview.returncode == 0, preview.stderr
    preview_dates = feed_dates(BuiltSite(tmp_path / "preview"))
    assert preview_dates == (announced, "2027-01-21T00:00:00+00:00"), "as if published that day"
    booked = published_on("2027-01-22", content_copy, tmp_path)
    assert "4 places left" in booked.file("/classes/feed.xml").read_text(encoding="utf-8")
    assert feed_dates(booked) == (announced, "2027-01-22T00:00:00+00:00"), "first published"

    nightly = published_on("2027-01-23", content_copy, tmp_path)
    assert nightly.file("/classes/feed.xml").read_bytes() == (
        booked.file("/classes/feed.xml").read_bytes()
    )


# --- Venues that are not there ------------------------------------------------------------
FINISHED_RUN = TERM_RUN.replace("Start: 2027-01-12", "Start: 2026-09-08").replace(
    "Venue: parkside-community-centre", "Venue: st-marys-hall"
)
FINISHED_RUN = re.sub(r"No class:.*\n|Cancelled:.*\n|Extra session:.*\n", "", FINISHED_RUN)


def test_a_deleted_venue_names_its_runs_and_never_suggests_another_for_a_finished_one(
    tmp_path,
):
    content = tiny_content(tmp_path / "content")
    runs = content / "runs"
    (runs / "2026-09-tuesday-mornings.md").write_text(FINISHED_RUN, encoding="utf-8")
    result = build("build", tmp_path / "output", content, RUNNING)
    assert result.returncode != 0
    venue, old = (content / "venues" / "st-marys-hall.md").as_posix(), runs.as_posix()
    assert result.stderr.splitlines()[0] == (
        f"{venue}: there is no such venue file, but the Venue of "
        f"{old}/2026-09-tuesday-mornings.md names it. Restore the file (from a backup, or "
        f"the site's history on GitHub): {old}/2026-09-tuesday-mornings.md has finished, and "
        "a finished course's page keeps saying where it met."
    )
    assert "one of the venues" not in result.stderr and not (tmp_path / "output").exists()

    upcoming = FINISHED_RUN.replace("Start: 2026-09-08", "Start: 2027-03-16")
    (runs / "2027-03-tuesday-mornings.md").write_text(upcoming, encoding="utf-8")
    both = build("build", tmp_path / "output", content, RUNNING)
    assert both.stderr.splitlines()[0].endswith(
        f"Or change the Venue of {old}/2027-03-tuesday-mornings.md to one of the venues in "
        "content/venues/: parkside-community-centre."
    )
    assert len([line for line in both.stderr.splitlines() if "st-marys-hall" in line]) == 1


def test_a_venue_with_a_mistake_of_its_own_is_the_only_message(tmp_path):
    content = tiny_content(tmp_path / "content")
    venue = content / "venues" / "parkside-community-centre.md"
    venue.write_text(
        re.sub(r"Map: .*", "Map: www.openstreetmap.org", venue.read_text("utf-8")), "utf-8"
    )
    result = build("build", tmp_path / "output", content, RUNNING)
    assert result.returncode != 0
    assert result.stderr.splitlines()[:-2] == [
        (
            f"{venue.as_posix()}: Map: 'www.openstreetmap.org' is not a web address. "
            "Paste the full link, starting https://."
        )
    ]
