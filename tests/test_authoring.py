"""What the author sees when she writes: plain errors, drafts, and nothing lost."""

import re
import subprocess
import sys

import pytest
from support.content import write_post
from support.site import (
    AUTHORS_POST_FILE,
    CONTENT,
    ROOT,
    TODAY,
    BuiltSite,
    build,
    built,
    fingerprint,
    invoke,
)

from plugins.content_checks.metadata import problems_in_file, problems_in_folder

A_REAL_DATE = (
    "is not a real date. Write it as YYYY-MM-DD, for example 2025-02-03, "
    "optionally followed by a time such as 09:00."
)
BROKEN_POSTS = {
    "missing title": (
        "Date: 2025-03-01\nSummary: No title here.\n\nText.\n",
        "Title: missing. Add a line such as 'Title: My first class' at the top.",
    ),
    "impossible date": (
        "Title: Bad date\nDate: 2025-02-31\nSummary: A date that does not exist.\n\nText.\n",
        f"Date: '2025-02-31' {A_REAL_DATE}",
    ),
    "date in the wrong order": (
        "Title: Bad date\nDate: 03/02/2025\nSummary: A British-ordered date.\n\nText.\n",
        f"Date: '03/02/2025' {A_REAL_DATE}",
    ),
    "misspelt field": (
        "Title: Typo\nDate: 2025-03-01\nTgas: sleep\nSummary: A typo.\n\nText.\n",
        "Tgas: not a field this site knows, so it would be ignored. Check the spelling; known "
        "fields are Author, Category, Date, Image, Image_alt, Modified, Save_as, Slug, Status, "
        "Summary, Tags, Template, Title, Url.",
    ),
    "unknown status": (
        "Title: Status\nDate: 2025-03-01\nStatus: later\nSummary: Odd status.\n\nText.\n",
        "Status: 'later' is not a status. Use 'draft' to keep it unpublished, "
        "or delete the line to publish it.",
    ),
    "overlong summary": (
        f"Title: Long\nDate: 2025-03-01\nSummary: {'word ' * 40}\n\nText.\n",
        "Summary: 199 characters; search results and link previews cut it at 160. "
        "Shorten it to one or two plain sentences.",
    ),
    "photo without alt text": (
        "Title: Photo\nDate: 2025-03-01\nImage: images/feet.jpg\nSummary: A photo.\n\nText.\n",
        "Image_alt: missing. Describe what the photo shows, "
        "e.g. 'Image_alt: A baby asleep after a massage'.",
    ),
    "field line without a colon": (
        "Title: Colon\nDate 2025-03-01\nSummary: Forgot the colon.\n\nText.\n",
        "line 2: 'Date 2025-03-01' is not a field, so every line after it would be treated as "
        "text. Write fields as 'Name: value', then one empty line, then the text.",
    ),
}


@pytest.fixture
def blog(tmp_path, monkeypatch):
    """A blog folder outside the project: the author reads its files by their full path."""
    monkeypatch.chdir(ROOT)
    folder = tmp_path / "content" / "blog"
    folder.mkdir(parents=True)
    return folder


@pytest.mark.parametrize("case", BROKEN_POSTS)
def test_a_broken_post_is_reported_naming_the_file_the_field_and_the_fix(case, blog):
    text, message = BROKEN_POSTS[case]
    post = blog / "broken.md"
    post.write_text(text, encoding="utf-8")
    assert problems_in_file(post, blog.parent) == [f"{post.as_posix()}: {message}"]


def test_the_authors_own_post_has_no_problem(monkeypatch):
    monkeypatch.chdir(ROOT)
    assert problems_in_file(AUTHORS_POST_FILE, CONTENT) == []


def test_a_file_that_is_not_markdown_is_reported_not_silently_skipped(blog):
    write_post(blog.parent, "good", "A good post")
    (blog / "my-post.txt").write_text("Title: Oops\n\nText\n", encoding="utf-8")
    assert problems_in_folder(blog, blog.parent) == [
        f"{(blog / 'my-post.txt').as_posix()}: this is not a Markdown file, so it would not be "
        "published. Rename it to end in .md, or move it out of this folder."
    ]


