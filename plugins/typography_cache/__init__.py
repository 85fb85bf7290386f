"""Typogrify's result for each post kept between builds, beside Pelican's content cache.

Pelican's "reader" cache keeps each post's Markdown converted, but typogrify (smart quotes,
dashes, no lone last word) runs again on every post at every build: 40 % of a build whose
posts are all in the cache. Typogrify's output depends only on its input text and its
arguments, both part of the key here, and on the settings and library versions, which name
the cache folder (publishing/content_cache.py). So a kept result is never stale. Kept on
disk only when Pelican's content cache is on; results no build asked for are dropped when
saving (plugins/shared.py: KeptResults). Posts read ahead in other processes
(plugins/read_ahead) hand their results over with `keep`.
"""

import typogrify.filters
from pelican import signals

from ..shared import KeptResults

_original = typogrify.filters.typogrify
_results = KeptResults("Typogrify")


def typogrify_kept(text, *args, **kwargs):
    key = _results.key(repr((args, sorted(kwargs.items()))), str(text))
    return _results.get(key, lambda: _original(text, *args, **kwargs))


def recorded() -> dict:
    """Every result this process worked out or looked up since `forget_recorded`."""
    return dict(_results.used)


def forget_recorded() -> None:
    _results.used.clear()


def keep(results: dict) -> None:
    """Results worked out elsewhere (another process), for this build to look up."""
    _results.kept.update(results)


def start(pelican) -> None:
    _results.start(pelican.settings)
    typogrify.filters.typogrify = typogrify_kept


def save(pelican) -> None:
    if typogrify.filters.typogrify is not typogrify_kept:
        return
    typogrify.filters.typogrify = _original
    _results.save(pelican.settings)


def register() -> None:
    signals.initialized.connect(start)
    signals.finalized.connect(save)
