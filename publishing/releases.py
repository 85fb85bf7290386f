"""Releases on her own server (or in a folder on this computer): nothing is ever half-published.

RSYNC_PATH holds `releases/<date-time>/`, one complete copy of the site per publish, and
`current`, a link to the live one, which the web server serves. A publish uploads into a
new folder beside the live release (only changed files are sent; the rest are hard links to
the live release's files), then turns `current` to it in one rename: readers see the old site
or the new one, never a mix. A publish cut off at any moment leaves `current` as it was.
The last RELEASES_KEPT releases stay on the server for `invoke publish --rollback`.

Every step on the server is a short shell script, run through ssh, or by `sh` when
RSYNC_HOST is empty (the same scripts either way; the server needs `flock` and GNU `mv`,
as every Linux has). One publish at a time: a lock on the server is held by a process that
lives as long as this one (a lost connection frees it).
"""

import datetime
import json
import shlex
import subprocess
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .changes import Changes

RELEASES = "releases"
CURRENT = "current"
INCOMING = ".incoming-"  # a release still uploading; never live
RECORD = ".release.json"  # in each release: when it was published, from which commit
LOCK = ".publish.lock"
NAME_FORMAT = "%Y-%m-%d-%H%M%S"


class ServerProblem(SystemExit):
    """The server could not be reached or refused a step; the live site is as it was."""


@dataclass
class Release:
    name: str
    record: dict = field(default_factory=dict)

    def describe(self) -> str:
        """E.g. `the publish of 4 December 2026 at 18:53 UTC (commit 1a2b3c4, 16 pages)`."""
        when = datetime.datetime.strptime(self.name[:17], NAME_FORMAT)
        details = [f"commit {self.record['commit']}"] if self.record.get("commit") else []
        details += [f"{self.record['pages']} pages"] if "pages" in self.record else []
        return f"the publish of {when:%-d %B %Y at %H:%M} UTC" + (
            f" ({', '.join(details)})" if details else ""
        )


@dataclass
class Releases:
    """What the server holds: its complete releases, oldest first, and the live one's name."""

    all: list[Release]
    current: str

    def live(self) -> Release | None:
        return next((r for r in self.all if r.name == self.current), None)

    def before_current(self) -> Release | None:
        names = [r.name for r in self.all]
        if self.current not in names or names.index(self.current) == 0:
            return None
        return self.all[names.index(self.current) - 1]

    def new_name(self, now: datetime.datetime) -> str:
        name, taken = now.strftime(NAME_FORMAT), {r.name for r in self.all}
        suffix = 2
        while name in taken:
            name, suffix = f"{now.strftime(NAME_FORMAT)}-{suffix}", suffix + 1
        return name

    def to_remove(self, keep: int) -> list[str]:
        """All but the newest `keep` releases, never the live one."""
        old = [r.name for r in self.all[: max(len(self.all) - keep, 0)]]
        return [name for name in old if name != self.current]


