"""Settings for the site: every fact about the business, then how the site is built.

The author edits the first block ("The business"); README.md, "Make it yours",
lists every setting and file she may want to change. publishconf.py holds only
what differs for the live site.
"""

import os
from pathlib import Path

from fontpkg_atkinson_hyperlegible import ROOT as ATKINSON
from jinja2 import FileSystemBytecodeCache

# --- The business: names, contact details and links shown across the site ----
SITENAME = "Gentle Touch Baby Massage"
AUTHOR = "Emma Clarke"
TAGLINE = (
    "Small, friendly baby massage classes for parents and babies "
    "from six weeks old until they crawl."
)
DESCRIPTION = (
    "Baby massage classes and a blog about calm, connected early parenting, "
    "from an independent instructor in south Manchester."
)
AREA_SERVED = "South Manchester"
# Where the venues are, as a two-letter ISO country code (for search engines' event listings).
COUNTRY = "GB"
CONTACT_EMAIL = "hello@example.com"
CONTACT_PHONE = "07700 900123"
# Shown in the footer and on the contact page; leave a list empty to hide it.
SOCIAL = [
    ("Facebook", "https://www.facebook.com/gentletouchbabymassage"),
    ("Instagram", "https://www.instagram.com/gentletouchbabymassage"),
]

# Brand colours for share images and the logo (the site's own colours are at the
# top of theme/static/css/site.css).
BRAND_COLOURS = {"background": "#8f3657", "text": "#fffaf5", "accent": "#f2a7c3"}

# --- Language, dates and time ---------------------------------------------------
# Pelican lower-cases DEFAULT_LANG; pages declare SITE_LANG, spelled the standard way.
SITE_LANG = "en-GB"
DEFAULT_LANG = SITE_LANG
TIMEZONE = "Europe/London"
DEFAULT_DATE_FORMAT = "%-d %B %Y"  # 3 February 2025

# --- Where content lives and the URLs it gets (clean URLs, trailing slash) ------
PATH = "content"
ARTICLE_PATHS = ["blog"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = []
THEME = "theme"

ARTICLE_URL = "blog/{slug}/"
ARTICLE_SAVE_AS = "blog/{slug}/index.html"
DRAFT_URL = "drafts/{slug}/"
DRAFT_SAVE_AS = "drafts/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
TAG_URL = "blog/tag/{slug}/"
TAG_SAVE_AS = "blog/tag/{slug}/index.html"
CATEGORY_URL = "blog/category/{slug}/"
CATEGORY_SAVE_AS = "blog/category/{slug}/index.html"
TAGS_URL = "blog/tags/"
TAGS_SAVE_AS = "blog/tags/index.html"
CATEGORIES_URL = "blog/categories/"
CATEGORIES_SAVE_AS = "blog/categories/index.html"
ARCHIVES_URL = "blog/archive/"
ARCHIVES_SAVE_AS = "blog/archive/index.html"
# One author: no author pages.
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""

# "home" is the front page; "index" is the paginated blog at /blog/.
DIRECT_TEMPLATES = ["home", "index", "tags", "categories", "archives", "robots"]
HOME_URL = ""
HOME_SAVE_AS = "index.html"
INDEX_URL = "blog/"
INDEX_SAVE_AS = "blog/index.html"
DEFAULT_PAGINATION = 10
PAGINATION_PATTERNS = [
    (1, "{url}", "{save_as}"),
    (2, "{url}page/{number}/", "{base_name}/page/{number}/index.html"),
]

# --- Navigation and calls to action ---------------------------------------------
MENUITEMS = [
    ("Classes", "classes/"),
    ("Blog", "blog/"),
    ("About", "about/"),
    ("FAQ", "faq/"),
    ("Contact", "contact/"),
]
HOME_LATEST_POSTS = 3
BLOG_DESCRIPTION = "Notes on baby massage, bonding and the early months with your baby."
BOOK_CTA_TEXT = (
    "Would you like to learn baby massage with your own baby, in a small, relaxed group?"
)

# --- Classes: courses, venues and dated runs (content/courses, venues, classes) ---
CLASS_RUN_URL = "classes/{slug}/"
CLASS_RUN_SAVE_AS = "classes/{slug}/index.html"
CLASS_CALENDAR_URL = "classes/{slug}.ics"
CLASS_CALENDAR_SAVE_AS = "classes/{slug}.ics"
CLASSES_CALENDAR_URL = "classes.ics"
CLASSES_CALENDAR_SAVE_AS = "classes.ics"
HOME_NEXT_RUNS = 3
# Runs whose last session ended before "today" leave the schedule. Today is the
# build's date in the UK; pin it ("2026-03-01") for tests and reproducible builds.
TODAY = None

# --- Photos: content/images/*, published only as resized copies without metadata
RESPONSIVE_IMAGE_PATH = "images"

# --- Sharing: link previews, share images, structured data, sitemap -------------
# The absolute address used wherever a link must be absolute (canonical, previews,
# JSON-LD, feeds, calendars). Locally, the preview server's; publishconf sets the live one.
CANONICAL_SITEURL = "http://127.0.0.1:8000"
OG_LOCALE = "en_GB"
SHARE_IMAGE_PATH = "share"
SHARE_IMAGE_FONTS = {  # Atkinson Hyperlegible, SIL Open Font Licence, from PyPI
    "regular": str(ATKINSON / "files" / "AtkinsonHyperlegible-Regular.ttf"),
    "bold": str(ATKINSON / "files" / "AtkinsonHyperlegible-Bold.ttf"),
}
SITEMAP = {
    "format": "xml",
    # Tag pages and later pages of lists are for browsing, not for search results.
    "exclude": [r"^blog/tag/", r"/page/\d+/", r"^robots\.txt$"],
}
ROBOTS_SAVE_AS = "robots.txt"

# --- Feeds: Atom and RSS of every post, full text -------------------------------
FEED_ALL_ATOM = "feeds/atom.xml"
FEED_ALL_RSS = "feeds/rss.xml"
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
RSS_FEED_SUMMARY_ONLY = False
FEED_DOMAIN = CANONICAL_SITEURL

# --- Writing: Markdown extensions and typography --------------------------------
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
    },
    "output_format": "html5",
}
TYPOGRIFY = True

# --- Build ----------------------------------------------------------------------
# Share images, photo copies and compiled templates are kept here between builds.
CACHE_PATH = os.environ.get("SITE_CACHE_PATH", str(Path(__file__).parent / "cache"))
# Always explicit: unset, Pelican loads every installed plugin. content_checks and
# plain_titles come first: the plugins after them use their helpers.
PLUGIN_PATHS = ["plugins"]
PLUGINS = [
    "content_checks",
    "plain_titles",
    "structured_data",
    "class_schedule",
    "responsive_images",
    "share_images",
    "sitemap",
    "stylesheet",
    "rss_feed",
    "minify_pages",
    "source_map",
]
RELATIVE_URLS = False
# Escape every value by default; templates mark Pelican's rendered HTML as safe.
# Compiled templates are kept in the cache: each build would otherwise compile them again.
Path(CACHE_PATH, "templates").mkdir(parents=True, exist_ok=True)
JINJA_ENVIRONMENT = {
    "trim_blocks": True,
    "lstrip_blocks": True,
    "autoescape": True,
    "auto_reload": False,  # each build starts afresh: no need to check templates for changes
    "bytecode_cache": FileSystemBytecodeCache(str(Path(CACHE_PATH, "templates"))),
}
SITEURL = ""
DELETE_OUTPUT_DIRECTORY = True
LOAD_CONTENT_CACHE = False
