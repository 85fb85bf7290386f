"""What a parent sees when looking for a class, and what the author sees when she adds one."""

import datetime
import json
import shutil
from zoneinfo import ZoneInfo

import pytest
from conftest import PUBLISHED_SITEURL, build, built
from icalendar import Calendar

UK = ZoneInfo("Europe/London")
TODAY = "2026-03-01"
HOSTILE_TITLE = 'Mum\'s "first" class & <baby> yoga </script>'

RUN = """\
Title: {title}
Course: baby-massage
Start: {start}
Sessions: 5
Length: 60
Venue: parkside-community-centre
Price: {price}
Places: {places}
Booked: {booked}
Status: {status}
"""

RUNS = {
    "past": dict(title="January babies", start="2026-01-06 10:00", places=8, booked=8),
    "spring": dict(title="Spring Tuesdays", start="2026-03-03 10:00", places=8, booked=5),
    "thursday": dict(title="Thursday afternoons", start="2026-03-05 13:30", places=6, booked=5),
    "full": dict(title="Friday mornings", start="2026-03-06 10:00", places=6, booked=6),
    "cancelled": dict(title="Saturday group", start="2026-03-07 09:30", status="cancelled"),
    "autumn": dict(
        title="Autumn Tuesdays", start="2026-10-13 10:00", price="62.50", places=8, booked=0
    ),
    "hostile": dict(title=HOSTILE_TITLE, start="2026-11-03 10:00"),
}


def write_run(folder, name, title, start, price="60", places=8, booked=2, status="open", extra=""):
    text = RUN.format(
        title=title, start=start, price=price, places=places, booked=booked, status=status
    )
    (folder / "runs" / f"{name}.md").write_text(text + extra, encoding="utf-8")


@pytest.fixture
def schedule_content(content_copy):
    shutil.rmtree(content_copy / "runs")
    (content_copy / "runs").mkdir()
    for name, run in RUNS.items():
        write_run(content_copy, name, **run)
    return content_copy


@pytest.fixture
def schedule(schedule_content, tmp_path):
    return built("preview", tmp_path / "output", schedule_content, today=TODAY)


def run_titles(page) -> list[str]:
    return [h.get_text(" ", strip=True) for h in page.select(".runs h3")]


def run_card(site, title):
    return next(
        card for card in site.html("/classes/").select(".run") if card.h3.get_text() == title
    )


def button(card):
    """The action a parent can take on a run: its link and what it says (as read aloud)."""
    link = card.select_one("a.button")
    return (link["href"], link.get_text()) if link else (None, "")


def event_data(site, slug) -> dict:
    script = site.html(f"/classes/{slug}/").find("script", type="application/ld+json")
    return json.loads(script.string)


def sessions_in(calendar_bytes):
    return [e for e in Calendar.from_ical(calendar_bytes).walk("VEVENT")]


def test_the_schedule_lists_upcoming_runs_by_start_and_hides_past_ones(schedule):
    assert run_titles(schedule.html("/classes/")) == [
        "Spring Tuesdays",
        "Thursday afternoons",
        "Friday mornings",
        "Saturday group",
        "Autumn Tuesdays",
        HOSTILE_TITLE,
    ]
    assert "January babies" not in schedule.text("/classes/")


def test_a_run_shows_day_time_dates_venue_price_ages_and_places(schedule):
    card = run_card(schedule, "Spring Tuesdays").get_text(" ", strip=True)
    for fact in [
        "Tuesdays, 10:00 to 11:00",
        "3 March to 31 March 2026 (5 sessions)",
        "Parkside Community Centre",
        "M20 2XY",
        "£60 for 5 sessions",
        "6 weeks to crawling",
        "3 places left",
    ]:
        assert fact in card
    assert button(run_card(schedule, "Spring Tuesdays"))[1] == "Book a place on Spring Tuesdays"


def test_places_left_wording_for_one_place_and_for_none(schedule):
    assert "1 place left" in run_card(schedule, "Thursday afternoons").get_text(" ")
    full = run_card(schedule, "Friday mornings")
    assert "Fully booked" in full.get_text(" ")
    href, label = button(full)
    assert label == "Join the waiting list for Friday mornings"
    assert href.startswith("mailto:hello@example.com?subject=Waiting%20list%3A%20Friday%20mornings")


def test_a_price_with_pence_is_shown_in_pounds_and_pence(schedule):
    assert "£62.50 for 5 sessions" in run_card(schedule, "Autumn Tuesdays").get_text(" ")


def test_a_cancelled_run_says_so_and_offers_no_booking(schedule):
    card = run_card(schedule, "Saturday group")
    assert "Cancelled" in card.get_text(" ") and "cancelled" in card.get_text(" ")
    assert button(card) == (None, "")
    page = schedule.text("/classes/cancelled/")
    assert "This course has been cancelled" in page and "Book a place" not in page


