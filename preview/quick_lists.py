"""The live preview's quick lists: a saved post's page, lists and feeds, before the rebuild.

A full rebuild takes seconds at a thousand posts. When a save changes one post the last good
build had, the post is read again (`saved_post`), Pelican's own ArticlesGenerator works out
the blog's lists again around it (pelican_internals.regrouped), and its own generate_pages
and generate_feeds write, through a Writer that skips the rest, only what can show the post:
its page first, then the lists, tag and category pages and feeds that hold it now or held it
before, minified as the build does and moved over the served files. The full rebuild follows
and has the last word (the post's new share card, the sitemap, a tag no post uses any more).
"""

import copy
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from pelican import signals
from pelican.contents import Article
from pelican.generators import ArticlesGenerator
from pelican.writers import Writer

from plugins.content_checks.metadata import problems_in_file
from plugins.minify_pages import minify

from . import pelican_internals as internals

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
        or "<img" in internals.raw_text(new)
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
        post = internals.read_post(articles, str(path))
    except Exception:  # the full rebuild reports it, naming the file
        return None
    return post if isinstance(post, Article) and post.is_valid() else None


def show_in_lists(last: ArticlesGenerator, move: Move, output: Path) -> list[Path]:
    """Write, over `output`, the moved post's page, then every list and feed that can show
    it; the files."""
    blog = internals.regrouped(last, {move.old: move.new})
    with (
        tempfile.TemporaryDirectory(prefix=".quick-lists-", dir=output.parent) as folder,
        # Plugins that note each written file (the sitemap, the source map) are for the
        # full build: they must not note these.
        signals.content_written.muted(),
        signals.feed_written.muted(),
    ):
        writer = OnlyWhatShowsIt(
            folder, settings=blog.settings, move=move, last=last, output=output
        )
        narrowed(blog, writer.groups).generate_pages(writer)
        blog.generate_feeds(writer)
        written = writer.shown + [
            move_over(file, Path(folder), output)
            for file in Path(folder).rglob("*")
            if file.is_file()
        ]
    if move.old.save_as != move.new.save_as:  # a new address: the old page goes
        (output / move.old.save_as).unlink(missing_ok=True)
    return written


def narrowed(blog: ArticlesGenerator, groups: set) -> ArticlesGenerator:
    """The blog with only the tags, categories and authors of the moved post, old and new, to
    page through (the lists of every tag and category stay whole in its context)."""
    blog = copy.copy(blog)
    blog.tags = {tag: posts for tag, posts in blog.tags.items() if tag in groups}
    blog.categories = [(name, posts) for name, posts in blog.categories if name in groups]
    blog.authors = [(name, posts) for name, posts in blog.authors if name in groups]
    return blog


class OnlyWhatShowsIt(Writer):
    """Pelican's Writer, writing only the pages that can show the moved post."""

    def __init__(self, *args, move: Move, last: ArticlesGenerator, output: Path, **kwargs):
        super().__init__(*args, **kwargs)
        self.move, self.post, self.last, self.output = move, move.new, last, output
        self.shown: list[Path] = []
        self.groups = {
            *getattr(move.old, "tags", []),
            *getattr(move.new, "tags", []),
            getattr(move.old, "category", None),
            getattr(move.new, "category", None),
        }

    def write_feed(self, elements, context, path=None, url=None, *args, **kwargs):
        if self.feed_shows_the_post(elements, path):
            super().write_feed(elements, context, path, url, *args, **kwargs)

    def feed_shows_the_post(self, elements: list, path: str) -> bool:
        """The post is among the feed's entries now, or was in the served feed (whose entries
        link to their posts); otherwise the feed holds the same entries as before."""
        entries = elements[: self.settings["FEED_MAX_ITEMS"] or None]
        served = self.output / path
        return (
            self.post in entries
            or not served.is_file()
            or self.move.old.url in served.read_text(encoding="utf-8")
        )

    def write_file(self, name, template, context, *args, **kwargs):
        kind, of = internals.page_kind(kwargs)
        if not self.shows_the_post(kind, of):
            return
        was = self.last_list(kind, of)
        if was is not None:
            template = UnlessListedAlike(template, was, self.move, self.output)
        super().write_file(name, template, context, *args, **kwargs)
        if of is self.post:  # the post's own page: shown at once, before its lists
            folder = Path(self.output_path)
            self.shown.append(move_over(folder / name, folder, self.output))

    def last_list(self, kind: str | None, of) -> list | None:
        """The posts the same list held in the last build (for the blog index, a tag or a
        category; None for other pages)."""
        if kind == "index":
            return self.last.articles
        if kind == "tag":
            return self.last.tags.get(of, [])
        if kind == "category":
            return dict(self.last.categories).get(of, [])
        return None

    def shows_the_post(self, kind: str | None, of) -> bool:
        if kind == "article":  # one post's page: only this one's
            return of is self.post
        return of is None or of in self.groups  # the rest: lists of every post


class UnlessListedAlike:
    """Stands in for a list's template (preview/pelican_internals.py, 6): renders a page only
    if it holds the post or other posts than in the last build; else the page is the one
    the preview serves. (With as many posts as before, page numbers and links are alike.)"""

    def __init__(self, template, was: list, move: Move, output: Path):
        self.template, self.was, self.move, self.output = template, was, move, output

    def render(self, page: dict) -> str:
        now = page["articles_page"]
        served = self.output / page["output_file"]
        if self.listed_alike(now) and served.is_file():
            return served.read_text(encoding="utf-8")
        return self.template.render(page)

    def listed_alike(self, now) -> bool:
        paginator = now.paginator
        if paginator.count != len(self.was) or self.move.new in now.object_list:
            return False
        return internals.page_as_before(paginator, self.was, now.number) == now.object_list


def move_over(file: Path, folder: Path, output: Path) -> Path:
    """Minify a page as minify_pages would, then replace the served file in one step
    (unless it is the same)."""
    target = output / file.relative_to(folder)
    if target.is_file() and target.read_bytes() == file.read_bytes():
        return target
    if file.suffix == ".html":
        file.write_text(minify(file.read_text(encoding="utf-8")), encoding="utf-8")
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(file, target)
    return target
