"""What the author reads when a run, course or venue file has a mistake, word for word,
and what a correct file becomes. These run the model's own checks in milliseconds."""

import datetime
from decimal import Decimal

import pytest
from support.examples import COURSE, UK, VENUE, a_run

from plugins.class_schedule.model import (
    ContentError,
    course_from_fields,
    pounds,
    venue_from_fields,
)

pytestmark = pytest.mark.pure

EXAMPLE_START = "e.g. 'Start: 2026-03-03 10:00'."
PRICE_HELP = "a price in pounds, 0 or more, e.g. 'Price: 60' or 'Price: 62.50'."
BOOKING_HELP = (
    "is not a booking link. Use a web address starting https:// or an e-mail link such as "
    "mailto:you@example.com, or delete the line to let parents book by e-mail."
)
VENUES = "Use the file name of one in content/venues/: parkside-community-centre."
COURSES = "Use the file name of one in content/courses/: baby-massage."

RUN_MISTAKES = {
    "no title": (
        {"title": " "},
        "Title",
        "missing. Add a name for this run, e.g. 'Title: Baby massage, Tuesday mornings'.",
    ),
    "no course": ({"course": ""}, "Course", f"missing. {COURSES}"),
    "unknown course": (
        {"course": "baby-yoga"},
        "Course",
        f"'baby-yoga' is not one of the courses. {COURSES}",
    ),
    "no venue": ({"venue": ""}, "Venue", f"missing. {VENUES}"),
    "unknown venue": (
        {"venue": "st-marys"},
        "Venue",
        f"'st-marys' is not one of the venues. {VENUES}",
    ),
    "no start": (
        {"start": ""},
        "Start",
        f"missing. Add the first session's date and time, {EXAMPLE_START}",
    ),
    "start in British order": (
        {"start": "03/03/2026 10:00"},
        "Start",
        (
            "'03/03/2026 10:00' is not a date and time in the form "
            f"YYYY-MM-DD HH:MM (24-hour clock, UK time), {EXAMPLE_START}"
        ),
    ),
    "no sessions": (
        {"sessions": ""},
        "Sessions",
        "missing: it must be a positive whole number. Write it in digits, e.g. 'Sessions: 5'.",
    ),
    "zero sessions": (
        {"sessions": "0"},
        "Sessions",
        "'0' is not a positive whole number. Write it in digits, e.g. 'Sessions: 5'.",
    ),
    "length in hours": (
        {"length": "1.5"},
        "Length",
        "'1.5' is not a positive whole number. Write it in digits, e.g. 'Length: 60 (minutes)'.",
    ),
    "zero places": (
        {"places": "0"},
        "Places",
        "'0' is not a positive whole number. Write it in digits, e.g. 'Places: 8'.",
    ),
    "negative booked": (
        {"booked": "-1"},
        "Booked",
        "'-1' is not a whole number (0 or more). Write it in digits, e.g. 'Booked: 0'.",
    ),
    "more booked than places": (
        {"booked": "9"},
        "Booked",
        "9 is more than the 8 places. Check both numbers.",
    ),
    "no price": ({"price": ""}, "Price", f"missing: it must be {PRICE_HELP}"),
    "price in words": ({"price": "sixty"}, "Price", f"'sixty' is not {PRICE_HELP}"),
    "negative price": ({"price": "-1"}, "Price", f"'-1' is not {PRICE_HELP}"),
    "price that is not a number": ({"price": "NaN"}, "Price", f"'NaN' is not {PRICE_HELP}"),
    "unknown status": (
        {"status": "Postponed"},
        "Status",
        "'postponed' is not a status. Use 'open' or 'cancelled'.",
    ),
    "ftp booking link": (
        {"booking": "ftp://example.org/x"},
        "Booking",
        f"'ftp://example.org/x' {BOOKING_HELP}",
    ),
    "e-mail link without an address": (
        {"booking": "mailto:nobody"},
        "Booking",
        f"'mailto:nobody' {BOOKING_HELP}",
    ),
    "web link without a host": (
        {"booking": "https:///book"},
        "Booking",
        f"'https:///book' {BOOKING_HELP}",
    ),
}


@pytest.mark.parametrize("case", RUN_MISTAKES)
def test_a_mistake_in_a_run_names_the_field_and_says_how_to_fix_it(case):
    changes, field, message = RUN_MISTAKES[case]
    with pytest.raises(ContentError) as raised:
        a_run(**changes)
    assert str(raised.value) == f"{field}: {message}"


def test_a_correct_run_file_becomes_the_run_a_parent_sees():
    run = a_run(text="<p>Bring a towel.</p>")
    assert (run.slug, run.title, run.course, run.venue) == (
        "spring",
        "Spring Tuesdays",
        COURSE,
        VENUE,
    )
    assert run.start == datetime.datetime(2026, 3, 3, 10, 0, tzinfo=UK)
    assert (run.sessions, run.length, run.places, run.booked) == (5, 60, 8, 2)
    assert run.price == Decimal(60) and run.status == "open" and not run.is_cancelled
    assert (run.ages, run.text) == ("6 weeks to crawling", "<p>Bring a towel.</p>")
    assert run.booking == (
        "mailto:hello@example.com?subject="
        "Booking%3A%20Spring%20Tuesdays%2C%203%20March%20to%2031%20March%202026"
    )


