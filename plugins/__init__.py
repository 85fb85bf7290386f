"""Our own Pelican plugins, one concern each, listed in pelicanconf.py's PLUGINS.

Helpers that several plugins need (a build's memory, reporting a content problem, a
title as plain text, linking a cached file, finding a photo, asking for a share image)
are in `shared.py`, which is not a plugin; plugins import it, never each other, so the
order of PLUGINS does not matter. What a plugin remembers during a build lives on an
object that build makes (`shared.ThisBuild`), dropped when the next build starts.
"""
