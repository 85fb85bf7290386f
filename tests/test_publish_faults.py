"""A publish cut off at any moment, a full disk, an unreachable server: readers always get the
old site or the new one, whole, and the next publish completes.

The two versions of the site are built once; each kill cuts off the deploy step of
`invoke publish` (publishing.publish.deploy, run as its own process, as the command runs it
after its checks) with SIGKILL to its whole process group, as a closed lid or a lost
power supply would, at moments spread over the whole deploy."""

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support.content import write_post
from support.nginx import fetch, free_port, nginx_serving
from support.site import CACHE, ROOT, TODAY, build, invoke
from support.tools import missing, require_tool

KILL_POINTS = 50
# rsync slowed to this many KB/s, so that the upload is a wide part of the deploy.
SLOW_RSYNC_KBPS = 400

# The deploy step of `invoke publish`, given the settings that command reads.
DEPLOY_STEP = """
import json, sys
from pathlib import Path
from publishing.targets import deploy
print("ready", flush=True)
deploy(Path(sys.argv[1]), json.loads(sys.argv[2]))
"""
READ_SETTINGS = """
import json
from publishing.publish import publish_settings
print(json.dumps(publish_settings(), default=str))
"""


@pytest.fixture(scope="module")
def versions(tmp_path_factory):
    """The site before and after an edit (two new posts, one removed, every list changed),
    each built once with the publish settings, and every address either one has."""
    require_tool("rsync", "publishing to a web server uses rsync")
    work = tmp_path_factory.mktemp("versions")
    content = work / "content"
    shutil.copytree(ROOT / "content", content)
    write_post(content, "goes-away", "A post the next version removes", "2025-03-01 09:00")
    old = work / "old"
    assert build("preview", old, content, TODAY).returncode == 0
    (content / "blog" / "goes-away.md").unlink()
    for day in (2, 3):
        write_post(content, f"new-{day}", f"A new post {day}", f"2025-03-{day:02d} 09:00")
    new = work / "new"
    assert build("preview", new, content, TODAY).returncode == 0
    for folder in (old, new):
        for note in folder.glob(".sources.json*"):
            note.unlink()
    return old, new


def served_paths(*folders: Path) -> list[str]:
    """Every page and asset a reader can fetch (compressed copies are the same files)."""
    found = set()
    for folder in folders:
        for path in folder.rglob("*"):
            relative = path.relative_to(folder).as_posix()
            if (
                path.is_file()
                and not path.name.startswith(".")
                and path.suffix not in {".gz", ".br"}
            ):
                found.add("/" + relative)
    return sorted(found)


def expected(folder: Path, paths: list[str]) -> dict:
    """What nginx sends for each address while `folder` is live."""
    missing_page = (folder / "404.html").read_bytes()
    return {
        path: (200, (folder / path[1:]).read_bytes())
        if (folder / path[1:]).is_file()
        else (404, missing_page)
        for path in paths
    }


def snapshot(base: str, paths: list[str]) -> dict:
    answers = {}
    for path in paths:
        status, _, body = fetch(base + path)
        answers[path] = (status, body)
    return answers


@pytest.fixture
def server(tmp_path):
    """RSYNC_PATH served by nginx with deploy/nginx.conf, and a slowed rsync on the PATH."""
    folder = tmp_path / "server"
    folder.mkdir()
    slow = tmp_path / "bin"
    slow.mkdir()
    (slow / "rsync").write_text(
        f'#!/bin/sh\nexec {shutil.which("rsync")} --bwlimit={SLOW_RSYNC_KBPS} "$@"\n'
    )
    (slow / "rsync").chmod(0o755)
    env = {
        **os.environ,
        "PATH": f"{slow}{os.pathsep}{os.environ['PATH']}",
        "DEPLOY_TARGET": "rsync",
        "RSYNC_PATH": str(folder),
        "PUBLISH_STATE_FILE": str(tmp_path / "state.json"),
        "SITE_CACHE_PATH": CACHE,
    }
    env["SETTINGS"] = publish_settings(env)
    with nginx_serving(folder, tmp_path) as base:
        yield folder, env, base


def publish_settings(env: dict) -> str:
    read = subprocess.run(
        [sys.executable, "-c", READ_SETTINGS],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert read.returncode == 0, read.stderr
    return read.stdout


def start_deploy(site: Path, env: dict) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "-c", DEPLOY_STEP, str(site), env["SETTINGS"]],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group: rsync, ssh, flock die with it
    )
    assert process.stdout.readline().strip() == "ready", process.stderr.read()
    return process