def test_the_default_booking_link_emails_the_author_with_the_subject_filled_in(schedule):
    assert button(run_card(schedule, "Spring Tuesdays"))[0] == (
        "mailto:hello@example.com?subject=Booking%3A%20Spring%20Tuesdays%2C%203%20March%20to%2031%20March%202026"
    )


def test_an_own_booking_link_is_used_when_given(schedule_content, tmp_path):
    write_run(
        schedule_content,
        "spring",
        **RUNS["spring"],
        extra="Booking: https://book.example.org/123\n",
    )
    site = built("build", tmp_path / "output", schedule_content, today=TODAY)
    assert button(run_card(site, "Spring Tuesdays"))[0] == "https://book.example.org/123"


def test_the_schedule_says_how_to_hear_about_the_next_course_when_none_is_upcoming(
    schedule_content, tmp_path
):
    site = built("build", tmp_path / "output", schedule_content, today="2027-01-01")
    text = site.text("/classes/")
    assert "There are no courses booked in just now" in text
    assert site.html("/classes/").find(
        "a", href=lambda h: h and h.startswith("mailto:"), string="e-mail me"
    )
    assert not site.html("/classes/").select(".runs")
    assert "There are no courses booked in just now" in site.text("/")


def test_a_run_page_lists_every_session_and_offers_the_calendar(schedule):
    page = schedule.html("/classes/spring/")
    assert [li.get_text() for li in page.select("ol.sessions li")] == [
        "Tuesday 3 March 2026",
        "Tuesday 10 March 2026",
        "Tuesday 17 March 2026",
        "Tuesday 24 March 2026",
        "Tuesday 31 March 2026",
    ]
    link = page.find("a", string="Add all 5 sessions to your calendar")
    assert link["href"] == f"{PUBLISHED_SITEURL}/classes/spring.ics"


def test_a_past_run_page_stays_online_and_says_the_course_has_finished(schedule):
    text = schedule.text("/classes/past/")
    assert "This course has finished" in text and "Book a place" not in text


def test_the_home_page_shows_the_next_three_runs_and_posts_name_the_next_bookable_one(schedule):
    assert run_titles(schedule.html("/")) == [
        "Spring Tuesdays",
        "Thursday afternoons",
        "Friday mornings",
    ]
    cta = schedule.html("/blog/childrens-mental-health-week-first-1001-days/").select_one(
        "aside.cta"
    )
    assert "Next course: Spring Tuesdays, starting Tuesday 3 March 2026" in " ".join(
        cta.get_text().split()
    )
    assert cta.find("a", href=f"{PUBLISHED_SITEURL}/classes/spring/")


def test_a_run_across_the_end_of_summer_time_stays_at_10_in_the_page_and_calendar(schedule):
    starts = [t["datetime"] for t in schedule.html("/classes/autumn/").select("ol.sessions time")]
    assert starts == [
        "2026-10-13T10:00:00+01:00",
        "2026-10-20T10:00:00+01:00",
        "2026-10-27T10:00:00+00:00",
        "2026-11-03T10:00:00+00:00",
        "2026-11-10T10:00:00+00:00",
    ]
    events = sessions_in((schedule.root / "classes" / "autumn.ics").read_bytes())
    local = [e.decoded("dtstart").astimezone(UK) for e in events]
    utc = [e.decoded("dtstart").astimezone(datetime.timezone.utc).hour for e in events]
    assert [t.strftime("%H:%M") for t in local] == ["10:00"] * 5
    assert utc == [9, 9, 10, 10, 10]


def test_calendars_parse_and_hold_one_event_per_session_with_stable_ids(
    schedule, schedule_content, tmp_path
):
    feed = (schedule.root / "classes.ics").read_bytes()
    calendar = Calendar.from_ical(feed)
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/London"
    events = sessions_in(feed)
    assert len(events) == 6 * 5
    assert len({e["UID"] for e in events}) == 30
    assert {str(e["STATUS"]) for e in events if "Saturday" in e["SUMMARY"]} == {"CANCELLED"}
    assert b"TZID=Europe/London" in feed
    spring = sessions_in((schedule.root / "classes" / "spring.ics").read_bytes())
    assert [e["SUMMARY"] for e in spring][0] == "Spring Tuesdays (1 of 5)"
    assert (
        spring[0]["LOCATION"]
        == "Parkside Community Centre, 24 Parkside Road, Didsbury, Manchester, M20 2XY"
    )

    again = built("preview", tmp_path / "again", schedule_content, today=TODAY)
    assert (again.root / "classes.ics").read_bytes() == feed


