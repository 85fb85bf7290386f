"""`invoke livereload` as the author uses it: save a file, and every page that shows it follows.

The live server (preview/server.py) runs on a copy of the content, at a free port on
127.0.0.1; each test saves files as an editor would and reads the pages over HTTP.
"""

import html
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from support.site import AUTHORS_POST_FILE, CONTENT, ROOT, TODAY
from support.site import POST as AUTHORS_POST_URL

from preview.server import RELOAD_SCRIPT

POST = AUTHORS_POST_FILE.relative_to(CONTENT).as_posix()
POST_URL = AUTHORS_POST_URL
POST_TAG_URLS = [
    "/blog/tag/childrens-mental-health-week/",
    "/blog/tag/infant-mental-health/",
    "/blog/tag/bonding/",
    "/blog/tag/first-1001-days/",
]
RUN = "runs/2027-01-tuesday-mornings.md"
RUN_URL = "/classes/2027-01-tuesday-mornings/"
SECOND_POST = """\
Title: {title}
Date: 2025-03-09 09:00
Category: Sleep
Tags: sleep
Summary: A second post, without a Slug, so its address follows its title.

Some words about sleep.
"""
WAIT = 180  # seconds: a full rebuild on a busy two-core machine


class LiveSite:
    def __init__(self, base: str, content: Path, output: Path):
        self.base, self.content, self.output = base, content, output

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.base + path, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def page(self, path: str) -> str:
        status, body = self.get(path)
        assert status == 200, f"{path}: {status}"
        return body

    def text(self, path: str) -> str:
        soup = BeautifulSoup(self.page(path), "html5lib")
        return " ".join(soup.get_text(" ").replace("\xa0", " ").split())

    def wait_until(self, path: str, shows, what: str) -> str:
        """Poll a page, as a browser reloading it would, until `shows(body)`."""
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            status, body = self.get(path)
            if status == 200 and shows(body):
                return body
            time.sleep(0.02)
        pytest.fail(f"{path} did not show {what} within {WAIT} s")

    def save(self, name: str, text: str) -> None:
        (self.content / name).write_text(text, encoding="utf-8")


