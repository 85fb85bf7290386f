"""Each use the live preview makes of Pelican beyond its documented API
(preview/pelican_internals.py, listed at its top), pinned: when a Pelican release changes
one, the test of that one fails and its message names it.

Plain Pelican only (its default settings, no plugins of ours): three posts read by its
ArticlesGenerator, as a build reads them.
"""

import os
from types import SimpleNamespace

import pytest
from pelican.contents import Article
from pelican.generators import ArticlesGenerator
from pelican.settings import read_settings
from pelican.writers import Writer

from preview import pelican_internals as internals

POSTS = {
    "sleep.md": "Title: Sleep\nDate: 2025-03-01\nTags: sleep, night\n\n"
    "Read [the bath post]({filename}bath.md).\n",
    "bath.md": "Title: Bath time\nDate: 2025-02-01\nTags: sleep\nCategory: Routines\n\nWarm.\n",
    "colic.md": "Title: Colic\nDate: 2024-12-01\nCategory: Routines\n\nGentle.\n",
}


@pytest.fixture
def blog(tmp_path) -> ArticlesGenerator:
    """Pelican's ArticlesGenerator after reading three posts, as in a build."""
    content = tmp_path / "content"
    content.mkdir()
    for name, text in POSTS.items():
        (content / name).write_text(text, encoding="utf-8")
    settings = read_settings(
        None,
        override={
            "PATH": str(content),
            "OUTPUT_PATH": str(tmp_path / "output"),
            "CACHE_PATH": str(tmp_path / "cache"),
            "SITEURL": "",
        },
    )
    context = {
        **settings,
        "generated_content": {},
        "static_content": {},
        "static_links": set(),
        "localsiteurl": "",
    }
    generator = ArticlesGenerator(
        context=context,
        settings=settings,
        path=str(content),
        theme=settings["THEME"],
        output_path=str(tmp_path / "output"),
    )
    generator.generate_context()
    return generator


def post(blog: ArticlesGenerator, title: str) -> Article:
    return next(item for item in blog.articles if item.title == title)


def test_content_context_is_the_site_a_posts_filename_links_are_filled_from(blog):
    sleep, bath = post(blog, "Sleep"), post(blog, "Bath time")
    assert getattr(sleep, internals.SITE_ATTRIBUTE) is blog.context, (
        "Content._context no longer holds the site a post was read with"
    )
    moved = internals.read_post(blog, bath.source_path)
    moved.slug, moved.override_url = "moved-bath", "blog/moved-bath/"
    site = {**blog.context, "generated_content": {**blog.context["generated_content"]}}
    site["generated_content"]["bath.md"] = moved
    internals.relink_cached(SimpleNamespace(context=site))
    assert 'href="/blog/moved-bath/"' in sleep.content, (
        "Content._context: a post's {filename} links no longer follow the site relinked into it"
    )
    assert internals.SITE_ATTRIBUTE in vars(sleep), "Content._context is no longer an attribute"


def test_content_content_is_the_text_before_links_are_filled_in(blog):
    sleep = post(blog, "Sleep")
    assert "{filename}bath.md" in internals.raw_text(sleep), (
        "Content._content no longer holds the reader's text before links are filled in"
    )
    assert "{filename}" not in sleep.content


def test_generate_context_takes_every_post_from_get_cached_data_and_works_out_the_lists_again(
    blog, monkeypatch
):
    bath = post(blog, "Bath time")
    renamed = internals.read_post(blog, bath.source_path)
    renamed.title, renamed.tags = "Bath time, renamed", [t for t in bath.tags if t != "sleep"]

    def no_reading(*args, **kwargs):
        raise AssertionError(
            "ArticlesGenerator.generate_context read a file instead of taking it from "
            "get_cached_data(path, None)"
        )

    def no_saving(*args, **kwargs):
        raise AssertionError(
            "ArticlesGenerator.generate_context saved its cache other than by self.save_cache()"
        )

    blog.readers.read_file = no_reading
    monkeypatch.setattr(ArticlesGenerator, "save_cache", no_saving)
    again = internals.regrouped(blog, {bath: renamed})
    assert [a.title for a in again.articles] == ["Sleep", "Bath time, renamed", "Colic"]
    assert again.context["articles"] == again.articles, (
        "ArticlesGenerator.generate_context no longer puts the posts into its context"
    )
    tags = {tag.name: [a.title for a in posts] for tag, posts in again.tags.items()}
    assert tags == {"sleep": ["Sleep"], "night": ["Sleep"]}
    assert again.context["generated_content"]["bath.md"] is renamed
    assert [a.title for a in blog.articles] == ["Sleep", "Bath time", "Colic"], "last build kept"


