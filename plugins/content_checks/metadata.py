"""Read and check the metadata block at the top of a Markdown post or page."""

import datetime
import functools
import os
import re
from pathlib import Path
from urllib.parse import unquote

from ..shared import SUMMARY_LIMIT, FrontMatter, display, read_text
from .scaffold import leftover_examples

MARKDOWN_SUFFIXES = {".md", ".markdown"}
KNOWN_FIELDS = {
    "title",
    "date",
    "modified",
    "slug",
    "category",
    "tags",
    "summary",
    "status",
    "template",
    "save_as",
    "url",
    "author",
    "image",
    "image_alt",
    "sample",  # `Sample: yes`: shipped as an example; publishing refuses it
    "old_addresses",
}
# Fields named in words: how the author writes them.
FIELD_LABELS = {"old_addresses": "Old addresses"}
POST_STATUSES = {"published", "draft", "hidden"}
# The address may hold spaces ("images/baby feet.jpg") and be followed by a "title".
MARKDOWN_IMAGE = re.compile(
    r"""!\[(?P<alt>[^\]]*)\]\(\s*(?P<src><[^>]*>|[^)"']*?)\s*(?:["'][^)]*)?\)"""
)
# An image by reference: ![alt][name], its address on a line of its own: [name]: address
IMAGE_BY_NAME = re.compile(r"!\[(?P<alt>[^\]]*)\] ?\[(?P<name>[^\]]+)\]")
ADDRESS_BY_NAME = re.compile(r"^ {0,3}\[(?P<name>[^\]]+)\]:\s*(?P<src><[^>]*>|\S+)", re.MULTILINE)
HTML_IMAGE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
DATE_FORMATS = ("%Y-%m-%d", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S")
# Pelican's link to another source file: {filename}other.md, or the older |filename|other.md.
FILENAME_LINK = re.compile(r"(?:\{filename\}|\|filename\|)(?P<target>[^)\s\"'>#?]+)")


def is_ignorable(path: Path) -> bool:
    """Editor backups and system files that nobody means to publish."""
    return path.name.startswith((".", "#")) or path.name.endswith("~")


def problems_in_folder(folder: Path, content: Path, live: bool = False) -> list[str]:
    """`live`: a build for the live site, where the new-post draft's example lines are refused."""
    problems = []
    for path in sorted(folder.rglob("*")):
        if path.is_dir() or is_ignorable(path):
            continue
        if path.suffix.lower() not in MARKDOWN_SUFFIXES:
            problems.append(
                f"{display(path)}: this is not a Markdown file, so it would not be published. "
                "Rename it to end in .md, or move it out of this folder."
            )
            continue
        problems += problems_in_file(path, content, live)
    return problems


def problems_in_file(path: Path, content: Path, live: bool = False) -> list[str]:
    text = read_text(path)
    in_text, in_header_lines = problems_in_text(text, live)
    found = [*in_text, *missing_link_targets(path, parsed(text).body, content), *in_header_lines]
    return [f"{display(path)}: {problem}" for problem in found]


@functools.lru_cache(maxsize=4096)
def parsed(text: str) -> FrontMatter:
    """A file's header, read once per text: a kept-running preview checks every file at each
    save, and most have not changed."""
    return FrontMatter(text, names_in_words=True)


@functools.lru_cache(maxsize=4096)
def problems_in_text(text: str, live: bool) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """What is wrong in the text itself: its fields and images; then its example lines and
    header lines that are not fields."""
    header = parsed(text)
    found = [f"{label(name)}: {problem}" for name, problem in field_problems(header.fields)]
    found += [
        f"{label(name)}: written twice, on lines {first} and {again}. Keep the one you "
        "mean and delete the other."
        for name, first, again in header.repeated
    ]
    found += [
        f"image {src} has no alt text: describe what it shows" + DECORATIVE_HINT
        for src in images_without_alt(header.body)
    ]
    later = leftover_examples(header.fields, header.body) if live else []
    for number, line in header.stray_lines:
        later.append(
            f"line {number}: {line.strip()!r} is not a field, so every line after it would "
            "be treated as text. Write fields as 'Name: value', then one empty line, then the text."
        )
    return tuple(found), tuple(later)


DECORATIVE_HINT = " (or, if it is only decoration, write 'decorative' as its alt text)"


def images_without_alt(body: str) -> list[str]:
    missing = [m["src"] for m in MARKDOWN_IMAGE.finditer(body) if not m["alt"].strip()]
    addresses = {m["name"].lower(): m["src"].strip("<>") for m in ADDRESS_BY_NAME.finditer(body)}
    missing += [
        addresses.get(m["name"].lower(), m["name"])
        for m in IMAGE_BY_NAME.finditer(body)
        if not m["alt"].strip()
    ]
    for tag in HTML_IMAGE.findall(body):
        alt = re.search(r"\balt\s*=\s*([\"'])(.*?)\1", tag)
        if not alt or not alt.group(2).strip():
            src = re.search(r"\bsrc\s*=\s*([\"'])(.*?)\1", tag)
            missing.append(src.group(2) if src else tag)
    return missing


def missing_link_targets(path: Path, body: str, content: Path) -> list[str]:
    """Pelican resolves {filename}x.md from the file's own folder, {filename}/x.md from content/."""
    problems = []
    for written, target in filename_links(body):
        file = content / target.lstrip("/") if target.startswith("/") else path.parent / target
        file = Path(os.path.normpath(file))
        if not file.is_file():
            problems.append(
                f"link {written} leads nowhere: there is no file {display(file)}. "
                "Check the file name and folder, or link to the page's address, such as /contact/."
            )
    return problems


@functools.lru_cache(maxsize=4096)
def filename_links(body: str) -> tuple[tuple[str, str], ...]:
    """Each `{filename}` link in a text, as written and the file it names."""
    return tuple((m.group(0), unquote(m["target"])) for m in FILENAME_LINK.finditer(body))


def field_problems(fields: dict[str, str]):
    if not fields.get("title"):
        yield "title", "missing. Add a line such as 'Title: My first class' at the top."
    for name in ("date", "modified"):
        if name in fields and parse_date(fields[name]) is None:
            yield (
                name,
                (
                    f"{fields[name]!r} is not a real date. Write it as YYYY-MM-DD, for example "
                    "2025-02-03, optionally followed by a time such as 09:00."
                ),
            )
    if "status" in fields and fields["status"].lower() not in POST_STATUSES:
        yield (
            "status",
            (
                f"{fields['status']!r} is not a status. Use 'draft' to keep it unpublished, "
                "or delete the line to publish it."
            ),
        )
    if fields.get("image") and not fields.get("image_alt"):
        yield (
            "image_alt",
            (
                "missing. Describe what the photo shows, e.g. 'Image_alt: A baby asleep after a massage'."
            ),
        )
    summary = fields.get("summary", "")
    if len(summary) > SUMMARY_LIMIT:
        yield (
            "summary",
            (
                f"{len(summary)} characters; search results and link previews cut it at "
                f"{SUMMARY_LIMIT}. Shorten it to one or two plain sentences."
            ),
        )
    yield from old_address_problems(fields.get("old_addresses", ""))
    for name in sorted(fields.keys() - KNOWN_FIELDS):
        yield (
            name,
            (
                "not a field this site knows, so it would be ignored. Check the spelling; "
                f"known fields are {', '.join(sorted(label(f) for f in KNOWN_FIELDS))}."
            ),
        )


def label(name: str) -> str:
    """A field's name as the author writes it."""
    return FIELD_LABELS.get(name, name.capitalize())


def old_address_problems(written: str):
    """`Old addresses: /post/my-post, /2019/05/my-post.html`: paths on this site's domain."""
    for address in (part.strip() for part in written.split(",")):
        if address and not address.startswith("/"):
            yield (
                "old_addresses",
                (
                    f"{address!r} is not an address on this site's domain. Write the part "
                    "after the domain name, starting with /, for example "
                    "'Old addresses: /post/my-post'; separate several with commas."
                ),
            )


def parse_date(text: str) -> datetime.datetime | None:
    for date_format in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, date_format)
        except ValueError:
            continue
    return None
