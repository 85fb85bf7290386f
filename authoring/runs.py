"""`invoke new-run`: the next run of a course, written from its last one."""

import datetime
import re
from pathlib import Path

from plugins.shared import display

# The folder of run files inside content/: the one place that names it here.
RUNS_FOLDER = "runs"
START_FORMAT = "%Y-%m-%d %H:%M"
# Fields that belong to the old run only: its booking page and whether it was cancelled.
NOT_CARRIED_OVER = {"booking", "status"}


class RunError(SystemExit):
    """A run that cannot be written. A SystemExit, so the command exits with status 1 and
    this sentence, without a traceback."""


def header_lines(path: Path) -> list[str]:
    """The `Field: value` lines at the top of a run file (the note below them is not copied)."""
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            break
        lines.append(line)
    return lines


def field(lines: list[str], name: str) -> str | None:
    for line in lines:
        key, _, value = line.partition(":")
        if key.strip().lower() == name:
            return value.strip()
    return None


def start_of(path: Path, lines: list[str]) -> datetime.datetime:
    try:
        return datetime.datetime.strptime(field(lines, "start") or "", START_FORMAT)
    except ValueError:
        raise RunError(f"{path}: Start: write the first session as 2027-01-12 10:00.") from None


def last_run(runs: Path, course: str | None) -> Path:
    files = sorted(p for p in runs.glob("*.md"))
    by_course: dict[str, list[Path]] = {}
    for path in files:
        by_course.setdefault(field(header_lines(path), "course") or "", []).append(path)
    if course is None and len(by_course) == 1:
        course = next(iter(by_course))
    if course not in by_course:
        known = ", ".join(sorted(by_course)) or "none yet"
        asked = f"{course!r} has no runs in {runs}" if course else "Name the course to repeat"
        raise RunError(f"{asked}: courses with runs are {known}.")
    return max(by_course[course], key=lambda p: start_of(p, header_lines(p)))


def next_run_text(path: Path) -> tuple[datetime.datetime, str]:
    """The same course, venue, price and places, starting a week after the last session."""
    lines = header_lines(path)
    start = start_of(path, lines)
    sessions = int(field(lines, "sessions") or 1)
    new_start = start + datetime.timedelta(weeks=sessions)
    new_lines = []
    for line in lines:
        key = line.partition(":")[0].strip().lower()
        if key == "start":
            line = f"Start: {new_start:{START_FORMAT}}"
        elif key == "booked":
            line = "Booked: 0"
        elif key in NOT_CARRIED_OVER:
            continue
        new_lines.append(line)
    if field(lines, "booked") is None:
        new_lines.append("Booked: 0")
    return new_start, "\n".join(new_lines) + "\n"


def new_file_name(old: Path, start: datetime.datetime) -> str:
    """2027-01-tuesday-mornings.md -> 2027-03-tuesday-mornings.md for a run starting in March."""
    rest = re.sub(r"^\d{4}-\d{2}(-\d{2})?-?", "", old.stem) or "run"
    return f"{start:%Y-%m}-{rest}.md"


def new_run(content: Path, course: str | None = None, after: Path | None = None) -> str:
    """Write the next run's file; returns its path as the author knows it."""
    runs = content / RUNS_FOLDER
    previous = Path(after) if after else last_run(runs, course)
    if not previous.is_file():
        raise RunError(f"{previous}: there is no such run file.")
    start, text = next_run_text(previous)
    path = runs / new_file_name(previous, start)
    if path.exists():
        raise RunError(f"{path} already exists: edit it, or name another run with --after.")
    path.write_text(text, encoding="utf-8")
    return display(path)
