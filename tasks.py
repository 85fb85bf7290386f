"""The author's and developer's commands: `invoke --list` shows them all."""

import datetime
import shlex
import shutil
import sys
import tempfile
import threading
from pathlib import Path

from invoke import Exit, task

ROOT = Path(__file__).parent
OUTPUT = ROOT / "output"
DEV_SETTINGS = ROOT / "pelicanconf.py"
PUBLISH_SETTINGS = ROOT / "publishconf.py"
HOST, PORT = "127.0.0.1", 8000


def build_site(c, settings=DEV_SETTINGS, output=OUTPUT, content=None, extra=()):
    """Build into a fresh folder and only then replace `output`.

    Every Pelican warning is an error, so a post with bad metadata stops the
    build instead of silently vanishing; a failed build leaves `output` as it was.
    """
    output = Path(output).resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}-", dir=output.parent))
    args = [sys.executable, "-m", "pelican", str(content or ROOT / "content")]
    args += ["--settings", str(settings), "--output", str(staging), "--fatal", "warnings"]
    for setting in extra:
        args += ["--extra-settings", setting]
    result = c.run(shlex.join(args), warn=True, pty=False)
    if not result.ok:
        shutil.rmtree(staging, ignore_errors=True)
        raise Exit("Build failed: nothing was published. Fix the file named above.", code=1)
    replace_folder(output, staging)


def replace_folder(output: Path, staging: Path) -> None:
    shutil.rmtree(output, ignore_errors=True)
    staging.rename(output)


class LivePreview:
    """Pelican kept running for `invoke livereload`: each save rebuilds in this process, with
    Pelican's content cache, so only changed files are read again (about 1 s for 100 posts).

    Like build_site, it builds into a fresh folder and replaces `output` only on success, and
    every warning is an error. A change to the theme, plugins or settings rebuilds without the
    cache, since cached posts were made with the old ones.
    """

    def __init__(self, output=OUTPUT, settings=DEV_SETTINGS, **overrides):
        from pelican import log

        log.init(fatal="warnings")
        self.output = Path(output).resolve()
        self.settings = settings
        self.overrides = {
            "CACHE_CONTENT": True,
            "CONTENT_CACHING_LAYER": "generator",
            "GZIP_CACHE": False,  # compressing the cache cost more than reading it saved
            **overrides,
        }

    def build(self, use_cache=True) -> bool:
        import gc

        from pelican import Pelican
        from pelican.settings import read_settings

        staging = Path(tempfile.mkdtemp(prefix=f".{self.output.name}-", dir=self.output.parent))
        override = {**self.overrides, "LOAD_CONTENT_CACHE": use_cache, "OUTPUT_PATH": str(staging)}
        gc.freeze()  # the objects kept between builds need no collecting
        try:
            Pelican(read_settings(str(self.settings), override=override)).run()
        except (Exception, SystemExit) as failure:
            shutil.rmtree(staging, ignore_errors=True)
            print(
                f"Build failed ({failure}); the preview shows the last good build.", file=sys.stderr
            )
            return False
        finally:
            gc.unfreeze()
        old = self.output.with_name(f".{self.output.name}-old-{staging.name}")
        if self.output.exists():
            self.output.rename(old)
        staging.rename(self.output)
        threading.Thread(target=shutil.rmtree, args=(old, True), daemon=True).start()
        return True


@task
def clean(c):
    """Remove the built site."""
    shutil.rmtree(OUTPUT, ignore_errors=True)


BUILD_HELP = {
    "output": "folder to build into (default: output)",
    "content": "content folder (default: content)",
    "today": "build as if today were this date, YYYY-MM-DD (default: today in the UK)",
}


def pinned(today):
    return [f'TODAY="{today}"'] if today else []


@task(help=BUILD_HELP)
def build(c, output=str(OUTPUT), content=None, today=None):
    """Build the site for local preview."""
    build_site(c, DEV_SETTINGS, output, content, pinned(today))


@task(clean, build)
def rebuild(c):
    """Remove the built site and build it again."""


@task(help=BUILD_HELP)
def preview(c, output=str(OUTPUT), content=None, today=None):
    """Build the site as it will be published (absolute URLs, publish settings)."""
    build_site(c, PUBLISH_SETTINGS, output, content, pinned(today))


@task
def serve(c, port=PORT):
    """Serve the built site at http://127.0.0.1:8000 (build it first)."""
    c.run(f"{sys.executable} -m pelican --listen --bind {HOST} --port {port} --output {OUTPUT}")


@task
def livereload(c, port=PORT):
    """Build, serve, and rebuild and reload the browser whenever anything changes."""
    from livereload import Server

    preview = LivePreview()
    preview.build(use_cache=False)
    server = Server()
    server.watch(str(ROOT / "content"), preview.build)
    for code in ("theme", "plugins", "pelicanconf.py"):
        server.watch(str(ROOT / code), lambda: preview.build(use_cache=False))
    print(f"Serving the site at http://{HOST}:{port}/ (Ctrl+C to stop)")
    server.serve(host=HOST, port=port, root=str(OUTPUT), open_url_delay=None)


@task(help={"output": "the built site to check (default: output)"})
def check(c, output=str(OUTPUT)):
    """Check a built site: links, images, alt text, descriptions, HTML, feeds, calendars."""
    from publishing.checks import check_site

    findings = check_site(Path(output), publish_settings()["SITEURL"])
    if findings:
        raise Exit("\n".join(findings) + f"\n{len(findings)} problem(s) found.", code=1)
    print(f"No problems found in {output}.")


