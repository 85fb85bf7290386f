"""Every place the live preview leans on Pelican beyond its documented API, in one module.

The preview renders with Pelican's own generators and writer; it only hands them less to do.
Where that needs more than Pelican's documented API, it is here, and tests/
test_pelican_internals.py pins each item, naming it, so that a Pelican release that changes
one fails that test rather than the preview:

1. `Content._context`: the site a post or page fills its `{filename}` links from. A post
   Pelican's generator cache kept from an earlier build still holds that build's site;
   `relink_cached` hands it this build's; page reuse leaves it out of a post's
   fingerprint (`SITE_ATTRIBUTE`), as the whole site is not part of one page.
2. `Content._content`: a post's text as its reader made it, before links are filled in
   (`raw_text`): whether it links by source file, whether it holds a photo.
3. `ArticlesGenerator.generate_context` takes each post from `get_cached_data(path, None)`
   (reading only on a miss) and ends with `save_cache()`. `regrouped` hands it the last
   build's posts that way, so Pelican itself works out the lists, tags, categories,
   archives and context again, and sends its signals, without reading or caching anything.
4. Pelican's generators call `Writer.write_file` with `template_name` and the page's own
   object as keywords (`article`, `tag`, `category`, `author`) (`page_kind`).
5. `Readers.read_file` with the arguments `generate_context` gives it (`read_post`).
6. `Writer.write_file` only calls its template's `render(page)`: page reuse and the quick
   lists hand it a stand-in that decides whether to render (`ReusableTemplate`,
   `UnlessListedAlike`).
7. `Paginator(name, url, object_list, settings, per_page)`, its `name`, `url`, `settings`,
   `per_page`, `orphans` and `count`, and a page's `paginator`, `number` and `object_list`:
   a list's page as the last build paged it (`page_as_before`), and what a list's other
   pages depend on (`paging_of`).
8. Pelican renders every page's template in the generators' one Jinja2 Environment, so that
   environment's `context_class` sees every name a page's template (its base, includes and
   imports with context) looks up (`names_read`, for page reuse's fingerprints).
"""

import contextlib
import copy
import os
from collections import defaultdict

from jinja2.runtime import Context
from pelican import signals
from pelican.contents import Article, Content
from pelican.generators import ArticlesGenerator
from pelican.paginator import Paginator

POST_LISTS = "articles translations drafts drafts_translations hidden_articles hidden_translations"


# 1. Content._context -------------------------------------------------------------
SITE_ATTRIBUTE = "_context"


def relink_cached(generator) -> None:
    """Posts and pages Pelican's generator cache kept from an earlier build still hold the
    site as it was then, so their `{filename}` links would lead to old addresses: give them
    this build's."""
    for item in generator.context["generated_content"].values():
        if isinstance(item, Content):
            setattr(item, SITE_ATTRIBUTE, generator.context)


# 2. Content._content --------------------------------------------------------------
def raw_text(item: Content) -> str:
    return getattr(item, "_content", "") or ""


# 3. generate_context through get_cached_data --------------------------------------
class NotInLastBuild(LookupError):
    """A post file the last build did not read: only a full rebuild can show it."""


def regrouped(last: ArticlesGenerator, replaced: dict) -> ArticlesGenerator:
    """A copy of the last build's ArticlesGenerator, with the posts in `replaced` (old: new)
    swapped, whose lists, tags, categories, archives and context Pelican's own
    `generate_context` works out again (raises NotInLastBuild for a post it did not read)."""
    known = {
        os.path.relpath(post.source_path, last.path): replaced.get(post, post)
        for name in POST_LISTS.split()
        for post in getattr(last, name)
    }
    blog = copy.copy(last)
    blog.tags, blog.categories, blog.authors = (defaultdict(list) for _ in range(3))
    blog.context = {
        **last.context,
        "generated_content": dict(last.context["generated_content"]),
        "static_links": set(last.context["static_links"]),
    }

    def cached(path, default=None):
        try:
            return known[os.path.normpath(path)]
        except KeyError:
            raise NotInLastBuild(path) from None

    blog.get_cached_data = cached
    blog.save_cache = lambda: None  # nothing was read: the cache stays as the build left it
    blog.generate_context()
    return blog


# 4. write_file's keywords -------------------------------------------------------
def page_kind(write_file_keywords: dict) -> tuple[str | None, object]:
    """What a page a generator writes is: ("article", the post) for a post's or draft's own
    page, ("tag", the tag), ("category", …), ("author", …), or (the template, None) for the
    lists of every post (the blog index, the archive, the list of tags …)."""
    if "article" in write_file_keywords:
        return "article", write_file_keywords["article"]
    kind = write_file_keywords.get("template_name")
    return kind, write_file_keywords.get(kind) if kind in ("tag", "category", "author") else None


# 5. Readers.read_file ------------------------------------------------------------
def read_post(articles: ArticlesGenerator, path: str) -> Content:
    """The post in `path`, read as ArticlesGenerator.generate_context reads one."""
    return articles.readers.read_file(
        base_path=articles.path,
        path=os.path.relpath(path, articles.path),
        content_class=Article,
        context=articles.context,
        preread_signal=signals.article_generator_preread,
        preread_sender=articles,
        context_signal=signals.article_generator_context,
        context_sender=articles,
    )


# 7. Paginator --------------------------------------------------------------------
def page_as_before(paginator: Paginator, posts: list, number: int) -> list:
    """The posts page `number` of the same list held when it held `posts`."""
    before = Paginator(paginator.name, paginator.url, posts, paginator.settings, paginator.per_page)
    return before.page(number).object_list


def paging_of(paginator: Paginator) -> tuple:
    """What, besides its posts, a paginated list's pages depend on."""
    return (paginator.name, paginator.url, paginator.per_page, paginator.orphans)


class RecordingContext(Context):
    """Jinja2's context, noting each name a template looks up while a page renders."""

    names: set[str]

    def resolve_or_missing(self, key):
        self.names.add(key)
        return super().resolve_or_missing(key)


@contextlib.contextmanager
def names_read(environment):
    """The names the environment's templates look up until the end of the block (Jinja2's
    `context_class`, put back as it was afterwards)."""
    names: set[str] = set()
    usual = environment.context_class
    environment.context_class = type("Recording", (RecordingContext,), {"names": names})
    try:
        yield names
    finally:
        environment.context_class = usual
