"""Courses, venues and runs: plain data, built and checked by pure functions.

A course is what is taught (content/courses/); a run is one dated course, a set of
weekly sessions at a venue (content/runs/; pages call it "a course", as parents do).
Each `*_from_fields` function takes the fields of one Markdown file (lower-case
names, as Python-Markdown's meta extension reads them) and its text as HTML, and
returns the object, or raises ContentError naming the field, what is wrong and how
to fix it.
"""

import datetime
import re
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from urllib.parse import quote, urlparse
from zoneinfo import ZoneInfo

from ..shared import ContentError, PhotoSlot

RUN_STATUSES = ("open", "cancelled")
START_FORMAT = "%Y-%m-%d %H:%M"
FEW_PLACES = 2  # at most this many left reads "Only 2 places left", in the warning colour


@dataclass(frozen=True)
class Venue:
    key: str
    name: str
    street: str  # house number and street, and the neighbourhood if wanted
    town: str
    postcode: str
    map: str  # a link to the venue on a map
    access: str
    photo: PhotoSlot | None = None  # `Image:` and `Image_alt:`

    @property
    def full_address(self) -> str:
        """ "24 Parkside Road, Didsbury, Manchester, M20 2XY": pages and calendars."""
        return f"{self.street}, {self.town}, {self.postcode}"


@dataclass(frozen=True)
class Course:
    key: str
    title: str
    summary: str
    ages: str
    minimum: int
    text: str  # HTML: what happens in a session, what to bring, terms
    photo: PhotoSlot | None = None  # `Image:` and `Image_alt:`


@dataclass(frozen=True)
class Session:
    start: datetime.datetime
    end: datetime.datetime

    @property
    def day(self) -> str:
        """ "Tuesday 3 March 2026"."""
        return f"{self.start:%A} {british_date(self.start.date())}"


@dataclass(frozen=True)
class Run:
    slug: str
    title: str
    course: Course
    venue: Venue
    start: datetime.datetime  # the first session, local time, timezone-aware
    sessions: int
    length: int  # minutes
    price: Decimal
    places: int
    booked: int
    booking: str  # the link parents book with
    waiting_list: str  # the link parents join the waiting list with, once it is full
    ages: str
    status: str
    text: str  # HTML: an optional note about this run
    booking_opens: datetime.date | None = None  # for search engines only
    url: str = ""  # set from the URL settings when the site is built
    calendar_url: str = ""
    poster_url: str = ""
    source: str = ""  # the run's file, as the author knows it

    @property
    def session_list(self) -> list[Session]:
        """Weekly sessions at the same wall-clock time, whatever the clocks do."""
        zone = self.start.tzinfo
        local_start = self.start.replace(tzinfo=None)
        starts = [local_start + datetime.timedelta(weeks=n) for n in range(self.sessions)]
        length = datetime.timedelta(minutes=self.length)
        return [Session(s.replace(tzinfo=zone), (s + length).replace(tzinfo=zone)) for s in starts]

    @property
    def end(self) -> datetime.datetime:
        return self.session_list[-1].end

    @property
    def places_left(self) -> int:
        return max(self.places - self.booked, 0)

    @property
    def is_cancelled(self) -> bool:
        return self.status == "cancelled"

    @property
    def is_full(self) -> bool:
        return self.places_left == 0

    @property
    def is_bookable(self) -> bool:
        return not (self.is_cancelled or self.is_full)

    def is_past(self, today: datetime.date) -> bool:
        return self.end.date() < today

    @property
    def weekday_and_time(self) -> str:
        """ "Tuesdays, 10:00 to 11:00"."""
        day = self.start.strftime("%A") + ("s" if self.sessions > 1 else "")
        return f"{day}, {self.start:%H:%M} to {self.session_list[0].end:%H:%M}"

    @property
    def dates(self) -> str:
        """ "3 March to 31 March 2026", or one date for a single session."""
        first, last = self.start.date(), self.end.date()
        if first == last:
            return british_date(first)
        first_text = f"{first.day} {first:%B}" + (
            "" if first.year == last.year else f" {first.year}"
        )
        return f"{first_text} to {british_date(last)}"

    @property
    def sessions_label(self) -> str:
        return "1 session" if self.sessions == 1 else f"{self.sessions} sessions"

    @property
    def price_label(self) -> str:
        """ "£60 for 5 sessions"."""
        return f"{pounds(self.price)} for {self.sessions_label}"

    @property
    def has_few_places(self) -> bool:
        return 0 < self.places_left <= FEW_PLACES

    @property
    def places_label(self) -> str:
        if self.is_full:
            return "Fully booked"
        places = "1 place left" if self.places_left == 1 else f"{self.places_left} places left"
        return f"Only {places}" if self.has_few_places else places

    @property
    def state(self) -> str:
        """How the places read at a glance (the badge's class): cancelled, full, few or open."""
        if self.is_cancelled:
            return "cancelled"
        if self.is_full:
            return "full"
        return "few" if self.has_few_places else "open"

    @property
    def availability(self) -> str:
        """What the schedule says about places: "Cancelled", "Fully booked", "3 places left"."""
        return "Cancelled" if self.is_cancelled else self.places_label

    @property
    def calendar_label(self) -> str:
        """What the calendar link adds: "the session" or "all 5 sessions"."""
        return "the session" if self.sessions == 1 else f"all {self.sessions} sessions"


