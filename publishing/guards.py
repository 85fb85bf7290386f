"""Reasons not to deploy: each returns plain sentences, empty when all is well."""

import datetime
from pathlib import Path

from bs4 import BeautifulSoup

# Besides the files every check requires (checks.REQUIRED_FILES: sitemap, feeds, calendar).
ESSENTIAL = {
    "index.html": "the home page",
    "404.html": "the page-not-found page",
}


def post_dates(folder: Path) -> dict[Path, datetime.datetime]:
    """Each post page in the output and when it says it was published (read once)."""
    dates = {}
    for page in sorted(folder.glob("blog/*/index.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        published = soup.find("meta", attrs={"property": "article:published_time"})
        if published:
            dates[page] = datetime.datetime.fromisoformat(published["content"])
    return dates


def missing_essentials(folder: Path, posts: dict) -> list[str]:
    missing = [
        f"{what} ({path}) is missing"
        for path, what in ESSENTIAL.items()
        if not (folder / path).is_file()
    ]
    if not posts:
        missing.append("there is not a single blog post")
    return missing


def unpublished_content(folder: Path, posts: dict, now: datetime.datetime) -> list[str]:
    found = [
        f"a draft is in the output ({p.relative_to(folder)})"
        for p in sorted(folder.glob("drafts/*/index.html"))
    ]
    found += [
        f"{page.relative_to(folder)} is dated in the future ({published:%d %B %Y})"
        for page, published in posts.items()
        if published > now
    ]
    return found


def shrinkage(pages: int, previous: int | None, limit: float) -> list[str]:
    if previous and pages < previous * (1 - limit):
        return [
            f"the site has {pages} pages but the last publish had {previous}: more than "
            f"{limit:.0%} would disappear. If that is what you want, publish with --allow-shrink."
        ]
    return []


def unsafe_path(path: str, setting: str) -> list[str]:
    """Refuse a target folder whose replacement would wipe the wrong files; `setting` names it."""
    clean = path.strip().rstrip("/")
    if not clean or clean in ("/", "~") or Path(clean).expanduser() == Path.home():
        return [
            (
                f"the target folder {path!r} is empty, / or your home folder: "
                f"set {setting} to the site's own folder"
            )
        ]
    return []
