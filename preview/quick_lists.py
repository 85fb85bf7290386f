"""The live preview's quick lists: a saved post in its lists and feeds, before the full rebuild.

A full rebuild takes seconds at a thousand posts. When a save changes one post that the last
good build published (its text, title, date, tags, category, status or address), the post is
read again, the blog's lists are worked out again from the last build's posts with the new one
in place (as Pelican's ArticlesGenerator does after reading), and only the pages that can show
the post are written: the post's own page, the home page, the blog index, the archive, the
lists of tags and categories, the pages of the tags and categories it had or has, and the
feeds that hold it now or held it before. They are written into a folder beside the preview, minified as the build does, and
moved over the served files. The full rebuild follows and has the last word (the post's new
share card, the sitemap, a tag page no post uses any more).
"""

import copy
import os
import tempfile
from collections import defaultdict
from functools import partial
from operator import attrgetter
from pathlib import Path

from pelican import signals
from pelican.generators import ArticlesGenerator
from pelican.paginator import Paginator
from pelican.utils import order_content, process_translations
from pelican.writers import Writer

from plugins.minify_pages import minify

from .quick_page import Move


def show_in_lists(last: ArticlesGenerator, move: Move, output: Path) -> list[Path]:
    """Write, over `output`, every page and feed that can show the moved post; the files."""
    blog = with_post_moved(last, move)
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
        write_pages(narrowed(blog, writer.groups), writer, move.new)
        blog.generate_feeds(writer)
        written = [move_over(file, Path(folder), output) for file in files_in(Path(folder))]
    if move.old.save_as != move.new.save_as:  # a new address: the old page goes
        (output / move.old.save_as).unlink(missing_ok=True)
    return written


def with_post_moved(last: ArticlesGenerator, move: Move) -> ArticlesGenerator:
    """A copy of the last build's ArticlesGenerator with the post replaced and the lists,
    tags, categories and context worked out again, as Pelican does after reading."""
    blog = copy.copy(last)
    posts = [post for post in last.articles if post is not move.old]
    drafts = [post for post in last.drafts if post is not move.old]
    if move.new.status == "published":
        posts.append(move.new)
    elif move.new.status == "draft":
        drafts.append(move.new)
    blog.articles, blog.drafts = listed(posts, last.settings), listed(drafts, last.settings)
    blog.dates = sorted(
        blog.articles, key=attrgetter("date"), reverse=last.context["NEWEST_FIRST_ARCHIVES"]
    )
    blog.tags, blog.categories, blog.authors = (
        defaultdict(list),
        defaultdict(list),
        defaultdict(list),
    )
    for post in blog.articles:
        if hasattr(post, "category"):
            blog.categories[post.category].append(post)
        for tag in getattr(post, "tags", []):
            blog.tags[tag].append(post)
        for author in getattr(post, "authors", []):
            blog.authors[author].append(post)
    blog.categories = sorted(
        blog.categories.items(), reverse=last.settings["REVERSE_CATEGORY_ORDER"]
    )
    blog.authors = sorted(blog.authors.items())
    blog.period_archives = blog._build_period_archives(blog.dates, blog.articles, blog.settings)
    blog.context = {
        **last.context,
        "articles": blog.articles,
        "drafts": blog.drafts,
        "dates": blog.dates,
        "tags": list(blog.tags.items()),
        "categories": blog.categories,
        "authors": blog.authors,
        "period_archives": blog.period_archives,
        "generated_content": {
            path: move.new if item is move.old else item
            for path, item in last.context["generated_content"].items()
        },
    }
    return blog


def narrowed(blog: ArticlesGenerator, groups: set) -> ArticlesGenerator:
    """The blog with only the tags, categories and authors of the moved post, old and new, to
    page through (the lists of every tag and category stay whole in its context)."""
    blog = copy.copy(blog)
    blog.tags = {tag: posts for tag, posts in blog.tags.items() if tag in groups}
    blog.categories = [(name, posts) for name, posts in blog.categories if name in groups]
    blog.authors = [(name, posts) for name, posts in blog.authors if name in groups]
    return blog


def write_pages(blog: ArticlesGenerator, writer: Writer, post) -> None:
    """Pelican's ArticlesGenerator.generate_pages, but of the posts' own pages only the moved
    post's: going through the others would only work out their addresses."""
    write = partial(writer.write_file, relative_urls=blog.settings["RELATIVE_URLS"])
    only_the_post = copy.copy(blog)
    only_the_post.articles = [post] if post in blog.articles else []
    only_the_post.translations = only_the_post.hidden_translations = []
    only_the_post.hidden_articles = []
    only_the_post.generate_articles(write)
    blog.generate_period_archives(write)
    blog.generate_direct_templates(write)
    blog.generate_tags(write)
    blog.generate_categories(write)
    blog.generate_authors(write)
    blog.generate_drafts(write)


def listed(posts: list, settings: dict) -> list:
    """In the order Pelican gives them (by slug, then by the ordering setting)."""
    originals, _ = process_translations(posts, translation_id=settings["ARTICLE_TRANSLATION_ID"])
    return order_content(originals, settings["ARTICLE_ORDER_BY"])


class OnlyWhatShowsIt(Writer):
    """Pelican's Writer, writing only the pages that can show the moved post."""

    def __init__(self, *args, move: Move, last: ArticlesGenerator, output: Path, **kwargs):
        super().__init__(*args, **kwargs)
        self.move, self.post, self.last, self.output = move, move.new, last, output
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
        if self.shows_the_post(kwargs):
            was = self.last_list(kwargs)
            if was is not None:
                template = UnlessListedAlike(template, was, self.move, self.output)
            super().write_file(name, template, context, *args, **kwargs)

    def last_list(self, kwargs: dict) -> list | None:
        """The posts the same list held in the last build (for the blog index, a tag or a
        category; None for other pages)."""
        if kwargs.get("template_name") == "index":
            return self.last.articles
        if kwargs.get("template_name") == "tag":
            return self.last.tags.get(kwargs["tag"], [])
        if kwargs.get("template_name") == "category":
            return dict(self.last.categories).get(kwargs["category"], [])
        return None

    def shows_the_post(self, kwargs: dict) -> bool:
        if "article" in kwargs:  # one post's page: only this one's
            return kwargs["article"] is self.post
        group = kwargs.get("tag") or kwargs.get("author")
        if kwargs.get("template_name") == "category":
            group = kwargs["category"]
        return group is None or group in self.groups  # the rest: lists of every post


class UnlessListedAlike:
    """A list's template that renders a page only if the page holds the post or other posts
    than in the last build; otherwise the page is the one the preview already serves. (With
    as many posts as before, the page numbers and links are the same too.)"""

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
        before = Paginator(
            paginator.name, paginator.url, self.was, paginator.settings, paginator.per_page
        )
        return before.page(now.number).object_list == now.object_list


def files_in(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*") if path.is_file()]


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