def test_a_broken_post_or_a_stray_file_stops_the_build_and_publishes_nothing(
    tiny_site_content, tmp_path
):
    text, message = BROKEN_POSTS["impossible date"]
    output = tmp_path / "output"
    built("build", output, tiny_site_content)
    before = fingerprint(output)

    post = tiny_site_content / "blog" / "broken.md"
    post.write_text(text, encoding="utf-8")
    stray = tiny_site_content / "blog" / "my-post.txt"
    stray.write_text("Title: Oops\n\nText\n", encoding="utf-8")
    result = build("build", output, tiny_site_content)

    assert result.returncode != 0
    assert f"{post.as_posix()}: {message}" in result.stderr.splitlines()
    assert f"{stray.as_posix()}: this is not a Markdown file" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert fingerprint(output) == before, "a failed build changed the published output"


def test_new_post_writes_a_draft_that_builds_but_is_not_published(tiny_site_content, tmp_path):
    result = invoke(
        "new-post", "Tummy time & wind: what helps?", "--content", str(tiny_site_content)
    )
    assert result.returncode == 0, result.stderr
    draft = tiny_site_content.parent / result.stdout.strip()
    assert draft.is_file() and draft.parent == tiny_site_content / "blog"
    fields = dict(re.findall(r"^(\w+): (.*)$", draft.read_text(encoding="utf-8"), re.M))
    assert fields["Title"] == "Tummy time & wind: what helps?"
    assert fields["Status"] == "draft"
    assert {"Date", "Slug", "Category", "Tags", "Summary"} <= fields.keys()

    preview = built("build", tmp_path / "preview", tiny_site_content)
    assert preview.exists(f"/drafts/{fields['Slug']}/")
    assert "Tummy time" not in preview.text("/blog/")

    published = built("preview", tmp_path / "published", tiny_site_content)
    for file in published.root.rglob("*"):
        if file.is_file() and file.suffix in {".html", ".xml"}:
            assert "Tummy time" not in file.read_text(encoding="utf-8"), file


def test_new_post_refuses_to_overwrite_an_existing_post(tiny_site_content):
    assert invoke("new-post", "Same title", "--content", str(tiny_site_content)).returncode == 0
    again = invoke("new-post", "Same title", "--content", str(tiny_site_content))
    assert again.returncode != 0 and "already exists" in again.stderr


def test_the_blog_is_paginated_with_links_between_pages(tiny_site_content, tmp_path):
    for day in range(2, 14):
        write_post(tiny_site_content, f"test-{day}", f"Test post {day}", f"2025-03-{day:02d} 09:00")
    site: BuiltSite = built("build", tmp_path / "output", tiny_site_content)

    first, second = site.html("/blog/"), site.html("/blog/page/2/")
    assert first.select_one("a[rel=next]")["href"] == "/blog/page/2/"
    assert second.select_one("a[rel=prev]")["href"] == "/blog/"
    assert len(first.select("ul.posts > li")) == 10
    assert len(second.select("ul.posts > li")) == 3
    assert "page 2" in second.title.get_text()


LIVE_PREVIEW = """
import sys
from pathlib import Path
from preview.session import LivePreview

content, output, post = map(Path, sys.argv[1:])
preview = LivePreview(output, PATH=str(content), TODAY="{today}", CACHE_PATH=str(output.parent / "cache"))
results = [preview.build(use_cache=False)]
post.write_text(post.read_text().replace("A short post", "An edited post"))
results.append(preview.build())
page = output / "blog" / "edited" / "index.html"
post.write_text(post.read_text().replace("Date: 2025-03-09", "Date: 2025-03-99"))
results.append(preview.build())
mistake = page.read_text()
post.write_text(post.read_text().replace("Date: 2025-03-99", "Date: 2025-03-09"))
results.append(preview.build())
print(results)
print("MISTAKE", mistake.replace("\\n", " "))
"""


def test_the_live_preview_shows_an_edit_then_the_problem_after_a_mistake_then_the_fix(
    tiny_site_content, tmp_path
):
    post = write_post(tiny_site_content, "edited", "Edited", "2025-03-09 09:00", "Slug: edited\n")
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            LIVE_PREVIEW.replace("{today}", TODAY),
            str(tiny_site_content),
            str(tmp_path / "output"),
            str(post),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert "[True, True, False, True]" in result.stdout.splitlines(), result.stdout + result.stderr
    assert "blog/edited.md: Date: '2025-03-99 09:00' is not a real date" in result.stderr
    mistake = result.stdout.split("MISTAKE", 1)[1]
    assert "Your last change needs fixing" in mistake
    assert "blog/edited.md</span>Date: &#x27;2025-03-99 09:00&#x27; is not a real date" in mistake
    assert "An edited post" in (tmp_path / "output" / "blog" / "edited" / "index.html").read_text()
