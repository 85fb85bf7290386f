"""The <picture> element for a photo, and the rewriting of a post's <img> tags into it."""

import html
from collections.abc import Callable

from bs4 import BeautifulSoup

from .variants import MODERN, Variants, mime_type

DECORATIVE = "decorative"  # alt text the author writes for a purely decorative image


def srcset(variants: Variants, extension: str, base_url: str) -> str:
    return ", ".join(f"{base_url}/{variants.file(w, extension)} {w}w" for w in variants.widths)


def picture(variants: Variants, alt: str, sizes: str, base_url: str, eager: bool = False) -> str:
    """AVIF and WebP sources, a JPEG (or PNG) fallback, the real size, lazy unless first;
    an animation as it is."""
    loading = 'fetchpriority="high"' if eager else 'loading="lazy"'
    text = "" if alt.strip().lower() == DECORATIVE else alt
    if variants.animated:
        return (
            f'<img src="{base_url}/{variants.file(variants.width, "gif")}" width="{variants.width}"'
            f' height="{variants.height}" alt="{html.escape(text)}" {loading} decoding="async">'
        )
    sources = "".join(
        f'<source type="{mime_type(ext)}" srcset="{srcset(variants, ext, base_url)}" sizes="{sizes}">'
        for ext in MODERN
    )
    fallback_width = min(variants.widths, key=lambda w: abs(w - 800))
    return (
        f"<picture>{sources}"
        f'<img src="{base_url}/{variants.file(fallback_width, variants.fallback)}"'
        f' srcset="{srcset(variants, variants.fallback, base_url)}"'
        f' sizes="{sizes}" width="{variants.width}" height="{variants.height}"'
        f' alt="{html.escape(text)}" {loading} decoding="async"></picture>'
    )


def rewrite_images(
    content: str, render: Callable[[str, str, bool], str | None], first_eager: bool
) -> str:
    """Replace each <img> with render(src, alt, eager); an image with a title becomes a <figure>."""
    if "<img" not in content:
        return content
    soup = BeautifulSoup(content, "html.parser")
    for number, img in enumerate(soup.find_all("img")):
        markup = render(img.get("src", ""), img.get("alt", ""), first_eager and number == 0)
        replacement = BeautifulSoup(markup, "html.parser")
        caption = img.get("title")
        alone = img.parent.name == "p" and len(img.parent.contents) == 1
        if caption:
            figure = soup.new_tag("figure")
            figure.append(replacement)
            figcaption = soup.new_tag("figcaption")
            figcaption.string = caption
            figure.append(figcaption)
            (img.parent if alone else img).replace_with(figure)
        else:
            img.replace_with(replacement)
    return str(soup)
