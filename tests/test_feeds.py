"""What a feed reader sees: full posts with absolute links."""

import datetime
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime
from urllib.parse import urlparse

import feedparser
import pytest
from support.site import POST, PUBLISHED_SITEURL

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


# The rules of RSS 2.0 (rssboard.org/rss-specification) and Atom (RFC 4287) that readers rely
# on, checked one by one: feedparser above forgives what a stricter reader would not.
ATOM = "{http://www.w3.org/2005/Atom}"


def is_absolute(url: str | None) -> bool:
    return bool(url) and urlparse(url).scheme in ("http", "https") and bool(urlparse(url).netloc)


def is_rfc822_date(text: str | None) -> bool:
    try:
        return parsedate_to_datetime(text).tzinfo is not None
    except (TypeError, ValueError):
        return False


def is_rfc3339_date(text: str | None) -> bool:
    try:
        return datetime.datetime.fromisoformat(text).tzinfo is not None
    except (TypeError, ValueError):
        return False


def rss_problems(feed: ET.Element, feed_url: str) -> list[str]:
    problems = []
    channel = feed.find("channel")
    if feed.get("version") != "2.0" or channel is None:
        return ["not an RSS 2.0 document with a <channel>"]
    for name in ("title", "link", "description"):
        if not (channel.findtext(name) or "").strip():
            problems.append(f"channel <{name}> is missing or empty")
    if not is_absolute(channel.findtext("link")):
        problems.append("channel <link> is not an absolute URL")
    self_link = channel.find(f"{ATOM}link[@rel='self']")
    if self_link is None or self_link.get("href") != feed_url:
        problems.append("channel has no <atom:link rel='self'> naming the feed's own URL")
    for name in ("lastBuildDate", "pubDate"):
        if channel.find(name) is not None and not is_rfc822_date(channel.findtext(name)):
            problems.append(f"channel <{name}> is not an RFC 822 date")
    for number, item in enumerate(channel.findall("item"), 1):
        where = f"item {number}"
        if not (item.findtext("title") or item.findtext("description")):
            problems.append(f"{where} has neither <title> nor <description>")
        if not is_absolute(item.findtext("link")):
            problems.append(f"{where} <link> is not an absolute URL")
        if not is_rfc822_date(item.findtext("pubDate")):
            problems.append(f"{where} <pubDate> is not an RFC 822 date")
        guid = item.find("guid")
        if guid is None:
            problems.append(f"{where} has no <guid>")
        elif guid.get("isPermaLink", "true") == "true" and not is_absolute(guid.text):
            problems.append(f"{where} <guid> {guid.text!r} is taken for a link but is not a URL")
    return problems


def atom_problems(feed: ET.Element, feed_url: str) -> list[str]:
    problems = []
    if feed.tag != f"{ATOM}feed":
        return ["not an Atom <feed>"]

    def check_common(element, where):
        for name in ("id", "title", "updated"):
            if len(element.findall(f"{ATOM}{name}")) != 1:
                problems.append(f"{where} needs exactly one <{name}>")
        if not is_rfc3339_date(element.findtext(f"{ATOM}updated")):
            problems.append(f"{where} <updated> is not an RFC 3339 date")
        if not urlparse(element.findtext(f"{ATOM}id") or "").scheme:
            problems.append(f"{where} <id> is not an IRI")

    check_common(feed, "feed")
    self_link = feed.find(f"{ATOM}link[@rel='self']")
    if self_link is None or self_link.get("href") != feed_url:
        problems.append("feed has no <link rel='self'> naming the feed's own URL")
    feed_has_author = feed.find(f"{ATOM}author/{ATOM}name") is not None
    for number, entry in enumerate(feed.findall(f"{ATOM}entry"), 1):
        where = f"entry {number}"
        check_common(entry, where)
        alternate = entry.find(f"{ATOM}link[@rel='alternate']")
        if alternate is None or not is_absolute(alternate.get("href")):
            problems.append(f"{where} has no absolute <link rel='alternate'>")
        if not feed_has_author and entry.find(f"{ATOM}author/{ATOM}name") is None:
            problems.append(f"{where} has no <author> with a <name>, nor has the feed")
        if entry.find(f"{ATOM}content") is None and entry.find(f"{ATOM}summary") is None:
            problems.append(f"{where} has neither <content> nor <summary>")
    return problems


@pytest.mark.parametrize(
    "feed, rules", [("feeds/rss.xml", rss_problems), ("feeds/atom.xml", atom_problems)]
)
def test_feeds_follow_every_rule_of_their_standard(published, feed, rules):
    document = ET.parse(published.root / feed).getroot()
    assert rules(document, f"{PUBLISHED_SITEURL}/{feed}") == []


def test_the_rss_channel_is_described_and_item_ids_are_not_taken_for_links(published):
    channel = ET.parse(published.root / "feeds" / "rss.xml").getroot().find("channel")
    blog = published.html("/blog/").find("meta", attrs={"name": "description"})["content"]
    assert channel.findtext("description") == blog
    guids = channel.findall("item/guid")
    assert guids and all(guid.get("isPermaLink") == "false" for guid in guids)
    assert all(guid.text.startswith("tag:") for guid in guids)
