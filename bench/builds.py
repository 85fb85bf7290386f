"""Run Pelican as a child process, as `invoke build` does, and measure its time and memory.

Two variants build the same content: ours (pelicanconf.py, our theme and plugins)
and plain Pelican (the same settings with Pelican's `simple` theme and no plugins).
Every cache lives in the benchmark's own folder, never in the project's cache/.
"""

import os
import re
import shlex
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pelican

from publishing import content_cache
from publishing.build import DEV_SETTINGS, ROOT, pelican_command

TODAY = "2026-12-01"  # pinned, so that every run builds the same schedule
PINNED = {"TODAY": TODAY}

SIMPLE_THEME_TEMPLATES = {
    path.stem for path in (Path(pelican.__file__).parent / "themes/simple/templates").glob("*.html")
}
TEMPLATE_FIELD = re.compile(r"^Template:\s*(\S+)", re.MULTILINE | re.IGNORECASE)


def variants(content: Path, workdir: Path) -> dict[str, dict]:
    """The extra settings of each variant, by name: "ours_warm" (as the engine builds, with
    Pelican's content cache: publishing/content_cache.py), "ours" (without it) and "plain"."""
    ours = PINNED | cache_settings(workdir)
    return {
        "ours_warm": ours | content_cache.settings_for(DEV_SETTINGS, ours),
        "ours": ours,
        "plain": plain_settings(content, workdir / "plain-templates"),
    }


def cache_settings(workdir: Path, content: bool = False) -> dict:
    """The cache folder (our share images are drawn once per title and kept there) and,
    with `content`, Pelican's content cache (its default "reader" layer)."""
    settings = {"CACHE_PATH": str(workdir / "cache")}
    if content:
        settings |= {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True}
    return settings


def plain_settings(content: Path, templates: Path) -> dict:
    """Plain Pelican: the simple theme, no plugins, and Pelican's defaults for the two
    settings the simple theme cannot work with (our "home" template; autoescaping, which
    would escape every post's HTML). Everything else stays ours (Markdown, typogrify,
    URLs, feeds), so the difference is our theme and plugins. A page that names one of
    our templates (classes, contact...) gets the simple theme's page.html via `templates`.
    """
    templates.mkdir(parents=True, exist_ok=True)
    for name in templates_named_in(content) - SIMPLE_THEME_TEMPLATES:
        (templates / f"{name}.html").write_text('{% extends "page.html" %}\n', encoding="utf-8")
    return PINNED | {
        "THEME": "simple",
        "PLUGINS": [],
        "DIRECT_TEMPLATES": ["index", "tags", "categories", "authors", "archives"],
        "JINJA_ENVIRONMENT": {"trim_blocks": True, "lstrip_blocks": True},
        "THEME_TEMPLATES_OVERRIDES": [str(templates)],
    }


def templates_named_in(content: Path) -> set[str]:
    return {
        name
        for path in content.rglob("*.md")
        for name in TEMPLATE_FIELD.findall(path.read_text(encoding="utf-8"))
    }


@dataclass(frozen=True)
class Usage:
    """What a child process took: wall time, CPU time (user + system), peak resident memory."""

    seconds: float
    cpu_seconds: float
    peak_mb: float


@dataclass(frozen=True)
class Build(Usage):
    pages: int  # HTML files written


def timed_build(content: Path, extra: dict, settings=DEV_SETTINGS) -> Build:
    """Build into a fresh folder with the engine's command line, as `invoke build` does;
    count the HTML pages it wrote."""
    with tempfile.TemporaryDirectory(prefix="bench-output-") as output:
        usage = run_measured(pelican_command(content, Path(output), settings, extra))
        return Build(**vars(usage), pages=count_pages(Path(output)))


def run_measured(args: list[str]) -> Usage:
    """Run a command from the project folder and measure it.

    Stops the benchmark, showing the command's output, if the command fails.
    """
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        child = subprocess.Popen(args, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode:
            log.seek(0)
            raise SystemExit(f"{log.read().decode(errors='replace')}\nFailed: {shlex.join(args)}")
    cpu_seconds = usage.ru_utime + usage.ru_stime
    return Usage(seconds, cpu_seconds, usage.ru_maxrss / 1024)  # Linux reports kilobytes


def count_pages(output: Path) -> int:
    return sum(1 for _ in output.rglob("*.html"))
