"""`invoke new-post`: start a draft post with every field the build asks for."""

import datetime
from pathlib import Path

from plugins.content_checks.scaffold import NEW_POST


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
    path.write_text(NEW_POST.format(title=title, date=today, slug=slug), encoding="utf-8")
    return shown
