"""What a publish would change on the live site, in words: pages added, changed, removed."""

import filecmp
from dataclasses import dataclass, field
from pathlib import Path

SHOWN = 5  # pages named in each list; the rest are counted
COMPRESSED_COPIES = (".gz", ".br")  # written beside each page: not changes of their own


@dataclass
class Changes:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    @classmethod
    def from_rsync(cls, itemized: str) -> "Changes":
        """From rsync's --itemize-changes lines, e.g. `>f+++++++++ blog/x/index.html`.

        A file whose content is unchanged (only its date differs) is not a change. A file
        sent to another computer is `<f`, one copied on this computer `>f`."""
        changes = cls()
        for line in itemized.splitlines():
            code, _, path = line.partition(" ")
            path = path.strip()
            if not path or path.endswith("/"):
                continue
            if code == "*deleting":
                changes.removed.append(path)
            elif code[:2] in (">f", "<f", "cf") and set(code[2:]) == {"+"}:
                changes.added.append(path)
            elif code[:2] in (">f", "<f"):
                changes.changed.append(path)
        return changes

    @classmethod
    def between(cls, live: Path, new: Path) -> "Changes":
        """Comparing two folders byte for byte."""
        old_files = files_in(live)
        new_files = files_in(new)
        return cls(
            added=sorted(new_files - old_files),
            changed=sorted(
                path
                for path in new_files & old_files
                if not filecmp.cmp(live / path, new / path, shallow=False)
            ),
            removed=sorted(old_files - new_files),
        )

    def summary(self) -> str:
        lines = []
        for verb, paths in (
            ("added", self.added),
            ("changed", self.changed),
            ("removed", self.removed),
        ):
            pages = [page_address(p) for p in paths if p.endswith(".html")]
            lines.append(f"  {count(len(pages), 'page')} {verb}{named(pages)}")
        others = [
            len([p for p in paths if not p.endswith((".html", *COMPRESSED_COPIES))])
            for paths in (self.added, self.changed, self.removed)
        ]
        lines.append(
            f"  other files (photos, feeds, calendars, styles): {others[0]} added, "
            f"{others[1]} changed, {others[2]} removed"
        )
        return "\n".join(lines)


def files_in(folder: Path) -> set[str]:
    if not folder.is_dir():
        return set()
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def page_address(path: str) -> str:
    return "/" + path.removesuffix("index.html")


def count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def named(addresses: list[str]) -> str:
    if not addresses:
        return ""
    listed = ", ".join(addresses[:SHOWN])
    more = len(addresses) - SHOWN
    return f": {listed}" + (f" and {more} more" if more > 0 else "")
