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

from ..shared import ContentError, PhotoSlot, optional_date

RUN_STATUSES = ("open", "cancelled")
START_FORMAT = "%Y-%m-%d %H:%M"
PRICE_NOTE_LONGEST = 80
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

    @property
    def address_parts(self) -> list[str]:
        """The address in the pieces a line must not break inside: "24 Parkside Road",
        "Didsbury", "Manchester", "M20 2XY"."""
        return [*(part.strip() for part in self.street.split(",")), self.town, self.postcode]

    @property
    def area(self) -> str:
        """Where parents would say it is: the neighbourhood written after the street
        ("24 Parkside Road, Didsbury": "Didsbury"), else the town. Posters and share cards."""
        _, comma, neighbourhood = self.street.rpartition(",")
        return neighbourhood.strip() if comma and neighbourhood.strip() else self.town


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
class DayOff:
    """A date in `No class:` or `Cancelled:`, with the reason the author gave (or "")."""

    day: datetime.date
    reason: str = ""


@dataclass(frozen=True)
class Session:
    start: datetime.datetime
    end: datetime.datetime
    number: int = 0  # 1 to Sessions for the weekly sessions; 0 for an extra one
    cancelled: bool = False
    reason: str = ""  # why it is cancelled, or why it was added

    @property
    def day(self) -> str:
        """ "Tuesday 3 March 2026"."""
        return f"{self.start:%A} {british_date(self.start.date())}"

    @property
    def is_extra(self) -> bool:
        return self.number == 0

    @property
    def key(self) -> str:
        """Names the session for good (its calendar UID): "3", or "extra-20270302"."""
        return f"extra-{self.start:%Y%m%d%H%M}" if self.is_extra else str(self.number)


@dataclass(frozen=True)
class TimetableRow:
    """One line of a run page's list of dates: a session, or a week without one."""

    kind: str  # "session", "cancelled", "extra" or "no class"
    day: datetime.date
    text: str  # "Tuesday 12 January 2027"
    reason: str = ""
    start: datetime.datetime | None = None


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
    no_class: tuple[DayOff, ...] = ()  # weeks the course steps over (half-term)
    cancelled: tuple[DayOff, ...] = ()  # planned sessions that will not happen
    extra_sessions: tuple[Session, ...] = ()  # added sessions (catch-ups)
    price_note: str = ""  # "£50 for a sibling"
    announced: datetime.date | None = None  # first published: the runs feed's `published`
    finished: bool = False  # set when the site is built, from the build's date
    url: str = ""  # set from the URL settings when the site is built
    calendar_url: str = ""
    poster_url: str = ""
    source: str = ""  # the run's file, as the author knows it

    @property
    def weekly_sessions(self) -> list[Session]:
        """`Sessions` weekly sessions at the same wall-clock time, whatever the clocks do,
        stepping over the `No class` weeks; a cancelled one keeps its place and number."""
        skipped = {off.day for off in self.no_class}
        cancelled = {off.day: off.reason for off in self.cancelled}
        length = datetime.timedelta(minutes=self.length)
        return [
            Session(
                start,
                start + length,
                number,
                start.date() in cancelled,
                cancelled.get(start.date(), ""),
            )
            for number, start in enumerate(weekly_starts(self.start, self.sessions, skipped), 1)
        ]

    @property
    def session_list(self) -> list[Session]:
        """Every session in date order: the weekly ones (cancelled included) and the extra."""
        return sorted([*self.weekly_sessions, *self.extra_sessions], key=lambda s: s.start)

    @property
    def held_sessions(self) -> list[Session]:
        return [session for session in self.session_list if not session.cancelled]

    @property
    def end(self) -> datetime.datetime:
        """The end of the last session that happens (of the last planned, if none does)."""
        return (self.held_sessions or self.session_list)[-1].end

    @property
    def timetable(self) -> list[TimetableRow]:
        """The run page's list: every session, and each week without one where it falls."""
        rows = [
            TimetableRow(
                "cancelled" if s.cancelled else "extra" if s.is_extra else "session",
                s.start.date(),
                s.day,
                s.reason,
                s.start,
            )
            for s in self.session_list
        ]
        rows += [
            TimetableRow("no class", off.day, f"{off.day:%A} {british_date(off.day)}", off.reason)
            for off in self.no_class
        ]
        return sorted(rows, key=lambda row: row.day)

    @property
    def cancellation_notices(self) -> list[str]:
        """ "Tuesday 19 January is cancelled: snow", for each cancelled session, while a
        parent can still come (a cancelled or finished course says that instead)."""
        if self.state in ("cancelled", "finished"):
            return []
        return [
            f"{s.start:%A} {s.start.day} {s.start:%B} is cancelled" + with_reason(s.reason)
            for s in self.session_list
            if s.cancelled
        ]

    @property
    def date_notes(self) -> list[str]:
        """What changes the plain weekly pattern, for posters and the feed: "No class on
        16 February: half-term", each cancellation notice, "Extra session on Tuesday
        2 March 2027, 10:00: in place of 19 January"."""
        return [
            *(
                f"No class on {off.day.day} {off.day:%B}{with_reason(off.reason)}"
                for off in self.no_class
            ),
            *self.cancellation_notices,
            *(
                f"Extra session on {s.day}, {s.start:%H:%M}{with_reason(s.reason)}"
                for s in self.extra_sessions
            ),
        ]

    @property
    def state(self) -> str:
        """What the run's page and card say first, decided here only: "cancelled",
        "finished", "full", "few" (at most FEW_PLACES left) or "open"."""
        if self.is_cancelled:
            return "cancelled"
        if self.finished:
            return "finished"
        if self.is_full:
            return "full"
        return "few" if self.has_few_places else "open"

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
    def first_day(self) -> str:
        """ "12 January 2027": the first session's date."""
        return british_date(self.start.date())

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
        """ "£60 for 5 sessions", and the price note if there is one:
        "£60 for 6 sessions (£50 for a sibling)"."""
        label = f"{pounds(self.price)} for {self.sessions_label}"
        return f"{label} ({self.price_note})" if self.price_note else label

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
    def availability(self) -> str:
        """The badge's words: "Cancelled", "Fully booked", "Only 2 places left", "3 places
        left"; nothing for a finished run, whose page says so (once)."""
        if self.state == "finished":
            return ""
        return "Cancelled" if self.is_cancelled else self.places_label

    @property
    def calendar_label(self) -> str:
        """What the calendar link adds: "the session" or "all 5 sessions"."""
        held = len(self.held_sessions)
        return "the session" if held == 1 else f"all {held} sessions"


