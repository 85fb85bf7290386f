"""Typogrify's result for each post kept between builds, beside Pelican's content cache.

Pelican's "reader" cache keeps each post's Markdown converted, but typogrify (smart quotes,
dashes, no lone last word) runs again on every post at every build: 40 % of a build whose
posts are all in the cache. Typogrify's output depends only on its input text and its
arguments, both part of the key here, and on the settings and library versions, which name
the cache folder (publishing/content_cache.py). So a kept result is never stale. Kept on
disk only when Pelican's content cache is on; results no build asked for are dropped when
saving. Posts read ahead in other processes (plugins/read_ahead) hand their results over
with `keep`.
"""

import hashlib
import os
import pickle
from pathlib import Path

import typogrify.filters
from pelican import signals

FILE = "Typogrify"
_original = typogrify.filters.typogrify
_kept: dict = {}
_used: dict = {}


def _key(text, args, kwargs) -> bytes:
    described = repr((args, sorted(kwargs.items()))).encode()
    return hashlib.sha256(described + b"\0" + str(text).encode()).digest()


def typogrify_kept(text, *args, **kwargs):
    key = _key(text, args, kwargs)
    result = _kept.get(key)
    if result is None:
        result = _original(text, *args, **kwargs)
    _used[key] = result
    return result


def recorded() -> dict:
    """Every result this process worked out or looked up since `forget_recorded`."""
    return dict(_used)


def forget_recorded() -> None:
    _used.clear()


def keep(results: dict) -> None:
    """Results worked out elsewhere (another process), for this build to look up."""
    _kept.update(results)


def _cache_file(settings) -> Path:
    return Path(settings["CACHE_PATH"]) / FILE


def start(pelican) -> None:
    settings = pelican.settings
    _kept.clear()
    _used.clear()
    typogrify.filters.typogrify = typogrify_kept
    if _on_disk(settings) and settings["LOAD_CONTENT_CACHE"]:
        try:
            _kept.update(pickle.loads(_cache_file(settings).read_bytes()))
        except (OSError, pickle.PickleError, EOFError, ValueError):
            pass  # none yet, or unreadable: typogrify everything afresh


def _on_disk(settings) -> bool:
    return settings["CACHE_CONTENT"] and settings["CONTENT_CACHING_LAYER"] == "reader"


def save(pelican) -> None:
    if typogrify.filters.typogrify is not typogrify_kept:
        return
    typogrify.filters.typogrify = _original
    if not _on_disk(pelican.settings):
        return
    kept = _cache_file(pelican.settings)
    # written whole, then renamed: a build reading it at the same moment never sees half
    partial = kept.with_name(f".{kept.name}-{os.getpid()}")
    try:
        kept.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(pickle.dumps(_used))
        partial.replace(kept)
    except OSError:  # a cache is a saving, never a reason to fail the build
        partial.unlink(missing_ok=True)


def register() -> None:
    signals.initialized.connect(start)
    signals.finalized.connect(save)
