"""The rules of Atom (RFC 4287) that feed readers rely on, checked one by one with an XML
parser: feedparser forgives what a stricter reader would not. Used by the feed tests."""

import datetime
import xml.etree.ElementTree as ET
from urllib.parse import urlparse

ATOM = "{http://www.w3.org/2005/Atom}"


def is_absolute(url: str | None) -> bool:
    return bool(url) and urlparse(url).scheme in ("http", "https") and bool(urlparse(url).netloc)


def is_rfc3339_date(text: str | None) -> bool:
    try:
        return datetime.datetime.fromisoformat(text).tzinfo is not None
    except (TypeError, ValueError):
        return False


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
        published = entry.findtext(f"{ATOM}published")
        if published is not None and not is_rfc3339_date(published):
            problems.append(f"{where} <published> is not an RFC 3339 date")
    return problems
