"""What the author sees when she writes: plain errors, drafts, and nothing lost."""

import re
import subprocess
import sys

import pytest
from conftest import ROOT, TODAY, BuiltSite, build, built, fingerprint, invoke

GOOD_POST = """\
Title: {title}
Date: 2025-03-{day:02d} 09:00
Category: Baby massage
Tags: sleep
Summary: A short post used by the tests.

Some words about {title}.
"""


BROKEN_POSTS = {
    "missing title": ("Date: 2025-03-01\nSummary: No title here.\n\nText.\n", "Title: missing"),
    "impossible date": (
        "Title: Bad date\nDate: 2025-02-31\nSummary: A date that does not exist.\n\nText.\n",
        "Date: '2025-02-31' is not a real date. Write it as YYYY-MM-DD",
    ),
    "date in the wrong order": (
        "Title: Bad date\nDate: 03/02/2025\nSummary: A British-ordered date.\n\nText.\n",
        "Date: '03/02/2025' is not a real date",
    ),
    "misspelt field": (
        "Title: Typo\nDate: 2025-03-01\nTgas: sleep\nSummary: A typo.\n\nText.\n",
        "Tgas: not a field this site knows",
    ),
    "unknown status": (
        "Title: Status\nDate: 2025-03-01\nStatus: later\nSummary: Odd status.\n\nText.\n",
        "Status: 'later' is not a status",
    ),
    "overlong summary": (
        f"Title: Long\nDate: 2025-03-01\nSummary: {'word ' * 40}\n\nText.\n",
        "Summary: 199 characters",
    ),
    "field line without a colon": (
        "Title: Colon\nDate 2025-03-01\nSummary: Forgot the colon.\n\nText.\n",
        "line 2: 'Date 2025-03-01' is not a field",
    ),
}


@pytest.mark.parametrize("case", BROKEN_POSTS)
def test_a_broken_post_stops_the_build_naming_the_file_and_field_and_publishes_nothing(
    case, content_copy, tmp_path
):
    text, message = BROKEN_POSTS[case]
    output = tmp_path / "output"
    built("build", output, content_copy)
    before = fingerprint(output)

    (content_copy / "blog" / "broken.md").write_text(text, encoding="utf-8")
    result = build("build", output, content_copy)

    assert result.returncode != 0
    assert f"blog/broken.md: {message}" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert fingerprint(output) == before, "a failed build changed the published output"


def test_a_file_that_is_not_markdown_is_reported_not_silently_skipped(content_copy, tmp_path):
    (content_copy / "blog" / "my-post.txt").write_text("Title: Oops\n\nText\n", encoding="utf-8")
    result = build("build", tmp_path / "output", content_copy)
    assert result.returncode != 0
    assert "blog/my-post.txt: this is not Markdown" in result.stderr.replace(
        "a Markdown", "Markdown"
    )
    assert not (tmp_path / "output").exists()


def test_new_post_writes_a_draft_that_builds_but_is_not_published(content_copy, tmp_path):
    result = invoke("new-post", "Tummy time & wind: what helps?", "--content", str(content_copy))
    assert result.returncode == 0, result.stderr
    draft = content_copy.parent / result.stdout.strip()
    assert draft.is_file() and draft.parent == content_copy / "blog"
    fields = dict(re.findall(r"^(\w+): (.*)$", draft.read_text(encoding="utf-8"), re.M))
    assert fields["Title"] == "Tummy time & wind: what helps?"
    assert fields["Status"] == "draft"
    assert {"Date", "Slug", "Category", "Tags", "Summary"} <= fields.keys()

    preview = built("build", tmp_path / "preview", content_copy)
    assert preview.exists(f"/drafts/{fields['Slug']}/")
    assert "Tummy time" not in preview.text("/blog/")

    published = built("preview", tmp_path / "published", content_copy)
    for file in published.root.rglob("*"):
        if file.is_file() and file.suffix in {".html", ".xml"}:
            assert "Tummy time" not in file.read_text(encoding="utf-8"), file


def test_new_post_refuses_to_overwrite_an_existing_post(content_copy):
    assert invoke("new-post", "Same title", "--content", str(content_copy)).returncode == 0
    again = invoke("new-post", "Same title", "--content", str(content_copy))
    assert again.returncode != 0 and "already exists" in again.stderr


def test_the_blog_is_paginated_with_links_between_pages(content_copy, tmp_path):
    for day in range(1, 13):
        post = GOOD_POST.format(title=f"Test post {day}", day=day)
        (content_copy / "blog" / f"test-{day}.md").write_text(post, encoding="utf-8")
    site: BuiltSite = built("build", tmp_path / "output", content_copy)

    first, second = site.html("/blog/"), site.html("/blog/page/2/")
    assert first.select_one("a[rel=next]")["href"] == "/blog/page/2/"
    assert second.select_one("a[rel=prev]")["href"] == "/blog/"
    assert len(first.select("ul.posts > li")) == 10
    assert len(second.select("ul.posts > li")) == 3
    assert "page 2" in second.title.get_text()


LIVE_PREVIEW = """
import sys
from pathlib import Path
from publishing.build import LivePreview

content, output, post = map(Path, sys.argv[1:])
preview = LivePreview(output, PATH=str(content), TODAY="{today}", CACHE_PATH=str(output.parent / "cache"))
results = [preview.build(use_cache=False)]
post.write_text(post.read_text().replace("A short post", "An edited post"))
results.append(preview.build())
before = (output / "blog" / "edited" / "index.html").read_text()
post.write_text(post.read_text().replace("Date: 2025-03-09", "Date: 2025-03-99"))
results.append(preview.build())
print(results, before == (output / "blog" / "edited" / "index.html").read_text())
"""


def test_the_live_preview_shows_an_edit_and_keeps_the_last_good_build_after_a_mistake(
    content_copy, tmp_path
):
    post = content_copy / "blog" / "edited.md"
    post.write_text(
        GOOD_POST.format(title="Edited", day=9).replace("Category:", "Slug: edited\nCategory:")
    )
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            LIVE_PREVIEW.replace("{today}", TODAY),
            str(content_copy),
            str(tmp_path / "output"),
            str(post),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.stdout.strip().splitlines()[-1] == "[True, True, False] True", (
        result.stdout + result.stderr
    )
    assert "blog/edited.md: Date: '2025-03-99 09:00' is not a real date" in result.stderr
    assert "An edited post" in (tmp_path / "output" / "blog" / "edited" / "index.html").read_text()
