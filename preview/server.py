"""`invoke livereload`: serve the live preview, rebuild on every save, reload the browser.

The files are watched with watchfiles (the operating system reports each save, no polling);
preview/session.py's LivePreview shows a post's edited text at once and rebuilds the rest
straight after. Pages are served from the output folder by a small threaded server that adds
one line of script to each page it serves (never to the built files): the browser waits on
`/__live` and reloads when a build is done. For that line to run, the pages it serves leave out
the Content-Security-Policy they carry (which allows no script at all). Run as
`python -m preview.server CONTENT OUTPUT PORT [SETTING=JSON ...]` for the benchmark.
"""

import json
import re
import sys
import threading
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from publishing.build import CONTENT, DEV_SETTINGS, OUTPUT, ROOT

from .session import LivePreview

RELOAD_PATH = "/__live"
RELOAD_SCRIPT = (
    f'<script>new EventSource("{RELOAD_PATH}").onmessage=()=>location.reload()</script>'
).encode()
# The page's own policy (theme/templates/partials/security_meta.html), as minified or not.
PAGE_POLICY = re.compile(rb"<meta [^>]*http-equiv=\"?Content-Security-Policy[^>]*>")
CODE = (ROOT / "theme", ROOT / "plugins", DEV_SETTINGS)


class Builds:
    """Counts finished builds, so that each waiting browser learns of the next one."""

    def __init__(self):
        self.count = 0
        self.changed = threading.Condition()

    def done(self) -> None:
        with self.changed:
            self.count += 1
            self.changed.notify_all()

    def wait_after(self, seen: int, seconds: float) -> int:
        with self.changed:
            self.changed.wait_for(lambda: self.count != seen, timeout=seconds)
            return self.count


def with_reload_script(html: bytes) -> bytes:
    """The page as the preview serves it: the reload line added, the policy barring it left out."""
    return PAGE_POLICY.sub(b"", html, count=1).replace(b"</body>", RELOAD_SCRIPT + b"</body>", 1)


class PreviewHandler(SimpleHTTPRequestHandler):
    builds: Builds

    def do_GET(self):
        if self.path == RELOAD_PATH:
            return self.wait_for_builds()
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file():
            return self.send_page(path.read_bytes(), HTTPStatus.OK)
        not_found = Path(self.directory) / "404.html"
        if not path.exists() and not_found.is_file():
            return self.send_page(not_found.read_bytes(), HTTPStatus.NOT_FOUND)
        return super().do_GET()

    def send_page(self, html: bytes, status: HTTPStatus) -> None:
        body = with_reload_script(html)
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")  # a reload always shows the latest build
        super().end_headers()

    def wait_for_builds(self) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        seen = self.builds.count
        try:
            while True:
                now = self.builds.wait_after(seen, seconds=15)
                self.wfile.write(b"data: reload\n\n" if now != seen else b": still here\n\n")
                self.wfile.flush()
                seen = now
        except OSError:  # the browser left the page
            return

    def log_message(self, format, *args):
        pass  # one line per request would bury the build's own messages


def serve_live(host: str, port: int, content=CONTENT, output=OUTPUT, **overrides) -> None:
    """Build, serve the output folder, and rebuild and reload the browser on every change.
    Canonical addresses, share tags and JSON-LD name the address it is served at (port 0:
    a free port, chosen here)."""
    from watchfiles import watch

    output = Path(output).resolve()
    builds = Builds()
    handler = partial(type("Handler", (PreviewHandler,), {"builds": builds}), directory=str(output))
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    address = f"http://{host}:{server.server_address[1]}"
    preview = LivePreview(
        output, PATH=str(Path(content).resolve()), **{"PREVIEW_SITEURL": address, **overrides}
    )
    watched = [Path(content), *(path for path in CODE if path.exists())]
    # Watch first, so that no save is missed, even one made during the first build; with
    # yield_on_timeout the first (empty) answer comes once the watcher is running.
    saves = watch(*watched, step=20, yield_on_timeout=True, rust_timeout=500)
    next(saves)
    preview.build(use_cache=False)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Serving the site at {address}/ (Ctrl+C to stop)", flush=True)
    try:
        for changes in saves:
            if changes:
                preview.update((path for _, path in changes), shown=builds.done)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()


if __name__ == "__main__":
    content, output, port, *settings = sys.argv[1:]
    extra = {name: json.loads(value) for name, value in (s.split("=", 1) for s in settings)}
    serve_live("127.0.0.1", int(port), Path(content), Path(output), **extra)
