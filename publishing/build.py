"""The one build engine: every build of the site, by a command, a benchmark or a test, runs here.

- `pelican_command`: the Pelican command line, with every warning made an error, so a post
  with bad metadata stops the build instead of silently vanishing.
- `build`: runs that command in a child process (a broken plugin cannot harm the caller) into
  a fresh folder, and only on success swaps it in for the output folder; a failed build
  leaves the output folder as it was and raises `BuildFailed`.
- `fresh_folder_beside`: the empty folder a build writes into before it is swapped in.

The live preview keeps Pelican running instead (preview/session.py), with the same
fresh-folder swap.
"""

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from . import content_cache

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
OUTPUT = ROOT / "output"
DEV_SETTINGS = ROOT / "pelicanconf.py"
PUBLISH_SETTINGS = ROOT / "publishconf.py"
FAILED = "Build failed: nothing was published. Fix the file named above."


class BuildFailed(SystemExit):
    """A build that stopped; Pelican has already named the file to fix. A SystemExit, so a
    command that lets it through exits with status 1 and this message, without a traceback."""

    def __init__(self, errors: str = ""):
        super().__init__(FAILED)
        self.errors = errors  # what Pelican printed, for the summary of a publish on GitHub


def pelican_command(content, output, settings_file, extra_settings: dict | None = None) -> list:
    """Pelican's command line; `extra_settings` override the settings file (values in Python,
    written as JSON, as Pelican's --extra-settings wants them)."""
    args = [sys.executable, "-m", "pelican", str(content), "--settings", str(settings_file)]
    args += ["--output", str(output), "--fatal", "warnings"]
    if extra_settings:  # one flag for all of them: Pelican keeps only the last flag's values
        args += ["--extra-settings"]
        args += [f"{name}={json.dumps(value)}" for name, value in extra_settings.items()]
    return args


def build(
    settings_file=DEV_SETTINGS, output=OUTPUT, content=None, today=None, extra=None, cache=True
):
    """Build `content` (default: the site's content folder) into `output` with a settings file.

    `today` (YYYY-MM-DD) builds as if it were that date; `extra` are more settings to override.
    With `cache`, posts unchanged since the last build with the same settings, plugins, theme
    and libraries are not converted from Markdown again (publishing/content_cache.py).
    Raises BuildFailed, with `output` untouched, if Pelican reports any error or warning.
    """
    output = Path(output).resolve()
    staging = fresh_folder_beside(output)
    settings = {**({"TODAY": str(today)} if today else {}), **(extra or {})}
    if cache:
        settings |= content_cache.settings_for(settings_file, settings)
    command = pelican_command(content or CONTENT, staging, settings_file, settings)
    # Its messages are kept as well as shown, for the summary of a failed publish.
    finished = subprocess.run(command, check=False, stderr=subprocess.PIPE, text=True)
    sys.stderr.write(finished.stderr)
    if finished.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildFailed(finished.stderr)
    shutil.rmtree(output, ignore_errors=True)
    staging.rename(output)


def fresh_folder_beside(output: Path) -> Path:
    """An empty folder next to `output`, so that swapping it in is a rename on one disk."""
    output.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{output.name}-", dir=output.parent))
