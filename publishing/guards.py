"""Reasons not to deploy: each returns plain sentences, empty when all is well."""

import datetime
from pathlib import Path

from bs4 import BeautifulSoup

ESSENTIAL = {
    "index.html": "the home page",
    "404.html": "the page-not-found page",
    "feeds/atom.xml": "the Atom feed",
    "feeds/rss.xml": "the RSS feed",
}


def post_pages(folder: Path) -> list[Path]:
    pages = []
    for page in folder.glob("blog/*/index.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        if soup.find("meta", attrs={"property": "og:type", "content": "article"}):
            pages.append(page)
    return pages


def missing_essentials(folder: Path) -> list[str]:
    missing = [
        f"{what} ({path}) is missing"
        for path, what in ESSENTIAL.items()
        if not (folder / path).is_file()
    ]
    if not post_pages(folder):
        missing.append("there is not a single blog post")
    return missing


def unpublished_content(folder: Path, now: datetime.datetime) -> list[str]:
    found = [
        f"a draft is in the output ({p.relative_to(folder)})"
        for p in sorted(folder.glob("drafts/*/index.html"))
    ]
    for page in post_pages(folder):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        published = datetime.datetime.fromisoformat(
            soup.find("meta", attrs={"property": "article:published_time"})["content"]
        )
        if published > now:
            found.append(
                f"{page.relative_to(folder)} is dated in the future ({published:%d %B %Y})"
            )
    return found


def shrinkage(pages: int, previous: int | None, limit: float) -> list[str]:
    if previous and pages < previous * (1 - limit):
        return [
            f"the site has {pages} pages but the last publish had {previous}: more than "
            f"{limit:.0%} would disappear. If that is what you want, publish with --allow-shrink."
        ]
    return []


def unsafe_path(path: str) -> list[str]:
    clean = path.strip().rstrip("/")
    if not clean or clean in ("/", "~") or Path(clean).expanduser() == Path.home():
        return [
            f"the target folder {path!r} is empty, / or your home folder: set RSYNC_PATH to the site's own folder"
        ]
    return []
