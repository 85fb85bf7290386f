"""Benchmarks: build time and memory side by side with plain Pelican, edit-to-output time
and page weight (`invoke bench`; BENCHMARKS.md has the figures and how to read them).

Every build runs the real content plus synthetic posts (bench/synthetic.py) in a
temporary folder, with TODAY pinned, so runs on one machine are comparable.
"""

import json
import sys
import tempfile
from pathlib import Path
from statistics import median

from .builds import DEV_SETTINGS, ROOT, Build, pelican_command, run_measured, timed_build, variants
from .machine import machine
from .rebuild import kept_running_rebuilds, new_process_rebuilds
from .report import tables
from .servers import edit_to_browser
from .synthetic import make_content
from .weight import site_weights

CONTENT = ROOT / "content"


def run_benchmarks(posts: int, runs: int, json_path: str) -> dict:
    """Measure everything, print the tables and write every figure to `json_path`."""
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        workdir = Path(folder)
        content = make_content(CONTENT, workdir / "content", posts)
        results = {
            "machine": machine(),
            "posts": posts,
            "runs": runs,
            "full_build": full_builds(content, workdir, runs),
            "edit_to_output": edit_to_output(content, workdir, runs),
            "edit_to_browser": edit_to_browser(content, workdir, runs, progress),
            "page_weight": site_weights(CONTENT, workdir),
        }
    Path(json_path).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(tables(results))
    return results


def full_builds(content: Path, workdir: Path, runs: int) -> dict:
    """Ours once with an empty cache (a new machine), which fills every cache, then ours
    with those caches (as every later `invoke build` or `invoke publish`), ours without
    Pelican's content cache, and plain Pelican alternated, so that all see the same load."""
    settings = variants(content, workdir)
    progress("full build: ours, with an empty cache")
    builds = {"ours_empty_cache": [timed_build(content, settings["ours_warm"])]}
    builds |= {name: [] for name in settings}
    for run in range(1, runs + 1):
        for name, extra in settings.items():
            progress(f"full build {run} of {runs}: {name}")
            builds[name].append(timed_build(content, extra))
    plain = builds["plain"]
    return {name: build_figures(measured, plain) for name, measured in builds.items()}


def build_figures(builds: list[Build], plain: list[Build]) -> dict:
    seconds = median(build.seconds for build in builds)
    cpu_seconds = median(build.cpu_seconds for build in builds)
    return {
        "seconds": [build.seconds for build in builds],
        "median_seconds": seconds,
        "median_cpu_seconds": cpu_seconds,
        "peak_mb": max(build.peak_mb for build in builds),
        "pages": builds[0].pages,
        "ms_per_page": 1000 * seconds / builds[0].pages,
        "ratio_to_plain": seconds / median(build.seconds for build in plain),
        "cpu_ratio_to_plain": cpu_seconds / median(build.cpu_seconds for build in plain),
    }


def edit_to_output(content: Path, workdir: Path, runs: int) -> dict:
    progress("edit-to-output: a new Pelican process per edit")
    new_process = new_process_rebuilds(content, workdir, runs)
    progress("edit-to-output: one Pelican kept running")
    kept_running = kept_running_rebuilds(content, workdir, runs)
    return {
        "new_process_seconds": new_process,
        "new_process_median": median(new_process),
        "kept_running_seconds": kept_running,
        "kept_running_median": median(kept_running),
    }


def profile_build(posts: int, report_path: str) -> None:
    """Profile one full build of our site with pyinstrument, its cache already filled (the
    build of every day; the table's empty-cache row shows the first). The report's format
    follows its file name's suffix (.html, .txt...)."""
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        workdir = Path(folder)
        content = make_content(CONTENT, workdir / "content", posts)
        build = pelican_command(
            content, workdir / "output", DEV_SETTINGS, variants(content, workdir)["ours_warm"]
        )
        progress(f"filling the cache: a first build of {posts} posts")
        run_measured(build)
        progress("profiling a second build")
        report = Path(report_path).resolve()
        run_measured([sys.executable, "-m", "pyinstrument", "--outfile", str(report), *build[1:]])
    print(f"Profile written to {report_path}")


def progress(message: str) -> None:
    print(f"bench: {message}...", file=sys.stderr, flush=True)
