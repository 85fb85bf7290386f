"""The author's and developer's commands: `invoke --list` shows them all.

Each command is a few lines calling the real work, in three packages:
- publishing/: the build engine (build.py), checking and deploying (publish.py);
- preview/: the live preview (`invoke livereload`);
- authoring/: the author's helpers (new post, new run, add a photo).
"""

import shutil
import sys
from pathlib import Path

from invoke import Exit, task

from publishing import build as engine
from publishing.build import CONTENT, DEV_SETTINGS, OUTPUT, PUBLISH_SETTINGS

HOST, PORT = "127.0.0.1", 8000

BUILD_HELP = {
    "output": "folder to build into (default: output)",
    "content": "content folder (default: content)",
    "today": "build as if today were this date, YYYY-MM-DD (default: today in the UK)",
}
PUBLISH_HELP = {
    "content": BUILD_HELP["content"],
    "today": BUILD_HELP["today"],
    "target": "rsync, github-pages, netlify or folder (default: DEPLOY_TARGET in publishconf.py)",
    "dry_run": "say which pages would be added, changed and removed; change nothing",
    "verbose": "with --dry-run, also list every file that would change",
    "allow_shrink": "publish even if many pages disappeared since the last publish",
    "summary": "also write what stopped a publish to this Markdown file "
    "(default: $GITHUB_STEP_SUMMARY, the summary page of a GitHub Actions run)",
}


# --- Building and previewing: publishing/build.py, preview/ ---------------------------


@task
def clean(c):
    """Remove the built site."""
    shutil.rmtree(OUTPUT, ignore_errors=True)


@task(help=BUILD_HELP)
def build(c, output=str(OUTPUT), content=None, today=None):
    """Build the site for local preview."""
    engine.build(DEV_SETTINGS, output, content, today)
    warn_about_located_photos(content)


@task(clean, build)
def rebuild(c):
    """Remove the built site and build it again."""


@task(help=BUILD_HELP)
def preview(c, output=str(OUTPUT), content=None, today=None):
    """Build the site as it will be published (absolute URLs, publish settings)."""
    engine.build(PUBLISH_SETTINGS, output, content, today)
    warn_about_located_photos(content)


@task
def serve(c, port=PORT):
    """Serve the built site at http://127.0.0.1:8000 (build it first)."""
    c.run(f"{sys.executable} -m pelican --listen --bind {HOST} --port {port} --output {OUTPUT}")


@task
def livereload(c, port=PORT):
    """Build, serve, and rebuild and reload the browser whenever anything changes."""
    from preview.server import serve_live

    warn_about_located_photos()
    serve_live(HOST, port)


# --- Checking and publishing: publishing/publish.py -------------------------------------


@task(help={"output": "the built site to check (default: output)"})
def check(c, output=str(OUTPUT)):
    """Check a built site: links, images, alt text, descriptions, HTML, feeds, calendars."""
    from publishing.publish import check as check_site

    check_site(Path(output))


@task(help=PUBLISH_HELP)
def publish(
    c,
    target=None,
    dry_run=False,
    allow_shrink=False,
    content=None,
    today=None,
    summary=None,
    verbose=False,
):
    """Build the live site into a fresh folder, check it, and only then deploy it."""
    from publishing.publish import publish as publish_site

    publish_site(target, dry_run, allow_shrink, content, today, summary, verbose)


# --- For developers: tests, benchmarks, mutation testing --------------------------------


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


# --- The author's helpers: authoring/ -------------------------------------------------


@task(help={"title": "the post's title, in quotes", "content": "content folder"})
def new_post(c, title, content=str(CONTENT)):
    """Start a draft post: writes content/blog/<date>-<slug>.md and prints its path."""
    from authoring.posts import new_post as write_new_post

    print(write_new_post(title, Path(content)))


def warn_about_located_photos(content=None) -> None:
    from authoring.photos import location_problems, warn

    warn(location_problems(Path(content or CONTENT) / "images"))


@task(
    help={
        "path": "the photo, from anywhere (JPEG or HEIC)",
        "alt": "what the photo shows, in quotes (the alt text)",
        "content": "content folder (default: content)",
    }
)
def add_photo(c, path, alt=None, content=str(CONTENT)):
    """Copy a photo into content/images/ upright, resized, without location or camera data."""
    from authoring.photos import add_photo_and_show

    add_photo_and_show(Path(path), Path(content) / "images", alt)


@task(
    help={
        "course": "the course to repeat, e.g. baby-massage (needed only with several courses)",
        "after": "the run file to continue instead of the course's latest run",
        "content": "content folder (default: content)",
    }
)
def new_run(c, course=None, after=None, content=str(CONTENT)):
    """Start the next run of a course a week after its last one ends, and print its path."""
    from authoring.runs import new_run as write_new_run

    print(write_new_run(Path(content), course, after))
