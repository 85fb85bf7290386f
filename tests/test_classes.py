"""What a parent sees when looking for a class, and what the author sees when she adds one."""

import datetime
import json
import shutil
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from support.content import HOSTILE_TITLE, RUN, RUNS, tiny_content, write_run, write_schedule
from support.content import SCHEDULE_TODAY as TODAY
from support.site import CONTENT, PUBLISHED_SITEURL, build, built

import pelicanconf
from plugins.class_schedule.generator import FIELDS, check_known
from plugins.class_schedule.model import (
    ContentError,
    course_from_fields,
    run_from_fields,
    venue_from_fields,
)
from plugins.shared import read_markdown

UK = ZoneInfo("Europe/London")


@pytest.fixture(scope="module")
def schedule_content(tmp_path_factory):
    """A tiny site whose schedule holds the runs above; copy it before changing it."""
    content = tiny_content(tmp_path_factory.mktemp("schedule") / "content")
    write_schedule(content)
    return content


@pytest.fixture(scope="module")
def schedule(schedule_content, tmp_path_factory):
    return built(
        "preview", tmp_path_factory.mktemp("schedule") / "output", schedule_content, today=TODAY
    )


@pytest.fixture
def schedule_copy(schedule_content, tmp_path):
    return shutil.copytree(schedule_content, tmp_path / "content")


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
    """The card names the venue, town and postcode (short enough for a phone's first
    screen); the run's own page gives the whole address."""
    card = run_card(schedule, "Spring Tuesdays").get_text(" ", strip=True).replace("\xa0", " ")
    for fact in [
        "Tuesdays, 10:00 to 11:00",
        "3 March to 31 March 2026 (5 sessions)",
        "Parkside Community Centre, Manchester M20 2XY",
        "£60 for 5 sessions",
        "6 weeks to crawling",
        "3 places left",
    ]:
        assert fact in card
    assert button(run_card(schedule, "Spring Tuesdays"))[1] == "Book a place on Spring Tuesdays"
    page = schedule.text("/classes/spring/")
    assert "Parkside Community Centre, 24 Parkside Road, Didsbury, Manchester, M20 2XY" in page


def test_a_postcode_and_the_number_of_sessions_never_break_over_two_lines(schedule):
    for text in (
        run_card(schedule, "Spring Tuesdays").get_text(" "),
        schedule.html("/classes/spring/").main.get_text(" "),
    ):
        assert "M20\xa02XY" in text and "M20 2XY" not in text
        assert "(5\xa0sessions)" in text and "for 5\xa0sessions" in text


def test_places_left_wording_for_one_place_and_for_none(schedule):
    assert "1 place left" in run_card(schedule, "Thursday afternoons").get_text(" ")
    full = run_card(schedule, "Friday mornings")
    assert "Fully booked" in full.get_text(" ")
    href, label = button(full)
    assert label == "Join the waiting list for Friday mornings"
    assert href.startswith("mailto:hello@example.com?subject=Waiting%20list%3A%20Friday%20mornings")


def test_a_price_with_pence_is_shown_in_pounds_and_pence(schedule):
    assert "£62.50 for 5\xa0sessions" in run_card(schedule, "Autumn Tuesdays").get_text(" ")


def test_a_cancelled_run_says_so_once_and_offers_no_booking(schedule):
    card = run_card(schedule, "Saturday group")
    assert card.get_text(" ").lower().count("cancelled") == 1
    assert button(card) == (None, "")
    page = schedule.html("/classes/cancelled/").find("main").get_text(" ")
    assert page.count("This course has been cancelled") == 1 and "Book a place" not in page
    assert page.lower().count("cancelled") == 1


def test_the_default_booking_link_emails_the_author_with_the_subject_filled_in(schedule):
    assert button(run_card(schedule, "Spring Tuesdays"))[0] == (
        "mailto:hello@example.com?subject=Booking%3A%20Spring%20Tuesdays%2C%203%20March%20to%2031%20March%202026"
    )


