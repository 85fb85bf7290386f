"""Settings for the site: every fact about the business, then how the site is built.

Read top to bottom, this file is the site's table of contents: each block names a
feature and the plugin or template behind it. The author edits the first block
("The business"); README.md, "Make it yours", lists every setting and file she may
want to change. publishconf.py holds only what differs for the live site.
"""

import logging
import os
import sys
from pathlib import Path

from fontpkg_atkinson_hyperlegible import ROOT as ATKINSON
from jinja2 import FileSystemBytecodeCache

sys.path.insert(0, str(Path(__file__).parent))  # publishing/, wherever Pelican runs from
from publishing.headers import META_CONTENT_SECURITY_POLICY, REFERRER_POLICY

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
COUNTRY = "GB"  # ISO 3166 code, for venues' addresses in search results
CURRENCY = "GBP"  # ISO 4217 code of the prices in content/runs/
CONTACT_EMAIL = "hello@example.com"
CONTACT_PHONE = "07700 900123"
# Shown in the footer and on the contact page; leave a list empty to hide it.
SOCIAL = [
    ("Facebook", "https://www.facebook.com/gentletouchbabymassage"),
    ("Instagram", "https://www.instagram.com/gentletouchbabymassage"),
]
# Settings still holding the examples the site ships with: publishing refuses while a name
# is here. Take SOCIAL out once it lists your own profiles (or is empty).
SAMPLE_SETTINGS = ["SOCIAL"]

# Brand colours, the one place they are written: share images and the mark (favicon,
# home-screen icon, logo: plugins/site_icons) are drawn in them, and the stylesheet gets them as --brand and --brand-accent
# (plugins/stylesheet). The rest of the palette is at the top of
# theme/static/css/site.css.
BRAND_COLOURS = {"background": "#8f3657", "text": "#fffaf5", "accent": "#f2a7c3"}

# --- The site's address -------------------------------------------------------------
# Locally the site is served at PREVIEW_SITEURL with links relative to its root (SITEURL
# stays empty); publishconf.py sets SITEURL to the live address. Links that must be
# absolute (canonical, link previews, JSON-LD, feeds, calendars) follow from those two
# (plugins/site_address), so the address is written once.
PREVIEW_SITEURL = "http://127.0.0.1:8000"
# Pelican warns when it reads these settings because feeds need an absolute address;
# plugins/site_address gives them one, so the warning (fatal here) is filtered out.
LOG_FILTER = [
    (
        logging.WARNING,
        "Feeds generated without SITEURL or FEED_DOMAIN set properly may not be valid",
    )
]

# --- Language, dates and time ---------------------------------------------------
# Pelican lower-cases DEFAULT_LANG; pages declare SITE_LANG, spelled the standard way.
SITE_LANG = "en-GB"
DEFAULT_LANG = SITE_LANG
# Dates of posts, and the time zone runs' Start times are written in.
TIMEZONE = "Europe/London"
DEFAULT_DATE_FORMAT = "%-d %B %Y"  # 3 February 2025

# --- Where content lives and the URLs it gets (clean URLs, trailing slash) ------
PATH = "content"
ARTICLE_PATHS = ["blog"]
# Folders our own plugins read, one file per item: the class schedule's (plugins/
# class_schedule) and parents' words (plugins/testimonials). A Markdown file anywhere
# else than these, blog/ and pages/ stops the build, saying where to move it.
SCHEDULE_PATHS = ["courses", "venues", "runs"]
TESTIMONIALS_PATH = "testimonials"
STATIC_PATHS = []  # photos are published only as copies (plugins/responsive_images)
THEME = "theme"

ARTICLE_URL = "blog/{slug}/"
ARTICLE_SAVE_AS = "blog/{slug}/index.html"
DRAFT_URL = "drafts/{slug}/"
DRAFT_SAVE_AS = "drafts/{slug}/index.html"
# Drafts may keep the example lines of `invoke new-post`; publishconf.py refuses them live.
REFUSE_EXAMPLE_TEXT = False
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

