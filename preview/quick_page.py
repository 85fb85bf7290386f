"""The live preview's quick page: a saved post's own page, rendered alone in milliseconds.

A full rebuild renders every page (seconds at a thousand posts). When a save changes one
post, its own page must show it at once. So the post is read again with the last good
build's readers (`saved_post`), rendered with its templates and context, minified as the full
build does, and written over its page in the served folder (`write_page`);
preview/quick_lists.py then writes the lists and feeds that show it, and the full rebuild
follows. A new or removed post, a new template, language or photo, or a problem in the file
gets neither (`saved_post` is None) and waits for the full rebuild, which also shows errors.
"""

import os
from dataclasses import dataclass
from pathlib import Path

from pelican import signals
from pelican.contents import Article
from pelican.generators import ArticlesGenerator

from plugins.content_checks.metadata import problems_in_file
from plugins.minify_pages import minify

# What the full build alone can make right: the post's template, language and photos.
NEEDS_THE_BUILD = ("template", "lang", "image", "image_alt")
# Kept from the last build until the rebuild: a new title's share card (for link previews,
# never seen on the page) is drawn by the rebuild a moment later.
MADE_BY_PLUGINS = ("featured_picture", "card_picture", "share_image")


@dataclass(frozen=True)
class Move:
    old: Article  # the post as the last build had it
    new: Article  # and as it is now


def saved_post(articles: ArticlesGenerator, changed: Path) -> Move | None:
    """The post in `changed` as the last build had it and as it is now, if the last build
    published it (or kept it as a draft), it still reads without a problem, and nothing
    but the full build can change (NEEDS_THE_BUILD, a photo in the text) changed."""
    old = published_post(articles, changed)
    settings = articles.settings
    live = settings.get("REFUSE_EXAMPLE_TEXT", False)
    if old is None or problems_in_file(changed, Path(settings["PATH"]), live):
        return None
    new = read_again(articles, changed)
    if (
        new is None
        or new.status not in ("published", "draft")
        or "<img" in new._content
        or any(getattr(new, field, None) != getattr(old, field, None) for field in NEEDS_THE_BUILD)
    ):
        return None
    for made_by_plugins in MADE_BY_PLUGINS:
        if hasattr(old, made_by_plugins):
            setattr(new, made_by_plugins, getattr(old, made_by_plugins))
    return Move(old, new)


def published_post(articles: ArticlesGenerator, path: Path) -> Article | None:
    path = path.resolve()
    posts = [*articles.articles, *articles.drafts]
    return next((post for post in posts if Path(post.source_path) == path), None)


def read_again(articles: ArticlesGenerator, path: Path) -> Article | None:
    try:
        post = articles.readers.read_file(
            base_path=articles.path,
            path=os.path.relpath(path, articles.path),
            content_class=Article,
            context=articles.context,
            preread_signal=signals.article_generator_preread,
            preread_sender=articles,
            context_signal=signals.article_generator_context,
            context_sender=articles,
        )
    except Exception:  # the full rebuild reports it, naming the file
        return None
    return post if isinstance(post, Article) and post.is_valid() else None


def write_page(articles: ArticlesGenerator, post: Article, output: Path) -> Path | None:
    """Render as Pelican's ArticlesGenerator and Writer do, then minify as minify_pages does;
    written over the post's page if it is at the same address (else the quick lists write it)."""
    page = {
        **articles.context,
        "localsiteurl": articles.context.get("localsiteurl"),
        "output_file": post.save_as,
        "article": post,
        "category": getattr(post, "category", None),
        "url": post.url,
        "blog": True,
    }
    html = minify(articles.get_template(post.template).render(page))
    target = output / post.save_as
    if not target.exists():
        return None
    partial = target.with_name(f".{target.name}.part")
    partial.write_text(html, encoding="utf-8")
    partial.replace(target)  # the server never sends half a page
    return target
