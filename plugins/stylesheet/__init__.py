"""The site's one stylesheet, minified and named by its content: theme/css/site.<hash>.css.

A name that changes whenever the CSS does lets servers cache it for a year
(`immutable`); templates link it as {{ SITEURL }}/{{ STYLESHEET }}. The brand
colours come from BRAND_COLOURS in pelicanconf.py, as the custom properties
--brand and --brand-accent, so they are written in one place.
"""

import hashlib
from pathlib import Path

import rcssmin
from pelican import signals

SOURCE = Path("css") / "site.css"


def brand_properties(colours: dict) -> str:
    names = {"background": "--brand", "accent": "--brand-accent"}
    return ":root{" + ";".join(f"{names[key]}:{colours[key]}" for key in names) + "}"


def minified(settings: dict) -> str:
    css = (Path(settings["THEME"]) / "static" / SOURCE).read_text(encoding="utf-8")
    return brand_properties(settings["BRAND_COLOURS"]) + rcssmin.cssmin(css)


def name_stylesheet(pelican) -> None:
    digest = hashlib.sha256(minified(pelican.settings).encode()).hexdigest()[:10]
    pelican.settings["STYLESHEET"] = f"{pelican.settings['THEME_STATIC_DIR']}/css/site.{digest}.css"


def write_stylesheet(pelican) -> None:
    """Replace the theme's readable copy with the minified, fingerprinted one."""
    output = Path(pelican.output_path)
    (output / pelican.settings["STYLESHEET"]).write_text(
        minified(pelican.settings), encoding="utf-8"
    )
    (output / pelican.settings["THEME_STATIC_DIR"] / SOURCE).unlink(missing_ok=True)


def register() -> None:
    signals.initialized.connect(name_stylesheet)
    signals.finalized.connect(write_stylesheet)
