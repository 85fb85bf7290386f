"""Checks of a built site, as a browser, a feed reader and a calendar would read it.

Each finding is one line naming the file the author edits (from the build's
`.sources.json`) and what is wrong: broken internal links and images (a relative
link is read from the address of the page it is on, as a browser does), images
without alt text, missing or over-long descriptions, HTML that does not parse,
a missing sitemap, feed or calendar, feeds, sitemap and calendars that do not parse, and
anything the site's Content-Security-Policy would refuse.
"""

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import feedparser
import html5lib
from bs4 import BeautifulSoup
from icalendar import Calendar

from plugins.content_checks.policy import refused
from plugins.shared import SUMMARY_LIMIT, broken_link
from plugins.source_map import MANIFEST

from .headers import CONTENT_SECURITY_POLICY

# Files every build must have: readers, search engines and calendar apps fetch them by name.
REQUIRED_FILES = {
    "sitemap.xml": "the sitemap",
    "feeds/atom.xml": "the Atom feed",
    "feeds/rss.xml": "the RSS feed",
    "classes.ics": "the calendar of all classes",
}


class Site:
    def __init__(self, folder: Path, site_url: str, preview=None):
        self.folder = folder
        self.site_url = site_url.rstrip("/")
        manifest = folder / MANIFEST
        self.sources = json.loads(manifest.read_text()) if manifest.exists() else {}
        self.preview = preview or PreviewOnly()

    def source(self, page: Path) -> str:
        relative = page.relative_to(self.folder).as_posix()
        return self.sources.get(relative, f"the page {relative}")

    def pages(self) -> list[Path]:
        return sorted(self.folder.rglob("*.html"))

    def address(self, page: Path) -> str:
        return "/" + page.relative_to(self.folder).as_posix()

    def target(self, reference: str, page: Path) -> Path | None:
        """The file an internal link on `page` points to, or None for links that leave the site."""
        if self.site_url and reference.startswith(self.site_url + "/"):
            reference = reference[len(self.site_url) :]
        parts = urlparse(reference)
        if parts.scheme or parts.netloc or not parts.path:
            return None
        path = urljoin(self.address(page), parts.path)
        file = self.folder / unquote(path).lstrip("/")
        return file / "index.html" if path.endswith("/") else file


class PreviewOnly:
    """Pages only the local preview has (drafts), and the addresses a publish of them would
    add (the tag and category pages of a draft's own tags): a link from a draft to those is
    not broken, since the live site gets both together. Every other link is checked."""

    def __init__(self, settings: dict | None = None):
        settings = settings or {}
        self.folders = {
            settings[name].split("{")[0]
            for name in ("DRAFT_SAVE_AS", "DRAFT_PAGE_SAVE_AS")
            if settings.get(name)
        }
        self.made_with_the_page = [
            re.compile("^/" + re.escape(settings[name]).replace(r"\{slug\}", "[^/]+") + "$")
            for name in ("TAG_URL", "CATEGORY_URL")
            if settings.get(name)
        ]

    def has(self, address: str) -> bool:
        return any(folder and address.startswith("/" + folder) for folder in self.folders)

    def comes_with_it(self, link: str) -> bool:
        return any(pattern.match(link) for pattern in self.made_with_the_page)


def check_site(folder: Path, site_url: str, preview: PreviewOnly | None = None) -> list[str]:
    """Every problem in the built site in `folder`. `preview`: what only the local preview
    has (see PreviewOnly), for `invoke check` on a preview build; a publish has none."""
    site = Site(folder, site_url, preview)
    findings = []
    for page in site.pages():
        findings += [f"{site.source(page)}: {problem}" for problem in page_problems(site, page)]
    findings += missing_files(folder)
    findings += feed_problems(folder) + sitemap_problems(folder) + calendar_problems(folder)
    return findings


def missing_files(folder: Path) -> list[str]:
    return [
        f"{path}: {what} is missing: build the site again, and if it is still missing, "
        "report this (the build should always make it)."
        for path, what in REQUIRED_FILES.items()
        if not (folder / path).is_file()
    ]


def page_problems(site: Site, page: Path) -> list[str]:
    text = page.read_text(encoding="utf-8")
    problems = parse_problems(text) + refused(text, CONTENT_SECURITY_POLICY, site.site_url)
    soup = BeautifulSoup(text, "html.parser")
    description = soup.find("meta", attrs={"name": "description"})
    if description is None or not description.get("content", "").strip():
        problems.append("the page has no description: add a Summary.")
    elif len(description["content"]) > SUMMARY_LIMIT:
        problems.append(
            f"the description is {len(description['content'])} characters; keep the Summary to {SUMMARY_LIMIT}."
        )
    for image in soup.find_all("img"):
        if image.get("alt") is None:
            problems.append(f"image {image.get('src')} has no alt text: describe what it shows.")
    for reference in references(soup):
        target = site.target(reference, page)
        if target is not None and not target.is_file() and not published_with(site, page, target):
            problems.append(link_problem(site, page, reference))
    return problems


def published_with(site: Site, page: Path, target: Path) -> bool:
    """A draft's link to a page its publishing will make (its own tag's page)."""
    if not site.preview.has(site.address(page)):
        return False
    address = "/" + target.relative_to(site.folder).as_posix().removesuffix("index.html")
    return site.preview.comes_with_it(address)


def link_problem(site: Site, page: Path, reference: str) -> str:
    from_root = reference.startswith(("/", site.site_url or "/"))
    read_as = urljoin(site.address(page).removesuffix("index.html"), reference)
    return broken_link(reference, None if from_root else read_as)


def references(soup) -> list[str]:
    found = [
        tag["href"]
        for tag in soup.find_all(["a", "link"], href=True)
        if tag.get("rel") != ["canonical"]
    ]
    found += [tag["src"] for tag in soup.find_all(["img", "source"], src=True)]
    for tag in soup.find_all(["img", "source"], srcset=True):
        found += [part.split()[0] for part in tag["srcset"].split(",")]
    return found


# html5lib predates the current HTML standard, under which a bare "&" in a URL
# (as minify-html writes it) is fine.
OUTDATED_ERRORS = {"expected-named-entity"}


def parse_problems(text: str) -> list[str]:
    parser = html5lib.HTMLParser()
    parser.parse(text)
    errors = [
        (position, code) for position, code, _ in parser.errors if code not in OUTDATED_ERRORS
    ]
    return [
        f"the HTML does not parse: {code} at line {line}, column {column}."
        for (line, column), code in errors[:1]
    ]


def feed_problems(folder: Path) -> list[str]:
    problems = []
    for feed in sorted((folder / "feeds").glob("*.xml")):
        parsed = feedparser.parse(feed.read_bytes())
        if parsed.bozo:
            problems.append(f"feeds/{feed.name}: the feed does not parse: {parsed.bozo_exception}.")
    return problems


def sitemap_problems(folder: Path) -> list[str]:
    sitemap = folder / "sitemap.xml"
    if not sitemap.exists():
        return []  # reported by missing_files
    try:
        ET.parse(sitemap)
    except ET.ParseError as error:
        return [f"sitemap.xml does not parse: {error}."]
    return []


def calendar_problems(folder: Path) -> list[str]:
    problems = []
    for calendar in sorted(folder.rglob("*.ics")):
        try:
            Calendar.from_ical(calendar.read_bytes())
        except ValueError as error:
            problems.append(
                f"{calendar.relative_to(folder)}: the calendar does not parse: {error}."
            )
    return problems
