"""The live preview renders only the pages a save changes (preview/page_reuse.py), and its
site is then byte for byte the site a full build makes.

The edits are run by this file itself in a child process (`python tests/test_page_reuse.py`),
so Pelican and our plugins never load into the test process: after each save the kept-running
preview rebuilds, a new preview builds the same content from nothing, and every file of the
two is compared.
"""

import html
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from support.content import tiny_content, write_post
from support.site import ROOT, TODAY

TAGS = ["sleep", "bonding", "colic", "tummy time"]
CATEGORIES = ["Sleep", "Bonding", "Baby massage"]
LAST_MODIFIED = re.compile(rb"<lastmod>[^<]*</lastmod>")  # the sitemap's build time


def test_after_every_kind_of_save_the_preview_is_a_full_build_and_most_pages_are_reused(tmp_path):
    content = tiny_content(tmp_path / "content")
    for number in range(14):  # two pages of the blog index, and of some tag pages
        tags = f"Tags: {TAGS[number % 4]}, {TAGS[(number + 1) % 4]}\n"
        write_post(
            content,
            f"post-{number:02}",
            f"Post number {number}",
            date=f"2025-{number % 12 + 1:02}-{number + 1:02} 09:00",
            fields=tags,
        )
    write_post(content, "kept-address", "Kept address", fields="Slug: kept-address\nTags: sleep\n")
    write_post(
        content,
        "links-to-another",
        "A post that links to another",
        body="See [post number 3]({filename}post-03.md).",
    )
    report = tmp_path / "report.json"
    command = [sys.executable, __file__, str(content), str(tmp_path / "work"), str(report)]
    child = {**os.environ, "PYTHONPATH": str(ROOT)}
    finished = subprocess.run(
        command, cwd=ROOT, env=child, capture_output=True, text=True, timeout=900
    )
    assert finished.returncode == 0, finished.stdout[-3000:] + finished.stderr[-3000:]
    steps = json.loads(report.read_text())

    assert [step["edit"] for step in steps] == list(EDITS)
    for step in steps:
        assert step["differing"] == [], step
    text_edit = steps[0]  # its page, its lists and feeds; not the other posts' pages
    assert text_edit["reused"] > 2 * text_edit["rendered"] > 0, text_edit


def test_a_saved_post_is_right_in_every_list_and_feed_before_the_full_rebuild(tmp_path):
    """preview/quick_lists.py: when the browser reloads after a save, every list and feed
    already shows the post as it now is, each as the full rebuild then makes it."""
    content = tiny_content(tmp_path / "content")
    # Eleven posts: the renamed one ends alone on the blog index's second page, so making it
    # a draft leaves the first page's posts alike but takes away its link to a second page.
    for number in range(9):
        tags = f"Tags: {TAGS[number % 4]}\n"
        write_post(content, f"post-{number:02}", f"Post number {number}", fields=tags)
    write_post(content, "kept-address", "Kept address", fields="Slug: kept-address\nTags: sleep\n")
    report = tmp_path / "report.json"
    command = [sys.executable, __file__, "--quick-lists", str(content), str(tmp_path), str(report)]
    child = {**os.environ, "PYTHONPATH": str(ROOT)}
    finished = subprocess.run(
        command, cwd=ROOT, env=child, capture_output=True, text=True, timeout=900
    )
    assert finished.returncode == 0, finished.stdout[-3000:] + finished.stderr[-3000:]
    seen = json.loads(report.read_text())

    assert list(seen) == list(MOVES)
    for edit, found in seen.items():
        # Only the post's own page may still change: its share card comes with the rebuild.
        assert set(found["differing"]) <= {found["page"]}, edit
        assert found["missing"] == [], edit  # no list or feed left for the rebuild to write
    at_once = seen["a title, its address kept"]["before_rebuild"]
    for name in ["index.html", "blog/index.html", "blog/archive/index.html", "feeds/atom.xml"]:
        # typogrify joins a title's last two words with a no-break space; feeds escape twice
        text = html.unescape(html.unescape(at_once[name])).replace("\xa0", " ")
        assert "A title that changed" in text, name
    assert "blog/tag/a-new-tag/index.html" in seen["tags, one of them new"]["before_rebuild"]


MOVES = {
    "a title, its address kept": ("kept-address", r"^Title: .*$", "Title: A title that changed"),
    "a date": ("post-03", r"^Date: .*$", "Date: 2026-11-20 09:00"),  # into the feeds
    "a date long ago": ("post-03", r"^Date: .*$", "Date: 2020-01-05 09:00"),  # out of them
    "tags, one of them new": ("post-04", r"^Tags: .*$", "Tags: a new tag"),
    "a category": ("post-05", r"^Category: .*$", "Category: Bonding"),
    "a title, and so its address": ("post-06", r"^Title: .*$", "Title: Renamed"),
    "made a draft": ("post-06", r"^(Title: .*)$", r"\1\nStatus: draft"),
    "published again": ("post-06", r"^Status: draft\n", ""),
}


