"""The one build engine: every build of the site, by a command, a benchmark or a test, runs here.

- `pelican_command`: the Pelican command line, with every warning made an error, so a post
  with bad metadata stops the build instead of silently vanishing.
- `build`: runs that command in a child process (a broken plugin cannot harm the caller) into
  a fresh folder, and only on success swaps it in for the output folder; a failed build
  leaves the output folder as it was and raises `BuildFailed`.
- `LivePreview`: Pelican kept running in this process for `invoke livereload`, with the same
  fresh-folder swap; `serve_live` watches the files and reloads the browser.
"""

import json
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
OUTPUT = ROOT / "output"
DEV_SETTINGS = ROOT / "pelicanconf.py"
PUBLISH_SETTINGS = ROOT / "publishconf.py"
FAILED = "Build failed: nothing was published. Fix the file named above."


class BuildFailed(SystemExit):
    """A build that stopped; Pelican has already named the file to fix. A SystemExit, so a
    command that lets it through exits with status 1 and this message, without a traceback."""

    def __init__(self):
        super().__init__(FAILED)


def pelican_command(content, output, settings_file, extra_settings: dict | None = None) -> list:
    """Pelican's command line; `extra_settings` override the settings file (values in Python,
    written as JSON, as Pelican's --extra-settings wants them)."""
    args = [sys.executable, "-m", "pelican", str(content), "--settings", str(settings_file)]
    args += ["--output", str(output), "--fatal", "warnings"]
    if extra_settings:  # one flag for all of them: Pelican keeps only the last flag's values
        args += ["--extra-settings"]
        args += [f"{name}={json.dumps(value)}" for name, value in extra_settings.items()]
    return args


def build(settings_file=DEV_SETTINGS, output=OUTPUT, content=None, today=None, extra=None):
    """Build `content` (default: the site's content folder) into `output` with a settings file.

    `today` (YYYY-MM-DD) builds as if it were that date; `extra` are more settings to override.
    Raises BuildFailed, with `output` untouched, if Pelican reports any error or warning.
    """
    output = Path(output).resolve()
    staging = fresh_folder_beside(output)
    settings = {**({"TODAY": str(today)} if today else {}), **(extra or {})}
    command = pelican_command(content or CONTENT, staging, settings_file, settings)
    if subprocess.run(command, check=False).returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildFailed
    shutil.rmtree(output, ignore_errors=True)
    staging.rename(output)


def fresh_folder_beside(output: Path) -> Path:
    """An empty folder next to `output`, so that swapping it in is a rename on one disk."""
    output.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{output.name}-", dir=output.parent))


class LivePreview:
    """Pelican kept running for `invoke livereload`: each save rebuilds in this process, with
    Pelican's content cache, so only changed files are read again (about 1 s for 100 posts).

    Like `build`, it builds into a fresh folder and replaces `output` only on success, and
    every warning is an error. A change to the theme, plugins or settings rebuilds without the
    cache, since cached posts were made with the old ones.
    """

    def __init__(self, output=OUTPUT, settings=DEV_SETTINGS, **overrides):
        from pelican import log

        log.init(fatal="warnings")
        self.output = Path(output).resolve()
        self.settings = settings
        self.overrides = {
            "CACHE_CONTENT": True,
            "CONTENT_CACHING_LAYER": "generator",
            "GZIP_CACHE": False,  # compressing the cache cost more than reading it saved
            **overrides,
        }

    def build(self, use_cache=True) -> bool:
        """Rebuild; False (the last good build stays) if Pelican reported an error or warning."""
        import gc

        from pelican import Pelican
        from pelican.settings import read_settings

        staging = fresh_folder_beside(self.output)
        override = {**self.overrides, "LOAD_CONTENT_CACHE": use_cache, "OUTPUT_PATH": str(staging)}
        gc.freeze()  # the objects kept between builds need no collecting
        try:
            Pelican(read_settings(str(self.settings), override=override)).run()
        except (Exception, SystemExit) as failure:
            shutil.rmtree(staging, ignore_errors=True)
            print(
                f"Build failed ({failure}); the preview shows the last good build.", file=sys.stderr
            )
            return False
        finally:
            gc.unfreeze()
        old = self.output.with_name(f".{self.output.name}-old-{staging.name}")
        if self.output.exists():
            self.output.rename(old)
        staging.rename(self.output)
        threading.Thread(target=shutil.rmtree, args=(old, True), daemon=True).start()
        return True


def serve_live(host: str, port: int) -> None:
    """Build, serve the output folder, and rebuild and reload the browser on every change."""
    from livereload import Server

    preview = LivePreview()
    preview.build(use_cache=False)
    server = Server()
    server.watch(str(CONTENT), preview.build)
    for code in ("theme", "plugins", "pelicanconf.py"):
        server.watch(str(ROOT / code), lambda: preview.build(use_cache=False))
    print(f"Serving the site at http://{host}:{port}/ (Ctrl+C to stop)")
    server.serve(host=host, port=port, root=str(preview.output), open_url_delay=None)
