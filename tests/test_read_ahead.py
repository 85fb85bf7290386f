"""A first build of many posts reads them on every core (plugins/read_ahead), and makes
byte for byte the site that reading them one by one makes; a build from the cache reads
nothing ahead."""

import os
import re
import shutil
import subprocess

import pytest
from conftest import CONTENT, TODAY, write_post
from test_content_cache import files_of

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


def test_a_post_pelican_warns_about_while_reading_stops_the_build_as_it_would_without(
    many_posts, tmp_path
):
    """A warning in a worker is not lost: Pelican reads that post again and reports it."""
    content = tmp_path / "content"
    shutil.copytree(many_posts, content)
    write_post(content, "photo", "A photo", body="![][photo]\n\n[photo]: /images/photo.jpg")
    one_by_one = [name for name in pelicanconf.PLUGINS if name != "plugins.read_ahead"]
    said = {}
    for name, plugins in [("ahead", pelicanconf.PLUGINS), ("one by one", one_by_one)]:
        extra = {"TODAY": TODAY, "CACHE_PATH": str(tmp_path / name), "PLUGINS": plugins}
        extra |= content_cache.settings_for(DEV_SETTINGS, extra)
        command = pelican_command(content, tmp_path / f"{name} output", DEV_SETTINGS, extra)
        finished = subprocess.run([*command, "--verbose"], capture_output=True, text=True)
        assert finished.returncode != 0
        said[name] = finished.stdout + finished.stderr
    assert READ_AHEAD.search(said["ahead"]) and not READ_AHEAD.search(said["one by one"])
    for output in said.values():
        assert "Empty alt attribute for image photo.jpg" in output and "photo.md" in output
