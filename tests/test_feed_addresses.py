"""A feed reader subscribes to the live feeds: each feed names itself by its full public address."""

import xml.etree.ElementTree as ET

from conftest import PUBLISHED_SITEURL

ATOM = "{http://www.w3.org/2005/Atom}"


def self_links(root) -> list[str]:
    return [link.get("href") for link in root.iter(f"{ATOM}link") if link.get("rel") == "self"]


def test_the_atom_feed_names_itself_by_its_published_address(published):
    feed = ET.parse(published.root / "feeds" / "atom.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    assert self_links(feed) == [f"{PUBLISHED_SITEURL}/feeds/atom.xml"]


def test_the_rss_feed_names_itself_by_its_published_address(published):
    rss = ET.parse(published.root / "feeds" / "rss.xml").getroot()
    channel = rss.find("channel")
    assert rss.tag == "rss" and channel is not None
    assert self_links(channel) == [f"{PUBLISHED_SITEURL}/feeds/rss.xml"]
    assert channel.findtext("link").startswith(PUBLISHED_SITEURL)
