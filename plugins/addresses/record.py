"""The record of every address the site has published (content/addresses.txt), and what each
one does at this build: shows its page, redirects, answers "gone", or would be lost.

Plain functions of plain values, so the rules read (and are tested) on their own:
- `parse` reads the record, `render` writes it back;
- `plan` decides, from the record, the pages of this build and their `Old addresses:`, what
  every address does, and what the record says after this build is published.
"""

import re
from dataclasses import dataclass, field, replace

HEADER = """\
# Every address this site has published, so that none of them ever stops working
# (README, "Renaming and deleting posts"). `invoke publish` adds each new page's address;
# commit this file with your posts. A line is an address, then what it leads to:
#   /blog/my-post/  blog/2025-02-03-my-post.md   the page made from that file, wherever it moves
#   /blog/old-post/ -> /blog/new-post/           sends readers and search engines to that page
#   /blog/old-post/ gone                         removed on purpose: answers "410 Gone"
# Add a "->" or "gone" line at the end when publishing asks you to.
"""
ARROW, GONE = "->", "gone"
EXTERNAL = re.compile(r"^https?://")


class RecordError(ValueError):
    """A line of the record that cannot be read, with its number."""


@dataclass(frozen=True)
class Entry:
    """One line: an address and either the file it is made from, another address, or gone."""

    address: str
    file: str = ""
    to: str = ""
    gone: bool = False

    def line(self) -> str:
        if self.gone:
            return f"{self.address} {GONE}"
        if self.to:
            return f"{self.address} {ARROW} {self.to}"
        return f"{self.address}  {self.file}"


def parse(text: str) -> dict[str, Entry]:
    """The record's lines by address; raises RecordError naming the line that is wrong."""
    entries: dict[str, Entry] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        entry = parse_line(line, number)
        earlier = entries.get(entry.address)
        if earlier and earlier.file and not entry.file:
            # her "->" or "gone", added below the line publishing wrote: hers counts, and
            # the file is kept to say so once, at the publish that follows
            entry = replace(entry, file=earlier.file)
        elif earlier and entry.file and not earlier.file:
            continue
        elif earlier:
            raise RecordError(
                f"line {number}: {entry.address} is written twice. Keep the line you mean and "
                "delete the other."
            )
        entries[entry.address] = entry
    return entries


def parse_line(line: str, number: int) -> Entry:
    address, _, rest = line.partition(" ")
    rest = rest.strip()
    if not address.startswith("/") or not rest:
        raise RecordError(
            f"line {number}: {line!r} is not a line this file knows. Write an address "
            f"starting with /, then '{ARROW} /its/new/address/' or '{GONE}', for example "
            f"'/blog/old-post/ {ARROW} /blog/new-post/'."
        )
    if rest == GONE:
        return Entry(address, gone=True)
    if rest.startswith(ARROW):
        to = rest.removeprefix(ARROW).strip()
        if not (to.startswith("/") or EXTERNAL.match(to)) or " " in to:
            raise RecordError(
                f"line {number}: {address} {ARROW} {to!r}: write the new address starting "
                "with / (a page of this site, such as /blog/new-post/) or https://."
            )
        return Entry(address, to=to)
    return Entry(address, file=rest)


def render(entries: dict[str, Entry]) -> str:
    return HEADER + "\n" + "".join(entries[a].line() + "\n" for a in sorted(entries))


@dataclass
class Plan:
    """What every known address does at this build."""

    redirects: dict[str, str] = field(default_factory=dict)  # address -> final new address
    gone: list[str] = field(default_factory=list)
    # (address, the file it was made from, an address it may have gone to)
    lost: list[tuple[str, str, str]] = field(default_factory=list)
    news: list[tuple[str, str, str]] = field(default_factory=list)  # (address, to, why)
    problems: list[str] = field(default_factory=list)
    record: dict[str, Entry] = field(default_factory=dict)  # the record once this is published


def plan(record: dict[str, Entry], pages: dict[str, str], old_addresses: dict[str, str]) -> Plan:
    """`pages`: the address of each page of this build and the file it is made from;
    `old_addresses`: each address written in a file's `Old addresses:`, and that file."""
    result = Plan()
    address_of = {file: address for address, file in pages.items()}
    steps: dict[str, str | None] = {}  # address -> where it leads next (None: gone)
    for address, entry in record.items():
        if address in pages:
            continue
        if entry.gone or entry.to:
            steps[address] = None if entry.gone else entry.to
            if entry.file:  # she has just said what became of the page
                result.news.append((address, entry.to, f"you said so of {entry.file}"))
            result.record[address] = replace(entry, file="")
        elif entry.file in address_of:
            steps[address] = address_of[entry.file]
            result.news.append((address, address_of[entry.file], f"{entry.file} has a new address"))
            result.record[address] = Entry(address, to=address_of[entry.file])
        else:
            result.lost.append((address, entry.file, likely_home(entry.file, record, pages)))
            result.record[address] = entry
    for address, file in old_addresses.items():
        if address in pages:
            result.problems.append(
                f"{file}: Old addresses: {address} is the address of {pages[address]} now. "
                "Delete it from Old addresses, or give that page another Slug."
            )
            continue
        if address not in record:
            result.news.append((address, address_of[file], f"Old addresses of {file}"))
        steps[address] = address_of[file]
        result.record[address] = Entry(address, to=address_of[file])
    lost = {address for address, _, _ in result.lost}
    for address in steps:
        final = followed(address, steps, result.problems)
        if final is None:
            result.gone.append(address)
        elif final and final not in lost:  # else it follows what she says of the lost one
            result.redirects[address] = final
    result.record |= {address: Entry(address, file=file) for address, file in pages.items()}
    return result


# Where a page of each folder of the content folder may have gone, when no new page says.
SECTIONS = {"blog": "/blog/", "runs": "/classes/"}


def likely_home(file: str, record: dict[str, Entry], pages: dict[str, str]) -> str:
    """The one new page made from a file in the same folder (a renamed file), else the list
    of its kind: an example for the message, never used without the author saying so."""
    folder = file.rpartition("/")[0]
    new = [a for a, f in pages.items() if a not in record and f.rpartition("/")[0] == folder]
    return new[0] if len(new) == 1 else SECTIONS.get(folder.partition("/")[0], "/")


def followed(address: str, steps: dict[str, str | None], problems: list[str]) -> str | None:
    """The address at the end of the chain from `address` (None: gone; "": a loop, reported),
    so that every old address leads to its page in one step."""
    seen = [address]
    to = steps[address]
    while to in steps:
        if to in seen:
            problems.append(
                "these addresses lead to each other in a circle, so none reaches a page: "
                + f" {ARROW} ".join([*seen[seen.index(to) :], to])
                + ". Change one of them to lead to a page."
            )
            return ""
        seen.append(to)
        to = steps[to]
    return to
