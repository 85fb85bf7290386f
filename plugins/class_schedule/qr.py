"""QR codes for posters: drawn at build time as inline SVG (segno), no image file, no service."""

import functools

import segno
from markupsafe import Markup, escape


@functools.lru_cache(maxsize=256)  # the live preview draws each poster's code once
def qr_svg(address: str, label: str) -> Markup:
    """The address as a QR code that screen readers announce as an image with this label.

    Error correction level M survives a crease or a smudge on a notice board; the
    4-module quiet zone is part of the drawing, so layout cannot crowd it out.
    """
    code = segno.make(address, error="m", micro=False, boost_error=False)
    svg = code.svg_inline(dark="#000", light="#fff", border=4, omitsize=True, svgclass="qr")
    # role="img" with a label: one image to assistive technology, not a tree of paths.
    return Markup(svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1))