# "home" is the front page; "index" is the paginated blog at /blog/. "robots" is
# robots.txt, from these settings. favicon.svg is the mark (plugins/site_icons).
DIRECT_TEMPLATES = ["home", "index", "tags", "categories", "archives", "robots"]
HOME_URL = ""
HOME_SAVE_AS = "index.html"
INDEX_URL = "blog/"
INDEX_SAVE_AS = "blog/index.html"
ROBOTS_SAVE_AS = "robots.txt"
FAVICON_URL = FAVICON_SAVE_AS = "favicon.svg"  # also apple-touch-icon.png and logo.png
DEFAULT_PAGINATION = 10
PAGINATION_PATTERNS = [
    (1, "{url}", "{save_as}"),
    (2, "{url}page/{number}/", "{base_name}/page/{number}/index.html"),
]
# The pages templates link to, by their slugs in content/pages/.
CLASSES_URL = "classes/"
ABOUT_URL = "about/"
CONTACT_URL = "contact/"
PRIVACY_URL = "privacy/"

# --- Navigation, footer and calls to action ---------------------------------------
MENUITEMS = [
    ("Classes", CLASSES_URL),
    ("Blog", INDEX_URL),
    ("About", ABOUT_URL),
    ("FAQ", "faq/"),
    ("Contact", CONTACT_URL),
]
FOOTER_TEXT = f"baby massage with {AUTHOR} · {AREA_SERVED}"
FOOTER_LINKS = [
    ("Book or ask a question", CONTACT_URL),
    ("Privacy: no cookies, no tracking", PRIVACY_URL),
]
HOME_LATEST_POSTS = 3
BLOG_DESCRIPTION = "Notes on baby massage, bonding and the early months with your baby."
BOOK_CTA_TEXT = (
    "Would you like to learn baby massage with your own baby, in a small, relaxed group?"
)

# --- Classes: courses, venues and runs (plugins/class_schedule) ---------------------
# content/courses/: what a course is; content/venues/: where; content/runs/: one file
# per run, a dated course of weekly sessions.
RUN_URL = "classes/{slug}/"
RUN_SAVE_AS = "classes/{slug}/index.html"
RUN_CALENDAR_URL = "classes/{slug}.ics"
RUN_CALENDAR_SAVE_AS = "classes/{slug}.ics"
SCHEDULE_CALENDAR_URL = SCHEDULE_CALENDAR_SAVE_AS = "classes.ics"
# A printable poster per upcoming run, with a QR code to the run's page (not in the sitemap).
RUN_POSTER_URL = "classes/{slug}/poster/"
RUN_POSTER_SAVE_AS = "classes/{slug}/poster/index.html"
# An Atom feed of the upcoming runs, for parents who want to hear of new courses.
RUNS_FEED_URL = RUNS_FEED_SAVE_AS = "classes/feed.xml"
# Where publishing remembers what each entry of that feed said, and since when (publishconf.py);
# without it, as in a preview, every entry is dated by its run's Announced day.
RUNS_FEED_MEMORY = None
HOME_NEXT_RUNS = 3
# Parents' words, one file each in content/testimonials/ (only with "Consent: yes").
TESTIMONIALS_SHOWN = 3  # the newest, on the home page and the classes page
# Runs whose last session ended before "today" leave the schedule. Today is the
# build's date in TIMEZONE; pin it ("2026-03-01") for tests and reproducible builds.
TODAY = None

# --- Addresses: every address ever published keeps working (plugins/addresses) -------
# The record of published addresses, in the content folder: `invoke publish` adds new ones,
# the author adds "-> /new/address/" or "gone" lines (README, "Renaming and deleting").
ADDRESSES_FILE = "addresses.txt"

# --- Photos: content/images/*, published only as resized copies without metadata
# (plugins/responsive_images)
RESPONSIVE_IMAGE_PATH = "images"
# The home page's photo, optional: e.g. "images/class.jpg" and what it shows. Pages,
# courses and venues take theirs from their own `Image:` and `Image_alt:` fields.
HOME_IMAGE = ""
HOME_IMAGE_ALT = ""

# --- Her files: handouts (PDF, Word, spreadsheets) in content/files/, published at /files/
# under clean names, without their hidden properties (plugins/handouts)
FILES_PATH = "files"