def test_optional_run_fields_have_sensible_defaults_and_can_be_given():
    assert a_run(booked="").booked == 0
    given = a_run(
        ages="Newborns to 6 months",
        status=" Cancelled ",
        price="£1,062.50",
        booking=" https://book.example.com/spring ",
        title="  Spring Tuesdays  ",
    )
    assert given.ages == "Newborns to 6 months" and given.is_cancelled
    assert given.price == Decimal("1062.50") and given.title == "Spring Tuesdays"
    assert given.booking == "https://book.example.com/spring"
    assert a_run(booking="mailto:book@example.com").booking == "mailto:book@example.com"
    assert a_run(booked="8").is_full and a_run(price="0").price == 0
    assert a_run(sessions="1", places="1", booked="1").places_left == 0


def test_a_start_is_uk_local_time_whatever_the_season():
    summer = a_run(start="2026-07-07 10:00").start
    assert summer.tzinfo is UK and summer.utcoffset() == datetime.timedelta(hours=1)
    assert a_run(start=" 2026-01-06 09:30 ").start == datetime.datetime(
        2026, 1, 6, 9, 30, tzinfo=UK
    )


VENUE_FIELDS = {
    "name": "St Mary's Church Hall",
    "street": "1 Church Lane, Didsbury",
    "town": "Manchester",
    "postcode": "M20 6AB",
    "map": "https://www.openstreetmap.org/search?query=M20%206AB",
}
VENUE_MISTAKES = {
    "name": ("", "Name: missing. Add the venue's name, e.g. 'Name: St Mary's Church Hall'."),
    "street": (
        "",
        "Street: missing. Add the house number and street, and the area if you like, "
        "e.g. 'Street: 1 Church Lane, Didsbury'.",
    ),
    "town": ("", "Town: missing. Add the town or city, e.g. 'Town: Manchester'."),
    "postcode": ("", "Postcode: missing. Add the postcode, e.g. 'Postcode: M20 6AB'."),
    "map": (
        "www.openstreetmap.org/x",
        (
            "Map: 'www.openstreetmap.org/x' is not a web address. "
            "Paste the full link, starting https://."
        ),
    ),
}


@pytest.mark.parametrize("field", VENUE_MISTAKES)
def test_a_mistake_in_a_venue_names_the_field(field):
    value, message = VENUE_MISTAKES[field]
    with pytest.raises(ContentError, match="^") as raised:
        venue_from_fields("st-marys", {**VENUE_FIELDS, field: value})
    assert str(raised.value) == message


def test_a_venue_written_with_the_old_one_line_address_says_how_to_split_it():
    with pytest.raises(ContentError) as raised:
        venue_from_fields("st-marys", {**VENUE_FIELDS, "address": "1 Church Lane, Didsbury"})
    assert str(raised.value) == (
        "Address: the address is now written in parts. Replace this line with 'Street:' (e.g. "
        "'Street: 1 Church Lane, Didsbury') and 'Town:' (e.g. 'Town: Manchester'); "
        "keep 'Postcode:'."
    )


def test_a_venue_needs_a_map_link_and_keeps_its_access_notes():
    with pytest.raises(ContentError) as raised:
        venue_from_fields("st-marys", {k: v for k, v in VENUE_FIELDS.items() if k != "map"})
    assert str(raised.value) == (
        "Map: '' is not a web address. Paste the full link, starting https://."
    )
    with pytest.raises(ContentError):
        venue_from_fields("st-marys", {**VENUE_FIELDS, "map": "https://"})
    venue = venue_from_fields("st-marys", {**VENUE_FIELDS, "access": "Step-free."})
    assert venue == type(VENUE)(
        "st-marys",
        "St Mary's Church Hall",
        "1 Church Lane, Didsbury",
        "Manchester",
        "M20 6AB",
        VENUE_FIELDS["map"],
        "Step-free.",
    )
    assert venue_from_fields("st-marys", VENUE_FIELDS).access == ""


COURSE_FIELDS = {
    "title": "Baby yoga",
    "summary": "Stretch and play.",
    "ages": "6 months+",
    "minimum": "4",
}
COURSE_MISTAKES = {
    "title": ("", "Title: missing. Add the course's name, e.g. 'Title: Baby massage'."),
    "summary": ("", "Summary: missing. Add one or two sentences about the course."),
    "ages": ("", "Ages: missing. Add who it is for, e.g. 'Ages: 6 weeks to crawling'."),
    "minimum": (
        "0",
        "Minimum: '0' is not a positive whole number. Write it in digits, e.g. 'Minimum: 3'.",
    ),
}


