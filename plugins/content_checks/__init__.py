"""Stop the build, with a plain message, when a post or page is written wrong.

Pelican skips a file whose metadata it cannot read and only logs a warning,
with a traceback. The author must instead learn which file and which field
is wrong and how to fix it, and nothing she wrote may vanish.
"""

from pathlib import Path

from pelican import signals

from ..shared import stop_build
from .metadata import problems_in_folder


def check_content(pelican) -> None:
    settings = pelican.settings
    content = Path(settings["PATH"])
    folders = [content / p for p in settings["ARTICLE_PATHS"] + settings["PAGE_PATHS"]]
    problems = [problem for folder in folders for problem in problems_in_folder(folder)]
    if problems:
        stop_build(problems)


def register() -> None:
    signals.initialized.connect(check_content)
