"""No published address dies silently: old addresses lead to their page's new one.

Reads the record of published addresses (ADDRESSES_FILE, `content/addresses.txt`, see
record.py) and each post's and page's `Old addresses:`, and writes, for every address that
now leads elsewhere, a tiny page at that address sending browsers and crawlers on at once
(`theme/templates/redirect.html`: a meta refresh, no script). That alone works on any host
(GitHub Pages, a plain folder); `invoke publish` adds a 301 for nginx and Netlify-style hosts
and refuses an address that would be lost (publishing/addresses.py), from the note this
plugin leaves in the output (PLAN_NOTE), which is never published.
"""

import json
import re
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from pelican import signals
from pelican.generators import Generator

from ..shared import display, stop_build
from .record import RecordError, parse, plan, render

PLAN_NOTE = ".addresses.json"


class AddressesGenerator(Generator):
    def generate_context(self):
        pass  # every page's address is known only when all generators have read their content

    def generate_output(self, writer):
        record_file = Path(self.settings["PATH"]) / self.settings["ADDRESSES_FILE"]
        pages = self.published_pages()
        decided = plan(read_record(record_file), pages, self.old_addresses())
        if decided.problems:
            stop_build(decided.problems)
        self.write_redirect_pages(writer, decided.redirects)
        self.leave_out_of_sitemap(decided.redirects)
        note = {
            "record_file": str(record_file.resolve()),
            "record_shown_as": display(record_file),
            "record": render(decided.record),
            "pages": sorted(pages),
            "redirects": decided.redirects,
            "gone": decided.gone,
            "lost": decided.lost,
            "news": decided.news,
        }
        (Path(self.output_path) / PLAN_NOTE).write_text(json.dumps(note, indent=1), "utf-8")

    def write_redirect_pages(self, writer, redirects: dict[str, str]) -> None:
        template = self.get_template("redirect")
        site, canonical = self.settings["SITEURL"], self.settings["CANONICAL_SITEURL"]
        for address, to in redirects.items():
            external = "://" in to
            writer.write_file(
                redirect_page(address),
                template,
                self.context,
                to=to if external else site + to,
                canonical=to if external else canonical + to,
                page_name=f"redirect from {address}",
            )

    def leave_out_of_sitemap(self, redirects: dict[str, str]) -> None:
        """pelican-sitemap lists every page written; an old address is not one to index."""
        sitemap = self.settings.get("SITEMAP", {})
        exclude = [f"^{re.escape(redirect_page(a).removesuffix('index.html'))}$" for a in redirects]
        self.settings["SITEMAP"] = {**sitemap, "exclude": [*sitemap.get("exclude", []), *exclude]}

    def published_pages(self) -> dict[str, str]:
        """The address of every post, page and run page, and its file in the content folder."""
        found = {"/" + item.url: self.in_content(item.source_path) for item in self.items()}
        for run in self.context.get("runs", []):
            found["/" + run.url] = self.in_content(run.source)
        return found

    def old_addresses(self) -> dict[str, str]:
        written = {}
        for item in self.items():
            for address in item.metadata.get("old_addresses", "").split(","):
                if address.strip().startswith("/"):
                    written[address.strip()] = self.in_content(item.source_path)
        return written

    def items(self):
        return [
            *self.context.get("articles", []),
            *self.context.get("pages", []),
            *self.context.get("hidden_pages", []),
        ]

    def in_content(self, path: str) -> str:
        content = Path(self.settings["PATH"]).resolve()
        return Path(path).resolve().relative_to(content).as_posix()


def read_record(record_file: Path) -> dict:
    if not record_file.exists():
        return {}
    try:
        return parse(record_file.read_text(encoding="utf-8-sig"))
    except RecordError as error:
        stop_build([f"{display(record_file)}: {error}"])


def redirect_page(address: str) -> str:
    """The file served at an old address: /blog/old/ and /post/old are folders with an
    index.html (a server adds the slash), /old.html is that file."""
    path = unquote(address).lstrip("/")
    if address.endswith("/") or not path:
        return path + "index.html"
    if PurePosixPath(path).suffix:
        return path
    return path + "/index.html"


def get_generators(pelican):
    return AddressesGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