def british_date(day: datetime.date) -> str:
    return f"{day.day} {day:%B %Y}"


def pounds(amount: Decimal) -> str:
    return f"£{amount:,.0f}" if amount == amount.to_integral() else f"£{amount:,.2f}"


def venue_from_fields(key: str, fields: dict[str, str]) -> Venue:
    if "address" in fields:
        raise ContentError(
            "Address",
            "the address is now written in parts. Replace this line with 'Street:' (e.g. "
            "'Street: 1 Church Lane, Didsbury') and 'Town:' (e.g. 'Town: Manchester'); "
            "keep 'Postcode:'.",
        )
    return Venue(
        key=key,
        name=required_text(fields, "name", "the venue's name, e.g. 'Name: St Mary's Church Hall'"),
        street=required_text(
            fields,
            "street",
            "the house number and street, and the area if you like, "
            "e.g. 'Street: 1 Church Lane, Didsbury'",
        ),
        town=required_text(fields, "town", "the town or city, e.g. 'Town: Manchester'"),
        postcode=required_text(fields, "postcode", "the postcode, e.g. 'Postcode: M20 6AB'"),
        map=web_link(fields, "map", required=True),
        access=fields.get("access", ""),
    )


def course_from_fields(key: str, fields: dict[str, str], text: str) -> Course:
    return Course(
        key=key,
        title=required_text(fields, "title", "the course's name, e.g. 'Title: Baby massage'"),
        summary=required_text(fields, "summary", "one or two sentences about the course"),
        ages=required_text(fields, "ages", "who it is for, e.g. 'Ages: 6 weeks to crawling'"),
        minimum=whole_number(fields, "minimum", minimum=1, example="3"),
        text=text,
    )


def run_from_fields(
    slug: str,
    fields: dict[str, str],
    text: str,
    courses: dict[str, Course],
    venues: dict[str, Venue],
    contact_email: str,
    zone: ZoneInfo,
) -> Run:
    """`zone`: the time zone the run's Start is written in (the site's TIMEZONE)."""
    title = required_text(
        fields, "title", "a name for this run, e.g. 'Title: Baby massage, Tuesday mornings'"
    )
    course = known_key(fields, "course", courses, "courses")
    start = start_time(fields, zone)
    sessions = whole_number(fields, "sessions", minimum=1, example="5")
    places = whole_number(fields, "places", minimum=1, example="8")
    booked = whole_number(fields, "booked", minimum=0, example="0", default=0)
    if booked > places:
        raise ContentError(
            "Booked", f"{booked} is more than the {places} places. Check both numbers."
        )
    status = fields.get("status", "open").strip().lower()
    if status not in RUN_STATUSES:
        raise ContentError("Status", f"{status!r} is not a status. Use 'open' or 'cancelled'.")
    opens = booking_opens(fields, start)
    run = Run(
        slug=slug,
        title=title,
        course=course,
        venue=known_key(fields, "venue", venues, "venues"),
        start=start,
        sessions=sessions,
        length=whole_number(fields, "length", minimum=1, example="60 (minutes)"),
        price=price(fields),
        places=places,
        booked=booked,
        booking=booking_link(fields),
        waiting_list="",
        ages=fields.get("ages") or course.ages,
        status=status,
        text=text,
        booking_opens=opens,
    )
    return replace(
        run,
        booking=run.booking or email_link(contact_email, f"Booking: {run.title}, {run.dates}"),
        waiting_list=email_link(contact_email, f"Waiting list: {run.title}, {run.dates}"),
    )


