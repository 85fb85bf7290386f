"""A feed reader subscribes to the live feeds: each feed names itself by its full public address."""

import xml.etree.ElementTree as ET

import pytest
from support.site import CACHE, PUBLISHED_SITEURL, BuiltSite

from publishing.build import PUBLISH_SETTINGS, build

ATOM = "{http://www.w3.org/2005/Atom}"


def self_links(root) -> list[str]:
    return [link.get("href") for link in root.iter(f"{ATOM}link") if link.get("rel") == "self"]


@pytest.fixture(scope="module")
def published_without_feed_domain(tmp_path_factory, monkeypatch_module) -> BuiltSite:
    """The live site built with FEED_DOMAIN set empty, as a hand-edited publishconf.py might."""
    output = tmp_path_factory.mktemp("no-feed-domain") / "output"
    monkeypatch_module.setenv("SITEURL", PUBLISHED_SITEURL)
    monkeypatch_module.setenv("SITE_CACHE_PATH", CACHE)
    build(PUBLISH_SETTINGS, output, extra={"FEED_DOMAIN": ""})
    return BuiltSite(output)


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


@pytest.fixture(params=["publish settings", "FEED_DOMAIN empty"])
def live_site(request) -> BuiltSite:
    if request.param == "publish settings":
        return request.getfixturevalue("published")
    return request.getfixturevalue("published_without_feed_domain")


def test_the_atom_feed_names_itself_by_its_published_address(live_site):
    feed = ET.parse(live_site.root / "feeds" / "atom.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    assert self_links(feed) == [f"{PUBLISHED_SITEURL}/feeds/atom.xml"]


def test_the_rss_feed_names_itself_by_its_published_address(live_site):
    rss = ET.parse(live_site.root / "feeds" / "rss.xml").getroot()
    channel = rss.find("channel")
    assert rss.tag == "rss" and channel is not None
    assert self_links(channel) == [f"{PUBLISHED_SITEURL}/feeds/rss.xml"]
    assert channel.findtext("link").startswith(PUBLISHED_SITEURL)
