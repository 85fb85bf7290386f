"""Settings for the live site: only what differs from pelicanconf.py."""

import os
import sys

sys.path.append(os.path.dirname(__file__))
from pelicanconf import *  # noqa: E402,F403

# The site's public address, without a trailing slash. Every absolute link follows from it.
SITEURL = os.environ.get("SITEURL", "https://www.example.com")

# Text files are also written compressed beside themselves (.gz, .br) for the web server.
PLUGINS = [*PLUGINS, "precompress"]  # noqa: F405 (from pelicanconf)
PRECOMPRESS_TEXT_EXTENSIONS = {".html", ".css", ".xml", ".txt", ".ics", ".svg"}

# Posts dated in the future wait, as drafts, for the first build on or after their date.
WITH_FUTURE_DATES = False

# Drafts are previewed locally only: the live site never has them.
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
# A post still holding the example lines of `invoke new-post` stops the build.
REFUSE_EXAMPLE_TEXT = True

# --- Deploying: where `invoke publish` sends the site (README, "Publishing") -----
# Each of these can also be given as an environment variable of the same name.
DEPLOY_TARGET = os.environ.get("DEPLOY_TARGET", "rsync")  # rsync | github-pages | netlify | folder
RSYNC_HOST = os.environ.get("RSYNC_HOST", "")  # empty: a folder on this computer
RSYNC_USER = os.environ.get("RSYNC_USER", "deploy")
RSYNC_PORT = os.environ.get("RSYNC_PORT", "22")
RSYNC_PATH = os.environ.get("RSYNC_PATH", "")  # the site's folder, e.g. /var/www/babymassage
# Each publish there is a release (RSYNC_PATH/releases/); the newest ones are kept for
# `invoke publish --rollback`.
RELEASES_KEPT = int(os.environ.get("RELEASES_KEPT", "5"))
GITHUB_PAGES_REMOTE = os.environ.get("GITHUB_PAGES_REMOTE", "")  # e.g. git@github.com:you/site.git
GITHUB_PAGES_BRANCH = os.environ.get("GITHUB_PAGES_BRANCH", "gh-pages")
CUSTOM_DOMAIN = os.environ.get("CUSTOM_DOMAIN", "")  # e.g. www.example.co.uk, written as CNAME
NETLIFY_PUBLISH_DIR = os.environ.get("NETLIFY_PUBLISH_DIR", "output")
# "folder": only build and check into this folder; the GitHub workflow deploys it.
PUBLISH_FOLDER = os.environ.get("PUBLISH_FOLDER", "output")
# A public repository shows every committed file: then a photo with GPS stops the publish.
# The GitHub workflow sets it from the repository's own visibility.
PUBLIC_REPOSITORY = os.environ.get("PUBLIC_REPOSITORY", "").lower() == "true"
# nginx reads the old addresses' redirects (.redirects.map, deploy/nginx.conf) only when it
# reloads: the command that reloads it on the server, run after each publish by rsync (over
# ssh when RSYNC_HOST is set), e.g. "sudo systemctl reload nginx". Empty: reload it yourself;
# until then old addresses still lead on through their redirect pages.
NGINX_RELOAD_COMMAND = os.environ.get("NGINX_RELOAD_COMMAND", "")
# Refuse to publish a site with over 20% fewer pages than last time (a likely accident).
PUBLISH_MAX_SHRINK = 0.2
PUBLISH_STATE_FILE = os.environ.get(
    "PUBLISH_STATE_FILE",
    os.path.join(CACHE_PATH, "publish-state.json"),  # noqa: F405
)
# What each entry of the runs feed said at the last publish, and since when: an entry is
# "updated" only on the day a publish first shows a change (plugins/class_schedule/feed.py).
# In the cache, which the GitHub workflow keeps between runs (a shallow clone has no history).
RUNS_FEED_MEMORY = os.environ.get(
    "RUNS_FEED_MEMORY",
    os.path.join(CACHE_PATH, "runs-feed.json"),  # noqa: F405
)
