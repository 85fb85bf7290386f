"""A first build of many posts reads them on every core (plugins/read_ahead), and makes
byte for byte the site that reading them one by one makes; a build from the cache reads
nothing ahead."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support.content import write_post
from support.site import CONTENT, ROOT, TODAY, files_of

import pelicanconf
from publishing import content_cache
from publishing.build import DEV_SETTINGS, pelican_command

READ_AHEAD = re.compile(r"Read (\d+) posts ahead in (\d+) processes")
MANY = 60

pytestmark = pytest.mark.skipif(
    (os.cpu_count() or 1) < 2, reason="one core: posts are read one by one, nothing ahead"
)


@pytest.fixture(scope="module")
def many_posts(tmp_path_factory):
    """The real content and sixty posts more, with what typogrify and Markdown change."""
    content = tmp_path_factory.mktemp("many") / "content"
    shutil.copytree(CONTENT, content)
    for number in range(MANY):
        write_post(
            content,
            f"post-{number:02}",
            f'Post {number}: "quotes" -- and dashes',
            date=f"2025-{1 + number % 12:02}-{1 + number % 28:02} 09:00",
            fields=f"Tags: bonding, week {number % 5}\n",
            body=f'She said "hello" -- twice... It\'s *post* {number}.\n\n| a | b |\n|---|---|\n| 1 | 2 |',
        )
    return content


def build_site(content, output, cache, plugins=pelicanconf.PLUGINS) -> str:
    """Build as `invoke build` does, with the content cache in `cache`; Pelican's messages."""
    extra = {"TODAY": TODAY, "CACHE_PATH": str(cache), "PLUGINS": plugins}
    extra |= content_cache.settings_for(DEV_SETTINGS, extra)
    finished = subprocess.run(
        [*pelican_command(content, output, DEV_SETTINGS, extra), "--verbose"],
        capture_output=True,
        text=True,
    )
    assert finished.returncode == 0, finished.stdout + finished.stderr
    return finished.stdout + finished.stderr


def test_posts_read_ahead_make_the_site_that_posts_read_one_by_one_make(many_posts, tmp_path):
    posts = len(list((many_posts / "blog").glob("*.md")))
    one_by_one = [name for name in pelicanconf.PLUGINS if name != "plugins.read_ahead"]

    ahead = build_site(many_posts, tmp_path / "ahead", tmp_path / "cache")
    build_site(many_posts, tmp_path / "one-by-one", tmp_path / "other-cache", one_by_one)

    assert [(int(read), int(workers)) for read, workers in READ_AHEAD.findall(ahead)] == [
        (posts, os.cpu_count())
    ]
    made, expected = files_of(tmp_path / "ahead"), files_of(tmp_path / "one-by-one")
    assert made.keys() == expected.keys()
    assert [path for path in made if made[path] != expected[path]] == []
    page = (tmp_path / "ahead" / "blog" / "post-7-quotes-and-dashes" / "index.html").read_text(
        encoding="utf-8"
    )
    assert "“hello” — twice… It’s <em>post</em>" in page and "<table>" in page


def test_a_build_from_the_cache_reads_nothing_ahead_and_keeps_the_same_site(many_posts, tmp_path):
    build_site(many_posts, tmp_path / "first", tmp_path / "cache")
    again = build_site(many_posts, tmp_path / "again", tmp_path / "cache")
    assert not READ_AHEAD.search(again)
    first, cached = files_of(tmp_path / "first"), files_of(tmp_path / "again")
    assert first == cached


def test_a_post_that_fails_or_warns_in_a_worker_is_left_for_pelican_to_read(tmp_path):
    """The content checks stop most mistakes before any post is read; a post that still fails
    or makes Pelican warn while a worker reads it is not handed back, and the worker prints
    nothing: Pelican then reads it itself and reports it as it always does. Run in a process of
    its own, as a worker is, with Pelican's fatal warnings."""
    posts = {
        "good.md": 'Title: Good\nDate: 2026-01-05\n\nIt\'s "good".\n',
        "warns.md": "Title: Warns\nDate: 2026-01-05\nSlug: one\nSlug: two\n\nText.\n",
        "fails.md": "Title: Fails\nDate: some day\n\nText.\n",
    }
    for name, text in posts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    finished = subprocess.run(
        [sys.executable, __file__, str(tmp_path), *posts],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
    )
    assert finished.returncode == 0, finished.stderr
    handed_back, typeset = finished.stdout.splitlines()
    assert handed_back == "good.md"
    assert "&#8220;good&#8221;" in typeset  # typogrify curled the quotes
    assert finished.stderr == ""


def read_in_a_worker(folder: Path, names: list[str]) -> None:
    """What a worker hands back for these posts: the names, then typogrify's texts."""
    from types import SimpleNamespace

    from pelican import log
    from pelican.readers import Readers
    from pelican.settings import DEFAULT_CONFIG

    from plugins import read_ahead, typography_cache

    log.init(fatal="warnings")
    settings = {**DEFAULT_CONFIG, "TYPOGRIFY": True}
    typography_cache.start(SimpleNamespace(settings=settings))  # as at the build's start
    readers = Readers(settings)
    generator = SimpleNamespace(path=str(folder), readers=readers)
    read_ahead._work = (generator, {"md": read_ahead.ReaderAhead(readers.readers["md"])})
    read, typeset = read_ahead.read_in_worker([str(folder / name) for name in names])
    print(" ".join(Path(path).name for path in read))
    print(" ".join(typeset.values()))


if __name__ == "__main__":
    read_in_a_worker(Path(sys.argv[1]), sys.argv[2:])
