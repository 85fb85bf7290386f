"""Settings for the live site: only what differs from pelicanconf.py."""

import os
import sys

sys.path.append(os.path.dirname(__file__))
from pelicanconf import *  # noqa: E402,F403

# The site's public address, without a trailing slash.
SITEURL = os.environ.get("SITEURL", "https://www.example.com")
CANONICAL_SITEURL = SITEURL
FEED_DOMAIN = SITEURL

# Drafts are previewed locally only: the live site never has them.
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
