"""A real nginx with the shipped deploy/nginx.conf, serving a published folder (RSYNC_PATH: it
serves its `current` release) on a free port of 127.0.0.1, and fetching from it as a browser
does."""

import contextlib
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .site import ROOT
from .tools import missing, require_tool

SHIPPED = ROOT / "deploy" / "nginx.conf"
HEADERS_INCLUDE = ROOT / "deploy" / "security-headers.conf"
SITE_FOLDER = "/var/www/babymassage"  # the site's folder (RSYNC_PATH) as deploy/nginx.conf names it


def require_brotli_module():
    if not list(Path("/etc/nginx/modules-enabled").glob("*brotli-static*")):
        missing("nginx's brotli module is missing: apt-get install libnginx-mod-http-brotli-static")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Nginx:
    """deploy/nginx.conf serving `site_folder` at http://127.0.0.1:<port>, as its installation
    instructions say: the port is chosen first, so that the site can be published for that
    address before nginx starts."""

    def __init__(self, work: Path, site_folder: Path):
        self.nginx = require_tool("nginx", "the serving tests start a real nginx")
        require_brotli_module()
        self.work, self.port = work, free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.config = work / "nginx.conf"
        site = (
            SHIPPED.read_text()
            .replace("listen 80;", f"listen 127.0.0.1:{self.port};")
            .replace(SITE_FOLDER, str(site_folder))
            .replace(
                "include snippets/babymassage-security-headers.conf;", f"include {HEADERS_INCLUDE};"
            )
        )
        (work / "site.conf").write_text(site)
        temp = work / "temp"
        temp.mkdir(exist_ok=True)
        self.config.write_text(f"""
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

    @property
    def reload_command(self) -> str:
        """What NGINX_RELOAD_COMMAND would be for this nginx."""
        return f"{self.nginx} -c {self.config} -s reload"

    @contextlib.contextmanager
    def running(self):
        server = subprocess.Popen(
            [self.nginx, "-c", str(self.config), "-g", "daemon off;"], stderr=subprocess.PIPE
        )
        try:
            wait_until_listening(self.base, server)
            yield self.base
        finally:
            server.terminate()
            server.wait(timeout=10)


@contextlib.contextmanager
def nginx_serving(published: Path, work: Path):
    """nginx serving `published` from now on; yields its address, e.g. http://127.0.0.1:4711."""
    with Nginx(work, published).running() as base:
        yield base


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


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url, encoding=None, follow=True):
    """Status, headers and body of one request, as sent; `follow=False` shows a redirect."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding} if encoding else {})
    opener = urllib.request.build_opener(*([] if follow else [NoRedirects]))
    try:
        with opener.open(request, timeout=5) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()