PUBLISH_HELP = {
    "content": BUILD_HELP["content"],
    "today": BUILD_HELP["today"],
    "target": "rsync, github-pages or netlify (default: DEPLOY_TARGET in publishconf.py)",
    "dry_run": "show what would change, change nothing",
    "allow_shrink": "publish even if many pages disappeared since the last publish",
}


@task(help=PUBLISH_HELP)
def publish(c, target=None, dry_run=False, allow_shrink=False, content=None, today=None):
    """Build the live site into a fresh folder, check it, and only then deploy it."""
    from publishing import guards, state, targets
    from publishing.checks import check_site

    settings = publish_settings(target)
    refuse_if(target_problems(settings))
    with tempfile.TemporaryDirectory(prefix="publish-") as scratch:
        folder = Path(scratch) / "site"
        build_site(c, PUBLISH_SETTINGS, folder, content, pinned(today))
        where = targets.description(settings)
        state_file = Path(settings["PUBLISH_STATE_FILE"])
        pages = sum(1 for _ in folder.rglob("*.html"))
        posts = guards.post_dates(folder)
        refuse_if(
            guards.missing_essentials(folder, posts)
            + guards.unpublished_content(
                folder, posts, datetime.datetime.now(datetime.timezone.utc)
            )
            + check_site(folder, settings["SITEURL"])
            + (
                []
                if allow_shrink
                else guards.shrinkage(
                    pages, state.last_page_count(state_file, where), settings["PUBLISH_MAX_SHRINK"]
                )
            )
        )
        targets.TARGETS[settings["DEPLOY_TARGET"]](folder, settings, dry_run, command_runner(c))
        if not dry_run:
            state.remember_page_count(state_file, where, pages)
    print(("Dry run, nothing changed: " if dry_run else "Published: ") + f"{pages} pages, {where}.")


def publish_settings(target=None) -> dict:
    from pelican.settings import read_settings

    settings = read_settings(str(PUBLISH_SETTINGS))
    return {**settings, "DEPLOY_TARGET": target or settings["DEPLOY_TARGET"]}


def target_problems(settings) -> list[str]:
    from publishing import guards, targets

    target = settings["DEPLOY_TARGET"]
    if target not in targets.TARGETS:
        return [f"{target!r} is not a target: use {', '.join(targets.TARGETS)}"]
    if target == "rsync":
        return guards.unsafe_path(settings["RSYNC_PATH"])
    if target == "github-pages" and not settings["GITHUB_PAGES_REMOTE"]:
        return ["GITHUB_PAGES_REMOTE is not set: give the repository to publish to"]
    if target == "netlify":
        return guards.unsafe_path(settings["NETLIFY_PUBLISH_DIR"])
    return []


def refuse_if(problems: list[str]) -> None:
    if problems:
        lines = "\n".join(f"- {problem}" for problem in problems)
        raise Exit(f"Not published, the live site is unchanged:\n{lines}", code=1)


def command_runner(c):
    def run(command, cwd=None, allow_failure=False):
        with c.cd(cwd or str(ROOT)):
            return c.run(shlex.join(command), warn=allow_failure, hide=allow_failure, pty=False)

    return run


@task(help={"title": "the post's title, in quotes", "content": "content folder"})
def new_post(c, title, content=str(ROOT / "content")):
    """Start a draft post: writes content/blog/<date>-<slug>.md and prints its path."""
    from pelican.settings import DEFAULT_CONFIG
    from pelican.utils import slugify

    today = datetime.date.today()
    slug = slugify(title, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])
    content = Path(content)
    path = content / "blog" / f"{today:%Y-%m-%d}-{slug}.md"
    shown = path.relative_to(content.parent)
    if path.exists():
        raise Exit(f"{shown} already exists: choose another title.", code=1)
    path.write_text(NEW_POST_TEMPLATE.format(title=title, date=today, slug=slug), encoding="utf-8")
    print(shown)


NEW_POST_TEMPLATE = """\
Title: {title}
Date: {date} 09:00
Slug: {slug}
Category: Baby massage
Tags: baby massage
Summary: One or two sentences (at most 160 characters) shown in search results and link previews.
Status: draft

Write your post here. Delete the line "Status: draft" when it is ready to publish.
"""


@task(help={"args": "extra arguments for pytest, in quotes"})
def test(c, args=""):
    """Run the whole test suite."""
    c.run(f"{sys.executable} -m pytest {args}", pty=False)


@task(
    help={
        "posts": "synthetic posts to add to the real content (default: 100)",
        "runs": "runs of each measurement; medians are reported (default: 3)",
        "json": "file to write every figure to (default: bench-results.json)",
        "profile": "instead of benchmarking, profile one build with pyinstrument into this "
        "file (.html or .txt)",
    }
)
def bench(c, posts=100, runs=3, json="bench-results.json", profile=None):
    """Benchmark build time, edit-to-output time and page weight against plain Pelican."""
    from bench import profile_build, run_benchmarks

    if profile:
        profile_build(posts, profile)
    else:
        run_benchmarks(posts, runs, json)


@task(
    help={
        "jobs": "mutants tested at once (default: 1; the machine may be shared)",
        "timeout": "give up after this many seconds (default: 3600)",
        "survivors": "also list each mutant the tests did not catch",
    }
)
def mutants(c, jobs=1, timeout=3600, survivors=False):
    """Mutation testing of the pure code with its fast tests (slow, not in CI): score per module."""
    import mutation

    if code := mutation.run(int(jobs), float(timeout), survivors):
        raise Exit(code=code)
