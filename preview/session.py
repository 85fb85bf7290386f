"""The live preview's session (`LivePreview`): Pelican kept running for `invoke livereload`."""

import contextlib
import io
import shutil
import sys
import threading
from pathlib import Path

from publishing.build import CONTENT, DEV_SETTINGS, OUTPUT, fresh_folder_beside


class LivePreview:
    """Pelican kept running for `invoke livereload`: each save rebuilds in this process, with
    Pelican's content cache, so only changed files are read again.

    `update` first writes a saved post's page straight into the served folder, then the
    lists, tag pages and feeds that show it (quick_lists.py: under a second at a thousand
    posts), then rebuilds everything. The rebuild renders only the pages whose
    inputs changed and takes the others' bytes from the last good build (page_reuse.py).
    Like publishing/build.py, it goes into a fresh folder that replaces `output` only on
    success, and every warning is an error; a save that cannot be built turns every page
    into the list of problems (problems_page.py) until the next good save. A change to the
    theme, plugins or settings rebuilds without the cache or reuse, since cached posts and
    pages were made with the old ones.
    """

    def __init__(self, output=OUTPUT, settings=DEV_SETTINGS, **overrides):
        from pelican import log, signals

        from . import pelican_internals as internals
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
        signals.article_generator_pretaxonomy.connect(internals.relink_cached)
        signals.page_generator_finalized.connect(internals.relink_cached)

    def _writer(self, pelican):
        return self.reuse.writer() if self._running else None

    def _remember_generators(self, generators) -> None:
        from pelican.generators import ArticlesGenerator

        found = [g for g in generators if isinstance(g, ArticlesGenerator)]
        self._building = found[0] if found else None

    def update(self, changed, shown=lambda: None) -> bool:
        """After a save of the files `changed`: when one post changed, its page and then the
        lists and feeds that show it (quick_lists.py); then a full rebuild.
        `shown()` is called as soon as the change can be seen (to reload the browser). False
        if the rebuild failed (the preview then lists what to fix)."""
        changed = [Path(path).resolve() for path in changed]
        content = Path(self.overrides.get("PATH", CONTENT)).resolve()
        code = any(not path.is_relative_to(content) for path in changed)
        shown_at_once = not code and self.show_saved_post(changed)
        if shown_at_once:
            shown()
        built = self.build(use_cache=not code)
        if not shown_at_once:
            shown()  # the rebuilt site, or the page listing what to fix
        return built

    def show_saved_post(self, changed: list) -> bool:
        """When one post the last build had was saved: its page, then its lists and feeds,
        before the full rebuild (quick_lists.py). Whether they are shown."""
        from .quick_lists import saved_post, show_in_lists

        saved = [path for path in changed if path.exists()]
        # an editor may save through a temporary file, which is gone by now
        gone_posts = [path for path in changed if not path.exists() and path.suffix == ".md"]
        if len(saved) != 1 or gone_posts or self.articles is None or not self.output.exists():
            return False
        try:
            move = saved_post(self.articles, saved[0])
            return move is not None and bool(show_in_lists(self.articles, move, self.output))
        except Exception as error:  # never lose the preview: the full rebuild follows anyway
            print(f"(No quick lists: {error!r}; rebuilding everything.)", file=sys.stderr)
            return False

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
