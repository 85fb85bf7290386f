"""The live preview's page reuse: a rebuild renders only the pages whose inputs changed.

A kept-running Pelican (`LivePreview`) has every post read in a fraction of a second; what
costs seconds at a thousand posts is rendering every page. So while a page renders, the
names its templates look up in Jinja2's context are recorded (`pelican_internals.names_read`), and a
fingerprint of their values is kept with the page. At the next build, a page whose template
would look up the same names with the same values is the same page: its bytes are taken
from the last good build instead of being rendered again. A title edit thus renders the
post, the list pages that show it and the home page, and reuses the rest.

Why this never serves a stale page:
- Jinja2 resolves every name a template (or its base, includes and imports with context)
  uses through the context, so the recorded names are all the page can read; equal values
  run the same template the same way.
- A value's fingerprint is its whole pickled state: a post's every attribute (text,
  metadata, what plugins added to it, its share image), a list's items in order, a dict's
  items. Only the settings an object holds are left out, and functions count by name:
  a change to code, theme or settings makes the live preview rebuild without reuse
  (`forget`). A value that cannot be pickled gets a new fingerprint every time.
- A post whose text links with `{filename}` and the like also depends on the addresses of
  everything it could link to.
- The one shortcut: a paginated list's other pages count only by which posts they hold and
  in what order (`Paginator`), not by those posts' details, which no template of ours shows.

A reused page is the last build's finished file (minify_pages minifies it again to the
same bytes). Files that Pelican does not render with a template (feeds, calendars, images,
the sitemap) are made afresh at every build, as before. tests/test_page_reuse.py compares the
preview after ten kinds of save with a full build, byte for byte.
"""

import hashlib
import io
import os
import pickle
import re
import types
from dataclasses import dataclass
from pathlib import Path

from pelican.contents import Content
from pelican.paginator import Paginator
from pelican.urlwrappers import URLWrapper
from pelican.writers import Writer

from . import pelican_internals as internals

# the whole site, and settings fixed per session
NOT_PART_OF_A_PAGE = {internals.SITE_ATTRIBUTE, "settings"}
MISSING = b"\0missing"
CODE = (types.FunctionType, types.BuiltinFunctionType, types.MethodType, type, types.ModuleType)


@dataclass(frozen=True)
class RenderedPage:
    template: str
    names: tuple[str, ...]  # what its templates looked up
    fingerprint: bytes  # of their values


class PageReuse:
    """What each page of the last good build was rendered from, and where its bytes are."""

    def __init__(self):
        self.forget()

    def forget(self) -> None:
        """Render every page at the next build (after a failed build, or a code change)."""
        self.pages: dict[str, RenderedPage] = {}
        self.folder: Path | None = None
        self.reused = self.rendered = 0

    def writer(self) -> type[Writer]:
        """A Pelican Writer class for one build, rendering through this reuse."""
        self.next_pages: dict[str, RenderedPage] = {}
        self.fingerprints = Fingerprints()
        self.reused = self.rendered = 0
        return type("ReusingWriter", (ReusingWriter,), {"reuse": self})

    def finish(self, folder: Path) -> None:
        """The build succeeded and its pages are now in `folder`."""
        self.pages, self.folder = self.next_pages, folder
        self.fingerprints = None  # let this build's site go

    def render(self, template, page: dict) -> str:
        name = page["output_file"]
        kept = self.kept(name, template, page)
        if kept is not None:
            self.reused += 1
            return kept
        with internals.names_read(template.environment) as names:
            html = template.render(page)
        names = tuple(sorted(names))
        fingerprint = self.fingerprint(names, page, template.globals)
        self.next_pages[name] = RenderedPage(template.name, names, fingerprint)
        self.rendered += 1
        return html

    def kept(self, name: str, template, page: dict) -> str | None:
        """The page's bytes from the last build, if it would render the same now."""
        last = self.pages.get(name)
        if last is None or self.folder is None or last.template != template.name:
            return None
        if self.fingerprint(last.names, page, template.globals) != last.fingerprint:
            return None
        try:
            html = (self.folder / name).read_text(encoding="utf-8")
        except OSError:
            return None
        self.next_pages[name] = last
        return html

    def fingerprint(self, names, page: dict, template_globals: dict) -> bytes:
        read = {**template_globals, **page}
        return self.fingerprints.of([(name, read.get(name, MISSING)) for name in names])


class ReusingWriter(Writer):
    """Pelican's Writer, rendering every template through `reuse`."""

    reuse: PageReuse

    def write_file(self, name, template, *args, **kwargs):
        return super().write_file(name, ReusableTemplate(template, self.reuse), *args, **kwargs)


