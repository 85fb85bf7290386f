"""The one build engine: every build of the site, by a command, a benchmark or a test, runs here.

- `pelican_command`: the Pelican command line, with every warning made an error, so a post
  with bad metadata stops the build instead of silently vanishing.
- `build`: runs that command in a child process (a broken plugin cannot harm the caller) into
  a fresh folder, and only on success swaps it in for the output folder; a failed build
  leaves the output folder as it was and raises `BuildFailed`.
- `LivePreview`: Pelican kept running in this process for `invoke livereload`, with the same
  fresh-folder swap, a quick page and quick lists for an edited post
  (publishing/quick_page.py, quick_lists.py) and page reuse (page_reuse.py);
  publishing/live_server.py watches the files, serves them and reloads the browser. A save
  that cannot be built turns every page of the preview into a list of the problems
  (publishing/problems_page.py) until the next good save.
"""

import contextlib
import io
import json
import shutil
import subprocess
import sys
import tempfile
import threading
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


class LivePreview:
    """Pelican kept running for `invoke livereload`: each save rebuilds in this process, with
    Pelican's content cache, so only changed files are read again.

    `update` first writes a saved post's page straight into the served folder
    (publishing/quick_page.py: milliseconds), then the lists, tag pages and feeds that show
    it (publishing/quick_lists.py: under a second at a thousand posts), then rebuilds
    everything. The rebuild renders only the pages whose inputs changed
    and takes the others' bytes from the last good build (publishing/page_reuse.py). Like
    `build`, the rebuild goes into a fresh folder and replaces `output` only on success, and
    every warning is an error. A change to the theme, plugins or settings rebuilds without
    the cache or reuse, since cached posts and pages were made with the old ones.
    """

    def __init__(self, output=OUTPUT, settings=DEV_SETTINGS, **overrides):
        from pelican import log, signals

        from .page_reuse import PageReuse

        log.init(fatal="warnings")
        self.output = Path(output).resolve()
        self.settings = settings
        self.overrides = {
            "CACHE_CONTENT": True,
            "CONTENT_CACHING_LAYER": "generator",
            "GZIP_CACHE": False,  # compressing the cache cost more than reading it saved
            **overrides,
        }
        self.articles = None  # the last good build's ArticlesGenerator, for quick pages
        self._building = None
        self.reuse = PageReuse()
        self._running = False  # several previews may live in one process (tests): one builds
        signals.all_generators_finalized.connect(self._remember_generators)
        signals.get_writer.connect(self._writer)
        signals.article_generator_pretaxonomy.connect(relink_cached)
        signals.page_generator_finalized.connect(relink_cached)

    def _writer(self, pelican):
        return self.reuse.writer() if self._running else None

    def _remember_generators(self, generators) -> None:
        from pelican.generators import ArticlesGenerator

        found = [g for g in generators if isinstance(g, ArticlesGenerator)]
        self._building = found[0] if found else None

    def update(self, changed, shown=lambda: None) -> bool:
        """After a save of the files `changed`: when one post changed, its page and then the
        lists and feeds that show it (quick_page.py, quick_lists.py); then a full rebuild.
        `shown()` is called as soon as the change can be seen (to reload the browser). False
        if the rebuild failed (the preview then lists what to fix)."""
        changed = [Path(path).resolve() for path in changed]
        code = any(not path.is_relative_to(self.content) for path in changed)
        move = None if code else self.saved_post(changed)
        if move:
            self.show_page_first(move)
            self.show_in_lists(move)
            shown()
        built = self.build(use_cache=not code)
        if not move:
            shown()  # the rebuilt site, or the page listing what to fix
        return built

    @property
    def content(self) -> Path:
        return Path(self.overrides.get("PATH", CONTENT)).resolve()

    def saved_post(self, changed: list):
        """The one post saved, as the last build had it and as it is now; or None."""
        from .quick_page import saved_post

        saved = [path for path in changed if path.exists()]
        # an editor may save through a temporary file, which is gone by now
        gone_posts = [path for path in changed if not path.exists() and path.suffix == ".md"]
        if len(saved) != 1 or gone_posts or self.articles is None or not self.output.exists():
            return None
        try:
            return saved_post(self.articles, saved[0])
        except Exception:  # the full rebuild follows, and names any problem
            return None

    def show_page_first(self, move) -> None:
        """The saved post's own page, at its address if that stays, before its lists."""
        from .quick_page import write_page

        try:
            write_page(self.articles, move.new, self.output)
        except Exception as error:  # the quick lists write it too
            print(f"(No quick page: {error!r}.)", file=sys.stderr)

    def show_in_lists(self, move) -> None:
        """The post's page, lists and feeds, before the full rebuild (quick_lists.py)."""
        from .quick_lists import show_in_lists

        try:
            show_in_lists(self.articles, move, self.output)
        except Exception as error:  # never lose the preview: the full rebuild follows anyway
            print(f"(No quick lists: {error!r}; rebuilding everything.)", file=sys.stderr)

    def build(self, use_cache=True) -> bool:
        """Rebuild; False if Pelican reported an error or warning: every page then lists the
        problems, until a good build replaces them."""
        import gc

        from pelican import Pelican
        from pelican.settings import read_settings

        if not use_cache:
            self.reuse.forget()
        staging = fresh_folder_beside(self.output)
        override = {**self.overrides, "LOAD_CONTENT_CACHE": use_cache, "OUTPUT_PATH": str(staging)}
        said = io.StringIO()  # what the build tells the author, to show in the browser too
        gc.freeze()  # the objects kept between builds need no collecting
        self._running = True
        try:
            with contextlib.redirect_stderr(Tee(sys.stderr, said)):
                Pelican(read_settings(str(self.settings), override=override)).run()
        except (Exception, SystemExit) as failure:
            shutil.rmtree(staging, ignore_errors=True)
            print(f"Build failed ({failure}); the preview shows what to fix.", file=sys.stderr)
            self.show_problems(problems_from(said.getvalue(), failure))
            self.articles = None  # no quick page over the problems: the next good build first
            self.reuse.forget()  # nor pages taken from them
            return False
        finally:
            self._running = False
            gc.unfreeze()
        self.swap_in(staging)
        self.reuse.finish(self.output)
        self.articles = self._building
        return True

    def show_problems(self, problems: list[str]) -> None:
        """Every page of the preview becomes the list of problems."""
        from .problems_page import write_problems_site

        pages = [p.relative_to(self.output).as_posix() for p in self.output.rglob("*.html")]
        site = fresh_folder_beside(self.output)
        write_problems_site(site, pages, problems)
        self.swap_in(site)

    def swap_in(self, folder: Path) -> None:
        old = self.output.with_name(f".{self.output.name}-old-{folder.name}")
        if self.output.exists():
            self.output.rename(old)
        folder.rename(self.output)
        threading.Thread(target=shutil.rmtree, args=(old, True), daemon=True).start()


def relink_cached(generator) -> None:
    """Posts and pages that Pelican's generator cache kept from an earlier build still hold
    the site as it was then, so their `{filename}` links would lead to old addresses: give
    them this build's."""
    for item in generator.context["generated_content"].values():
        if hasattr(item, "_context"):
            item._context = generator.context


class Tee(io.TextIOBase):
    """Writes to two streams: the terminal, and a record of what was said."""

    def __init__(self, *streams):
        self.streams = streams

    def write(self, text: str) -> int:
        for stream in self.streams:
            stream.write(text)
        return len(text)

    def flush(self) -> None:
        for stream in self.streams:
            stream.flush()


def problems_from(said: str, failure: BaseException) -> list[str]:
    """The problems our plugins listed, one a line; else what Pelican stopped with."""
    lines = [line.strip() for line in said.splitlines() if line.strip()]
    listed = [line for line in lines if ": " in line and not line.startswith(("Build failed",))]
    listed = [line for line in listed if not line.endswith("nothing was built.")]
    if listed and isinstance(failure, SystemExit):
        return listed
    return [str(failure) or failure.__class__.__name__]
