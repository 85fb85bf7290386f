"""An Atom feed of the upcoming runs, for parents who follow the site in a feed reader.

Its dates never come from the build's clock alone, so a nightly publish with nothing changed
writes the same feed, and a reader does not show every course as new again:
- an entry is `published` on the day the run was announced (`Announced:`, which
  `invoke new-run` writes);
- it is `updated` on the day of the first publish that showed what it says now (dates,
  venue, price, places, state, cancellations). Each publish remembers what every entry said,
  and since when, in RUNS_FEED_MEMORY (in the site's cache, which the GitHub workflow keeps
  between runs). Without that memory (a preview, a first publish, a deleted cache) an entry
  is dated by its announcement: never newer than the truth.
"""

import datetime
import hashlib
from zoneinfo import ZoneInfo

from feedgenerator import Atom1Feed

from .model import Run


class RunsFeed(Atom1Feed):
    """Atom1Feed dates an empty feed with the clock; ours with the last change it knew."""

    def __init__(self, *args, quiet_since: datetime.datetime, **kwargs):
        super().__init__(*args, **kwargs)
        self.quiet_since = quiet_since

    def latest_post_date(self) -> datetime.datetime:
        return super().latest_post_date() if self.items else self.quiet_since


def runs_feed(
    runs: list[Run], updated: dict[str, datetime.date], settings: dict, title: str
) -> bytes:
    zone = ZoneInfo(settings["TIMEZONE"])
    """One entry per run, with its dates, venue, price and places; links are absolute.
    `updated`: each run's last change by slug (`entry_dates`), past runs' too."""
    site = settings["CANONICAL_SITEURL"]
    feed = RunsFeed(
        title=title,
        link=f"{site}/{settings['CLASSES_URL']}",
        feed_url=f"{site}/{settings['RUNS_FEED_URL']}",
        description="",
        language="en-GB",
        author_name=settings["AUTHOR"],
        author_link=f"{site}/",
        quiet_since=midnight(max(updated.values(), default=datetime.date(2000, 1, 1)), zone),
    )
    for run in runs:
        link = f"{site}/{run.url}"
        feed.add_item(
            title=entry_title(run),
            link=link,
            unique_id=link,
            description=entry_text(run),
            pubdate=midnight(run.announced, zone) if run.announced else None,
            updateddate=midnight(updated[run.slug], zone),
        )
    return feed.writeString("utf-8").encode("utf-8")


def entry_dates(
    runs: list[Run], remembered: dict[str, dict], today: datetime.date
) -> tuple[dict[str, datetime.date], dict[str, dict]]:
    """Each run's `updated` day, by slug, and what to remember for the next build.

    `remembered`: by run file, what its entry said (a digest) and since when. An entry
    that says the same keeps its day; one that says something new is updated today; one
    never seen is dated by `first_day`."""
    days, memory = {}, dict(remembered)
    for run in runs:
        says = hashlib.sha256(f"{entry_title(run)}\n{entry_text(run)}".encode()).hexdigest()
        seen = remembered.get(run.source)
        if seen and seen.get("says") == says:
            day = datetime.date.fromisoformat(seen["since"])
        else:
            day = today if seen else first_day(run)
        days[run.slug] = day
        memory[run.source] = {"says": says, "since": day.isoformat()}
    return days, memory


def first_day(run: Run) -> datetime.date:
    """When the run was announced, as the author wrote it: `Announced`, else `Booking
    opens`, else the first session's day (a run file from before `Announced` existed)."""
    return run.announced or run.booking_opens or run.start.date()


def midnight(day: datetime.date, zone: ZoneInfo) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(), zone)


def entry_title(run: Run) -> str:
    return f"{run.title}, {run.dates}"


def entry_text(run: Run) -> str:
    parts = [
        f"{run.weekday_and_time}, {run.dates} ({run.sessions_label}).",
        *(f"{note}." for note in run.date_notes),
        f"At {run.venue.name}, {run.venue.full_address}.",
        f"{run.price_label}. Ages {run.ages}.",
        "Cancelled." if run.is_cancelled else f"{run.availability}.",
    ]
    return " ".join(parts)
