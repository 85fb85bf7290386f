"""What the last successful publish to each target looked like (its number of pages)."""

import json
from pathlib import Path


def last_page_count(state_file: Path, target: str) -> int | None:
    if not state_file.exists():
        return None
    return json.loads(state_file.read_text()).get(target)


def remember_page_count(state_file: Path, target: str, pages: int) -> None:
    state = json.loads(state_file.read_text()) if state_file.exists() else {}
    state[target] = pages
    state_file.parent.mkdir(parents=True, exist_ok=True)
    state_file.write_text(json.dumps(state, indent=2) + "\n")
