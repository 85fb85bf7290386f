"""One Pelican kept running, as `pelican --autoreload` does: edit a post, build again, time it.

Run by bench/rebuild.py as `python -m bench.kept_running CONTENT WORKDIR RUNS RESULTS`,
in a process of its own so that our plugins never load into the benchmark's process;
writes the seconds of each rebuild to RESULTS as JSON.
"""

import json
import sys
import time
from pathlib import Path

from pelican import Pelican
from pelican.settings import read_settings

from .builds import DEV_SETTINGS, TODAY, cache_settings
from .rebuild import edit, post_to_edit


def rebuilds(content: Path, workdir: Path, runs: int) -> list[float]:
    """Seconds per rebuild, after a first build that fills the cache."""
    override = {"PATH": str(content), "OUTPUT_PATH": str(workdir / "output-kept-running")}
    override |= {"TODAY": TODAY} | cache_settings(workdir, content=True)
    site = Pelican(read_settings(str(DEV_SETTINGS), override))
    site.run()  # fills the cache
    post = post_to_edit(content)
    seconds = []
    for run in range(runs):
        edit(post, run)
        start = time.perf_counter()
        site.run()
        seconds.append(time.perf_counter() - start)
    return seconds


if __name__ == "__main__":
    content, workdir, runs, results = sys.argv[1:]
    timings = rebuilds(Path(content), Path(workdir), int(runs))
    Path(results).write_text(json.dumps(timings))