def post(content: Path, number: int) -> Path:
    return content / "blog" / f"post-{number:02}.md"


def replace(path: Path, pattern: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    changed = re.sub(pattern, new, text, count=1, flags=re.MULTILINE)
    assert changed != text, (path, pattern)
    path.write_text(changed, encoding="utf-8")


EDITS = {
    "a post's text": lambda c: replace(post(c, 2), r"\Z", "\nOne more sentence.\n"),
    "a linked post's title, so its address": lambda c: replace(
        post(c, 3), r"^Title: .*$", "Title: A new name"
    ),
    "a date that moves a post to the other index page": lambda c: replace(
        post(c, 12), r"^Date: .*$", "Date: 2024-01-01 09:00"
    ),
    "tags, one of them new": lambda c: replace(post(c, 5), r"^Tags: .*$", "Tags: reflux"),
    "a category": lambda c: replace(post(c, 6), r"^Category: .*$", "Category: Bonding"),
    "a post made a draft": lambda c: replace(post(c, 7), r"^(Title: .*)$", r"\1\nStatus: draft"),
    "a new post": lambda c: write_post(c, "brand-new", "Brand new", date="2025-12-30 09:00"),
    "a post deleted": lambda c: post(c, 8).unlink(),
    "a run's places": lambda c: replace(
        c / "runs/2027-01-tuesday-mornings.md", r"^Booked: .*$", "Booked: 7"
    ),
    "a page's text": lambda c: replace(c / "pages/faq.md", r"\Z", "\nA new answer.\n"),
}


def differing(built: Path, fresh: Path) -> list[str]:
    """Files only in one folder, or with other bytes (the sitemap's build times aside)."""
    names = {
        folder: {path.relative_to(folder) for path in folder.rglob("*") if path.is_file()}
        for folder in (built, fresh)
    }
    found = sorted(str(name) for name in names[built] ^ names[fresh])
    for name in sorted(names[built] & names[fresh]):
        ours, theirs = ((folder / name).read_bytes() for folder in (built, fresh))
        if LAST_MODIFIED.sub(b"", ours) != LAST_MODIFIED.sub(b"", theirs):
            found.append(str(name))
    return found


def edit_and_compare(content: Path, work: Path) -> list[dict]:
    from preview.session import LivePreview

    settings = {"PATH": str(content), "TODAY": TODAY}
    preview = LivePreview(work / "live", CACHE_PATH=str(work / "live-cache"), **settings)
    assert preview.build(use_cache=False)
    steps = []
    for number, (edit, make) in enumerate(EDITS.items()):
        make(content)
        assert preview.build(), edit
        fresh = LivePreview(
            work / f"fresh-{number}", CACHE_PATH=str(work / f"cache-{number}"), **settings
        )
        assert fresh.build(use_cache=False), edit
        steps.append(
            {
                "edit": edit,
                "reused": preview.reuse.reused,
                "rendered": preview.reuse.rendered,
                "differing": differing(preview.output, fresh.output),
            }
        )
    return steps


def quick_lists(content: Path, work: Path) -> dict:
    """Save each of MOVES, noting every page and feed the moment the browser would reload,
    and how they differ from the full rebuild that follows."""
    from preview.session import LivePreview

    # Feeds of four posts: some saves move a post into or out of them, others leave them alone.
    settings = {"PATH": str(content), "TODAY": TODAY, "FEED_MAX_ITEMS": 4}
    preview = LivePreview(work / "live", CACHE_PATH=str(work / "live-cache"), **settings)
    assert preview.build(use_cache=False)
    seen = {}
    for edit, (name, pattern, new) in MOVES.items():
        path = content / "blog" / f"{name}.md"
        replace(path, pattern, new)
        before = {}

        def note_every_file():
            for file in preview.output.rglob("*"):
                if file.is_file() and file.suffix in (".html", ".xml"):
                    before[file.relative_to(preview.output).as_posix()] = file.read_text()

        assert preview.update([path], shown=note_every_file), edit
        after = {
            file.relative_to(preview.output).as_posix(): file.read_bytes()
            for file in preview.output.rglob("*")
            if file.is_file() and file.suffix in (".html", ".xml")
        }
        changed = [
            page
            for page, text in before.items()
            if page in after
            and page != "sitemap.xml"
            and LAST_MODIFIED.sub(b"", text.encode()) != LAST_MODIFIED.sub(b"", after[page])
        ]
        post = next(
            item
            for item in preview.articles.articles + preview.articles.drafts
            if Path(item.source_path) == path
        )
        seen[edit] = {
            "before_rebuild": before,
            "differing": sorted(changed),
            "missing": sorted(set(after) - set(before) - {"sitemap.xml"}),
            "page": post.save_as,
        }
    return seen


if __name__ == "__main__":
    if sys.argv[1] == "--quick-lists":
        content, work, report = map(Path, sys.argv[2:])
        Path(report).write_text(json.dumps(quick_lists(content, work)))
    else:
        content, work, report = map(Path, sys.argv[1:])
        Path(report).write_text(json.dumps(edit_and_compare(content, work), indent=1))
