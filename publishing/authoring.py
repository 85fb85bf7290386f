"""`invoke new-post`: start a draft post with every field the build asks for."""

import datetime
from pathlib import Path

NEW_POST_TEMPLATE = """\
Title: {title}
Date: {date} 09:00
Slug: {slug}
Category: Baby massage
Tags: baby massage
Summary: One or two sentences (at most 160 characters) shown in search results and link previews.
Status: draft

Write your post here. Delete the line "Status: draft" when it is ready to publish.
"""


def new_post(title: str, content: Path) -> Path:
    """Write content/blog/<date>-<slug>.md as a draft; the path shown to the author is returned.
    Raises SystemExit, writing nothing, if that file already exists."""
    from pelican.settings import DEFAULT_CONFIG
    from pelican.utils import slugify

    today = datetime.date.today()
    slug = slugify(title, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])
    content = Path(content)
    path = content / "blog" / f"{today:%Y-%m-%d}-{slug}.md"
    shown = path.relative_to(content.parent)
    if path.exists():
        raise SystemExit(f"{shown} already exists: choose another title.")
    path.write_text(NEW_POST_TEMPLATE.format(title=title, date=today, slug=slug), encoding="utf-8")
    return shown
