"""Titles are plain text: `Title: Mum & <baby> yoga` shows exactly those characters.

Pelican passes a Markdown title through as HTML, so `<baby>` would become a
tag. Escaping <, > and & as the file is read keeps the title text everywhere
(page, <title>, feeds, JSON-LD); quotes stay as written so typogrify curls them.
Templates print a title as text with the `plain` filter.
"""

import html

from pelican import signals
from pelican.readers import MarkdownReader

from ..shared import plain_text


class PlainTitleMarkdownReader(MarkdownReader):
    def read(self, source_path):
        content, metadata = super().read(source_path)
        if isinstance(metadata.get("title"), str):
            metadata["title"] = html.escape(metadata["title"], quote=False)
        return content, metadata


def add_filter(pelican) -> None:
    pelican.settings.setdefault("JINJA_FILTERS", {})["plain"] = plain_text


def use_plain_titles(readers) -> None:
    for extension in PlainTitleMarkdownReader.file_extensions:
        readers.reader_classes[extension] = PlainTitleMarkdownReader


def register() -> None:
    signals.readers_init.connect(use_plain_titles)
    signals.initialized.connect(add_filter)