def test_each_run_page_describes_the_run_as_an_event_for_search_engines(schedule):
    event = event_data(schedule, "spring")
    assert event["@type"] == "Event" and event["name"] == "Spring Tuesdays"
    assert event["startDate"] == "2026-03-03T10:00:00+00:00"
    assert event["endDate"] == "2026-03-31T11:00:00+01:00"
    assert event["eventStatus"] == "https://schema.org/EventScheduled"
    assert event["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert event["location"]["@type"] == "Place"
    assert event["location"]["address"]["@type"] == "PostalAddress"
    assert event["location"]["address"]["postalCode"] == "M20 2XY"
    assert event["organizer"]["name"] == "Gentle Touch Baby Massage"
    assert event["offers"] == {
        "@type": "Offer",
        "price": "60.00",
        "priceCurrency": "GBP",
        "availability": "https://schema.org/InStock",
        "url": f"{PUBLISHED_SITEURL}/classes/spring/",
        "validFrom": TODAY,
    }
    assert event["url"] == f"{PUBLISHED_SITEURL}/classes/spring/" and event["description"]
    assert event_data(schedule, "full")["offers"]["availability"] == "https://schema.org/SoldOut"
    assert event_data(schedule, "cancelled")["eventStatus"] == "https://schema.org/EventCancelled"


def test_a_hostile_title_stays_text_in_the_page_and_the_event_data(schedule):
    page = schedule.html("/classes/hostile/")
    assert all("<" not in script.string for script in page.find_all("script"))
    assert page.h1.get_text() == HOSTILE_TITLE
    assert event_data(schedule, "hostile")["name"] == HOSTILE_TITLE
    scripts = [json.loads(s.string) for s in page.find_all("script", type="application/ld+json")]
    trail = next(s for s in scripts if s["@type"] == "BreadcrumbList")["itemListElement"]
    assert trail[-1]["name"] == HOSTILE_TITLE
    assert page.title.get_text().startswith(HOSTILE_TITLE)


BAD_RUNS = {
    "missing start": ("Start: 2026-03-03 10:00\n", "", "Start: missing"),
    "start in the wrong format": (
        "2026-03-03 10:00",
        "03/03/2026 10am",
        "Start: '03/03/2026 10am' is not a date and time in the form YYYY-MM-DD HH:MM",
    ),
    "start that does not exist": (
        "2026-03-03 10:00",
        "2026-02-30 10:00",
        "Start: '2026-02-30 10:00' is not a date and time",
    ),
    "no sessions": ("Sessions: 5", "Sessions: 0", "Sessions: '0' is not a positive whole number"),
    "sessions in words": (
        "Sessions: 5",
        "Sessions: five",
        "Sessions: 'five' is not a positive whole number",
    ),
    "length in hours": (
        "Length: 60",
        "Length: 1.5",
        "Length: '1.5' is not a positive whole number",
    ),
    "negative price": ("Price: 60", "Price: -60", "Price: '-60' is not a price in pounds"),
    "price in words": ("Price: 60", "Price: sixty", "Price: 'sixty' is not a price in pounds"),
    "no places": ("Places: 8", "Places: 0", "Places: '0' is not a positive whole number"),
    "more booked than places": ("Booked: 2", "Booked: 9", "Booked: 9 is more than the 8 places"),
    "unknown venue": (
        "Venue: parkside-community-centre",
        "Venue: st-marys",
        "Venue: 'st-marys' is not one of the venues",
    ),
    "unknown course": (
        "Course: baby-massage",
        "Course: baby-yoga",
        "Course: 'baby-yoga' is not one of the courses",
    ),
    "booking link that is not a web or e-mail address": (
        "Status: open",
        "Status: open\nBooking: ftp://example.org/x",
        "Booking: 'ftp://example.org/x' is not a booking link",
    ),
    "unknown status": (
        "Status: open",
        "Status: postponed",
        "Status: 'postponed' is not a status. Use 'open' or 'cancelled'",
    ),
    "misspelt field": ("Booked: 2", "Bookd: 2", "Bookd: not a field this site knows"),
}


@pytest.mark.parametrize("case", BAD_RUNS)
def test_a_wrong_field_stops_the_build_naming_file_and_field_and_writes_nothing(
    case, content_copy, tmp_path
):
    find, replace, message = BAD_RUNS[case]
    good = RUN.format(
        title="Bad run", start="2026-03-03 10:00", price="60", places=8, booked=2, status="open"
    )
    assert find in good
    (content_copy / "runs" / "bad-run.md").write_text(
        good.replace(find, replace, 1), encoding="utf-8"
    )
    output = tmp_path / "output"

    result = build("build", output, content_copy, today=TODAY)

    assert result.returncode != 0
    assert f"content/runs/bad-run.md: {message}" in result.stderr
    assert "Traceback" not in result.stderr
    assert not output.exists()
