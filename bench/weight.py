"""Page weight of the real site as published: what a browser downloads for one page.

For each page: its HTML, the stylesheets it links, the fonts those load and its
JavaScript (scripts with a `src`, and inline scripts a browser would run; JSON-LD
is data and stays counted in the HTML). Images are left out. Each is measured raw
and compressed with gzip -9 and brotli quality 11.
"""

import gzip
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import brotli
from pelican.settings import read_settings

from publishing.build import PUBLISH_SETTINGS, pelican_command

from .builds import PINNED, cache_settings, run_measured

PAGES = {
    "/": "index.html",
    "post": "blog/childrens-mental-health-week-first-1001-days/index.html",
    "/classes/": "classes/index.html",
    "class run": "classes/2027-01-tuesday-mornings/index.html",
}
KINDS = ("html", "css", "fonts", "js")
FONT_SUFFIXES = {".woff2", ".woff", ".ttf", ".otf", ".eot"}
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)")
RUNNABLE_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}


class PageResources(HTMLParser):
    """The stylesheets and scripts one HTML page links, and its inline scripts."""

    def __init__(self):
        super().__init__()
        self.stylesheets: list[str] = []
        self.scripts: list[str] = []
        self.inline_scripts: list[str] = []
        self._in_runnable_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "link" and "stylesheet" in (attributes.get("rel") or "").split():
            self.stylesheets.append(attributes["href"])
        elif tag == "script" and attributes.get("src"):
            self.scripts.append(attributes["src"])
        elif tag == "script":
            script_type = (attributes.get("type") or "").lower()
            self._in_runnable_script = script_type in RUNNABLE_SCRIPT_TYPES

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_runnable_script = False

    def handle_data(self, data):
        if self._in_runnable_script:
            self.inline_scripts.append(data)


def site_weights(content: Path, workdir: Path) -> dict:
    """Build `content` with the publish settings into `workdir` and weigh each page in PAGES."""
    site_url = read_settings(str(PUBLISH_SETTINGS))["SITEURL"]
    output = workdir / "publish"
    extra = PINNED | cache_settings(workdir)
    run_measured(pelican_command(content, output, PUBLISH_SETTINGS, extra))
    return {name: page_weight(output, page, site_url) for name, page in PAGES.items()}


def page_weight(output: Path, page: str, site_url: str) -> dict:
    """Raw, gzip and brotli bytes of each kind of resource, and their total."""
    files = page_files(output, output / page, site_url)
    weights = {kind: weigh(files[kind]) for kind in KINDS}
    sizes = weights["html"].keys()
    weights["total"] = {size: sum(weights[kind][size] for kind in KINDS) for size in sizes}
    return weights


def page_files(output: Path, page: Path, site_url: str) -> dict[str, list[bytes]]:
    html = page.read_bytes()
    resources = PageResources()
    resources.feed(html.decode("utf-8"))
    stylesheets = [local_file(output, page, url, site_url) for url in resources.stylesheets]
    fonts = [font for sheet in stylesheets for font in fonts_in(output, sheet, site_url)]
    scripts = [local_file(output, page, url, site_url).read_bytes() for url in resources.scripts]
    return {
        "html": [html],
        "css": [sheet.read_bytes() for sheet in stylesheets],
        "fonts": [font.read_bytes() for font in fonts],
        "js": scripts + [script.encode("utf-8") for script in resources.inline_scripts],
    }


def fonts_in(output: Path, stylesheet: Path, site_url: str) -> list[Path]:
    urls = [
        url
        for url in CSS_URL.findall(stylesheet.read_text(encoding="utf-8"))
        if not url.startswith("data:")
    ]
    files = [local_file(output, stylesheet, url, site_url) for url in urls]
    return [path for path in files if path.suffix.lower() in FONT_SUFFIXES]


def local_file(output: Path, referrer: Path, url: str, site_url: str) -> Path:
    """The built file a URL points to: absolute (site URL), root-relative or relative."""
    if url.startswith(site_url):
        url = url[len(site_url) :] or "/"
    path = urlsplit(url).path
    if path.startswith("/"):
        return output / path.lstrip("/")
    return referrer.parent / path


def weigh(files: list[bytes]) -> dict[str, int]:
    return {
        "raw": sum(len(data) for data in files),
        "gzip": sum(len(gzip.compress(data, compresslevel=9)) for data in files),
        "brotli": sum(len(brotli.compress(data, quality=11)) for data in files),
    }