def weekly_starts(
    first: datetime.datetime, count: int, skipped: set[datetime.date]
) -> list[datetime.datetime]:
    """`count` weekly starts from `first` at the same local time, stepping over `skipped`."""
    zone, local = first.tzinfo, first.replace(tzinfo=None)
    starts = []
    while len(starts) < count:
        if local.date() not in skipped:
            starts.append(local.replace(tzinfo=zone))
        local += datetime.timedelta(weeks=1)
    return starts


def with_reason(reason: str) -> str:
    return f": {reason}" if reason else ""


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
    status = run_status(fields)
    opens = booking_opens(fields, start)
    length = whole_number(fields, "length", minimum=1, example="60 (minutes)")
    run = Run(
        slug=slug,
        title=title,
        course=course,
        venue=known_key(fields, "venue", venues, "venues"),
        start=start,
        sessions=sessions,
        length=length,
        price=price(fields),
        places=places,
        booked=booked,
        booking=booking_link(fields),
        waiting_list="",
        ages=fields.get("ages") or course.ages,
        status=status,
        text=text,
        booking_opens=opens,
        price_note=price_note(fields),
        announced=optional_date(
            fields.get("announced", "").strip(), "Announced", "Announced: 2026-11-02"
        ),
    )
    run = with_term_dates(run, fields)
    return replace(
        run,
        booking=run.booking or email_link(contact_email, f"Booking: {run.title}, {run.dates}"),
        waiting_list=email_link(contact_email, f"Waiting list: {run.title}, {run.dates}"),
    )


def run_status(fields: dict[str, str]) -> str:
    status = fields.get("status", "open").strip().lower()
    if status in RUN_STATUSES:
        return status
    if status.startswith("cancelled"):
        raise ContentError(
            "Status",
            f"{status!r} is not a status. To cancel one session, keep 'Status: open' and add "
            "its date on its own line, e.g. 'Cancelled: 2027-01-19 (snow)'; "
            "'Status: cancelled' cancels the whole course.",
        )
    raise ContentError("Status", f"{status!r} is not a status. Use 'open' or 'cancelled'.")


# --- A real term: weeks without a class, cancelled sessions, extra ones -------------------
EXAMPLES = {
    "no_class": "'No class: 2027-02-16 (half-term)'",
    "cancelled": "'Cancelled: 2027-01-19 (snow)'",
    "extra_session": "'Extra session: 2027-03-02 10:00 (in place of 19 January)'",
}
# One date (and time), then an optional reason in brackets, then a comma (or the next date:
# a field written on two lines is read as one, the lines joined by a space).
DATED_ITEM = re.compile(
    r"\s*(?P<when>[^,()]*?)\s*(?:\((?P<reason>[^()]*)\))?\s*(?:,|\s+(?=\d{4}-)|$)"
)


def with_term_dates(run: Run, fields: dict[str, str]) -> Run:
    """The run with its `No class`, `Cancelled` and `Extra session` dates, each checked
    against the sessions the dates before it leave."""
    no_class = days_off(fields, "no_class")
    check_no_class(run, no_class)
    run = replace(run, no_class=tuple(no_class))
    cancelled = days_off(fields, "cancelled")
    session_days = [s.start.date() for s in run.weekly_sessions]
    for off in cancelled:
        if off.day not in session_days:
            raise ContentError(
                "Cancelled",
                f"{off.day} is not one of this course's session dates: they are "
                f"{listed(session_days)}. Write the date of the session that will not happen.",
            )
    run = replace(run, cancelled=tuple(cancelled))
    return replace(run, extra_sessions=tuple(extra_sessions(run, fields)))