def test_an_own_booking_link_is_used_when_given(schedule_copy, tmp_path):
    write_run(
        schedule_copy,
        "spring",
        **{**RUNS["spring"], "extra": "Booking: https://book.example.org/123\n"},
    )
    site = built("build", tmp_path / "output", schedule_copy, today=TODAY)
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
    assert [li.get_text() for li in page.select(".sessions li")] == [
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
    cta = schedule.html("/blog/first-post/").select_one("aside.cta")
    assert "Next course: Spring Tuesdays, starting Tuesday 3 March 2026" in " ".join(
        cta.get_text().split()
    )
    assert cta.find("a", href=f"{PUBLISHED_SITEURL}/classes/spring/")


def test_a_run_across_the_end_of_summer_time_stays_at_10_in_the_page_and_calendar(schedule):
    starts = [t["datetime"] for t in schedule.html("/classes/autumn/").select(".sessions time")]
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
    assert event["location"]["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "24 Parkside Road, Didsbury",
        "addressLocality": "Manchester",
        "postalCode": "M20 2XY",
        "addressCountry": "GB",
    }
    assert event["organizer"]["name"] == "Gentle Touch Baby Massage"
    assert event["offers"] == {
        "@type": "Offer",
        "price": "60.00",
        "priceCurrency": "GBP",
        "availability": "https://schema.org/InStock",
        "url": f"{PUBLISHED_SITEURL}/classes/spring/",
        "validFrom": "2026-02-01",
    }
    assert event["performer"] == {"@type": "Person", "name": "Emma Clarke"}
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


SETTINGS = {"MARKDOWN": pelicanconf.MARKDOWN, "TYPOGRIFY": pelicanconf.TYPOGRIFY}
GOOD_RUN = RUN.format(
    title="Bad run", start="2026-03-03 10:00", price="60", places=8, booked=2, status="open"
)


def read_checked(path, folder: str) -> tuple[dict, str]:
    """A file's fields and text, refused as the build refuses them if a field is unknown."""
    fields, html = read_markdown(path, SETTINGS)
    check_known(fields, FIELDS[folder])
    return fields, html


def real_venues() -> dict:
    path = CONTENT / "venues" / "parkside-community-centre.md"
    return {path.stem: venue_from_fields(path.stem, read_checked(path, "venues")[0])}


def real_courses() -> dict:
    path = CONTENT / "courses" / "baby-massage.md"
    return {path.stem: course_from_fields(path.stem, *read_checked(path, "courses"))}


def run_from_file(path):
    fields, html = read_checked(path, "runs")
    return run_from_fields(
        path.stem,
        fields,
        html,
        real_courses(),
        real_venues(),
        pelicanconf.CONTACT_EMAIL,
        ZoneInfo(pelicanconf.TIMEZONE),
    )


def edited_copy(source: str, find: str, replace: str, path):
    """The text with one change, written to a real file."""
    assert find in source
    path.write_text(source.replace(find, replace, 1), encoding="utf-8")
    return path


def test_the_run_file_the_bad_cases_start_from_is_a_good_run(tmp_path):
    run = run_from_file(edited_copy(GOOD_RUN, "", "", tmp_path / "good-run.md"))
    assert (run.title, run.sessions, run.places_label) == ("Bad run", 5, "6 places left")
    assert run.venue.name == "Parkside Community Centre" and run.ages == "6 weeks to crawling"


BAD_RUNS = {
    "missing start": (
        "Start: 2026-03-03 10:00\n",
        "",
        "Start: missing. Add the first session's date and time, e.g. 'Start: 2026-03-03 10:00'.",
    ),
    "start in the wrong format": (
        "2026-03-03 10:00",
        "03/03/2026 10am",
        "Start: '03/03/2026 10am' is not a date and time in the form YYYY-MM-DD HH:MM "
        "(24-hour clock, UK time), e.g. 'Start: 2026-03-03 10:00'.",
    ),
    "start that does not exist": (
        "2026-03-03 10:00",
        "2026-02-30 10:00",
        "Start: '2026-02-30 10:00' is not a date and time in the form YYYY-MM-DD HH:MM "
        "(24-hour clock, UK time), e.g. 'Start: 2026-03-03 10:00'.",
    ),
    "no sessions": (
        "Sessions: 5",
        "Sessions: 0",
        "Sessions: '0' is not a positive whole number. Write it in digits, e.g. 'Sessions: 5'.",
    ),
    "sessions in words": (
        "Sessions: 5",
        "Sessions: five",
        "Sessions: 'five' is not a positive whole number. Write it in digits, e.g. 'Sessions: 5'.",
    ),
    "length in hours": (
        "Length: 60",
        "Length: 1.5",
        "Length: '1.5' is not a positive whole number. "
        "Write it in digits, e.g. 'Length: 60 (minutes)'.",
    ),
    "negative price": (
        "Price: 60",
        "Price: -60",
        "Price: '-60' is not a price in pounds, 0 or more, e.g. 'Price: 60' or 'Price: 62.50'.",
    ),
    "price in words": (
        "Price: 60",
        "Price: sixty",
        "Price: 'sixty' is not a price in pounds, 0 or more, e.g. 'Price: 60' or 'Price: 62.50'.",
    ),
    "no places": (
        "Places: 8",
        "Places: 0",
        "Places: '0' is not a positive whole number. Write it in digits, e.g. 'Places: 8'.",
    ),
    "more booked than places": (
        "Booked: 2",
        "Booked: 9",
        "Booked: 9 is more than the 8 places. Check both numbers.",
    ),
    "unknown venue": (
        "Venue: parkside-community-centre",
        "Venue: st-marys",
        "Venue: 'st-marys' is not one of the venues. "
        "Use the file name of one in content/venues/: parkside-community-centre.",
    ),
    "unknown course": (
        "Course: baby-massage",
        "Course: baby-yoga",
        "Course: 'baby-yoga' is not one of the courses. "
        "Use the file name of one in content/courses/: baby-massage.",
    ),
    "booking link that is not a web or e-mail address": (
        "Status: open",
        "Status: open\nBooking: ftp://example.org/x",
        "Booking: 'ftp://example.org/x' is not a booking link. Use a web address starting "
        "https:// or an e-mail link such as mailto:you@example.com, or delete the line to let "
        "parents book by e-mail.",
    ),
    "unknown status": (
        "Status: open",
        "Status: postponed",
        "Status: 'postponed' is not a status. Use 'open' or 'cancelled'.",
    ),
    "misspelt field": (
        "Booked: 2",
        "Bookd: 2",
        "Bookd: not a field this site knows. Check the spelling; known fields are Ages, "
        "Announced, Booked, Booking, Booking opens, Cancelled, Course, Extra session, Length, "
        "No class, Places, Price, Price note, Sample, Sessions, Start, Status, Title, Venue.",
    ),
    "booking opening day in words": (
        "Status: open",
        "Status: open\nBooking opens: 1 February",
        "Booking opens: '1 February' is not a date in the form YYYY-MM-DD, e.g. "
        "'Booking opens: 2026-02-01'. Or delete the line.",
    ),
    "booking opening after the course starts": (
        "Status: open",
        "Status: open\nBooking opens: 2026-03-10",
        "Booking opens: 2026-03-10 is after the first session (2026-03-03). Check both dates.",
    ),
}


@pytest.mark.parametrize("case", BAD_RUNS)
def test_a_wrong_field_in_a_run_names_the_field_and_the_fix(case, tmp_path):
    find, replace, message = BAD_RUNS[case]
    bad_run = edited_copy(GOOD_RUN, find, replace, tmp_path / "bad-run.md")
    with pytest.raises(ContentError) as error:
        run_from_file(bad_run)
    assert str(error.value) == message


BAD_VENUES = {
    "missing postcode": (
        "Postcode: M20 2XY\n",
        "",
        "Postcode: missing. Add the postcode, e.g. 'Postcode: M20 6AB'.",
    ),
    "map that is not a web address": (
        "Map: https://www.openstreetmap.org/search?query=M20%202XY",
        "Map: www.openstreetmap.org",
        "Map: 'www.openstreetmap.org' is not a web address. "
        "Paste the full link, starting https://.",
    ),
}


@pytest.mark.parametrize("case", BAD_VENUES)
def test_a_wrong_field_in_a_venue_names_the_field_and_the_fix(case, tmp_path):
    find, replace, message = BAD_VENUES[case]
    real = (CONTENT / "venues" / "parkside-community-centre.md").read_text(encoding="utf-8")
    venue = edited_copy(real, find, replace, tmp_path / "parkside-community-centre.md")
    with pytest.raises(ContentError) as error:
        venue_from_fields(venue.stem, read_checked(venue, "venues")[0])
    assert str(error.value) == message


BAD_COURSES = {
    "missing ages": (
        "Ages: 6 weeks to crawling\n",
        "",
        "Ages: missing. Add who it is for, e.g. 'Ages: 6 weeks to crawling'.",
    ),
    "minimum in words": (
        "Minimum: 3",
        "Minimum: three",
        "Minimum: 'three' is not a positive whole number. Write it in digits, e.g. 'Minimum: 3'.",
    ),
}


@pytest.mark.parametrize("case", BAD_COURSES)
def test_a_wrong_field_in_a_course_names_the_field_and_the_fix(case, tmp_path):
    find, replace, message = BAD_COURSES[case]
    real = (CONTENT / "courses" / "baby-massage.md").read_text(encoding="utf-8")
    course = edited_copy(real, find, replace, tmp_path / "baby-massage.md")
    with pytest.raises(ContentError) as error:
        course_from_fields(course.stem, *read_checked(course, "courses"))
    assert str(error.value) == message


def test_a_wrong_field_stops_the_build_naming_file_and_field_and_writes_nothing(
    tiny_site_content, tmp_path
):
    find, replace, message = BAD_RUNS["misspelt field"]
    edited_copy(GOOD_RUN, find, replace, tiny_site_content / "runs" / "bad-run.md")
    output = tmp_path / "output"

    result = build("build", output, tiny_site_content, today=TODAY)

    assert result.returncode != 0
    bad_run = (tiny_site_content / "runs" / "bad-run.md").as_posix()
    assert f"{bad_run}: {message}" in result.stderr.splitlines()
    assert "Traceback" not in result.stderr
    assert not output.exists()


BAD_VENUE_ADDRESSES = {
    "address in one line, as before": (
        "Street: 24 Parkside Road, Didsbury\nTown: Manchester",
        "Address: 24 Parkside Road, Didsbury, Manchester",
        "Address: the address is now written in parts. Replace this line with 'Street:'",
    ),
    "no town": ("Town: Manchester\n", "", "Town: missing. Add the town or city"),
    "no street": (
        "Street: 24 Parkside Road, Didsbury\n",
        "",
        "Street: missing. Add the house number and street",
    ),
}


@pytest.mark.parametrize("case", BAD_VENUE_ADDRESSES)
def test_a_venue_without_the_parts_of_its_address_stops_the_build(case, content_copy, tmp_path):
    find, replace, message = BAD_VENUE_ADDRESSES[case]
    venue = content_copy / "venues" / "parkside-community-centre.md"
    text = venue.read_text(encoding="utf-8")
    assert find in text
    venue.write_text(text.replace(find, replace, 1), encoding="utf-8")
    output = tmp_path / "output"

    result = build("build", output, content_copy, today=TODAY)

    assert result.returncode != 0
    assert f"content/venues/parkside-community-centre.md: {message}" in result.stderr
    assert "Traceback" not in result.stderr
    assert not output.exists()
