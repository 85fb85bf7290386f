"""Releases on her own server: each publish a whole new copy made live in one switch, one
publish at a time, `--rollback` and `--releases`, what changed said in words, and the
shipped examples refused until she replaces them."""

import os
import subprocess
import threading
import time

import pytest
from support.content import write_post
from support.site import TODAY, fingerprint, invoke, publish
from support.tools import require_tool

from publishing.lock import one_publish_at_a_time
from publishing.placeholders import is_drama_number, placeholders
from publishing.targets import description


@pytest.fixture
def server(tmp_path):
    """RSYNC_PATH on this computer, and the settings that publish there."""
    require_tool("rsync", "publishing to a web server uses rsync")
    require_tool("flock", "the server's lock uses flock (util-linux)")
    folder = tmp_path / "server"
    env = {
        "DEPLOY_TARGET": "rsync",
        "RSYNC_PATH": str(folder),
        "PUBLISH_STATE_FILE": str(tmp_path / "state" / "state.json"),
    }
    return folder, env


def published(content, env, *options) -> str:
    result = publish(content, env, *options)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_rollback_puts_the_previous_release_back_live_byte_for_byte(content_copy, server):
    folder, env = server
    published(content_copy, env)
    before = fingerprint(folder / "current")
    first = (folder / "current").resolve().name
    pages = sum(1 for _ in (folder / "current").resolve().rglob("*.html"))
    write_post(content_copy, "wrong-price", "A post with a wrong price", "2025-03-01 09:00")
    published(content_copy, env)
    assert fingerprint(folder / "current") != before

    result = invoke("publish", "--rollback", env=env)

    assert result.returncode == 0, result.stderr
    assert fingerprint(folder / "current") == before
    assert (folder / "current").resolve().name == first
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
    ).stdout.strip()
    assert "Rolled back: the publish of " in result.stdout and " UTC (commit " in result.stdout
    assert f"commit {commit}, {pages} pages) is live again" in result.stdout, result.stdout

    listed = invoke("publish", "--releases", env=env).stdout
    assert f"  {first}: the publish of" in listed and listed.rstrip().endswith("<- live")
    again = invoke("publish", "--rollback", env=env)
    assert again.returncode != 0 and "Nothing to go back to" in again.stderr
    assert fingerprint(folder / "current") == before


def test_each_publish_is_a_new_release_sharing_unchanged_files_and_the_oldest_go(
    content_copy, server
):
    folder, env = server
    env = {**env, "RELEASES_KEPT": "2"}
    for day in (1, 2, 3):
        write_post(content_copy, f"post-{day}", f"Post {day}", f"2025-03-{day:02d} 09:00")
        published(content_copy, env)
    releases = sorted((folder / "releases").iterdir())
    assert len(releases) == 2, "only RELEASES_KEPT releases stay"
    assert (folder / "current").resolve() == releases[-1]
    older, newer = (release / "about" / "index.html" for release in releases)
    assert older.stat().st_ino == newer.stat().st_ino, "an unchanged file is not sent again"


def test_a_publish_says_in_words_what_changed_and_nothing_when_nothing_did(content_copy, server):
    _, env = server
    published(content_copy, env)
    write_post(content_copy, "new", "A new post", "2025-03-01 09:00")

    changed = published(content_copy, env)
    again = published(content_copy, env)

    assert "1 page added: /blog/a-new-post/\n" in changed
    assert "/about/" not in changed and ">f" not in changed, changed
    assert "  nothing changed\n" in again, "sitemap.xml changed with nothing edited: " + again
    assert len(again.splitlines()) <= 6, again


def test_a_second_publish_waits_for_the_first_saying_so(content_copy, server, tmp_path):
    folder, env = server
    settings = {"DEPLOY_TARGET": "rsync", "RSYNC_HOST": "", "RSYNC_PATH": str(folder)}
    held = threading.Event()

    def first_publish_on_this_computer():
        where = description({**settings, "RSYNC_USER": "deploy"})
        with one_publish_at_a_time(tmp_path / "state", where):
            held.set()
            time.sleep(4)

    holder = threading.Thread(target=first_publish_on_this_computer)
    holder.start()
    held.wait()
    started = time.monotonic()
    second = publish(content_copy, env)
    holder.join()

    assert second.returncode == 0, second.stderr
    assert f"Another publish to rsync to {folder} is running on this computer: waiting" in (
        second.stdout
    )
    assert time.monotonic() - started >= 3


def test_a_second_publish_waits_for_the_servers_lock(content_copy, server):
    folder, env = server
    folder.mkdir()
    lock = subprocess.Popen(["flock", str(folder / ".publish.lock"), "sleep", "4"])
    time.sleep(0.5)
    result = publish(content_copy, env)
    lock.wait()
    assert result.returncode == 0, result.stderr
    assert f"Another publish to {folder} is running: waiting for it to finish" in result.stdout


def test_publishing_refuses_every_shipped_example_naming_what_to_change(content_copy, server):
    folder, env = server
    result = invoke("publish", "--content", str(content_copy), "--today", TODAY, env=env)
    assert result.returncode != 0
    for line in [
        "publishconf.py: SITEURL is still the example address https://www.example.com",
        "pelicanconf.py: CONTACT_EMAIL is still the example hello@example.com",
        "pelicanconf.py: CONTACT_PHONE is still the example 07700 900123",
        "pelicanconf.py: SOCIAL still holds the sample links",
        "content/pages/about.md: a sample page text, as shipped",
        "content/courses/baby-massage.md: the sample course description and terms",
        "content/venues/the-courtyard-studio.md: a sample venue, as shipped",
        "content/runs/2027-03-tuesday-mornings.md: a sample run, as shipped",
        "`invoke publish --allow-examples` publishes them anyway",
    ]:
        assert line in result.stderr, result.stderr
    assert not folder.exists()


