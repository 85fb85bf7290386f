"""An Atom feed of the upcoming runs, for parents who follow the site in a feed reader.

Its dates come from the run files, never from the build's clock, so building again on
another day with nothing changed writes the same feed: an entry is `published` on the
day the run was announced (`Announced:`, written by `invoke new-run`) and `updated` on
the day the author last changed what parents should know (`Updated:`).
"""

import datetime

from feedgenerator import Atom1Feed

from .model import Run


class RunsFeed(Atom1Feed):
    """Atom1Feed dates an empty feed with the clock; ours with the newest run it ever had."""

    def __init__(self, *args, quiet_since: datetime.datetime, **kwargs):
        super().__init__(*args, **kwargs)
        self.quiet_since = quiet_since

    def latest_post_date(self) -> datetime.datetime:
        return super().latest_post_date() if self.items else self.quiet_since


def runs_feed(runs: list[Run], all_runs: list[Run], settings: dict, title: str) -> bytes:
    """One entry per run in `runs`, with its dates, venue, price and places; links are
    absolute. `all_runs` (past ones too) date the feed when no run is upcoming."""
    site = settings["CANONICAL_SITEURL"]
    zone = datetime.UTC if not runs else runs[0].start.tzinfo
    feed = RunsFeed(
        title=title,
        link=f"{site}/{settings['CLASSES_URL']}",
        feed_url=f"{site}/{settings['RUNS_FEED_URL']}",
        description="",
        language="en-GB",
        author_name=settings["AUTHOR"],
        author_link=f"{site}/",
        quiet_since=max(
            (last_changed(run) for run in all_runs),
            default=datetime.datetime(2000, 1, 1, tzinfo=zone),
        ),
    )
    for run in runs:
        link = f"{site}/{run.url}"
        feed.add_item(
            title=f"{run.title}, {run.dates}",
            link=link,
            unique_id=link,
            description=entry_text(run),
            pubdate=midnight(run, run.announced) if run.announced else None,
            updateddate=last_changed(run),
        )
    return feed.writeString("utf-8").encode("utf-8")


def last_changed(run: Run) -> datetime.datetime:
    """`Updated`, else `Announced`, else `Booking opens`, else the first session's day:
    always a date the author wrote, so the same on every build."""
    day = run.updated or run.announced or run.booking_opens or run.start.date()
    return midnight(run, day)


def midnight(run: Run, day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(), run.start.tzinfo)


def entry_text(run: Run) -> str:
    parts = [
        f"{run.weekday_and_time}, {run.dates} ({run.sessions_label}).",
        *(f"{note}." for note in run.date_notes),
        f"At {run.venue.name}, {run.venue.full_address}.",
        f"{run.price_label}. Ages {run.ages}.",
        "Cancelled." if run.is_cancelled else f"{run.availability}.",
    ]
    return " ".join(parts)
