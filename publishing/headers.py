"""The HTTP headers every page is served with: one list for nginx's tests and Netlify's _headers,
and the part of them a page can carry itself (`<meta>` tags, for hosts that send no headers)."""

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
