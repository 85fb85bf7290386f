"""The live preview's page reuse: a rebuild renders only the pages whose inputs changed.

A kept-running Pelican (`LivePreview`) has every post read in a fraction of a second; what
costs seconds at a thousand posts is rendering every page. So while a page renders, the
names its templates look up in Jinja2's context are recorded (`RecordingContext`), and a
fingerprint of their values is kept with the page. At the next build, a page whose template
would look up the same names with the same values is the same page: its bytes are taken
from the last good build instead of being rendered again. A title edit thus renders the
post, the list pages that show it and the home page, and reuses the rest.

Why this never serves a stale page:
- Jinja2 resolves every name a template (or its base, includes and imports with context)
  uses through the context, so the recorded names are all the page can read; equal values
  run the same template the same way.
- A value's fingerprint covers everything reachable from it: a post's every attribute
  (text, metadata, what plugins added to it, its share image), a list's items in order,
  a dict's items. Functions and modules are the same code: a change to code, theme or
  settings makes the live preview rebuild without reuse (`forget`).
- A post whose text links with `{filename}` and the like also depends on the addresses of
  everything it could link to.
- The one shortcut: a paginated list's other pages count only by which posts they hold and
  in what order (`Paginator`), not by those posts' details, which no template of ours shows.

Files that Pelican does not render with a template (feeds, calendars, images, the sitemap)
are made afresh at every build, as before.
"""

import contextlib
import datetime
import decimal
import hashlib
import itertools
import re
import types
from dataclasses import dataclass
from pathlib import Path

from jinja2.runtime import Context
from pelican.contents import Content
from pelican.paginator import Paginator
from pelican.urlwrappers import URLWrapper
from pelican.writers import Writer

NOT_PART_OF_A_PAGE = {"_context", "settings"}  # the whole site, and settings fixed per session
PLAIN_VALUES = (
    type(None),
    bool,
    int,
    float,
    complex,
    bytes,
    datetime.date,
    datetime.time,
    datetime.timedelta,
    datetime.tzinfo,
    decimal.Decimal,
    Path,
)
CODE = (types.FunctionType, types.BuiltinFunctionType, types.MethodType, type, types.ModuleType)
MISSING = b"\0missing"
_names_read: set[str] | None = None  # while a page renders: the names its templates look up


class RecordingContext(Context):
    """Jinja2's context, noting each name a template looks up while a page renders."""

    def resolve_or_missing(self, key):
        if _names_read is not None:
            _names_read.add(key)
        return super().resolve_or_missing(key)


@contextlib.contextmanager
def names_read():
    global _names_read
    _names_read = names = set()
    try:
        yield names
    finally:
        _names_read = None


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

    def render(self, template, page: dict) -> str:
        name = page["output_file"]
        kept = self.kept(name, template, page)
        if kept is not None:
            self.reused += 1
            return kept
        template.environment.context_class = RecordingContext
        with names_read() as names:
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
        values = (page.get(name, template_globals.get(name, MISSING)) for name in names)
        return hash_of(*names_and_values(names, map(self.fingerprints.of, values)))


class ReusingWriter(Writer):
    """Pelican's Writer, rendering every template through `reuse`."""

    reuse: PageReuse

    def write_file(self, name, template, *args, **kwargs):
        return super().write_file(name, ReusableTemplate(template, self.reuse), *args, **kwargs)


class ReusableTemplate:
    def __init__(self, template, reuse: PageReuse):
        self.template, self.reuse = template, reuse

    def render(self, page: dict) -> str:
        return self.reuse.render(self.template, page)


class Fingerprints:
    """A short digest of any value a template can read, worked out once per object per build."""

    def __init__(self):
        self.known: dict[int, tuple[object, bytes]] = {}  # id -> (the object, kept alive; digest)
        self.addresses: bytes | None = None

    def of(self, value) -> bytes:
        """Plain values stand for themselves; anything larger, by a digest kept per object."""
        if isinstance(value, str):  # Markup and str differ: one is escaped, the other not
            return type(value).__name__.encode() + b":" + value.encode()
        if isinstance(value, PLAIN_VALUES):
            return type(value).__name__.encode() + b":" + repr(value).encode()
        if isinstance(value, CODE):
            return b"code:" + getattr(value, "__qualname__", repr(value)).encode()
        known = self.known.get(id(value))
        if known is not None:
            return known[1]
        self.known[id(value)] = (value, b"\0cycle")  # a value that holds itself
        digest = self.worked_out(value)
        self.known[id(value)] = (value, digest)
        return digest

    def worked_out(self, value) -> bytes:
        kind = type(value).__qualname__.encode()
        if isinstance(value, (list, tuple)):
            return hash_of(kind, *map(self.of, value))
        if isinstance(value, (set, frozenset)):
            return hash_of(kind, *sorted(map(self.of, value)))
        if isinstance(value, dict):
            pairs = sorted((self.of(key), self.of(item)) for key, item in value.items())
            return hash_of(kind, *itertools.chain.from_iterable(pairs))
        if isinstance(value, URLWrapper):  # a tag or category: its name, with fixed settings
            return hash_of(kind, value.name.encode())
        if isinstance(value, Paginator):
            return self.paginator(value)
        if isinstance(value, Content):
            return self.content(value)
        attributes = getattr(value, "__dict__", None)
        if attributes is None:
            slots = getattr(type(value), "__slots__", None)
            if slots is None:
                return hash_of(b"unknown", repr(id(value)).encode(), repr(value).encode())
            attributes = {slot: getattr(value, slot, MISSING) for slot in slots}
        return hash_of(kind, self.of(without_site(attributes)))

    def content(self, item: Content) -> bytes:
        attributes = sorted(without_site(vars(item)).items())
        digest = hash_of(
            *names_and_values(
                [name for name, _ in attributes], (self.of(value) for _, value in attributes)
            )
        )
        if links_by_source(item):
            digest = hash_of(digest, self.all_addresses(item._context))
        return digest

    def paginator(self, paginator: Paginator) -> bytes:
        order = [
            getattr(item, "source_path", repr(item)).encode() for item in paginator.object_list
        ]
        return hash_of(
            repr((paginator.name, paginator.url, paginator.per_page, paginator.orphans)).encode(),
            *order,
        )

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


def names_and_values(names, values):
    for name, value in zip(names, values):
        yield name.encode()
        yield value


def without_site(attributes: dict) -> dict:
    return {key: value for key, value in attributes.items() if key not in NOT_PART_OF_A_PAGE}


def links_by_source(item: Content) -> bool:
    """Whether the item's text holds `{filename}`-style links, which follow other items."""
    pattern = item.settings.get("INTRASITE_LINK_REGEX", "[{|](?P<what>.*?)[|}]")
    return bool(re.search(pattern, getattr(item, "_content", "") or ""))


def hash_of(*parts: bytes) -> bytes:
    """One digest of several parts, each prefixed with its length so none can run into the next."""
    joined = b"".join(len(part).to_bytes(4, "little") + part for part in parts)
    return hashlib.blake2b(joined, digest_size=16).digest()
