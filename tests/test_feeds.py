"""What a feed reader sees: full posts with absolute links."""

import feedparser
import pytest
from conftest import POST, PUBLISHED_SITEURL

POST_URL = f"{PUBLISHED_SITEURL}{POST}"


@pytest.mark.parametrize("feed", ["feeds/atom.xml", "feeds/rss.xml"])
def test_feeds_parse_cleanly_and_carry_the_full_post_with_absolute_links(published, feed):
    parsed = feedparser.parse((published.root / feed).read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    entry = next(e for e in parsed.entries if e.link == POST_URL)
    assert "why the first 1001 days matter" in entry.title.replace("\xa0", " ")
    body = entry.content[0].value if "content" in entry else entry.description
    assert "one gentle touch at a" in body and "Enhances Secure Attachment" in body
    assert parsed.feed.link.startswith(PUBLISHED_SITEURL)


def test_every_page_links_to_both_feeds_and_the_classes_page_to_the_runs_feed(published):
    both = {f"{PUBLISHED_SITEURL}/feeds/atom.xml", f"{PUBLISHED_SITEURL}/feeds/rss.xml"}
    for file in published.html_files():
        path = published.url_path(file)
        if path.endswith("/poster/"):
            continue  # a page to print, not to read
        page = published.html(path)
        feeds = {link["href"] for link in page.find_all("link", rel="alternate")}
        runs = {f"{PUBLISHED_SITEURL}/classes/feed.xml"} if path == "/classes/" else set()
        assert feeds == both | runs, path


def test_the_published_build_uses_absolute_urls(published):
    post = published.html(POST)
    assert post.select_one("a.brand")["href"] == f"{PUBLISHED_SITEURL}/"
    assert post.find("link", rel="stylesheet")["href"].startswith(PUBLISHED_SITEURL)