@pytest.mark.parametrize("field", COURSE_MISTAKES)
def test_a_mistake_in_a_course_names_the_field(field):
    value, message = COURSE_MISTAKES[field]
    with pytest.raises(ContentError) as raised:
        course_from_fields("baby-yoga", {**COURSE_FIELDS, field: value}, "")
    assert str(raised.value) == message


def test_a_correct_course_file_becomes_the_course():
    course = course_from_fields("baby-yoga", COURSE_FIELDS, "<p>Fun.</p>")
    assert course == type(COURSE)(
        "baby-yoga", "Baby yoga", "Stretch and play.", "6 months+", 4, "<p>Fun.</p>"
    )


def test_a_run_names_the_courses_there_are_or_says_there_are_none_yet():
    from plugins.class_schedule.model import known_key

    with pytest.raises(ContentError) as raised:
        known_key({"course": "baby-yoga"}, "course", {}, "courses")
    assert str(raised.value) == (
        "Course: 'baby-yoga' is not one of the courses. Use the file name of one in "
        "content/courses/: none yet: add one to content/courses/."
    )
    found = known_key({"venue": "b"}, "venue", {"b": 2, "a": 1}, "venues")
    assert found == 2
    with pytest.raises(ContentError, match="content/venues/: a, b.$"):
        known_key({"venue": "c"}, "venue", {"b": 2, "a": 1}, "venues")


@pytest.mark.parametrize(
    "amount, shown",
    [("60", "£60"), ("62.50", "£62.50"), ("1234", "£1,234"), ("1234.5", "£1,234.50")],
)
def test_prices_are_shown_in_pounds_with_pence_only_when_there_are_some(amount, shown):
    assert pounds(Decimal(amount)) == shown


def test_a_course_may_need_only_one_booking_and_a_map_link_may_be_plain_http():
    assert course_from_fields("one", {**COURSE_FIELDS, "minimum": "1"}, "").minimum == 1
    plain = {**VENUE_FIELDS, "map": "http://maps.example.com/hall"}
    assert venue_from_fields("hall", plain).map == "http://maps.example.com/hall"


@pytest.mark.parametrize(
    "field", ["title", "course", "start", "sessions", "places", "venue", "price", "length"]
)
def test_a_run_without_a_required_line_says_it_is_missing(field):
    from support.examples import COURSE as course
    from support.examples import RUN_FIELDS
    from support.examples import VENUE as venue

    from plugins.class_schedule.model import run_from_fields

    fields = {k: v for k, v in RUN_FIELDS.items() if k != field}
    with pytest.raises(ContentError) as raised:
        run_from_fields("spring", fields, "", {course.key: course}, {venue.key: venue}, "a@b.c", UK)
    assert str(raised.value).startswith(f"{field.title()}: missing")


def test_a_venue_or_course_without_a_required_line_says_it_is_missing():
    for field in ("name", "street", "town", "postcode"):
        fields = {k: v for k, v in VENUE_FIELDS.items() if k != field}
        with pytest.raises(ContentError, match=f"^{field.title()}: missing. Add "):
            venue_from_fields("hall", fields)
    with pytest.raises(ContentError, match="^Minimum: missing: it must be a positive whole"):
        course_from_fields("one", {k: v for k, v in COURSE_FIELDS.items() if k != "minimum"}, "")


def test_a_run_offers_a_waiting_list_by_email_and_accepts_an_http_booking_link():
    run = a_run(booking="http://book.example.com/spring", length="1")
    assert run.booking == "http://book.example.com/spring" and run.length == 1
    assert run.waiting_list == (
        "mailto:hello@example.com?subject="
        "Waiting%20list%3A%20Spring%20Tuesdays%2C%203%20March%20to%2031%20March%202026"
    )


def test_the_day_booking_opens_is_a_real_date_no_later_than_the_first_session():
    assert a_run().booking_opens is None
    assert a_run(booking_opens=" 2026-02-01 ").booking_opens == datetime.date(2026, 2, 1)
    assert a_run(booking_opens="2026-03-03").booking_opens == datetime.date(2026, 3, 3)
    with pytest.raises(ContentError) as raised:
        a_run(booking_opens="1 February")
    assert str(raised.value) == (
        "Booking opens: '1 February' is not a date in the form YYYY-MM-DD, e.g. "
        "'Booking opens: 2026-02-01'. Or delete the line."
    )
    with pytest.raises(ContentError) as raised:
        a_run(booking_opens="2026-03-04")
    assert str(raised.value) == (
        "Booking opens: 2026-03-04 is after the first session (2026-03-03). Check both dates."
    )


@pytest.mark.parametrize(
    "booked, label, state",
    [
        ("5", "3 places left", "open"),
        ("6", "Only 2 places left", "few"),
        ("7", "Only 1 place left", "few"),
        ("8", "Fully booked", "full"),
    ],
)
def test_two_places_left_is_the_first_that_reads_as_few(booked, label, state):
    run = a_run(places="8", booked=booked)
    assert (run.places_label, run.state) == (label, state)
