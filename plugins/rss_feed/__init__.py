"""RSS as the standard asks: the channel is described, and each item's id is not a link.

Pelican leaves the RSS channel's <description> empty unless SITESUBTITLE is set
(which would also change the Atom feed), and writes each item's <guid> (a `tag:`
URI) without isPermaLink="false", so readers may take it for the post's address.
"""

from feedgenerator import Rss201rev2Feed
from pelican import signals


def describe_rss(context, feed) -> None:
    if not isinstance(feed, Rss201rev2Feed):
        return
    feed.feed["description"] = context["BLOG_DESCRIPTION"]
    for item in feed.items:
        item["unique_id_is_permalink"] = False


def register() -> None:
    signals.feed_generated.connect(describe_rss)
