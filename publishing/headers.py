"""The HTTP headers every page is served with: one list for nginx's tests and Netlify's _headers."""

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'none'",
        "object-src 'none'",
        "img-src 'self' data:",
        "base-uri 'self'",
        "form-action 'self' mailto:",
        "frame-ancestors 'none'",
    ]
)

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
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