class Server:
    """The site's folder on her server (RSYNC_HOST) or on this computer (RSYNC_HOST empty)."""

    def __init__(self, settings: dict):
        self.path = settings["RSYNC_PATH"].rstrip("/")
        self.host = settings["RSYNC_HOST"]
        self.login = f"{settings['RSYNC_USER']}@{self.host}"
        self.port = str(settings["RSYNC_PORT"])
        self.keep = int(settings.get("RELEASES_KEPT", 5))

    def __str__(self):
        return f"{self.login}:{self.path}" if self.host else self.path

    # --- Running things there ---

    def shell(self, script: str) -> list[str]:
        folder = shlex.quote(self.path)
        body = f"mkdir -p {folder} && cd {folder} && {script}"
        if self.host:
            return ["ssh", *self.ssh_options(), self.login, body]
        return ["sh", "-c", body]

    def ssh_options(self) -> list[str]:
        return ["-p", self.port, "-o", "BatchMode=yes", "-o", "ConnectTimeout=20"]

    def run(self, script: str) -> str:
        result = subprocess.run(self.shell(script), capture_output=True, text=True, check=False)
        if result.returncode:
            raise ServerProblem(self.explain(result.stderr))
        return result.stdout

    def address(self, relative: str) -> str:
        """A folder on the server as rsync names it."""
        path = f"{self.path}/{relative}/"
        return f"{self.login}:{path}" if self.host else path

    def rsync(self, *options: str) -> list[str]:
        command = ["rsync", "--recursive", "--links", "--checksum", "--chmod=D755,F644"]
        command += ["--exclude", f"/{RECORD}"] if "--dry-run" in options else []
        if self.host:
            command += ["-e", shlex.join(["ssh", *self.ssh_options()])]
        return command + list(options)

    def explain(self, message: str) -> str:
        """What went wrong, in her words, with the tool's own message below."""
        detail = "\n".join(message.strip().splitlines()[-3:])
        if "No space left" in message or "Disk quota" in message:
            first = (
                f"The disk of {self} is full: make room on it (old files, logs) and publish again."
            )
        elif self.host and (
            "Connection refused" in message
            or "timed out" in message
            or "Could not resolve" in message
            or "No route" in message
            or "Connection closed" in message
        ):
            first = (
                f"Could not reach your server {self.host} (port {self.port}): check your internet "
                "connection, and RSYNC_HOST and RSYNC_PORT in publishconf.py, then publish again."
            )
        else:
            first = f"Publishing to {self} stopped:"
        return f"{first} The live site is unchanged.\n{detail}"

    # --- One publish at a time ---

    @contextmanager
    def locked(self, say=print):
        """Held for as long as the block runs; another publish waits for it, saying so."""
        script = (
            f"mkdir -p {RELEASES} && exec 9>>{LOCK} && "
            "{ flock -n 9 || { echo waiting; flock 9; }; } && echo locked && exec cat >/dev/null"
        )
        holder = subprocess.Popen(
            self.shell(script),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            for line in holder.stdout:
                if line.strip() == "waiting":
                    say(f"Another publish to {self} is running: waiting for it to finish…")
                elif line.strip() == "locked":
                    break
            else:
                holder.wait()
                raise ServerProblem(self.explain(holder.stderr.read()))
            yield
        finally:
            if holder.poll() is None:
                holder.stdin.close()
                holder.wait(timeout=30)

    # --- Releases ---

    def releases(self) -> Releases:
        script = (
            f'printf "%s\\n" "$(readlink {CURRENT} 2>/dev/null)"; '
            f'for d in {RELEASES}/*/; do [ -f "$d{RECORD}" ] && '
            f'printf "%s\\t%s\\n" "$(basename "$d")" "$(tr -d "\\n" < "$d{RECORD}")"; done; true'
        )
        first, *lines = self.run(script).splitlines() or [""]
        found = []
        for line in lines:
            name, _, record = line.partition("\t")
            found.append(Release(name, json.loads(record or "{}")))
        return Releases(sorted(found, key=lambda r: r.name), first.removeprefix(f"{RELEASES}/"))

    def changes(self, folder: Path, releases: Releases) -> Changes:
        """What a publish of `folder` changes, file by file, against the live release."""
        if releases.live() is None:
            return Changes.between(Path("/nonexistent"), folder)
        command = self.rsync("--dry-run", "--delete", "--itemize-changes")
        result = subprocess.run(
            [*command, f"{folder}/", self.address(f"{RELEASES}/{releases.current}")],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode:
            raise ServerProblem(self.explain(result.stderr))
        return Changes.from_rsync(result.stdout)

    def upload(self, folder: Path, name: str, releases: Releases) -> None:
        """`folder` into releases/.incoming-<name>, hard-linking what the live release has."""
        self.run(f"rm -rf {RELEASES}/{INCOMING}*")  # a publish cut off earlier
        options = ["--quiet"]
        if releases.live() is not None:
            options.append(f"--link-dest=../{releases.current}")
        command = self.rsync(*options, f"{folder}/", self.address(f"{RELEASES}/{INCOMING}{name}"))
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode:
            # Room freed at once on a full disk; best effort: the next publish removes it too.
            subprocess.run(
                self.shell(f"rm -rf {RELEASES}/{INCOMING}{name}"), capture_output=True, check=False
            )
            raise ServerProblem(self.explain(result.stderr))

    def make_live(self, name: str, incoming: bool = False) -> None:
        """`current` turned to releases/<name> in one rename (rename(2) is atomic)."""
        arrive = f"mv {RELEASES}/{INCOMING}{name} {RELEASES}/{name} && " if incoming else ""
        self.run(
            f"{arrive}ln -sfn {RELEASES}/{name} .{CURRENT}.new && mv -T .{CURRENT}.new {CURRENT}"
        )

    def remove_old(self) -> None:
        old = self.releases().to_remove(self.keep)
        if old:
            self.run(f"cd {RELEASES} && rm -rf -- " + shlex.join(old))


def record(pages: int, commit: str | None, now: datetime.datetime) -> str:
    return json.dumps(
        {"published": now.isoformat(timespec="seconds"), "commit": commit, "pages": pages}
    )
