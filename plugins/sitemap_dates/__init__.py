"""A stable date in the sitemap for pages that have none of their own.

pelican-sitemap dates the home page, lists, pages without a `Date` and run pages with the
moment of the build, so the sitemap changed at every publish with nothing edited. They get
the newest post's date (or modification) instead: the sitemap changes when the content does.
"""

from pelican import signals
from pelican.plugins.sitemap.sitemap import generator as sitemap


def date_undated_pages(article_generator) -> None:
    dates = [
        getattr(article, "modified", None) or article.date for article in article_generator.articles
    ]
    if dates:
        sitemap.now = max(dates)


def register() -> None:
    signals.article_generator_finalized.connect(date_undated_pages)
