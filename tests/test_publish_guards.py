"""Why `invoke publish` refuses to deploy, word for word: the guards over a built folder."""

import datetime
from pathlib import Path

import pytest

from publishing import guards

pytestmark = pytest.mark.pure

NOW = datetime.datetime(2026, 3, 1, 12, 0, tzinfo=datetime.UTC)
POST_PAGE = (
    '<html><head><meta charset="utf-8"><meta name="description" content="Sleep.">'
    '<meta property="article:published_time" content="{}"></head></html>'
)


def write(folder: Path, path: str, text: str = "<html></html>") -> Path:
    file = folder / path
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, encoding="utf-8")
    return file


def test_a_complete_site_with_a_post_is_not_refused(tmp_path):
    for path in ("index.html", "404.html", "feeds/atom.xml", "feeds/rss.xml"):
        write(tmp_path, path)
    post = write(tmp_path, "blog/first/index.html", POST_PAGE.format("2026-02-01T09:00:00+00:00"))
    write(tmp_path, "blog/index.html")  # the blog index is not a post
    posts = guards.post_dates(tmp_path)
    assert posts == {post: datetime.datetime(2026, 2, 1, 9, 0, tzinfo=datetime.UTC)}
    assert guards.missing_essentials(tmp_path, posts) == []
    assert guards.unpublished_content(tmp_path, posts, NOW) == []


def test_each_missing_essential_is_named_with_its_file(tmp_path):
    write(tmp_path, "index.html")
    write(tmp_path, "blog/undated/index.html", "<html><head></head></html>")
    posts = guards.post_dates(tmp_path)
    assert posts == {}
    assert guards.missing_essentials(tmp_path, posts) == [
        "the page-not-found page (404.html) is missing",
        "there is not a single blog post",
    ]
    write(tmp_path, "404.html/index.html")  # a folder where the page should be
    assert "the page-not-found page (404.html) is missing" in guards.missing_essentials(
        tmp_path, {"a post": NOW}
    )


def test_drafts_and_posts_dated_after_now_are_named(tmp_path):
    write(tmp_path, "drafts/b-draft/index.html")
    write(tmp_path, "drafts/a-draft/index.html")
    future = write(tmp_path, "blog/soon/index.html", POST_PAGE.format("2026-03-01T12:00:01+00:00"))
    now = write(tmp_path, "blog/now/index.html", POST_PAGE.format("2026-03-01T12:00:00+00:00"))
    posts = guards.post_dates(tmp_path)
    assert list(posts) == [now, future]
    assert guards.unpublished_content(tmp_path, posts, NOW) == [
        "a draft is in the output (drafts/a-draft/index.html)",
        "a draft is in the output (drafts/b-draft/index.html)",
        "blog/soon/index.html is dated in the future (01 March 2026)",
    ]


@pytest.mark.parametrize(
    "pages, previous, refused",
    [(80, 100, False), (79, 100, True), (10, None, False), (0, 0, False), (100, 80, False)],
)
def test_a_site_that_shrank_by_more_than_the_limit_is_refused(pages, previous, refused):
    found = guards.shrinkage(pages, previous, 0.2)
    assert found == (
        [
            (
                f"the site has {pages} pages but the last publish had {previous}: more than 20% "
                "would disappear. If that is what you want, publish with --allow-shrink."
            )
        ]
        if refused
        else []
    )


@pytest.mark.parametrize("path", ["", "  ", "/", "//", "~", "~/", str(Path.home()) + "/"])
def test_a_target_folder_that_would_wipe_the_wrong_files_is_refused(path):
    assert guards.unsafe_path(path, "RSYNC_PATH") == [
        (
            f"the target folder {path!r} is empty, / or your home folder: "
            "set RSYNC_PATH to the site's own folder"
        )
    ]


@pytest.mark.parametrize("path", ["/var/www/babymassage", "~/site", "output"])
def test_the_sites_own_folder_is_accepted(path):
    assert guards.unsafe_path(path, "NETLIFY_PUBLISH_DIR") == []
