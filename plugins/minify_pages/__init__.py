"""Minify every HTML page with minify-html, after the site is written.

Closing tags and the <html>/<head> start tags are kept: the pages stay valid
for the Nu checker and simple for any parser; whitespace in <pre> is kept.
Runs on the "minify" step of pelican-granular-signals, so pelican-precompress
("compress", the step after) compresses the minified pages.
"""

import hashlib
from pathlib import Path

import blinker
import minify_html
from pelican.plugins import granular_signals


def minify(html: str) -> str:
    """One page minified (the live preview's quick page uses it too, so both match)."""
    return minify_html.minify(html, keep_closing_tags=True, keep_html_and_head_opening_tags=True)


def minify_pages(pelican) -> None:
    minified = set()
    for page in Path(pelican.output_path).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        done = digest(text)
        if done not in _minified_before:  # the live preview reuses minified pages
            text = minify(text)
            page.write_text(text, encoding="utf-8")
            done = digest(text)
        minified.add(done)
    _minified_before.clear()
    _minified_before.update(minified)


_minified_before: set[bytes] = set()  # every page this process's last build wrote


def digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode(), digest_size=16).digest()


def register() -> None:
    granular_signals.register()
    blinker.signal("minify").connect(minify_pages)
