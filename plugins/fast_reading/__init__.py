"""Posts read fast: typogrify's work kept between builds, and unread posts read on every core.

**Typogrify's results kept.** Pelican's "reader" cache keeps each post's Markdown converted,
but typogrify (smart quotes, dashes, no lone last word) runs again on every post at every
build: 40 % of a build whose posts are all in the cache. Typogrify's output depends only on
its input text and its arguments, both part of the key here, and on the settings and library
versions, which name the cache folder (publishing/content_cache.py). So a kept result is
never stale. Kept on disk only when Pelican's content cache is on; results no build asked
for are dropped when saving (plugins/shared.py: KeptResults).

Pelican runs typogrify inside `Readers.read_file`, importing it there at every call, and has
no setting or signal that keeps its results or hands it another function. So while a build
runs, `typogrify.filters.typogrify` is that build's `Reading.typogrify`, and typogrify's own
again when the build ends or the next one starts (tests/test_read_ahead.py pins that Pelican
still looks it up at every read).

**Posts read ahead.** Pelican reads post after post in one process. When it is about to read
the first post, the posts that neither of its content caches holds are shared among one
worker per core. Each worker reads its posts with Pelican's own `Readers.read_file`, so every
setting and plugin applies as in the build, and hands back what the post's reader returned
and what typogrify made of it. Pelican then reads every post itself, finds the reader's work
done and typogrify's results kept, and makes the same posts, signals and caches as without
us. A post that fails or warns in a worker is simply read again by Pelican, which reports it
as it always does. Workers are forked, so they start with the build's state; where the system
cannot fork (Windows), posts are read one by one as before.

What one build remembers (kept results, readers standing in) is a `Reading` it makes at its
start (plugins/shared.py: ThisBuild).
"""

import logging
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

import typogrify.filters
from pelican import signals

from ..shared import KeptResults, ThisBuild

logger = logging.getLogger(__name__)

ENOUGH_POSTS = 40  # fewer are read sooner than worker processes start
TYPOGRIFY = typogrify.filters.typogrify  # the library's own


class ReaderAhead:
    """Stands in for a reader's `read`: returns the result a worker handed over for the
    file, else reads it."""

    def __init__(self, reader):
        self.reader = reader
        self.read_here = reader.read
        self.read_elsewhere: dict[str, tuple] = {}
        reader.read = self.read

    def read(self, path):
        handed_over = self.read_elsewhere.pop(path, None)
        return handed_over if handed_over is not None else self.read_here(path)

    def stop(self) -> None:
        """Every post is read: the reader reads for itself again (the live preview reads a
        saved post with it)."""
        self.reader.read = self.read_here
        self.read_elsewhere.clear()


class Reading:
    """One build's reading: typogrify's kept results, the ArticlesGenerator that has not
    started reading yet, and the readers standing in for posts read ahead."""

    def __init__(self, settings: dict):
        self.settings = settings
        self.results = KeptResults("Typogrify")
        self.results.start(settings)
        self.not_started = None
        self.standing_in: list[ReaderAhead] = []
        typogrify.filters.typogrify = self.typogrify

    def typogrify(self, text, *args, **kwargs):
        key = self.results.key(repr((args, sorted(kwargs.items()))), str(text))
        return self.results.get(key, lambda: TYPOGRIFY(text, *args, **kwargs))

    def read_ahead(self, generator) -> None:
        """At the first post a generator reads, read its other unread posts in workers."""
        if generator is not self.not_started:
            return
        self.not_started = None
        unread = unread_posts(generator)
        workers = os.cpu_count() or 1
        if len(unread) < ENOUGH_POSTS or workers < 2 or not can_fork():
            return
        ahead = {
            suffix: ReaderAhead(reader) for suffix, reader in generator.readers.readers.items()
        }
        self.standing_in += ahead.values()
        chunks = [unread[start :: 4 * workers] for start in range(4 * workers)]
        with ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context("fork"),
            initializer=work_on,  # in each worker, before any post: forked, so not pickled
            initargs=(generator, ahead, self),
        ) as pool:
            for read, typeset in pool.map(read_in_worker, chunks):
                for path, result in read.items():
                    ahead[suffix_of(path)].read_elsewhere[path] = result
                self.results.kept.update(typeset)
        logger.info("Read %d posts ahead in %d processes", len(unread), workers)

    def all_read(self) -> None:
        for reader in self.standing_in:
            reader.stop()
        self.standing_in.clear()

    def save(self) -> None:
        self.results.save(self.settings)

    def end(self) -> None:
        self.all_read()
        if typogrify.filters.typogrify == self.typogrify:
            typogrify.filters.typogrify = TYPOGRIFY


this_build = ThisBuild(Reading)
_worker_job = None  # set in each worker process only, by `work_on`


def work_on(generator, ahead: dict, reading: Reading) -> None:
    global _worker_job
    _worker_job = (generator, ahead, reading)


def read_in_worker(paths: list[str]) -> tuple[dict, dict]:
    """In a worker: each post's reader result, and typogrify's results for them all."""
    generator, ahead, reading = _worker_job
    stop_at_any_warning()
    reading.results.used.clear()
    read = {}
    for path in paths:
        reader = ahead[suffix_of(path)]
        try:
            result = reader.read_here(path)
            reader.read_elsewhere[path] = result  # so that read_file typesets this result
            generator.readers.read_file(generator.path, path, content_class=discard)
        except Exception:  # Pelican reads it again, and reports what is wrong with it
            continue
        read[path] = result
    return read, dict(reading.results.used)


def unread_posts(generator) -> list[str]:
    """Full paths of the posts neither Pelican's generator cache nor its reader cache holds."""
    unread = []
    for path in generator.get_files(
        generator.settings["ARTICLE_PATHS"], exclude=generator.settings["ARTICLE_EXCLUDES"]
    ):
        full_path = os.path.abspath(os.path.join(generator.path, path))
        if generator.get_cached_data(path, None) is None and (
            generator.readers.get_cached_data(full_path, None) is None
        ):
            unread.append(full_path)
    return [path for path in unread if suffix_of(path) in generator.readers.readers]


class WarnedInWorker(Exception):
    pass


class StopAtWarning(logging.Handler):
    def emit(self, record):
        raise WarnedInWorker(record.getMessage())


def stop_at_any_warning() -> None:
    """A worker prints nothing: a post that warns is left for Pelican to read and report."""
    logging.getLogger().handlers = [StopAtWarning(logging.WARNING)]


def discard(**_) -> None:
    """The content class of a read ahead: Pelican makes the real post afterwards."""


def suffix_of(path: str) -> str:
    return os.path.splitext(path)[1][1:]


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


# --- Pelican's signals, handed to the build's Reading ----------------------------------
# Outside a build (the live preview reading a saved post, regrouping the blog) there is none.
def waiting_to_read(generator) -> None:
    if this_build.state is not None:
        this_build.state.not_started = generator


def first_read(generator) -> None:
    if this_build.state is not None:
        this_build.state.read_ahead(generator)


def all_read(generator) -> None:
    if this_build.state is not None:
        this_build.state.all_read()


def save(pelican) -> None:
    this_build.state.save()
    this_build.end()


def register() -> None:
    signals.initialized.connect(this_build.start)
    signals.article_generator_init.connect(waiting_to_read)
    signals.article_generator_preread.connect(first_read)
    signals.article_generator_pretaxonomy.connect(all_read)
    signals.finalized.connect(save)
