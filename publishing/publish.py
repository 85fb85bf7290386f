"""`invoke publish` and `invoke check`: build the live site, check it, and only then deploy it."""

import datetime
import tempfile
from pathlib import Path

from authoring.photos import location_problems, warn

from . import addresses, guards, state, summary, targets
from .build import CONTENT, DEV_SETTINGS, PUBLISH_SETTINGS, BuildFailed, build
from .checks import MANIFEST, PreviewOnly, check_site
from .lock import one_publish_at_a_time
from .placeholders import placeholders
from .releases import Server


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
    allow_examples=False,
) -> None:
    """Build the live site into a fresh folder, check it, and only then deploy it to `target`
    (default: DEPLOY_TARGET in publishconf.py). Raises Refused, deploying nothing, on a problem,
    and lists the problems in `summary_to` (default: GitHub's job summary, when there is one).
    A dry run says which pages would change; `verbose` adds every file. `allow_examples`
    publishes even while the shipped examples (placeholders.py) are still in place."""
    try:
        deploy_checked_site(target, dry_run, allow_shrink, content, today, verbose, allow_examples)
    except BuildFailed as failure:
        summary.write(summary_to, summary.build_problems(failure.errors), summary.NOT_BUILT)
        raise
    except Refused as refusal:
        summary.write(summary_to, refusal.problems, summary.REFUSED)
        raise


def deploy_checked_site(
    target, dry_run, allow_shrink, content, today, verbose, allow_examples
) -> None:
    settings = publish_settings(target)
    refuse_if(target_problems(settings))
    if not allow_examples:
        refuse_if(placeholders(settings, Path(content or CONTENT)), EXAMPLES_HINT)
    photos = location_problems(Path(content or CONTENT) / "images")
    refuse_if(photos if settings["PUBLIC_REPOSITORY"] else [])
    warn(photos)
    with tempfile.TemporaryDirectory(prefix="publish-") as scratch:
        folder = Path(scratch) / "site"
        build(PUBLISH_SETTINGS, folder, content, today)
        pages = sum(1 for _ in folder.rglob("*.html"))
        where = targets.description(settings)
        moved = addresses.read_plan(folder)
        problems = site_problems(folder, settings, pages, where, allow_shrink)
        refuse_if(problems + addresses.problems(moved, folder))
        addresses.describe(moved)
        addresses.prepare(folder, moved, settings["DEPLOY_TARGET"])
        for note in folder.glob(f"{MANIFEST}*"):  # the build's notes, for the checks only
            note.unlink()
        targets.deploy(folder, settings, dry_run, verbose)
        if not dry_run:
            addresses.remember(moved)
            addresses.reload_server(settings, targets.run)
            state.keep_runs_feed_memory(settings["RUNS_FEED_MEMORY"])


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
    from pelican.settings import read_settings

    preview = PreviewOnly(read_settings(str(DEV_SETTINGS)))
    findings = check_site(Path(output), publish_settings()["SITEURL"], preview)
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


def refuse_if(problems: list[str], hint: str = "") -> None:
    if problems:
        raise Refused(problems + ([hint] if hint else []))


EXAMPLES_HINT = (
    'these are the examples the site ships with (README, "Make it yours"); '
    "`invoke publish --allow-examples` publishes them anyway, for a demonstration"
)


def rollback(target=None) -> None:
    """Put the release before the live one back live, in one switch (rsync target only)."""
    settings = publish_settings(target)
    server = releases_server(settings)
    where = targets.description(settings)
    state_folder = Path(settings["PUBLISH_STATE_FILE"]).parent
    with one_publish_at_a_time(state_folder, where), server.locked():
        previous = server.releases().before_current()
        if previous is None:
            raise SystemExit(
                f"Nothing to go back to: {server} has no release older than the live one. "
                "The live site is unchanged."
            )
        server.make_live(previous.name)
    print(f"Rolled back: {previous.describe()} is live again on {server}.")


def list_releases(target=None) -> None:
    settings = publish_settings(target)
    server = releases_server(settings)
    found = server.releases()
    if not found.all:
        print(f"No releases on {server} yet: the first `invoke publish` makes one.")
        return
    print(f"Releases on {server}, newest first (`invoke publish --rollback` goes back one):")
    for release in reversed(found.all):
        live = "  <- live" if release.name == found.current else ""
        print(f"  {release.name}: {release.describe()}{live}")


def releases_server(settings) -> Server:
    if settings["DEPLOY_TARGET"] != "rsync":
        raise SystemExit(
            ROLLBACK_ELSEWHERE.get(settings["DEPLOY_TARGET"], ROLLBACK_ELSEWHERE["folder"])
        )
    refuse_if(target_problems(settings))
    return Server(settings)


ROLLBACK_ELSEWHERE = {
    "github-pages": "On GitHub Pages, go back by reverting the last commit on main (GitHub "
    "publishes again) or, in the Actions tab, re-running an earlier 'Publish the site' run.",
    "netlify": "On Netlify or Cloudflare Pages, open the site's list of deploys and choose "
    "an earlier one (Netlify: 'Publish deploy'; Cloudflare Pages: 'Rollback to this deployment').",
    "folder": "A folder target keeps no earlier releases: publish the earlier version again.",
}
