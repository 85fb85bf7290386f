"""Edit-to-output as `invoke livereload` does it: its LivePreview kept running, one edit, one build.

Run by bench/rebuild.py as `python -m bench.kept_running CONTENT WORKDIR RUNS RESULTS`,
in a process of its own so that our plugins never load into the benchmark's process;
writes the seconds of each rebuild to RESULTS as JSON.
"""

import json
import sys
import time
from pathlib import Path

from preview.session import LivePreview

from .builds import TODAY
from .rebuild import edit, post_to_edit


def rebuilds(content: Path, workdir: Path, runs: int) -> list[float]:
    """Seconds per rebuild, after a first build that fills the cache."""
    preview = LivePreview(
        workdir / "output-live",
        PATH=str(content),
        TODAY=TODAY,
        CACHE_PATH=str(workdir / "live-cache"),
    )
    assert preview.build(use_cache=False)
    post = post_to_edit(content)
    seconds = []
    for run in range(runs):
        edit(post, run)
        start = time.perf_counter()
        assert preview.build()
        seconds.append(time.perf_counter() - start)
    return seconds


if __name__ == "__main__":
    content, workdir, runs, results = sys.argv[1:]
    timings = rebuilds(Path(content), Path(workdir), int(runs))
    Path(results).write_text(json.dumps(timings))
