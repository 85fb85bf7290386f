"""Building the site and sending it to the web.

- build.py: the one build engine (every build by a command, benchmark or test), into a fresh
  folder swapped in only on success;
- content_cache.py: which settings let a build reuse the last build's converted posts;
- publish.py: `invoke publish` and `invoke check`, tying together:
  - checks.py: the built site's links, images, descriptions, HTML, feeds and calendars,
  - guards.py: accidents a publish refuses (drafts, future posts, a shrunken site),
  - changes.py: which pages a publish adds, changes and removes,
  - state.py: what the last publish left (its page count),
  - summary.py: a failed publish's summary for GitHub Actions,
  - targets.py: the deploy targets (rsync, GitHub Pages, Netlify, a folder),
  - headers.py: the security headers sent with every page.
"""
