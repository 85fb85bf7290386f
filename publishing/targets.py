"""Where a checked build goes: a web server by rsync, GitHub Pages, or a Netlify-style host.

Each target takes the checked folder, the publish settings, whether this is a
dry run, `run`, which runs one command (a list of words) and stops on failure, and
whether to list every file. A dry run says in words which pages would be added,
changed and removed.
"""

import shutil
import sys
import tempfile
from pathlib import Path

from .changes import Changes
from .checks import MANIFEST
from .headers import netlify_headers


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
    """Only files whose content changed are sent (--checksum); --delay-updates swaps them in
    together at the end. Without --times, an unchanged file keeps its date on the server, so
    browsers keep their copy, and a dry run does not list it."""
    destination = settings["RSYNC_PATH"].rstrip("/") + "/"
    if settings["RSYNC_HOST"]:
        destination = f"{settings['RSYNC_USER']}@{settings['RSYNC_HOST']}:{destination}"
    command = [
        "rsync",
        "--recursive",
        "--links",
        "--checksum",
        "--delete",
        "--delay-updates",
        "--chmod=D755,F644",
        f"--exclude=/{MANIFEST}*",
        "--itemize-changes",
    ]
    if settings["RSYNC_HOST"]:
        command += ["-e", f"ssh -p {settings['RSYNC_PORT']}"]
    if not dry_run:
        run(command + [f"{folder}/", destination])
        return
    itemized = run(command + ["--dry-run", f"{folder}/", destination], quiet=True)
    print(f"Dry run: publishing would change {destination} like this:")
    print(Changes.from_rsync(itemized).summary())
    if verbose:
        print("Every file, as rsync lists it:\n" + itemized.rstrip())


def github_pages(folder: Path, settings: dict, dry_run: bool, run, verbose=False) -> None:
    """ghp-import commits the folder to the Pages branch (with .nojekyll, and CNAME for a
    domain) in a scratch repository on top of the branch's history, then pushes it."""
    branch, remote = settings["GITHUB_PAGES_BRANCH"], settings["GITHUB_PAGES_REMOTE"]
    if dry_run:
        pages = sum(1 for _ in folder.rglob("*.html"))
        print(f"Dry run: would commit {pages} pages to {branch} and push it to {remote}.")
        return
    (folder / MANIFEST).unlink(missing_ok=True)
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
    target = Path(settings["NETLIFY_PUBLISH_DIR"])
    (folder / MANIFEST).unlink(missing_ok=True)
    (folder / "_headers").write_text(netlify_headers(), encoding="utf-8")
    if dry_run:
        changes = Changes.between(target, folder)
        print(f"Dry run: publishing would change {target} like this:")
        print(changes.summary())
        if verbose:
            for verb, paths in vars(changes).items():
                print("\n".join(f"{verb}: {path}" for path in paths))
        return
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(folder, target)


def folder(folder: Path, settings: dict, dry_run: bool, run, verbose=False) -> None:
    """The checked site in PUBLISH_FOLDER, for a workflow that deploys it itself (GitHub
    Pages' own actions, .github/workflows/publish.yml)."""
    target = Path(settings["PUBLISH_FOLDER"])
    if dry_run:
        print(f"Dry run: would replace {target} with the checked site.")
        return
    (folder / MANIFEST).unlink(missing_ok=True)
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(folder, target)


TARGETS = {"rsync": rsync, "github-pages": github_pages, "netlify": netlify, "folder": folder}
