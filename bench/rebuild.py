"""Edit-to-output time: change one post, rebuild with Pelican's content cache, time it.

Two ways: a new Pelican process into a fresh folder, as `invoke build` does; and
`invoke livereload`'s LivePreview, Pelican kept running in one process with the
"generator" cache layer (bench/kept_running.py, in a child process of its own).
"""

import json
import sys
from pathlib import Path

from .builds import PINNED, cache_settings, run_measured, timed_build


def post_to_edit(content: Path) -> Path:
    return sorted((content / "blog").glob("*.md"))[0]


def edit(post: Path, run: int) -> None:
    """Change the post's text, as an author saving it would."""
    with post.open("a", encoding="utf-8") as text:
        text.write(f"\nEdited once more, for run {run}.\n")


def new_process_rebuilds(content: Path, workdir: Path, runs: int) -> list[float]:
    """Seconds per rebuild: a warm-up build fills the cache, then one edit and build per run."""
    extra = PINNED | cache_settings(workdir, content=True)
    timed_build(content, extra)
    post = post_to_edit(content)
    seconds = []
    for run in range(runs):
        edit(post, run)
        seconds.append(timed_build(content, extra).seconds)
    return seconds


def kept_running_rebuilds(content: Path, workdir: Path, runs: int) -> list[float]:
    """Seconds per rebuild by one long-running Pelican, measured in a child process."""
    results = workdir / "kept-running.json"
    args = [sys.executable, "-m", "bench.kept_running", str(content), str(workdir), str(runs)]
    args.append(str(results))
    run_measured(args)
    return json.loads(results.read_text())
