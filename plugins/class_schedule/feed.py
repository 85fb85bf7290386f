"""An Atom feed of the upcoming runs, for parents who follow the site in a feed reader."""

import datetime

from feedgenerator import Atom1Feed

from .model import Run


def runs_feed(
    runs: list[Run], site: str, title: str, feed_url: str, page_url: str, stamp: datetime.datetime
) -> bytes:
    """One entry per run, with its dates, venue, price and places; links are absolute.

    Entries are dated with the build (stamp): a run's details (places left) change
    without the author noting when.
    """
    feed = Atom1Feed(
        title=title,
        link=f"{site}/{page_url}",
        feed_url=f"{site}/{feed_url}",
        description="",
        language="en-GB",
    )
    for run in runs:
        link = f"{site}/{run.url}"
        feed.add_item(
            title=f"{run.title}, {run.dates}",
            link=link,
            unique_id=link,
            description=entry_text(run),
            pubdate=stamp,
            updateddate=stamp,
        )
    return feed.writeString("utf-8").encode("utf-8")


def entry_text(run: Run) -> str:
    return (
        f"{run.weekday_and_time}, {run.dates} ({run.sessions_label}). "
        f"At {run.venue.name}, {run.venue.full_address}. "
        f"{run.price_label}. Ages {run.ages}. {run.availability}."
    )