@pytest.fixture
def live(content_copy, tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    (content_copy / "blog" / "second.md").write_text(SECOND_POST.format(title="Sleep at first"))
    output, log = tmp_path / "output", tmp_path / "server.log"
    command = [sys.executable, "-m", "preview.server", str(content_copy), str(output)]
    command += [str(port), f'TODAY="{TODAY}"', f'CACHE_PATH="{tmp_path / "cache"}"']
    with log.open("w") as log_file:
        server = subprocess.Popen(command, cwd=ROOT, stdout=log_file, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + WAIT
        while "Serving the site" not in log.read_text():
            assert server.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.1)
        yield LiveSite(f"http://127.0.0.1:{port}", content_copy, output)
    finally:
        server.terminate()
        server.wait(timeout=30)


def holds(words: str):
    """Whether a page or feed holds these words, as a reader sees them (typogrify joins the
    last two words of a paragraph with a no-break space; feeds escape the page's HTML)."""
    return lambda body: words in html.unescape(html.unescape(body)).replace("\xa0", " ")


def appended(site: LiveSite, words: str) -> str:
    return (site.content / POST).read_text(encoding="utf-8") + f"\n{words}\n"


def test_edits_to_a_posts_text_show_at_once_and_then_everywhere(live):
    for edit in range(1, 4):
        words = f"Edited in the live preview, time number {edit}."
        live.save(POST, appended(live, words))
        first_shown = live.wait_until(POST_URL, holds(words), words)  # the quick page
        # the feeds carry the full text: they follow (quick lists, then the rebuild)
        for feed in ["/feeds/atom.xml", "/feeds/rss.xml"]:
            live.wait_until(feed, holds(words), words)
        rebuilt = live.page(POST_URL)
        assert first_shown == rebuilt, "the page shown at once differs from the rebuilt one"
        for earlier in range(1, edit + 1):
            assert live.text(POST_URL).count(f"time number {earlier}.") == 1
    served = (live.output / POST_URL.strip("/") / "index.html").read_text(encoding="utf-8")
    # what is served is the built page plus the reload line; the built page has none
    assert rebuilt.replace(RELOAD_SCRIPT.decode(), "") == served
    assert "EventSource" not in served


def test_a_new_title_shows_on_the_post_at_once_then_in_lists_and_its_share_card(live):
    for edit in range(1, 3):
        title = f"First 1001 days, title number {edit}"
        text = (live.content / POST).read_text(encoding="utf-8")
        live.save(
            POST, re.sub(r"^Title: .*$", f"Title: {title}", text, count=1, flags=re.MULTILINE)
        )
        first_seen = live.wait_until(POST_URL, holds(f"<h1>{title}</h1>"), title)
        # Its share card is drawn by the full rebuild: the quick page came before it.
        assert title not in share_card_alt(first_seen), "the quick page came after the rebuild"
        live.wait_until("/blog/", holds(title), title)
        for listing in ["/", "/blog/archive/", "/feeds/atom.xml", *POST_TAG_URLS]:
            live.wait_until(listing, holds(title), title)  # quick lists, or the rebuild
        page = live.wait_until(POST_URL, lambda body: title in share_card_alt(body), "its card")
        assert title in BeautifulSoup(page, "html5lib").title.get_text()


def share_card_alt(page: str) -> str:
    return BeautifulSoup(page, "html5lib").select_one("meta[property='og:image:alt']")["content"]


def test_title_edits_move_a_post_in_every_list_feed_and_the_sitemap(live):
    old_title, old_url = "Sleep at first", "/blog/sleep-at-first/"
    live.wait_until("/blog/", holds(old_title), old_title)
    for edit in range(1, 3):
        title = f"Sleep, edited {edit} times"
        url = f"/blog/sleep-edited-{edit}-times/"
        live.save("blog/second.md", SECOND_POST.format(title=title))
        live.wait_until(url, holds(title), title)
        live.wait_until("/sitemap.xml", lambda body, url=url: url in body, url)
        assert live.get(old_url)[0] == 404
        pages = ["/", "/blog/", "/blog/archive/", "/blog/tag/sleep/", "/blog/category/sleep/"]
        for page in pages:
            text = live.page(page)
            assert holds(title)(text) and url in text, page
            assert not holds(old_title)(text) and old_url not in text, page
        for feed in ("/feeds/atom.xml", "/feeds/rss.xml"):
            text = live.page(feed)
            assert holds(title)(text) and not holds(old_title)(text), feed
        assert old_url not in live.page("/sitemap.xml")
        assert holds(f"<h1>{title}</h1>")(live.page(url))
        old_title, old_url = title, url
    # the other post, untouched, is still everywhere it was
    for page in POST_TAG_URLS + ["/blog/"]:
        assert POST_URL in live.page(page), page


def test_edits_to_a_run_show_on_its_page_the_schedule_and_its_calendar(live):
    run_file = live.content / RUN
    original = run_file.read_text(encoding="utf-8")
    for booked, places in ((6, "2 places left"), (8, "Fully booked")):
        note = f"Edit with {booked} booked: tea and biscuits."
        live.save(
            RUN,
            original.replace("Booked: 5", f"Booked: {booked}").replace(
                "Tea, coffee and biscuits", note
            ),
        )
        live.wait_until(RUN_URL, holds(note), note)
        assert places in live.text(RUN_URL)
        assert places in live.text("/classes/")
        assert live.get("/classes/2027-01-tuesday-mornings.ics")[0] == 200


def test_two_saves_in_quick_succession_end_with_the_second(live):
    first, second = "A first quick save.", "A second quick save."
    live.save(POST, appended(live, first))
    time.sleep(0.05)
    live.save(POST, appended(live, second))
    live.wait_until("/feeds/atom.xml", holds(second), second)
    text = live.text(POST_URL)
    assert first in text and second in text