def test_generate_context_meets_a_post_the_last_build_did_not_read(blog, tmp_path):
    (tmp_path / "content" / "new.md").write_text("Title: New\nDate: 2025-04-01\n\nNew.\n")
    with pytest.raises(internals.NotInLastBuild):
        internals.regrouped(blog, {})


def test_write_file_is_called_with_the_page_kind_and_what_it_is_of(blog):
    seen = []

    class Noting:
        def write_file(self, name, template, context, **keywords):
            seen.append(internals.page_kind(keywords))

    blog.generate_pages(Noting())
    posts = [kind for kind in seen if kind[0] == "article"]
    assert sorted(of.title for _, of in posts) == ["Bath time", "Colic", "Sleep"], (
        "Writer.write_file no longer gets a post's page with article=the post"
    )
    assert {("tag", "sleep"), ("tag", "night")} <= {(k, str(of)) for k, of in seen}, (
        "Writer.write_file no longer gets a tag's page with template_name='tag' and tag=the tag"
    )
    assert ("category", "Routines") in {(k, str(of)) for k, of in seen}, (
        "Writer.write_file no longer gets a category's page with template_name='category'"
    )
    assert ("index", None) in seen, "Writer.write_file no longer gets template_name='index'"


def test_read_file_reads_a_post_as_generate_context_does(blog):
    sleep = post(blog, "Sleep")
    again = internals.read_post(blog, os.path.abspath(sleep.source_path))
    assert isinstance(again, Article), "Readers.read_file no longer makes an Article"
    assert (again.title, again.content, again.url) == (sleep.title, sleep.content, sleep.url), (
        "Readers.read_file, called as ArticlesGenerator.generate_context calls it, "
        "reads a post differently"
    )


class StandIn:
    """A template with only `render`, noting each page it is asked for."""

    def __init__(self):
        self.pages = []

    def render(self, page: dict) -> str:
        self.pages.append(page)
        return f"<p>{page['output_file']}</p>"


def test_write_file_renders_through_the_templates_render_alone(blog, tmp_path):
    output = tmp_path / "written"
    Writer(str(output), settings=blog.settings).write_file("a/index.html", StandIn(), blog.context)
    assert (output / "a" / "index.html").read_text() == "<p>a/index.html</p>", (
        "Writer.write_file no longer renders a page by its template's render(page) alone"
    )


def test_paginator_pages_a_list_as_the_preview_pages_it_again(blog, tmp_path):
    template, posts = StandIn(), blog.articles
    settings = {**blog.settings, "DEFAULT_PAGINATION": 2}
    Writer(str(tmp_path / "written"), settings=settings).write_file(
        "index.html", template, blog.context, paginated={"articles": posts}, template_name="index"
    )
    last = template.pages[-1]["articles_page"]
    assert (last.number, last.paginator.count) == (2, 3), "Paginator's page number or count"
    assert internals.page_as_before(last.paginator, posts, 2) == last.object_list, (
        "Paginator(name, url, object_list, settings, per_page) no longer pages as Pelican does"
    )
    assert internals.paging_of(last.paginator)[2:] == (2, 0), "Paginator's per_page or orphans"


def test_a_pages_templates_look_up_every_name_in_the_one_environments_context(blog, tmp_path):
    """Page reuse fingerprints a page by the names its template looks up: its base template's
    names must be seen too, through the environment Pelican renders every page in."""
    template = blog.get_template("article")
    with internals.names_read(template.environment) as names:
        Writer(str(tmp_path / "written"), settings=blog.settings).write_file(
            "a/index.html", template, blog.context, article=post(blog, "Sleep")
        )
    assert {"article", "SITENAME"} <= names, (
        "Jinja2's Environment.context_class no longer sees the names a page (and its base) reads"
    )
    assert template.environment.context_class is not None and not hasattr(
        template.environment.context_class, "names"
    ), "names_read left its recording context in place"
