"""Links written in posts and pages must lead somewhere once the site is built.

A link is read as a browser reads it: one without a leading / (`contact/`)
starts from the address of the page it is on, so in a post it points under
the post's own address. Checked when everything is written, so every page exists.
"""

import functools
import os
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

from ..shared import KeptResults, broken_link, display


def written_items(generators) -> list:
    """Every post, draft and page that gets a page of its own."""
    items = []
    for generator in generators:
        for name in ("articles", "drafts", "pages", "hidden_pages", "draft_pages"):
            items += getattr(generator, name, [])
    return [item for item in items if item.save_as]


class LinkCheck:
    """One build's link check: the posts and pages to check, and the links found in each text
    by the last `invoke build` (kept in the content cache)."""

    def __init__(self, settings: dict):
        self.items: list = []
        self.kept = KeptResults("Links")
        self.kept.start(settings)

    def broken_links(self, item, output: Path, site_url: str) -> list[str]:
        return broken_links(item, output, site_url, self.kept)


def broken_links(item, output: Path, site_url: str, kept: KeptResults) -> list[str]:
    problems = []
    for reference, path in local_links(item.url, item.content, site_url, kept):
        file = unquote(path).lstrip("/") + ("index.html" if path.endswith("/") else "")
        if not os.path.isfile(os.path.join(output, file)):
            read_as = None if reference.startswith(("/", "http")) else path
            problems.append(f"{display(Path(item.source_path))}: {broken_link(reference, read_as)}")
    return problems


def local_links(
    url: str, html: str, site_url: str, kept: KeptResults
) -> tuple[tuple[str, str], ...]:
    """Each link in the page at `url` to a page or file of the site, with the path it leads
    to. Kept per text, so a build reads only the posts that changed."""
    key = kept.key(url, site_url, html)
    return kept.get(key, lambda: links_in(url, html, site_url))


@functools.lru_cache(maxsize=8192)  # within a process: the live preview's rebuilds
def links_in(url: str, html: str, site_url: str) -> tuple[tuple[str, str], ...]:
    page = url if url.startswith("/") else "/" + url
    links = []
    for reference in link_targets(html):
        local = reference.removeprefix(site_url) if site_url else reference
        parts = urlparse(local)
        if not (parts.scheme or parts.netloc or not parts.path):
            links.append((reference, urljoin(page, parts.path)))
    return tuple(links)


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        href = dict(attrs).get("href") if tag == "a" else None
        if href is not None:
            self.found.append(href)


def link_targets(html: str) -> list[str]:
    """Every <a href> in `html`. The standard library's parser, without building a tree:
    five times quicker than BeautifulSoup, which made this check a third of a build."""
    links = _Links()
    links.feed(html)
    links.close()
    return links.found
