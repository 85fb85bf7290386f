"""A refused publish on GitHub: a short list on the run's summary page (`$GITHUB_STEP_SUMMARY`),
the first thing the failure e-mail opens on, in the same words as the terminal."""

import os
from pathlib import Path

MOST_LINES = 30
NOT_BUILT = "Not published: the site could not be built"
REFUSED = "Not published: the live site is unchanged"
HOW_TO_FIX = (
    "Open each file named above in GitHub (the pencil button edits it), make the fix it "
    "describes and commit: that starts a new publish. The live site is unchanged until then."
)


def summary_file(given: str | None) -> Path | None:
    chosen = given or os.environ.get("GITHUB_STEP_SUMMARY")
    return Path(chosen) if chosen else None


def build_problems(build_errors: str) -> list[str]:
    """The build's own messages (file, field, fix), one a line, without blank lines."""
    lines = [line.rstrip() for line in build_errors.splitlines() if line.strip()]
    return lines[:MOST_LINES] + (["… and more: see the log."] if len(lines) > MOST_LINES else [])


def write(given: str | None, problems: list[str], title: str) -> None:
    """Add the list to the summary file, if there is one; on a computer there is none."""
    path = summary_file(given)
    if path is None:
        return
    # Shown as Markdown: a `<` in a title must not start an HTML tag there.
    items = "\n".join(f"- {problem.replace('<', '&lt;')}" for problem in problems)
    with path.open("a", encoding="utf-8") as summary:
        summary.write(f"## {title}\n\n{items}\n\n{HOW_TO_FIX}\n")
