"""What the last successful publish looked like: its number of pages, for each target, and
what the runs feed said (plugins/class_schedule/feed.py)."""

import json
import os
import tempfile
from pathlib import Path


def last_page_count(state_file: Path, target: str) -> int | None:
    if not state_file.exists():
        return None
    return json.loads(state_file.read_text()).get(target)


def remember_page_count(state_file: Path, target: str, pages: int) -> None:
    """Written beside and renamed over the old file: a publish cut off here leaves the old."""
    state = json.loads(state_file.read_text()) if state_file.exists() else {}
    state[target] = pages
    state_file.parent.mkdir(parents=True, exist_ok=True)
    handle, scratch = tempfile.mkstemp(dir=state_file.parent, prefix=f".{state_file.name}-")
    with os.fdopen(handle, "w") as written:
        written.write(json.dumps(state, indent=2) + "\n")
    os.replace(scratch, state_file)


def keep_runs_feed_memory(memory_file: str | None) -> None:
    """The runs feed's entries as this publish built them become what the next build compares
    with (the build wrote them beside the memory, as `.next`)."""
    if memory_file and Path(f"{memory_file}.next").exists():
        Path(f"{memory_file}.next").replace(memory_file)
