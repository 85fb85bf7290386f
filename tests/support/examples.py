"""A real course, venue and run, as the author writes them, for tests of the pure functions."""

from zoneinfo import ZoneInfo

from plugins.class_schedule.model import course_from_fields, run_from_fields, venue_from_fields

CONTACT_EMAIL = "hello@example.com"
UK = ZoneInfo("Europe/London")

COURSE = course_from_fields(
    "baby-massage",
    {
        "title": "Baby massage course",
        "summary": "Five relaxed weekly sessions where you learn to massage your own baby.",
        "ages": "6 weeks to crawling",
        "minimum": "3",
    },
    "<p>Courses are for parents and carers.</p>",
)
VENUE = venue_from_fields(
    "parkside-community-centre",
    {
        "name": "Parkside Community Centre",
        "street": "24 Parkside Road, Didsbury",
        "town": "Manchester",
        "postcode": "M20 2XY",
        "map": "https://www.openstreetmap.org/search?query=M20%202XY",
        "access": "Step-free entrance.",
    },
)
# The venue as search engines read it in a run's Event data (schema.org Place).
PARKSIDE_PLACE = {
    "@type": "Place",
    "name": "Parkside Community Centre",
    "address": {
        "@type": "PostalAddress",
        "streetAddress": "24 Parkside Road, Didsbury",
        "addressLocality": "Manchester",
        "postalCode": "M20 2XY",
        "addressCountry": "GB",
    },
}
RUN_FIELDS = {
    "title": "Spring Tuesdays",
    "course": "baby-massage",
    "start": "2026-03-03 10:00",
    "sessions": "5",
    "length": "60",
    "venue": "parkside-community-centre",
    "price": "60",
    "places": "8",
    "booked": "2",
}


def a_run(slug="spring", text="<p>Tea and biscuits.</p>", **changes):
    """The spring run (five Tuesdays at 10:00 from 3 March 2026), with any field changed."""
    fields = {**RUN_FIELDS, **changes}
    courses, venues = {COURSE.key: COURSE}, {VENUE.key: VENUE}
    return run_from_fields(slug, fields, text, courses, venues, CONTACT_EMAIL, UK)
