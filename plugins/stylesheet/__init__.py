"""The site's stylesheets, minified and named by their content: theme/css/site.<hash>.css.

A name that changes whenever the CSS does lets servers cache it for a year
(`immutable`); templates link it as {{ SITEURL }}/{{ STYLESHEET }}. The brand
colours come from BRAND_COLOURS in pelicanconf.py, so they are written in one place:
the stylesheets say `var(--brand)` and `var(--brand-accent)`, and the published copy
has the colours themselves (no declaration to send). Posters have their
own small stylesheet, so their print rules weigh nothing on other pages; and what
only other pages than a post show is in pages.css, so a post does not carry it.
"""

import hashlib
from pathlib import Path

import rcssmin
from pelican import signals

# The setting that holds each stylesheet's published name, and its file in theme/static/css/.
STYLESHEETS = {
    "STYLESHEET": "site.css",
    "PAGES_STYLESHEET": "pages.css",  # every page but a post
    "POSTER_STYLESHEET": "poster.css",
}


BRAND_PROPERTIES = {"var(--brand)": "background", "var(--brand-accent)": "accent"}


def with_brand_colours(css: str, colours: dict) -> str:
    for reference, colour in BRAND_PROPERTIES.items():
        css = css.replace(reference, colours[colour])
    return css


def minified(settings: dict, source: str) -> str:
    css = (Path(settings["THEME"]) / "static" / "css" / source).read_text(encoding="utf-8")
    return with_brand_colours(rcssmin.cssmin(css), settings["BRAND_COLOURS"])


def name_stylesheets(pelican) -> None:
    for setting, source in STYLESHEETS.items():
        digest = hashlib.sha256(minified(pelican.settings, source).encode()).hexdigest()[:10]
        stem = Path(source).stem
        pelican.settings[setting] = (
            f"{pelican.settings['THEME_STATIC_DIR']}/css/{stem}.{digest}.css"
        )


def write_stylesheets(pelican) -> None:
    """Replace the theme's readable copies with the minified, fingerprinted ones."""
    output = Path(pelican.output_path)
    for setting, source in STYLESHEETS.items():
        (output / pelican.settings[setting]).write_text(
            minified(pelican.settings, source), encoding="utf-8"
        )
        (output / pelican.settings["THEME_STATIC_DIR"] / "css" / source).unlink(missing_ok=True)


def register() -> None:
    signals.initialized.connect(name_stylesheets)
    signals.finalized.connect(write_stylesheets)
