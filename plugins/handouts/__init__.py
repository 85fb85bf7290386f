"""Her files (handouts: PDF, Word, spreadsheets) from content/files/, published at /files/.

A file is published under a clean name ("Week 1 Handout.pdf" at /files/week-1-handout.pdf),
as a copy without its hidden properties (clean.py). A link to it works however it is written:
`/files/Week 1 Handout.pdf`, `files/week%201%20handout.pdf`, `{static}/files/…`,
`{filename}/files/…`; it is rewritten to the published address. A link to a file that is not
there stops the build, naming the post and the file she most likely meant.
"""

import hashlib
import sys
from pathlib import Path
from urllib.parse import quote, unquote, urlparse

from bs4 import BeautifulSoup
from pelican import signals

from ..shared import cache_folder, clean_file_stem, closest_image, display, link_cached, stop_build
from ..shared import resolve_image as resolve_file
from .clean import CLEANED_SUFFIXES, UnreadableDocument, cleaned

PREFIXES = ("{static}", "{filename}", "{attach}")
CLEANING_VERSION = b"1"  # change when clean.py removes more, to clean every file again


def written_file(href: str, folder: str, site_url: str) -> str | None:
    """The path under content/ a link names, if it names something in the files folder."""
    address = href.removeprefix(site_url) if site_url else href
    for prefix in PREFIXES:
        address = address.removeprefix(prefix)
    parts = urlparse(address)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    while path.startswith(("/", "./", "../")):
        path = path.removeprefix("/").removeprefix("./").removeprefix("../")
    return path if path.startswith(f"{folder}/") else None


def published_name(source: Path) -> str:
    return f"{clean_file_stem(source.stem)}{source.suffix.lower()}"


class Files:
    """The files posts link to: found, cleaned once (cached by their bytes), put in the output."""

    def __init__(self, settings: dict, output_path: str):
        self.content = Path(settings["PATH"])
        self.folder = settings["FILES_PATH"]
        self.site_url = settings["SITEURL"]
        self.cache = cache_folder(settings) / "files"
        self.output = Path(output_path) / self.folder

    def address(self, source: Path) -> str:
        return f"{self.site_url}/{self.folder}/{quote(published_name(source))}"

    def publish(self, source: Path) -> None:
        data = source.read_bytes()
        cached = (
            self.cache
            / hashlib.sha256(CLEANING_VERSION + data).hexdigest()[:16]
            / published_name(source)
        )
        if not cached.exists():
            cached.parent.mkdir(parents=True, exist_ok=True)
            partial = cached.with_name(f".{cached.name}.part")
            partial.write_bytes(cleaned(source))
            partial.replace(cached)
        self.output.mkdir(parents=True, exist_ok=True)
        link_cached(cached, self.output / published_name(source))

    def not_found(self, href: str, written: str) -> str:
        meant = closest_image(self.content, written)
        where = f"there is no file content/{written}"
        if meant:
            return f"link {href} leads nowhere: {where}. Did you mean /{meant}?"
        return (
            f"link {href} leads nowhere: {where}. Put the file in content/{self.folder}/ and "
            f"link to it as /{self.folder}/<file name>."
        )


def rewrite_links(item) -> None:
    """As each post or page is read, before Pelican follows its {static} and {filename} links
    (which would publish the original, hidden properties and all): each link to a file leads
    to its published copy. What is missing is reported once everything is read."""
    item.linked_files, item.file_problems = [], []
    if f"{item.settings['FILES_PATH']}/" not in (item._content or ""):
        return  # parse only what may link to a file: most posts do not
    files = Files(item.settings, item.settings["OUTPUT_PATH"])
    soup = BeautifulSoup(item._content, "html.parser")
    for link in soup.find_all("a", href=True):
        written = written_file(link["href"], files.folder, files.site_url)
        if written is None:
            continue
        source = resolve_file(files.content, written)
        if source is None:
            item.file_problems.append(files.not_found(link["href"], written))
            continue
        item.linked_files.append(source)
        fragment = urlparse(link["href"]).fragment  # a page of a PDF: #page=2
        link["href"] = files.address(source) + (f"#{fragment}" if fragment else "")
    item._content = str(soup)


def items_of(generators) -> list:
    kinds = ("articles", "drafts", "pages", "hidden_pages", "draft_pages")
    return [item for g in generators for kind in kinds for item in getattr(g, kind, [])]


def warn_uncleaned(sources: set[Path]) -> None:
    """Plain lines, not Pelican's logger: in a build, every warning of Pelican's stops it."""
    for source in sorted(sources):
        print(
            f"Warning: {display(source)}: published as it is, with whatever hidden properties "
            "it holds (your name, company, software): the site can remove them only from PDF "
            "and from .docx, .xlsx, .pptx, .odt, .ods and .odp files. Export it as PDF to be sure.",
            file=sys.stderr,
        )


def publish_files(generators) -> None:
    files = Files(generators[0].settings, generators[0].output_path)
    problems, uncleaned = [], set()
    for item in items_of(generators):
        post = display(Path(item.source_path))
        problems += [f"{post}: {problem}" for problem in getattr(item, "file_problems", [])]
        for source in getattr(item, "linked_files", []):
            if source.suffix.lower() not in CLEANED_SUFFIXES:
                uncleaned.add(source)
            try:
                files.publish(source)
            except UnreadableDocument:
                problems.append(
                    f"{post}: {display(source)} cannot be read as a {source.suffix} file: open "
                    "it and save it again (or export it as PDF)."
                )
    if problems:
        stop_build(sorted(set(problems)))
    warn_uncleaned(uncleaned)


def register() -> None:
    signals.content_object_init.connect(rewrite_links)
    signals.all_generators_finalized.connect(publish_files)
