"""Where a checked build goes: a web server by rsync, GitHub Pages, or a Netlify-style host.

Each target takes the checked folder, the publish settings, whether this is a
dry run, `run`, which runs one command (a list of words) and stops on failure, and
whether to list every file. Each says in words which pages it added, changed and
removed (a dry run: would), and none leaves a half-updated site: the rsync target
makes a new release live in one rename (releases.py), the folder targets swap the
new folder in for the old one.
"""

import ctypes
import datetime
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from . import state
from .build import ROOT, fresh_folder_beside
from .changes import Changes
from .headers import netlify_headers
from .lock import one_publish_at_a_time
from .releases import RECORD, Server, record


def deploy(folder: Path, settings: dict, dry_run=False, verbose=False) -> None:
    """Send the built and checked site in `folder` to the target in `settings`: the last step
    of a publish, one at a time per target."""
    pages = sum(1 for _ in folder.rglob("*.html"))
    where = description(settings)
    state_file = Path(settings["PUBLISH_STATE_FILE"])
    for program in programs_needed(settings):
        if shutil.which(program) is None:
            raise SystemExit(missing_program(program))
    with one_publish_at_a_time(state_file.parent, where):
        TARGETS[settings["DEPLOY_TARGET"]](folder, settings, dry_run, run, verbose)
        if not dry_run:
            state.remember_page_count(state_file, where, pages)
    print(("Dry run, nothing changed: " if dry_run else "Published: ") + f"{pages} pages, {where}.")


# The programs a deploy runs, and the Debian (and Ubuntu) package that installs each.
PACKAGES = {"rsync": "rsync", "git": "git", "ssh": "openssh-client", "flock": "util-linux"}


def programs_needed(settings: dict) -> list[str]:
    """What a deploy to the target in `settings` runs on this computer."""
    if settings["DEPLOY_TARGET"] == "github-pages":
        return ["git"]
    if settings["DEPLOY_TARGET"] == "rsync":
        return ["rsync", "ssh" if settings["RSYNC_HOST"] else "flock"]
    return []


def missing_program(program: str) -> str:
    package = PACKAGES.get(program, program)
    return (
        f"Publishing stopped before sending anything: the program {program} is not installed. "
        f"Install it with `sudo apt-get install {package}` (on a Mac: `brew install {package}`), "
        "then publish again."
    )


def run(command: list[str], cwd=None, allow_failure=False, quiet=False) -> str:
    """Run one command of a deploy from the project folder; stop publishing if it fails,
    unless `allow_failure`, whose output is hidden (a fetch of a branch that may not exist).
    `quiet`: its output is returned instead of shown."""
    if shutil.which(command[0]) is None:
        raise SystemExit(missing_program(command[0]))
    hidden = subprocess.DEVNULL if allow_failure else None
    output = subprocess.PIPE if quiet else hidden
    result = subprocess.run(
        command, check=False, cwd=cwd or ROOT, stdout=output, stderr=hidden, text=True
    )
    if result.returncode and not allow_failure:
        raise SystemExit(
            f"Publishing stopped: this command failed (its message is above):\n{shlex.join(command)}"
        )
    return result.stdout or ""


def description(settings: dict) -> str:
    """One line naming the target, also the key under which its last publish is remembered."""
    target = settings["DEPLOY_TARGET"]
    if target == "rsync":
        host = settings["RSYNC_HOST"]
        where = (
            f"{settings['RSYNC_USER']}@{host}:{settings['RSYNC_PATH']}"
            if host
            else settings["RSYNC_PATH"]
        )
        return f"rsync to {where}"
    if target == "github-pages":
        return f"GitHub Pages, branch {settings['GITHUB_PAGES_BRANCH']} of {settings['GITHUB_PAGES_REMOTE']}"
    if target == "folder":
        return f"the folder {settings['PUBLISH_FOLDER']}"
    return f"Netlify-style host, folder {settings['NETLIFY_PUBLISH_DIR']}"


def rsync(folder: Path, settings: dict, dry_run: bool, run, verbose=False) -> None:
    """A new release beside the live one on the server, made live in one rename
    (publishing/releases.py); the oldest releases beyond RELEASES_KEPT are removed."""
    server = Server(settings)
    with server.locked():
        releases = server.releases()
        changes = server.changes(folder, releases)
        if dry_run:
            say_changes(f"Dry run: publishing would change {server} like this:", changes, verbose)
            return
        now = datetime.datetime.now(datetime.UTC)
        name = releases.new_name(now)
        pages = sum(1 for _ in folder.rglob("*.html"))
        (folder / RECORD).write_text(record(pages, commit(), now), encoding="utf-8")
        server.upload(folder, name, releases)
        server.make_live(name, incoming=True)
        server.remove_old()
    say_changes(f"The new release {name} is live on {server}:", changes, verbose)


