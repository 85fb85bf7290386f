"""The site's absolute address, written once: SITEURL on the live site, else PREVIEW_SITEURL.

Links that must be absolute (canonical, link previews, JSON-LD, calendars,
robots.txt) use CANONICAL_SITEURL; Pelican's feeds use FEED_DOMAIN. Both are set
here from SITEURL, so publishconf.py only sets the live address and no copy of it
can go stale. Plugins read the address with `site_address(settings)`.
"""

from pelican import signals


def site_address(settings: dict) -> str:
    return settings["SITEURL"] or settings["PREVIEW_SITEURL"]


def set_site_address(pelican) -> None:
    address = site_address(pelican.settings)
    pelican.settings["CANONICAL_SITEURL"] = address
    pelican.settings["FEED_DOMAIN"] = address


def register() -> None:
    signals.initialized.connect(set_site_address)
