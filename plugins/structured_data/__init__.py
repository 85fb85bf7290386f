"""JSON-LD for search engines, serialised so that no value can end its <script> element."""

import json

from markupsafe import Markup
from pelican import signals


def json_ld(data: dict) -> Markup:
    """JSON with <, > and & escaped, so a title such as '</script>' stays inside the script."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    escaped = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(f'<script type="application/ld+json">{escaped}</script>')


def add_filter(pelican) -> None:
    pelican.settings.setdefault("JINJA_FILTERS", {})["json_ld"] = json_ld


def register() -> None:
    signals.initialized.connect(add_filter)
