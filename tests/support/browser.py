"""Pages in Chromium: a built site served on 127.0.0.1, opened the way a parent's phone would."""

import contextlib
import functools
import http.server
import threading
from pathlib import Path

from .site import POST


class StaticSiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site like the live server: clean URLs and the custom 404 page."""

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(root: Path):
    """Serve a built site on 127.0.0.1 at a free port; yields its base URL."""
    handler = functools.partial(StaticSiteHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()


CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


AXE_RULES = {
    "resultTypes": ["violations"],
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
}


@functools.cache
def _axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def axe_results(page):
    """axe-core's WCAG 2.2 AA and best-practice checks, run on an open Playwright page."""
    return _axe().run(page, options=AXE_RULES)


# --- Pages in the browser ----------------------------------------------------------------
CHECKED_PAGES = [
    "/",
    POST,
    "/classes/",
    "/classes/2027-01-tuesday-mornings/",
    "/classes/2027-01-tuesday-mornings/poster/",
    "/contact/",
    "/no-such-page/",
]


def open_page(browser, url, width=375, scheme="light"):
    """Open a page, recording every request it makes."""
    page = browser.new_page(viewport={"width": width, "height": 800}, color_scheme=scheme)
    requests = []
    page.on("request", lambda request: requests.append(request))
    response = page.goto(url, wait_until="load")
    return page, response, requests
