"""The real site, built into a temporary folder and read as a browser or crawler would."""

import hashlib
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
PUBLISHED_SITEURL = "https://www.example.com"
# "Today" for every build in the tests, so that no test depends on the real date.
TODAY = "2026-12-01"
# One cache (share images, photo copies, templates) for the test session, not the project's;
# conftest.py removes it when the session ends. Set here too, so that importing pelicanconf
# in a test does not touch the project's cache.
CACHE = tempfile.mkdtemp(prefix="site-test-cache-")
os.environ["SITE_CACHE_PATH"] = CACHE
import pelicanconf  # noqa: E402 (reads SITE_CACHE_PATH)

# The author's own post, as she sent it, and where it is published.
AUTHORS_POST_FILE = CONTENT / "blog" / "2025-02-03-childrens-mental-health-week.md"
POST_SLUG = re.search(
    r"^Slug: (.+)$", AUTHORS_POST_FILE.read_text(encoding="utf-8"), re.MULTILINE
).group(1)
POST = "/" + pelicanconf.ARTICLE_URL.format(slug=POST_SLUG)
# Every page of the real site, as a reader reaches it.
PAGES = [
    "/",
    "/blog/",
    POST,
    "/blog/archive/",
    "/blog/tags/",
    "/blog/categories/",
    "/blog/tag/infant-mental-health/",
    "/blog/category/baby-massage/",
    "/about/",
    "/classes/",
    "/contact/",
    "/faq/",
    "/privacy/",
    "/404.html",
    "/classes/2027-01-tuesday-mornings/",
    "/classes/2027-01-thursday-afternoons/",
]


def invoke(*args: str, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run one of the project's invoke tasks exactly as the author would."""
    return subprocess.run(
        [sys.executable, "-m", "invoke", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "SITEURL": PUBLISHED_SITEURL, "SITE_CACHE_PATH": CACHE, **(env or {})},
    )


class BuiltSite:
    """A built site on disk, read the way a browser or crawler would."""

    def __init__(self, root: Path):
        self.root = root

    def file(self, url_path: str) -> Path:
        """The file a server sends for a URL path such as /blog/ or /404.html."""
        path = self.root / url_path.lstrip("/")
        return path / "index.html" if url_path.endswith("/") else path

    def exists(self, url_path: str) -> bool:
        return self.file(url_path).is_file()

    def html(self, url_path: str) -> BeautifulSoup:
        """Parsed as browsers do (html5lib follows the HTML standard, e.g. for <title>)."""
        return BeautifulSoup(self.file(url_path).read_text(encoding="utf-8"), "html5lib")

    def text(self, url_path: str) -> str:
        """The page's visible words, with spaces as a reader sees them."""
        return " ".join(self.html(url_path).get_text(" ").replace("\xa0", " ").split())

    def html_files(self) -> list[Path]:
        return sorted(self.root.rglob("*.html"))

    def url_path(self, file: Path) -> str:
        relative = file.relative_to(self.root).as_posix()
        return "/" + (
            relative[: -len("index.html")] if relative.endswith("index.html") else relative
        )


def fingerprint(folder: Path) -> str:
    """One hash of every file name and byte under a folder: equal means unchanged."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(path.relative_to(folder).as_posix().encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def files_of(folder: Path) -> dict:
    """Every file written, by path; the sitemap's times are the build's own."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != "sitemap.xml"
    }


def build(task: str, output: Path, content: Path = CONTENT, today: str = TODAY):
    return invoke(task, "--output", str(output), "--content", str(content), "--today", today)


def built(task: str, output: Path, content: Path = CONTENT, today: str = TODAY) -> BuiltSite:
    result = build(task, output, content, today)
    assert result.returncode == 0, result.stdout + result.stderr
    return BuiltSite(output)


# --- Pages as link previews and crawlers read them ---------------------------------------
def output_file(site, absolute_url):
    assert absolute_url.startswith(PUBLISHED_SITEURL + "/"), absolute_url
    return site.file(absolute_url[len(PUBLISHED_SITEURL) :])


def shared_pages(site):
    """Pages meant to be shared and found: not the 404 page, not the posters to print."""
    paths = [site.url_path(f) for f in site.html_files() if f.name != "404.html"]
    return [path for path in paths if not path.endswith("/poster/")]
