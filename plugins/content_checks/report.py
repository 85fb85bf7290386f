"""How content problems reach the author: one plain line each, then the build stops."""

import os
import sys
from pathlib import Path


def display(path: Path) -> str:
    """The path as the author knows it: relative to the project when inside it."""
    relative = os.path.relpath(path)
    return Path(path).as_posix() if relative.startswith("..") else relative


def stop_build(problems: list[str]) -> None:
    """Print every problem and stop, before anything is written."""
    print("\n".join(problems), file=sys.stderr)
    # SystemExit, not an exception: Pelican would print an exception with a traceback.
    raise SystemExit(f"{len(problems)} problem(s) in the content: nothing was built.")