def dated_items(fields: dict[str, str], name: str) -> list[tuple[str, str]]:
    """ "2027-02-16 (half-term), 2027-04-06" -> [("2027-02-16", "half-term"), ("2027-04-06", "")]."""
    text, items, at = fields.get(name, "").strip(), [], 0
    while at < len(text):
        match = DATED_ITEM.match(text, at)
        if not match or match.end() == at or not match["when"]:
            raise ContentError(
                field_label(name),
                f"{text[at:].strip()!r} is not written as dates with a reason in brackets. "
                f"Write e.g. {EXAMPLES[name]}, several separated by commas.",
            )
        items.append((match["when"], (match["reason"] or "").strip()))
        at = match.end()
    return items


def days_off(fields: dict[str, str], name: str) -> list[DayOff]:
    days = []
    for when, reason in dated_items(fields, name):
        try:
            day = datetime.date.fromisoformat(when)
        except ValueError:
            raise ContentError(
                field_label(name),
                f"{when!r} is not a date in the form YYYY-MM-DD, e.g. {EXAMPLES[name]}.",
            ) from None
        if day in (off.day for off in days):
            raise ContentError(field_label(name), f"{day} is written twice. Keep one.")
        days.append(DayOff(day, reason))
    return sorted(days, key=lambda off: off.day)


def check_no_class(run: Run, no_class: list[DayOff]) -> None:
    """A `No class` date must be a week the course would otherwise meet, after its first."""
    first = run.start.date()
    last = weekly_starts(run.start, run.sessions, {off.day for off in no_class})[-1].date()
    for off in no_class:
        if off.day == first:
            raise ContentError(
                "No class",
                f"{off.day} is the first session (Start). To begin a week later, change Start.",
            )
        if (off.day - first).days % 7 or not first < off.day < last:
            weeks = [
                first + datetime.timedelta(weeks=n) for n in range((last - first).days // 7 + 1)
            ]
            raise ContentError(
                "No class",
                f"{off.day} is not one of this course's session dates: they are "
                f"{listed(weeks)}. Write the date of a week the course does not meet "
                "(the later sessions move on a week), or delete it.",
            )


def extra_sessions(run: Run, fields: dict[str, str]) -> list[Session]:
    length = datetime.timedelta(minutes=run.length)
    added: list[Session] = []
    for when, reason in dated_items(fields, "extra_session"):
        local = local_time(when, "Extra session", EXAMPLES["extra_session"])
        start = local.replace(tzinfo=run.start.tzinfo)
        if start < run.start:
            raise ContentError(
                "Extra session",
                f"{when} is before the first session ({run.start:{START_FORMAT}}). "
                "Check the date, or change Start.",
            )
        session = Session(start, start + length, reason=reason)
        clash = next((s for s in [*run.weekly_sessions, *added] if overlaps(s, session)), None)
        if clash:
            raise ContentError(
                "Extra session",
                f"{when} clashes with the session on {clash.day}, {clash.start:%H:%M} to "
                f"{clash.end:%H:%M}. Choose another day or time.",
            )
        added.append(session)
    return added


def overlaps(one: Session, other: Session) -> bool:
    return one.start < other.end and other.start < one.end


def listed(days: list[datetime.date]) -> str:
    """ "2027-01-12, 2027-01-19 and 2027-01-26": as the author writes them."""
    written = [day.isoformat() for day in days]
    return written[0] if len(written) == 1 else ", ".join(written[:-1]) + " and " + written[-1]


def price_note(fields: dict[str, str]) -> str:
    note = fields.get("price_note", "").strip()
    if len(note) > PRICE_NOTE_LONGEST:
        raise ContentError(
            "Price note",
            f"{len(note)} characters long: keep it to one short line of at most "
            f"{PRICE_NOTE_LONGEST}, e.g. 'Price note: £50 for a sibling'; more belongs in the note "
            "below the fields.",
        )
    return note


def field_label(name: str) -> str:
    """A field's name as the author writes it: "booking_opens" is "Booking opens"."""
    return name.replace("_", " ").capitalize()


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
    return local_time(text, "Start", "'Start: 2026-03-03 10:00'").replace(tzinfo=zone)


def local_time(text: str, field: str, example: str) -> datetime.datetime:
    try:
        return datetime.datetime.strptime(text, START_FORMAT)
    except ValueError:
        raise ContentError(
            field,
            f"{text!r} is not a date and time in the form YYYY-MM-DD HH:MM (24-hour clock, UK time), "
            f"e.g. {example}.",
        ) from None


def booking_opens(fields: dict[str, str], start: datetime.datetime) -> datetime.date | None:
    """The day booking opens, for search engines (the offer's validFrom); optional."""
    day = optional_date(
        fields.get("booking_opens", "").strip(), "Booking opens", "Booking opens: 2026-02-01"
    )
    if day and day > start.date():
        raise ContentError(
            "Booking opens",
            f"{day} is after the first session ({start.date()}). Check both dates.",
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
