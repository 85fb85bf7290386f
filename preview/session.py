"""The live preview's session: Pelican kept running in this process for `invoke livereload`.

Each save rebuilds with Pelican's content cache, so only changed files are read again, into a
fresh folder swapped in on success (as publishing/build.py does). A saved post is shown first
(preview/quick_page.py, preview/quick_lists.py); the rebuild reuses unchanged pages
(preview/page_reuse.py). A save that cannot be built turns every page of the preview into a
list of the problems (preview/problems_page.py) until the next good save.
"""

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

    `update` first writes a saved post's page straight into the served folder
    (preview/quick_page.py: milliseconds), then the lists, tag pages and feeds that show
    it (preview/quick_lists.py: under a second at a thousand posts), then rebuilds
    everything. The rebuild renders only the pages whose inputs changed
    and takes the others' bytes from the last good build (preview/page_reuse.py). Like
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
