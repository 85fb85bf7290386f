"""Checks across files: every Markdown file is somewhere the site reads it, and no two
posts or pages would get the same address."""

from collections import defaultdict
from pathlib import Path

from pelican.utils import slugify

from ..shared import display
from .metadata import MARKDOWN_SUFFIXES, is_ignorable, parsed, read_text


def stray_markdown(content: Path, posts: Path, pages: Path, plugins: list[Path]) -> list[str]:
    """Markdown files no part of the build reads: they would silently never appear.

    Posts and pages are read from their folders and every folder inside; the folders
    our plugins read (courses, venues, runs, testimonials) only one level deep."""
    problems = []
    for path in sorted(content.rglob("*")):
        if path.suffix.lower() not in MARKDOWN_SUFFIXES or is_ignorable(path) or path.is_dir():
            continue
        if path.is_relative_to(posts) or path.is_relative_to(pages) or path.parent in plugins:
            continue
        problems.append(
            f"{display(path)}: this file is in a folder the site does not read, so it would "
            f"never be published. Move it into {display(posts)}/ if it is a blog post, or "
            f"{display(pages)}/ if it is a page."
        )
    return problems


def slug_clashes(folder: Path, url_pattern: str, settings: dict) -> list[str]:
    """Two files with one address: Pelican would stop with "There are 2 items with slug"."""
    by_address = defaultdict(list)
    for path in sorted(folder.rglob("*")):
        if path.suffix.lower() not in MARKDOWN_SUFFIXES or is_ignorable(path):
            continue
        fields = parsed(read_text(path)).fields
        slug = fields.get("slug") or slugify(
            fields.get("title", ""),
            regex_subs=settings["SLUG_REGEX_SUBSTITUTIONS"],
            preserve_case=settings["SLUGIFY_PRESERVE_CASE"],
            use_unicode=settings["SLUGIFY_USE_UNICODE"],
        )
        is_draft = fields.get("status", "").lower() == "draft"
        by_address[slug, is_draft].append(path)
    problems = []
    for (slug, _), paths in sorted(by_address.items()):
        if len(paths) > 1:
            names = " and ".join(display(path) for path in paths)
            problems.append(
                f"{names} would both be published at /{url_pattern.format(slug=slug)} "
                "(an address is made from the title, or the Slug: line). If one is a copy "
                "made by mistake, delete it; otherwise give one its own address with a line "
                f"such as 'Slug: {slug}-2' under its title."
            )
    return problems