def deploy(site: Path, env: dict) -> float:
    """One whole deploy; its length in seconds from the moment it is ready."""
    process = start_deploy(site, env)
    started = time.monotonic()
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, out + err
    return time.monotonic() - started


def test_a_publish_killed_at_any_moment_leaves_the_old_site_or_the_new_whole(versions, server):
    old, new = versions
    folder, env, base = server
    began = time.monotonic()
    paths = served_paths(old, new)
    as_old, as_new = expected(old, paths), expected(new, paths)
    full_speed = {**env, "PATH": os.environ["PATH"]}
    deploy(old, env)
    length = max(deploy(new, env), deploy(old, env))
    live = "old"
    mixed, mixed_fetches, outcomes = [], 0, {"old": 0, "new": 0}
    started = time.monotonic()
    for point in range(KILL_POINTS):
        site, other = (new, "new") if live == "old" else (old, "old")
        delay = length * 1.1 * point / (KILL_POINTS - 1)
        process = start_deploy(site, env)
        time.sleep(delay)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        answers = snapshot(base, paths)
        mixed_fetches += sum(answers[path] not in (as_old[path], as_new[path]) for path in paths)
        if answers == as_old:
            outcomes["old"] += 1
        elif answers == as_new:
            outcomes["new"] += 1
        else:
            mixed.append(f"killed {delay:.2f} s into a deploy of the {other} site")
        deploy(site, full_speed)  # the next publish completes
        assert snapshot(base, paths) == (as_new if site == new else as_old)
        live = other
    print(
        f"\n{KILL_POINTS} kill points over a {length:.2f} s deploy ({len(paths)} addresses "
        f"fetched after each): {len(mixed)} mixed states, {mixed_fetches} fetches matching "
        f"neither version; {outcomes['old']} left the old site live, {outcomes['new']} the new; "
        f"{time.monotonic() - started:.0f} s for the kills, {time.monotonic() - began:.0f} s "
        "in all with nginx and the first deploys"
    )
    assert mixed == [] and mixed_fetches == 0
    # The kills landed on both sides of the switch, so they spread over the whole deploy.
    assert outcomes["old"] >= 5 and outcomes["new"] >= 5, outcomes
    releases = sorted(p.name for p in (folder / "releases").iterdir())
    assert len(releases) == 5, "only the last five releases are kept"


def mount_tmpfs(folder: Path, size: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode:
        missing(f"a small disk for the test could not be mounted: {mounted.stderr.strip()}")


def test_a_full_disk_on_the_server_leaves_the_live_site_as_it_was(versions, tmp_path):
    old, new = versions
    folder = tmp_path / "server"
    mount_tmpfs(folder, "4m")
    try:
        env = {
            **os.environ,
            "DEPLOY_TARGET": "rsync",
            "RSYNC_PATH": str(folder),
            "PUBLISH_STATE_FILE": str(tmp_path / "state.json"),
        }
        env["SETTINGS"] = publish_settings(env)
        with nginx_serving(folder, tmp_path) as base:
            paths = served_paths(old, new)
            deploy(old, env)
            free = shutil.disk_usage(folder).free
            (folder / "filler").write_bytes(b"\0" * (free - 20_000))

            process = start_deploy(new, env)
            _, err = process.communicate(timeout=120)

            assert process.returncode != 0
            assert f"The disk of {folder} is full: make room on it" in err, err
            assert "The live site is unchanged." in err
            assert snapshot(base, paths) == expected(old, paths)
            assert not list((folder / "releases").glob(".incoming-*")), "its half upload stays"

            (folder / "filler").unlink()
            deploy(new, env)
            assert snapshot(base, paths) == expected(new, paths)
    finally:
        subprocess.run(["umount", str(folder)], check=False)


def test_an_unreachable_server_is_named_and_nothing_is_published(content_copy, tmp_path):
    require_tool("ssh", "publishing to a server uses ssh")
    state = tmp_path / "state.json"
    env = {
        "DEPLOY_TARGET": "rsync",
        "RSYNC_HOST": "127.0.0.1",
        "RSYNC_PORT": str(free_port()),  # nothing listens there
        "RSYNC_PATH": "/var/www/babymassage",
        "PUBLISH_STATE_FILE": str(state),
    }
    result = invoke(
        "publish", "--allow-examples", "--content", str(content_copy), "--today", TODAY, env=env
    )
    assert result.returncode != 0
    assert (
        f"Could not reach your server 127.0.0.1 (port {env['RSYNC_PORT']}): check your internet "
        "connection, and RSYNC_HOST and RSYNC_PORT in publishconf.py, then publish again. "
        "The live site is unchanged."
    ) in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert not state.exists(), "a publish that did not happen is not remembered"
