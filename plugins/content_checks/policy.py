"""What the site's Content-Security-Policy would refuse in a page, found before it goes live.

The policy is read from its one source (publishing/headers.py, through the settings), so a
change there changes what is refused. Each finding names the element and what to write
instead: on the live site a refused element shows as an empty box, or not at all.
"""

import re
from html.parser import HTMLParser
from urllib.parse import urlparse

# Which directive governs what, and the directives it falls back to, as browsers apply them.
FALLBACKS = {
    "frame-src": ("child-src", "default-src"),
    "script-src": ("default-src",),
    "script-src-attr": ("script-src", "default-src"),
    "style-src-elem": ("style-src", "default-src"),
    "style-src-attr": ("style-src", "default-src"),
    "img-src": ("default-src",),
    "media-src": ("default-src",),
    "object-src": ("default-src",),
    "form-action": (),
    "base-uri": (),
}
LOADS = {  # element: (attribute, directive)
    "iframe": ("src", "frame-src"),
    "frame": ("src", "frame-src"),
    "script": ("src", "script-src"),
    "img": ("src", "img-src"),
    "audio": ("src", "media-src"),
    "video": ("src", "media-src"),
    "track": ("src", "media-src"),
    "source": ("src", "media-src"),  # of <video> and <audio>; a <picture>'s has srcset only
    "object": ("data", "object-src"),
    "embed": ("src", "object-src"),
    "form": ("action", "form-action"),
    "base": ("href", "base-uri"),
}
VIDEO_SITE = re.compile(
    r"(?:youtube(?:-nocookie)?\.com/embed/(?P<youtube>[\w-]+)|player\.vimeo\.com/video/(?P<vimeo>\d+))"
)


def directives(policy: str) -> dict[str, list[str]]:
    parts = (part.split() for part in policy.split(";") if part.strip())
    return {words[0].lower(): words[1:] for words in parts}


def allowed_sources(policy: dict, directive: str) -> list[str] | None:
    """The sources the directive allows; None when no directive governs it (all allowed)."""
    for name in (directive, *FALLBACKS.get(directive, ())):
        if name in policy:
            return policy[name]
    return None


def allows(sources: list[str] | None, address: str | None, site_url: str) -> bool:
    """Whether a source list lets in `address` (None: inline, in the page itself)."""
    if sources is None:
        return True
    if address is None:
        return "'unsafe-inline'" in sources
    parts = urlparse(address.strip())
    own = not parts.netloc or (site_url and address.startswith(site_url.rstrip("/") + "/"))
    if parts.scheme in ("", "http", "https") and own:
        return "'self'" in sources
    scheme = f"{parts.scheme}:"
    return scheme in sources or any(
        source.rstrip("/") in (f"{parts.scheme}://{parts.netloc}", f"https://{parts.netloc}")
        for source in sources
    )


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, {name: value or "" for name, value in attrs}))


def refused(html: str, policy: str, site_url: str) -> list[str]:
    """One sentence per element of `html` the policy would refuse: the element and the fix."""
    rules = directives(policy)
    parser = _Elements()
    parser.feed(html)
    problems = []
    for tag, attrs in parser.found:
        problems += [p for p in refused_element(tag, attrs, rules, site_url) if p not in problems]
    return problems


def is_data_block(tag: str, attrs: dict) -> bool:
    """A <script> of data (JSON-LD for search engines): never run, so no policy applies."""
    kind = attrs.get("type", "").lower().strip()
    return tag == "script" and kind not in ("", "module") and "javascript" not in kind


def refused_element(tag: str, attrs: dict, rules: dict, site_url: str) -> list[str]:
    found = []
    if tag in LOADS and not is_data_block(tag, attrs):
        attribute, directive = LOADS[tag]
        address = attrs.get(attribute) or None
        inline_script = tag == "script" and address is None
        if (address or inline_script) and not allows(
            allowed_sources(rules, directive), address, site_url
        ):
            found.append(what_to_do(tag, attribute, address))
    if tag == "style" and not allows(allowed_sources(rules, "style-src-elem"), None, site_url):
        found.append(
            "a <style> element is refused by the site's security policy, so its styles would "
            "not apply on the live site. Delete it: the site's own stylesheet styles every page."
        )
    handlers = sorted(name for name in attrs if name.startswith("on"))
    if handlers and not allows(allowed_sources(rules, "script-src-attr"), None, site_url):
        found.append(
            f"<{tag} {handlers[0]}=…> runs a script, which the site's security policy refuses "
            "(the site has no JavaScript). Delete the attribute."
        )
    if "style" in attrs and not allows(allowed_sources(rules, "style-src-attr"), None, site_url):
        found.append(
            f'<{tag} style="{attrs["style"]}"> is refused by the site\'s security policy, so '
            "the style would not show on the live site. Delete the style attribute: the site's "
            "own stylesheet styles every page."
        )
    href = attrs.get("href", "") if tag == "a" else ""
    if href.lower().startswith("javascript:"):
        found.append(
            f'<a href="{href}"> runs a script, which the site\'s security policy refuses. '
            "Link to an address instead."
        )
    return found


def what_to_do(tag: str, attribute: str, address: str | None) -> str:
    shown = f'<{tag} {attribute}="{address}">' if address else f"<{tag}>"
    refused_line = f"{shown} is refused by the site's security policy: on the live site "
    video = VIDEO_SITE.search(address or "")
    if video and video["youtube"]:
        return (
            refused_line + "it would be an empty box. Delete the <iframe> and paste the video's "
            f"link on a line of its own instead: https://youtu.be/{video['youtube']} (it becomes "
            "a card that opens the video)."
        )
    if video:
        return (
            refused_line + "it would be an empty box. Delete the <iframe> and paste the video's "
            f"link on a line of its own instead: https://vimeo.com/{video['vimeo']} (it becomes "
            "a card that opens the video)."
        )
    if tag == "img":
        return (
            refused_line + "the image would not show. Save the photo and add it with "
            "`invoke add-photo`, then write it as ![what it shows](images/<file name>)."
        )
    if tag == "script":
        return (
            refused_line + "the site runs no JavaScript. Delete it; for a video, paste its "
            "link on a line of its own."
        )
    if tag == "form":
        return (
            refused_line + "a form can only send to this site or to e-mail. Link to the form "
            "instead: [Fill in the booking form](address)."
        )
    return (
        refused_line + "it would not show. Link to it instead: [what it is](address), or, "
        "for a document, put the file in content/files/ and link to /files/<file name>."
    )