def test_a_sample_kept_on_purpose_by_removing_its_mark_is_not_named(content_copy):
    venue = content_copy / "venues" / "the-courtyard-studio.md"
    venue.write_text(venue.read_text().replace("Sample: yes\n", ""))
    settings = {"SITEURL": "https://www.gentletouch.co.uk", "CONTACT_EMAIL": "jo@gentletouch.co.uk"}
    found = placeholders(settings, content_copy)
    assert not any("the-courtyard-studio" in line for line in found)
    assert any("parkside-community-centre" in line for line in found)
    assert not any("SITEURL" in line or "CONTACT_EMAIL" in line for line in found)


@pytest.mark.pure
@pytest.mark.parametrize(
    "phone, drama",
    [
        ("07700 900123", True),
        ("+44 7700 900999", True),
        ("0161 496 0000", True),
        ("020 7946 0123", True),
        ("07700 901123", False),
        ("0161 496 1234", False),
        ("", False),
    ],
)
def test_ofcoms_drama_numbers_are_known_and_real_ones_are_not(phone, drama):
    assert is_drama_number(phone) is drama


def test_invoke_check_passes_on_a_fresh_draft_and_still_names_a_broken_link(content_copy, tmp_path):
    new = invoke("new-post", "Why babies love tummy massage", "--content", str(content_copy))
    assert new.returncode == 0, new.stderr
    (draft,) = (content_copy / "blog").glob("*why-babies-love-tummy-massage.md")
    output = tmp_path / "output"
    build = ["build", "--output", str(output), "--content", str(content_copy), "--today", TODAY]
    assert invoke(*build).returncode == 0

    fresh = invoke("check", "--output", str(output))
    assert fresh.returncode == 0, fresh.stderr

    # Links the build cannot know are wrong (a page edited after it): a draft's link to a
    # page that does not exist, and a published page's link to a tag page nothing makes.
    page = output / "drafts" / "why-babies-love-tummy-massage" / "index.html"
    page.write_text(page.read_text().replace("</main>", '<a href="/timetable/">x</a></main>'))
    about = output / "about" / "index.html"
    about.write_text(about.read_text().replace("</main>", '<a href="/blog/tag/none/">x</a></main>'))
    broken = invoke("check", "--output", str(output))
    assert broken.returncode != 0
    assert f"{draft}: link to /timetable/ is broken" in broken.stderr, broken.stderr
    assert "about.md: link to /blog/tag/none/ is broken" in broken.stderr


FAKE_SSH = """#!/bin/sh
# ssh to "the server": runs the command here, as sshd would run it there.
while [ $# -gt 0 ]; do
  case "$1" in
    -p|-o|-l) shift 2 ;;
    -*) shift ;;
    *) break ;;
  esac
done
echo "$1" >> "$(dirname "$0")/hosts"
shift
exec sh -c "$*"
"""


def test_a_remote_server_gets_the_same_releases_through_ssh(content_copy, server, tmp_path):
    folder, env = server
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    (bin_folder / "ssh").write_text(FAKE_SSH)
    (bin_folder / "ssh").chmod(0o755)
    env = {
        **env,
        "RSYNC_HOST": "server.invalid",
        "PATH": f"{bin_folder}{os.pathsep}{os.environ['PATH']}",
    }
    published(content_copy, env)
    first = fingerprint(folder / "current")
    write_post(content_copy, "new", "A new post", "2025-03-01 09:00")
    assert "1 page added: /blog/a-new-post/" in published(content_copy, env)
    assert (folder / "current" / "blog" / "a-new-post" / "index.html").is_file()

    rolled = invoke("publish", "--rollback", env=env)
    assert rolled.returncode == 0, rolled.stderr
    assert f"is live again on deploy@server.invalid:{folder}" in rolled.stdout
    assert fingerprint(folder / "current") == first
    hosts = set((bin_folder / "hosts").read_text().split())
    assert hosts <= {"deploy@server.invalid", "server.invalid"} and hosts, "never this computer"


@pytest.mark.parametrize(
    "target, setting", [("folder", "PUBLISH_FOLDER"), ("netlify", "NETLIFY_PUBLISH_DIR")]
)
def test_a_folder_target_is_swapped_whole_and_nothing_is_left_beside_it(
    content_copy, tmp_path, target, setting
):
    where = tmp_path / "out" / "site"
    env = {"DEPLOY_TARGET": target, setting: str(where), "PUBLISH_STATE_FILE": str(tmp_path / "s")}
    published(content_copy, env)
    inode = where.stat().st_ino
    write_post(content_copy, "new", "A new post", "2025-03-01 09:00")

    result = published(content_copy, env)

    assert "1 page added: /blog/a-new-post/" in result
    assert (where / "blog" / "a-new-post" / "index.html").is_file()
    assert where.stat().st_ino != inode, "the new folder was put in place, not filled in"
    assert [p.name for p in where.parent.iterdir()] == ["site"]
