"""The live preview's quick lists: after a quick page, the lists and feeds that show the post.

When a save changes a post's title or text but not where it is listed (publishing/quick_page.py
has checked that and written the post's own page), the blog index, the archive, its tag and
category pages, the home page and the feeds would otherwise show the old title until the full
rebuild ends, seconds later at a thousand posts. The last build's page reuse records
(publishing/page_reuse.py) know which of its writer calls made a page or feed holding the
post; those calls are made again, with the post as it is now in place of the old one,
into a folder beside the preview, and each file is minified as the build does and moved over
the served one. The full rebuild follows and has the last word.
"""

import os
import tempfile
from pathlib import Path

from pelican import signals
from pelican.writers import Writer

from plugins.minify_pages import minify

from .page_reuse import PageReuse


def show_in_lists(reuse: PageReuse, old, new, output: Path, settings: dict) -> list[Path]:
    """Write again, over `output`, the pages and feeds of the last build that show `old`,
    with `new` in its place; the files written."""
    calls = [
        call
        for call in reuse.calls_showing(old.source_path)
        if not (call.method == "write_file" and call.args[0] == old.save_as)  # the quick page's
    ]
    with (
        tempfile.TemporaryDirectory(prefix=".quick-lists-", dir=output.parent) as folder,
        # Plugins that note each written file (the sitemap, the source map) are for the
        # full build: they must not note these.
        signals.content_written.muted(),
        signals.feed_written.muted(),
    ):
        writer = Writer(folder, settings=settings)
        swap = Swap(old, new)
        for call in calls:
            getattr(writer, call.method)(*swap(call.args), **swap(call.kwargs))
        return [move_over(file, Path(folder), output) for file in files_in(Path(folder))]


def files_in(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*") if path.is_file()]


def move_over(file: Path, folder: Path, output: Path) -> Path:
    """Minify a page as minify_pages would, then replace the served file in one step."""
    if file.suffix == ".html":
        file.write_text(minify(file.read_text(encoding="utf-8")), encoding="utf-8")
    target = output / file.relative_to(folder)
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(file, target)
    return target


class Swap:
    """A copy of a call's arguments with one post replaced by another, wherever a list,
    tuple or dict of them holds it (the site's context holds it in several)."""

    DEPTH = 4  # context -> tags -> (tag, posts) -> post

    def __init__(self, old, new):
        self.old, self.new = old, new
        self.done: dict[int, object] = {}

    def __call__(self, value, depth: int = DEPTH):
        if value is self.old:
            return self.new
        if depth == 0 or type(value) not in (list, tuple, dict):
            return value
        if id(value) not in self.done:
            self.done[id(value)] = self.swapped(value, depth - 1)
        return self.done[id(value)]

    def swapped(self, value, depth: int):
        if isinstance(value, dict):
            return {key: self(item, depth) for key, item in value.items()}
        return type(value)(self(item, depth) for item in value)
