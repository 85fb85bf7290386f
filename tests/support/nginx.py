"""A real nginx with the shipped deploy/nginx.conf, serving a published folder on a free port
of 127.0.0.1, and fetching from it as a browser does."""

import socket
import subprocess
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from .site import ROOT
from .tools import missing, require_tool

SHIPPED = ROOT / "deploy" / "nginx.conf"
HEADERS_INCLUDE = ROOT / "deploy" / "security-headers.conf"


def require_brotli_module():
    if not list(Path("/etc/nginx/modules-enabled").glob("*brotli-static*")):
        missing("nginx's brotli module is missing: apt-get install libnginx-mod-http-brotli-static")


@contextmanager
def nginx_serving(published: Path, work: Path):
    """nginx with deploy/nginx.conf serving `published` (RSYNC_PATH: it serves its `current`),
    as the installation instructions say; yields its address, e.g. http://127.0.0.1:4711."""
    nginx = require_tool("nginx", "the serving tests start a real nginx")
    require_brotli_module()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    site = (
        SHIPPED.read_text()
        .replace("listen 80;", f"listen 127.0.0.1:{port};")
        .replace("root /var/www/babymassage/current;", f"root {published}/current;")
        .replace(
            "include snippets/babymassage-security-headers.conf;", f"include {HEADERS_INCLUDE};"
        )
    )
    (work / "site.conf").write_text(site)
    temp = work / "temp"
    temp.mkdir(exist_ok=True)
    (work / "nginx.conf").write_text(f"""
user root;
pid {work}/nginx.pid;
error_log {work}/error.log;
include /etc/nginx/modules-enabled/*.conf;
events {{}}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {temp}/body; proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi; uwsgi_temp_path {temp}/uwsgi; scgi_temp_path {temp}/scgi;
    include {work}/site.conf;
}}
""")
    server = subprocess.Popen(
        [nginx, "-c", str(work / "nginx.conf"), "-g", "daemon off;"], stderr=subprocess.PIPE
    )
    try:
        wait_until_listening(base, server)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_listening(base, server, seconds=10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail("nginx did not start: " + server.stderr.read().decode())
        try:
            urllib.request.urlopen(base + "/", timeout=1)
            return
        except urllib.error.HTTPError:
            return  # it answers (an empty folder has no home page yet)
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.1)
    pytest.fail("nginx did not answer within 10 s")


def fetch(url, encoding=None):
    """Status, headers and body, as sent."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding} if encoding else {})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()
