"""JSON-LD for search engines: what the site, its posts and its breadcrumbs are.

Templates call `structured_data.home()`, `.post(article, image)` and
`.breadcrumbs([(name, url), ...])`, and print the result with the `json_ld`
filter, which escapes <, > and & so that no title can end the <script> element.
"""

import json

from markupsafe import Markup
from pelican import signals

from ..shared import plain_text as text


def json_ld(data: dict) -> Markup:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    escaped = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(f'<script type="application/ld+json">{escaped}</script>')


class StructuredData:
    def __init__(self, settings: dict):
        self.settings = settings

    def absolute(self, url: str) -> str:
        return f"{self.settings['CANONICAL_SITEURL']}/{url}"

    def organization(self, logo) -> dict:
        s = self.settings
        return {
            "@type": "Organization",
            "@id": self.absolute("#business"),
            "name": s["SITENAME"],
            "url": self.absolute(""),
            "description": s["DESCRIPTION"],
            "logo": {
                "@type": "ImageObject",
                "url": self.absolute(logo.url),
                "width": logo.width,
                "height": logo.height,
            },
            "email": s["CONTACT_EMAIL"],
            "telephone": s["CONTACT_PHONE"],
            "areaServed": s["AREA_SERVED"],
            "founder": {"@type": "Person", "name": s["AUTHOR"]},
            "sameAs": [url for _, url in s["SOCIAL"]],
        }

    def home(self, logo, image) -> dict:
        website = {
            "@type": "WebSite",
            "@id": self.absolute("#website"),
            "name": self.settings["SITENAME"],
            "url": self.absolute(""),
            "description": self.settings["DESCRIPTION"],
            "inLanguage": self.settings["SITE_LANG"],
            "image": self.absolute(image.url),
            "publisher": {"@id": self.absolute("#business")},
        }
        return {"@context": "https://schema.org", "@graph": [website, self.organization(logo)]}

    def post(self, article, image) -> dict:
        """Google's recommended Article properties; the page's own tags and the business's
        logo are left to the page and the home page's Organization (every byte is on the wire)."""
        return {
            "@context": "https://schema.org",
            "@type": "BlogPosting",
            "headline": text(article.title),
            "description": text(article.summary),
            "datePublished": article.date.isoformat(),
            "dateModified": getattr(article, "modified", article.date).isoformat(),
            "author": {
                "@type": "Person",
                "name": self.settings["AUTHOR"],
                "url": self.absolute(self.settings["ABOUT_URL"]),
            },
            "publisher": {
                "@type": "Organization",
                "name": self.settings["SITENAME"],
                "url": self.absolute(""),
            },
            "image": {
                "@type": "ImageObject",
                "url": self.absolute(image.url),
                "width": image.width,
                "height": image.height,
            },
            "mainEntityOfPage": {"@type": "WebPage", "@id": self.absolute(article.url)},
        }

    def breadcrumbs(self, trail) -> dict:
        """`trail`: (name as plain text, URL relative to the site) from the home page down.
        The last step is the page itself: Google needs no address for it."""
        steps = [
            {"@type": "ListItem", "position": n, "name": name, "item": self.absolute(url)}
            for n, (name, url) in enumerate(trail, start=1)
        ]
        del steps[-1]["item"]
        return {
            "@context": "https://schema.org",
            "@type": "BreadcrumbList",
            "itemListElement": steps,
        }


def add_to_templates(pelican) -> None:
    pelican.settings.setdefault("JINJA_FILTERS", {})["json_ld"] = json_ld
    pelican.settings.setdefault("JINJA_GLOBALS", {})["structured_data"] = StructuredData(
        pelican.settings
    )


def register() -> None:
    signals.initialized.connect(add_to_templates)
