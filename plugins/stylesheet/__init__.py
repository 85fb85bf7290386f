"""The site's stylesheets, minified and named by their content: theme/css/site.<hash>.css.

A name that changes whenever the CSS does lets servers cache it for a year
(`immutable`); templates link it as {{ SITEURL }}/{{ STYLESHEET }}. The brand
colours come from BRAND_COLOURS in pelicanconf.py, as the custom properties
--brand and --brand-accent, so they are written in one place. Posters have their
own small stylesheet, so their print rules weigh nothing on other pages.
"""

import hashlib
from pathlib import Path

import rcssmin
from pelican import signals

# The setting that holds each stylesheet's published name, and its file in theme/static/css/.
STYLESHEETS = {"STYLESHEET": "site.css", "POSTER_STYLESHEET": "poster.css"}


def brand_properties(colours: dict) -> str:
    names = {"background": "--brand", "accent": "--brand-accent"}
    return ":root{" + ";".join(f"{names[key]}:{colours[key]}" for key in names) + "}"


def minified(settings: dict, source: str) -> str:
    css = (Path(settings["THEME"]) / "static" / "css" / source).read_text(encoding="utf-8")
    return brand_properties(settings["BRAND_COLOURS"]) + rcssmin.cssmin(css)


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
