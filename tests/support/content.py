"""Content written by the tests: a post, a tiny site, a schedule of runs in every state."""

import shutil
from pathlib import Path

from .site import CONTENT

TEST_POST = """\
Title: {title}
Date: {date}
Category: Baby massage
Summary: A short post used by the tests.
{fields}
{body}
"""


def write_post(
    content: Path, name: str, title: str, date="2025-03-01 09:00", fields="", body=""
) -> Path:
    """A post in content/blog/<name>.md; `fields` are extra header lines, each ending in \\n."""
    post = content / "blog" / f"{name}.md"
    post.parent.mkdir(parents=True, exist_ok=True)
    text = TEST_POST.format(
        title=title, date=date, fields=fields, body=body or f"Some words about {title}."
    )
    post.write_text(text, encoding="utf-8")
    return post


# The real files a tiny site borrows: the schedule page, one course, one venue and one run.
TINY_SITE_FILES = [
    "pages/classes.md",
    "pages/contact.md",  # the schedule page links to these two
    "pages/faq.md",
    "courses/baby-massage.md",
    "venues/parkside-community-centre.md",
    "runs/2027-01-tuesday-mornings.md",
]


def tiny_content(folder: Path) -> Path:
    """A content folder with just one post, the schedule page (and the two pages it links
    to), a course, a venue and a run."""
    for name in TINY_SITE_FILES:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(CONTENT / name, folder / name)
    write_post(folder, "first-post", "First post")
    return folder


# --- A schedule of runs in every state, for the tests of the schedule and its clients ----
# "Today" for those tests: the spring runs are on, January's is over, autumn's is ahead.
SCHEDULE_TODAY = "2026-03-01"
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
    "spring": dict(
        title="Spring Tuesdays",
        start="2026-03-03 10:00",
        places=8,
        booked=5,
        extra="Booking opens: 2026-02-01\n",
    ),
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


def write_schedule(content):
    """Replace the runs in a content folder with RUNS: open, full and cancelled, in all seasons."""
    shutil.rmtree(content / "runs")
    (content / "runs").mkdir()
    for name, run in RUNS.items():
        write_run(content, name, **run)
