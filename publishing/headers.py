"""The HTTP headers every page is served with, written once: Netlify's `_headers`, nginx's
include (deploy/security-headers.conf, made by `python -m publishing.headers`) and the part of
them a page can carry itself (`<meta>` tags, for hosts that send no headers) all come from here."""

from pathlib import Path

NGINX_INCLUDE = Path(__file__).resolve().parent.parent / "deploy" / "security-headers.conf"

DIRECTIVES = [
    "default-src 'self'",
    "script-src 'none'",
    "object-src 'none'",
    "img-src 'self' data:",
    "base-uri 'self'",
    "form-action 'self' mailto:",
    "frame-ancestors 'none'",
]
CONTENT_SECURITY_POLICY = "; ".join(DIRECTIVES)
# Browsers ignore these three in a <meta> tag (and warn about them in the console).
HEADER_ONLY_DIRECTIVES = ("frame-ancestors", "report-uri", "sandbox")
# The policy as every page carries it in <meta http-equiv>, for GitHub Pages and the like.
META_CONTENT_SECURITY_POLICY = "; ".join(
    directive for directive in DIRECTIVES if not directive.startswith(HEADER_ONLY_DIRECTIVES)
)
REFERRER_POLICY = "strict-origin-when-cross-origin"

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": REFERRER_POLICY,
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}

LONG_CACHE = "public, max-age=31536000, immutable"
# Files whose names carry a hash of their content: safe to cache for a year.
FINGERPRINTED = ["/theme/css/*", "/images/*", "/share/*"]


def netlify_headers() -> str:
    """The _headers file of Netlify and Cloudflare Pages."""
    lines = ["/*"] + [f"  {name}: {value}" for name, value in SECURITY_HEADERS.items()]
    for pattern in FINGERPRINTED:
        lines += [pattern, f"  Cache-Control: {LONG_CACHE}"]
    return "\n".join(lines) + "\n"


def nginx_headers() -> str:
    """deploy/security-headers.conf, included by deploy/nginx.conf in its server block."""
    lines = [
        "# Made from publishing/headers.py by `python -m publishing.headers`: edit that file,",
        "# run the command, and copy this file to the server again (deploy/nginx.conf's top).",
    ]
    lines += [f'add_header {name} "{value}" always;' for name, value in SECURITY_HEADERS.items()]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    NGINX_INCLUDE.write_text(nginx_headers(), encoding="utf-8")
    print(f"Wrote {NGINX_INCLUDE}")
