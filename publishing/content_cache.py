"""Pelican's content cache for the engine's builds, never stale.

Pelican keeps each post's Markdown, already converted, and reads a post again only when its
file changed. What it cannot see is a change to anything else that shaped that conversion: the
settings, our plugins (Markdown extensions, readers), the theme, the installed libraries. So
the cache lives in a folder named by a digest of all of them: change any one and the build
finds a new, empty folder (a cold build, correct), while the old folder is left for a later
build that goes back (`invoke build` and `invoke publish` use different settings, so each keeps
its own warm cache). Only the newest few folders are kept.

The "reader" layer is used, not "generator": it caches the Markdown alone, so whatever depends
on the date (a post dated in the future waits, with publishconf's WITH_FUTURE_DATES = False)
is decided afresh at every build.
"""

import hashlib
import importlib.metadata
import json
import os
import re
import sys
from pathlib import Path

# What shapes a build besides the content: the code and templates it runs...
CODE_FOLDERS = ("plugins", "theme")
SKIPPED = ("__pycache__",)
# ... and the libraries that read, typeset and render it (by their names on PyPI).
LIBRARIES = (
    "pelican",
    "markdown",
    "typogrify",
    "smartypants",
    "jinja2",
    "pillow",
    "pillow-heif",
    "pelican-sitemap",
)
KEEP = 4  # cache folders kept: the settings files in use, and a change or two back
ENVIRONMENT_READ = re.compile(
    r"""os\.(?:environ\.get|getenv)\(\s*["'](\w+)["']|environ\[["'](\w+)"""
)


def site_cache(settings_file, extra: dict | None = None) -> Path:
    """The folder of every cache of the site: as pelicanconf.py chooses it (SITE_CACHE_PATH,
    else `cache/` beside it), unless the build's own settings name another CACHE_PATH."""
    chosen = (extra or {}).get("CACHE_PATH") or os.environ.get("SITE_CACHE_PATH")
    return Path(chosen or Path(settings_file).resolve().parent / "cache")


def settings_for(settings_file, extra: dict | None = None) -> dict:
    """Extra settings that turn on Pelican's content cache in a folder of its own, named by
    `build_digest`. Our plugins keep their caches (share images, photos) in SITE_CACHE_PATH,
    shared by every such folder."""
    cache = site_cache(settings_file, extra)
    folder = cache / "content" / build_digest(settings_file, extra)
    folder.mkdir(parents=True, exist_ok=True)
    os.utime(folder)  # newest first when pruning
    prune(folder.parent)
    return {
        "SITE_CACHE_PATH": str(cache),
        "CACHE_PATH": str(folder),
        "CACHE_CONTENT": True,
        "LOAD_CONTENT_CACHE": True,
        "CONTENT_CACHING_LAYER": "reader",
        # a post is read again when its bytes changed, even if a copy kept its old time
        "CHECK_MODIFIED_METHOD": "sha256",
        "GZIP_CACHE": False,  # compressing the cache cost more than reading it saved
    }


def build_digest(settings_file, extra: dict | None = None) -> str:
    """A short hex digest of everything but the content that can change what a build makes:
    the settings files, the plugins and theme beside them, and the libraries."""
    root = Path(settings_file).resolve().parent
    digest = hashlib.sha256()

    def add(label: str, value: str | bytes) -> None:
        data = value.encode() if isinstance(value, str) else value
        digest.update(f"{label}\0{len(data)}\0".encode() + data)

    add("python", sys.version)
    for name, version in library_versions().items():
        add(f"library {name}", version)
    for path in sorted({Path(settings_file).resolve(), *settings_siblings(root)}):
        text = path.read_bytes()
        add(f"settings {path.name}", text)
        for variable in sorted(environment_read(text.decode(errors="replace"))):
            add(f"environment {variable}", os.environ.get(variable, "\0unset"))
    add("extra settings", json.dumps(extra or {}, sort_keys=True, default=str))
    for path in code_files(root):
        add(f"file {path.relative_to(root).as_posix()}", path.read_bytes())
    return digest.hexdigest()[:20]


def library_versions() -> dict[str, str]:
    versions = {}
    for name in LIBRARIES:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def settings_siblings(root: Path) -> set[Path]:
    """Both settings files: publishconf.py starts from everything in pelicanconf.py."""
    return {path.resolve() for path in root.glob("*conf.py")}


def environment_read(settings_text: str) -> set[str]:
    """The environment variables a settings file reads (SITEURL, SITE_CACHE_PATH...)."""
    return {a or b for a, b in ENVIRONMENT_READ.findall(settings_text)}


def code_files(root: Path) -> list[Path]:
    found = []
    for folder in CODE_FOLDERS:
        for path in (root / folder).rglob("*"):
            if path.is_file() and not any(part in SKIPPED for part in path.parts):
                found.append(path)
    return sorted(found)


def prune(folders: Path, keep: int = KEEP) -> None:
    """Remove all but the `keep` most recently used cache folders."""
    import shutil

    by_use = sorted(folders.iterdir(), key=lambda path: path.stat().st_mtime, reverse=True)
    for old in by_use[keep:]:
        shutil.rmtree(old, ignore_errors=True)