def say_changes(heading: str, changes: Changes, verbose: bool) -> None:
    print(heading)
    print(changes.summary() if any(vars(changes).values()) else "  nothing changed")
    if verbose:
        for verb, paths in vars(changes).items():
            print("\n".join(f"{verb}: {path}" for path in paths))


def commit() -> str | None:
    """The commit being published (GitHub's, or this repository's), if any."""
    if sha := os.environ.get("GITHUB_SHA"):
        return sha[:7]
    found = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    )
    return found.stdout.strip() or None


def github_pages(folder: Path, settings: dict, dry_run: bool, run, verbose=False) -> None:
    """ghp-import commits the folder to the Pages branch (with .nojekyll, and CNAME for a
    domain) in a scratch repository on top of the branch's history, then pushes it."""
    branch, remote = settings["GITHUB_PAGES_BRANCH"], settings["GITHUB_PAGES_REMOTE"]
    if dry_run:
        pages = sum(1 for _ in folder.rglob("*.html"))
        print(f"Dry run: would commit {pages} pages to {branch} and push it to {remote}.")
        return
    with tempfile.TemporaryDirectory(prefix="ghp-") as scratch:
        git = ["git", "-C", scratch]
        run(["git", "init", "--quiet", scratch])
        run(git + ["config", "user.name", settings["AUTHOR"]])
        run(git + ["config", "user.email", settings["CONTACT_EMAIL"]])
        run(git + ["remote", "add", "site", remote])
        run(
            git + ["fetch", "--quiet", "site", f"+{branch}:{branch}"], allow_failure=True
        )  # none yet
        command = [
            sys.executable,
            "-m",
            "ghp_import",
            "--no-jekyll",
            "--push",
            "--remote",
            "site",
            "--branch",
            branch,
            "--message",
            "Publish the site",
        ]
        if settings["CUSTOM_DOMAIN"]:
            command += ["--cname", settings["CUSTOM_DOMAIN"]]
        run(command + [str(folder)], cwd=scratch)


def netlify(folder: Path, settings: dict, dry_run: bool, run, verbose=False) -> None:
    """The host publishes a folder itself (netlify.toml): put the checked site there."""
    (folder / "_headers").write_text(netlify_headers(), encoding="utf-8")
    replace_folder(Path(settings["NETLIFY_PUBLISH_DIR"]), folder, dry_run, verbose)


def folder(folder: Path, settings: dict, dry_run: bool, run, verbose=False) -> None:
    """The checked site in PUBLISH_FOLDER, for a workflow that deploys it itself (GitHub
    Pages' own actions, .github/workflows/publish.yml)."""
    replace_folder(Path(settings["PUBLISH_FOLDER"]), folder, dry_run, verbose)


def replace_folder(target: Path, new: Path, dry_run: bool, verbose: bool) -> None:
    """The new site copied beside `target`, then swapped with it in one rename: the
    folder holds the old site or the new one, whenever this is cut off."""
    changes = Changes.between(target, new)
    if dry_run:
        say_changes(f"Dry run: publishing would change {target} like this:", changes, verbose)
        return
    staging = fresh_folder_beside(target.resolve())
    shutil.copytree(new, staging, dirs_exist_ok=True)
    if target.is_dir():
        exchange(staging, target)  # staging now holds the old site
        shutil.rmtree(staging)
    else:
        staging.rename(target)
    say_changes(f"Published into {target}:", changes, verbose)


def exchange(first: Path, second: Path) -> None:
    """Swap two folders' names in one step (Linux's renameat2); elsewhere, in two renames."""
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    at_cwd, exchange_flag = -100, 2
    if renameat2 and not renameat2(at_cwd, bytes(first), at_cwd, bytes(second), exchange_flag):
        return
    aside = first.with_name(first.name + "-old")
    second.rename(aside)
    first.rename(second)
    aside.rename(first)


TARGETS = {"rsync": rsync, "github-pages": github_pages, "netlify": netlify, "folder": folder}