def email_link(address: str, subject: str) -> str:
    return f"mailto:{address}?subject={quote(subject)}"


def required_text(fields: dict[str, str], name: str, example: str) -> str:
    value = fields.get(name, "").strip()
    if not value:
        raise ContentError(name.title(), f"missing. Add {example}.")
    return value


def whole_number(fields, name, minimum, example, default=None) -> int:
    text = fields.get(name, "").strip()
    if not text and default is not None:
        return default
    kind = "a positive whole number" if minimum > 0 else "a whole number (0 or more)"
    if not re.fullmatch(r"\d+", text) or int(text) < minimum:
        found = f"{text!r} is not" if text else "missing: it must be"
        raise ContentError(
            name.title(), f"{found} {kind}. Write it in digits, e.g. '{name.title()}: {example}'."
        )
    return int(text)


def start_time(fields: dict[str, str], zone: ZoneInfo) -> datetime.datetime:
    text = fields.get("start", "").strip()
    if not text:
        raise ContentError(
            "Start",
            "missing. Add the first session's date and time, e.g. 'Start: 2026-03-03 10:00'.",
        )
    try:
        local = datetime.datetime.strptime(text, START_FORMAT)
    except ValueError:
        raise ContentError(
            "Start",
            f"{text!r} is not a date and time in the form YYYY-MM-DD HH:MM (24-hour clock, UK time), "
            "e.g. 'Start: 2026-03-03 10:00'.",
        ) from None
    return local.replace(tzinfo=zone)


def booking_opens(fields: dict[str, str], start: datetime.datetime) -> datetime.date | None:
    """The day booking opens, for search engines (the offer's validFrom); optional."""
    text = fields.get("booking_opens", "").strip()
    if not text:
        return None
    try:
        day = datetime.date.fromisoformat(text)
    except ValueError:
        raise ContentError(
            "Booking opens",
            f"{text!r} is not a date in the form YYYY-MM-DD, e.g. 'Booking opens: 2026-02-01'. "
            "Or delete the line.",
        ) from None
    if day > start.date():
        raise ContentError(
            "Booking opens",
            f"{text} is after the first session ({start.date()}). Check both dates.",
        )
    return day


def price(fields: dict[str, str]) -> Decimal:
    text = fields.get("price", "").strip()
    try:
        amount = Decimal(text.removeprefix("£").replace(",", ""))
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite() or amount < 0:
        found = f"{text!r} is not" if text else "missing: it must be"
        raise ContentError(
            "Price", f"{found} a price in pounds, 0 or more, e.g. 'Price: 60' or 'Price: 62.50'."
        )
    return amount


def known_key(fields, name, known: dict, folder: str):
    key = fields.get(name, "").strip()
    if key not in known:
        choices = ", ".join(sorted(known)) or f"none yet: add one to content/{folder}/"
        found = f"{key!r} is not one of the {folder}" if key else "missing"
        raise ContentError(
            name.title(), f"{found}. Use the file name of one in content/{folder}/: {choices}."
        )
    return known[key]


def web_link(fields, name, required=False) -> str:
    url = fields.get(name, "").strip()
    if not url and not required:
        return ""
    if urlparse(url).scheme not in ("http", "https") or not urlparse(url).netloc:
        raise ContentError(
            name.title(), f"{url!r} is not a web address. Paste the full link, starting https://."
        )
    return url


def booking_link(fields: dict[str, str]) -> str:
    url = fields.get("booking", "").strip()
    if not url:
        return ""
    parts = urlparse(url)
    if parts.scheme == "mailto" and "@" in parts.path:
        return url
    if parts.scheme in ("http", "https") and parts.netloc:
        return url
    raise ContentError(
        "Booking",
        f"{url!r} is not a booking link. Use a web address starting https:// or an e-mail link "
        "such as mailto:you@example.com, or delete the line to let parents book by e-mail.",
    )