# --- Sharing: link previews, share images, structured data, sitemap -------------
# Head tags: theme/templates/partials/; share images: plugins/share_images; JSON-LD:
# plugins/structured_data and plugins/class_schedule/event.py.
OG_LOCALE = "en_GB"
SHARE_IMAGE_PATH = "share"
SHARE_IMAGE_FONTS = {  # Atkinson Hyperlegible, SIL Open Font Licence, from PyPI
    "regular": str(ATKINSON / "files" / "AtkinsonHyperlegible-Regular.ttf"),
    "bold": str(ATKINSON / "files" / "AtkinsonHyperlegible-Bold.ttf"),
}
SITEMAP = {  # pelican-sitemap
    "format": "xml",
    # Tag pages and later pages of lists are for browsing, not for search results.
    # Posters are for printing: they carry noindex and stay out of the sitemap.
    "exclude": [r"^blog/tag/", r"/page/\d+/", r"^robots\.txt$", r"^favicon\.svg$", r"/poster/$"],
}

# --- Security: the policy every page carries in <meta> tags (theme/templates/partials/
# security_meta.html), for hosts that cannot send headers such as GitHub Pages. Written once,
# with the headers, in publishing/headers.py; content the policy would block stops the build.
CONTENT_SECURITY_POLICY = META_CONTENT_SECURITY_POLICY
REFERRER = REFERRER_POLICY

# --- Feeds: Atom and RSS of every post, full text -------------------------------
FEED_ALL_ATOM = "feeds/atom.xml"
FEED_ALL_RSS = "feeds/rss.xml"
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
RSS_FEED_SUMMARY_ONLY = False

# --- Writing: Markdown extensions and typography --------------------------------
# Our own extensions are in plugins/: a YouTube or Vimeo link on a line of its own becomes
# a card that links to the video (plugins/video_cards); a `#` heading in the text becomes a
# section heading, as the title is the page's only first-level one (plugins/section_headings);
# lists nested with 2 spaces nest, as with 4 (plugins/nested_lists).
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        # Fields named in words, such as "Old addresses:" (plugins/shared.py).
        "plugins.shared:FieldNamesInWords": {},
        "plugins.video_cards:VideoCards": {},
        "plugins.section_headings:SectionHeadingsExtension": {},
        "plugins.nested_lists:NestedListsExtension": {},
    },
    "output_format": "html5",
}
TYPOGRIFY = True

# --- Build ----------------------------------------------------------------------
# Share images, photo copies and compiled templates are kept here between builds.
CACHE_PATH = os.environ.get("SITE_CACHE_PATH", str(Path(__file__).parent / "cache"))
# Always explicit: unset, Pelican loads every installed plugin. Our plugins are the
# `plugins` package beside this file; their order does not matter.
PLUGIN_PATHS = [str(Path(__file__).parent)]
PLUGINS = [
    "plugins.site_address",  # the absolute address, from SITEURL or PREVIEW_SITEURL
    "plugins.content_checks",  # stops the build on a wrongly written post or page
    "plugins.fast_reading",  # typogrify's work kept between builds, unread posts on every core
    "plugins.plain_titles",  # titles are text, never HTML
    "plugins.class_schedule",  # courses, venues, runs: pages, calendars, posters, feed, Event data
    "plugins.testimonials",  # parents' words, only with their consent
    "plugins.responsive_images",  # photos as <picture>, metadata stripped
    "plugins.handouts",  # her files at /files/, without hidden properties
    "plugins.share_images",  # 1200×630 link-preview images
    "plugins.site_icons",  # the mark: favicon, home-screen icon, logo
    "plugins.structured_data",  # JSON-LD for search engines
    "sitemap",  # pelican-sitemap
    "plugins.sitemap_dates",  # undated pages dated by the newest post, not the build's moment
    "plugins.stylesheet",  # the stylesheet minified, named by its content, brand colours
    "plugins.rss_feed",  # the RSS channel described; item ids not taken for links
    "plugins.minify_pages",  # every page minified
    "plugins.source_map",  # which file each page came from, for the output checks
    "plugins.addresses",  # old addresses (moved posts, Old addresses:) lead to the new ones
]
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
