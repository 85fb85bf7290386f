"""Posts read on every core: when many posts need reading (a first build, a new machine, a
change of settings or plugins), Markdown and typogrify, two thirds of such a build, run in
worker processes before Pelican goes through the posts one by one, as it always does.

Pelican reads post after post in one process. When it is about to read the first post,
the posts that neither of its content caches holds are shared among one worker per core.
Each worker reads its posts with Pelican's own `Readers.read_file`, so every setting and
plugin applies as in the build, and hands back what the post's reader returned and what
typogrify made of it (plugins/typography_cache). Pelican then reads every post itself, finds
the reader's work done and typogrify's results kept, and makes the same posts, signals and
caches as without us. A post that fails or warns in a worker is simply read again by
Pelican, which reports it as it always does.

Workers are forked, so they start with the build's state; where the system cannot fork
(Windows), posts are read one by one as before.
"""

import logging
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

from pelican import signals

from .. import typography_cache

logger = logging.getLogger(__name__)

ENOUGH_POSTS = 40  # fewer are read sooner than worker processes start


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


_next = None  # the generator made last, until it starts reading
_work = None  # (generator, its ReaderAhead by file suffix), for the forked workers
_standing_in: list[ReaderAhead] = []


def remember(generator) -> None:
    global _next
    _next = generator


def read_ahead(generator) -> None:
    """At the first post a generator reads, read its other unread posts in workers."""
    global _next, _work
    if generator is not _next:
        return
    _next = None
    unread = unread_posts(generator)
    workers = os.cpu_count() or 1
    if len(unread) < ENOUGH_POSTS or workers < 2 or not can_fork():
        return
    ahead = {suffix: ReaderAhead(reader) for suffix, reader in generator.readers.readers.items()}
    _standing_in.extend(ahead.values())
    _work = (generator, ahead)
    chunks = [unread[start :: 4 * workers] for start in range(4 * workers)]
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            for read, typeset in pool.map(read_in_worker, chunks):
                for path, result in read.items():
                    ahead[suffix_of(path)].read_elsewhere[path] = result
                typography_cache.keep(typeset)
    finally:
        _work = None
    logger.info("Read %d posts ahead in %d processes", len(unread), workers)


def all_read(generator) -> None:
    for reader in _standing_in:
        reader.stop()
    _standing_in.clear()


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


def read_in_worker(paths: list[str]) -> tuple[dict, dict]:
    """In a worker: each post's reader result, and typogrify's results for them all."""
    generator, ahead = _work
    stop_at_any_warning()
    typography_cache.forget_recorded()
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
    return read, typography_cache.recorded()


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


def register() -> None:
    signals.article_generator_init.connect(remember)
    signals.article_generator_preread.connect(read_ahead)
    signals.article_generator_pretaxonomy.connect(all_read)
