"""Minify every HTML page with minify-html, after the site is written.

Closing tags and the <html>/<head> start tags are kept: the pages stay valid
for the Nu checker and simple for any parser; whitespace in <pre> is kept.
Runs on the "minify" step of pelican-granular-signals, so pelican-precompress
("compress", the step after) compresses the minified pages.
"""

from pathlib import Path

import blinker
import minify_html
from pelican.plugins import granular_signals


def minify(html: str) -> str:
    """One page minified (the live preview's quick page uses it too, so both match)."""
    return minify_html.minify(html, keep_closing_tags=True, keep_html_and_head_opening_tags=True)


def minify_pages(pelican) -> None:
    """Every page; one the live preview reused from its last build is minified already, and
    minifying it again gives the same bytes, so it is written only if it changed."""
    for page in Path(pelican.output_path).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        minified = minify(text)
        if minified != text:
            page.write_text(minified, encoding="utf-8")


def register() -> None:
    granular_signals.register()
    blinker.signal("minify").connect(minify_pages)