class ReusableTemplate:
    """Stands in for a template (preview/pelican_internals.py, 6)."""

    def __init__(self, template, reuse: PageReuse):
        self.template, self.reuse = template, reuse

    def render(self, page: dict) -> str:
        return self.reuse.render(self.template, page)


class Fingerprints:
    """A short digest of the values a page's templates read, from pickling them: the C pickler
    walks every list, dict and attribute quickly. Posts, pages, tags, categories and list
    pages are reduced to what a page can show of them (never the settings or the whole site
    they hold), each post once per build."""

    def __init__(self):
        self.known: dict[int, tuple[object, bytes]] = {}  # id -> (the object, kept alive; digest)
        self.addresses: bytes | None = None

    def of(self, values) -> bytes:
        """The digest of `values`; a value that cannot be pickled makes it new every time,
        so the page is rendered."""
        buffer = io.BytesIO()
        pickler = ValuePickler(buffer, self.reduced)
        pickler.fast = True  # no back-references: equal values give equal bytes, shared or not
        try:
            pickler.dump(values)
        except (pickle.PicklingError, TypeError, AttributeError, ValueError, RecursionError):
            return os.urandom(16)
        return hashlib.blake2b(buffer.getbuffer(), digest_size=16).digest()

    def reduced(self, value):
        """How pickle should see a value: a tag or category by its name (its settings are
        fixed); a post, a list's paginator or any other object of ours by a digest worked
        out once per build, without the settings or the whole site it may hold."""
        if isinstance(value, URLWrapper):
            return str, (f"{type(value).__name__}:{value.name}",)
        if isinstance(value, (Content, Paginator)) or is_plain_object(value):
            return bytes, (self.once(value, self.worked_out),)
        return NotImplemented

    def once(self, value, work) -> bytes:
        """`work(value)`, worked out once per object per build."""
        known = self.known.get(id(value))
        if known is not None:
            return known[1]
        self.known[id(value)] = (value, b"\0cycle")  # a post that holds itself (translations)
        digest = work(value)
        self.known[id(value)] = (value, digest)
        return digest

    def worked_out(self, value) -> bytes:
        if isinstance(value, Content):
            return self.content(value)
        if isinstance(value, Paginator):
            return self.paginator(value)
        return self.of((type(value).__qualname__, sorted(without_site(vars(value)).items())))

    def content(self, item: Content) -> bytes:
        digest = self.of(sorted(without_site(vars(item)).items()))
        if links_by_source(item):
            digest = hash_of(digest, self.all_addresses(getattr(item, internals.SITE_ATTRIBUTE)))
        return digest

    def paginator(self, paginator: Paginator) -> bytes:
        order = [
            getattr(item, "source_path", repr(item)).encode() for item in paginator.object_list
        ]
        return hash_of(repr(internals.paging_of(paginator)).encode(), *order)

    def all_addresses(self, site: dict) -> bytes:
        if self.addresses is None:
            places = {**site.get("generated_content", {}), **site.get("static_content", {})}
            self.addresses = hash_of(
                *sorted(
                    f"{source}\0{getattr(item, 'url', '')}".encode()
                    for source, item in places.items()
                )
            )
        return self.addresses


class ValuePickler(pickle.Pickler):
    def __init__(self, buffer, reduced):
        super().__init__(buffer, protocol=pickle.HIGHEST_PROTOCOL)
        self.reduced = reduced

    def reducer_override(self, value):
        return self.reduced(value)


def is_plain_object(value) -> bool:
    """An instance of a class written in Python whose whole state is its attributes (not a
    datetime, say, whose state is elsewhere, nor a function or class: those are code)."""
    kind = type(value)
    return (
        hasattr(value, "__dict__")
        and not isinstance(value, CODE)
        and kind.__reduce_ex__ is object.__reduce_ex__
        and kind.__reduce__ is object.__reduce__
        and kind.__getstate__ is object.__getstate__
    )


def without_site(attributes: dict) -> dict:
    return {key: value for key, value in attributes.items() if key not in NOT_PART_OF_A_PAGE}


def links_by_source(item: Content) -> bool:
    """Whether the item's text holds `{filename}`-style links, which follow other items."""
    pattern = item.settings.get("INTRASITE_LINK_REGEX", "[{|](?P<what>.*?)[|}]")
    return bool(re.search(pattern, internals.raw_text(item)))


def hash_of(*parts: bytes) -> bytes:
    """One digest of several parts, each prefixed with its length so none can run into the next."""
    joined = b"".join(len(part).to_bytes(4, "little") + part for part in parts)
    return hashlib.blake2b(joined, digest_size=16).digest()
