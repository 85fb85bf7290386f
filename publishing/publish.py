"""`invoke publish` and `invoke check`: build the live site, check it, and only then deploy it."""

import datetime
import shlex
import subprocess
import tempfile
from pathlib import Path

from authoring.photos import location_problems, warn

from . import guards, state, summary, targets
from .build import CONTENT, PUBLISH_SETTINGS, ROOT, BuildFailed, build
from .checks import check_site


class Refused(SystemExit):
    """Publishing stopped before anything was deployed. A SystemExit, so the command exits
    with status 1 and this message, without a traceback."""

    def __init__(self, problems: list[str]):
        lines = "\n".join(f"- {problem}" for problem in problems)
        super().__init__(f"Not published, the live site is unchanged:\n{lines}")
        self.problems = problems


def publish(
    target=None,
    dry_run=False,
    allow_shrink=False,
    content=None,
    today=None,
    summary_to=None,
    verbose=False,
) -> None:
    """Build the live site into a fresh folder, check it, and only then deploy it to `target`
    (default: DEPLOY_TARGET in publishconf.py). Raises Refused, deploying nothing, on a problem,
    and lists the problems in `summary_to` (default: GitHub's job summary, when there is one).
    A dry run says which pages would change; `verbose` adds every file."""
    try:
        deploy_checked_site(target, dry_run, allow_shrink, content, today, verbose)
    except BuildFailed as failure:
        summary.write(summary_to, summary.build_problems(failure.errors), summary.NOT_BUILT)
        raise
    except Refused as refusal:
        summary.write(summary_to, refusal.problems, summary.REFUSED)
        raise


def deploy_checked_site(target, dry_run, allow_shrink, content, today, verbose) -> None:
    settings = publish_settings(target)
    refuse_if(target_problems(settings))
    photos = location_problems(Path(content or CONTENT) / "images")
    refuse_if(photos if settings["PUBLIC_REPOSITORY"] else [])
    warn(photos)
    with tempfile.TemporaryDirectory(prefix="publish-") as scratch:
        folder = Path(scratch) / "site"
        build(PUBLISH_SETTINGS, folder, content, today)
        where = targets.description(settings)
        state_file = Path(settings["PUBLISH_STATE_FILE"])
        pages = sum(1 for _ in folder.rglob("*.html"))
        refuse_if(site_problems(folder, settings, pages, where, allow_shrink))
        deploy = targets.TARGETS[settings["DEPLOY_TARGET"]]
        deploy(folder, settings, dry_run, run, verbose)
        if not dry_run:
            state.remember_page_count(state_file, where, pages)
    print(("Dry run, nothing changed: " if dry_run else "Published: ") + f"{pages} pages, {where}.")


def site_problems(folder: Path, settings: dict, pages: int, where: str, allow_shrink: bool):
    """Every reason not to deploy the built site in `folder` to `where`."""
    posts = guards.post_dates(folder)
    now = datetime.datetime.now(datetime.UTC)
    problems = guards.missing_essentials(folder, posts)
    problems += guards.unpublished_content(folder, posts, now)
    problems += check_site(folder, settings["SITEURL"])
    if not allow_shrink:
        previous = state.last_page_count(Path(settings["PUBLISH_STATE_FILE"]), where)
        problems += guards.shrinkage(pages, previous, settings["PUBLISH_MAX_SHRINK"])
    return problems


def check(output: Path) -> None:
    """Check a built site; raise SystemExit listing every problem found."""
    findings = check_site(Path(output), publish_settings()["SITEURL"])
    if findings:
        raise SystemExit("\n".join(findings) + f"\n{len(findings)} problem(s) found.")
    print(f"No problems found in {output}.")


def publish_settings(target=None) -> dict:
    from pelican.settings import read_settings

    settings = read_settings(str(PUBLISH_SETTINGS))
    return {**settings, "DEPLOY_TARGET": target or settings["DEPLOY_TARGET"]}


def target_problems(settings) -> list[str]:
    target = settings["DEPLOY_TARGET"]
    if target not in targets.TARGETS:
        return [f"{target!r} is not a target: use {', '.join(targets.TARGETS)}"]
    if target == "rsync":
        return guards.unsafe_path(settings["RSYNC_PATH"], "RSYNC_PATH")
    if target == "github-pages" and not settings["GITHUB_PAGES_REMOTE"]:
        return ["GITHUB_PAGES_REMOTE is not set: give the repository to publish to"]
    if target == "netlify":
        return guards.unsafe_path(settings["NETLIFY_PUBLISH_DIR"], "NETLIFY_PUBLISH_DIR")
    if target == "folder":
        return guards.unsafe_path(settings["PUBLISH_FOLDER"], "PUBLISH_FOLDER")
    return []


def refuse_if(problems: list[str]) -> None:
    if problems:
        raise Refused(problems)


def run(command: list[str], cwd=None, allow_failure=False, quiet=False) -> str:
    """Run one command of a deploy from the project folder; stop publishing if it fails,
    unless `allow_failure`, whose output is hidden (a fetch of a branch that may not exist).
    `quiet`: its output is returned instead of shown."""
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
