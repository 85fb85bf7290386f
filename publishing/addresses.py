"""`invoke publish`'s side of "no published address dies silently".

The build (plugins/addresses) decides what every address ever published does and leaves its
plan in the built folder. Here a publish:
- refuses an address that would be lost (a deleted post), naming it and both fixes;
- says in words which addresses now lead elsewhere;
- adds what each host needs to answer old addresses with a real 301 (and gone ones with
  410): `.redirects.map` for nginx (deploy/nginx.conf includes it; nginx reads it when it
  reloads, NGINX_RELOAD_COMMAND), `_redirects` for Netlify and Cloudflare Pages. GitHub Pages
  and a plain folder keep the build's redirect pages;
- once deployed, writes the record (content/addresses.txt) with the addresses just published.
"""

import json
import shlex
from dataclasses import dataclass
from pathlib import Path

from plugins.addresses import PLAN_NOTE, redirect_page

NGINX_MAP = ".redirects.map"
NETLIFY_REDIRECTS = "_redirects"
GONE_STATUS = "410"


@dataclass
class Plan:
    record_file: Path
    shown_as: str  # the record file as the author knows it, e.g. content/addresses.txt
    record: str  # its text once this build is published
    pages: list[str]  # the addresses of this build's posts, pages and runs
    redirects: dict[str, str]
    gone: list[str]
    lost: list[list[str]]  # [address, the file it was made from, an example new home]
    news: list[list[str]]  # [address, where it now leads ("": gone), why]


def read_plan(folder: Path) -> Plan | None:
    """The build's plan, taken out of the folder so that it is never published."""
    note = folder / PLAN_NOTE
    if not note.exists():
        return None
    data = json.loads(note.read_text(encoding="utf-8"))
    note.unlink()
    return Plan(
        Path(data["record_file"]),
        data["record_shown_as"],
        data["record"],
        data["pages"],
        data["redirects"],
        data["gone"],
        data["lost"],
        data["news"],
    )


def problems(plan: Plan, folder: Path) -> list[str]:
    """Addresses that would answer "page not found", and redirects to no page."""
    found = [
        f"{plan.shown_as}: {address} was published (made from {file}, which no longer makes "
        "a page), so every link to it would now answer “page not found”. Say where it went: "
        f"add the line '{address} -> {example}' to {plan.shown_as} (with the address it "
        f"moved to), or, if it is gone on purpose, the line '{address} gone'."
        for address, file, example in plan.lost
    ]
    found += [
        f"{plan.shown_as}: {address} leads to {to}, which is not a page of the site. "
        "Change it to the address of a page, such as /blog/."
        for address, to in plan.redirects.items()
        if to.startswith("/") and not served(folder, to)
    ]
    return found


def served(folder: Path, address: str) -> bool:
    path = folder / address.lstrip("/")
    return path.is_file() or (path / "index.html").is_file()


def describe(plan: Plan) -> None:
    """Say which addresses this publish sends somewhere new, if any."""
    if plan.news:
        print("Addresses that will lead to a page's new address (old links keep working):")
        for address, to, why in plan.news:
            print(f"  {address} -> {to} ({why})" if to else f"  {address} is gone ({why})")


def prepare(folder: Path, plan: Plan, target: str) -> None:
    """What the host needs besides the pages to answer old addresses itself."""
    if target == "rsync":
        (folder / NGINX_MAP).write_text(nginx_map(plan), encoding="utf-8")
    elif target == "netlify":
        (folder / NETLIFY_REDIRECTS).write_text(netlify_redirects(plan), encoding="utf-8")
        for address in plan.redirects:  # the host answers 301 itself: no page in its way
            page = folder / redirect_page(address)
            for copy in (page, *(page.with_name(page.name + end) for end in (".gz", ".br"))):
                copy.unlink(missing_ok=True)
            for emptied in page.parents:
                if emptied == folder or any(emptied.iterdir()):
                    break
                emptied.rmdir()


def other_form(address: str) -> str | None:
    """/blog/old for /blog/old/ and the other way round: a link may have lost or gained its
    last slash. None for a file's address (/old.html)."""
    if address.endswith("/"):
        return address.rstrip("/") or None
    return None if "." in address.rpartition("/")[2] else address + "/"


def answers(plan: Plan) -> dict[str, str]:
    """What each old address answers: its new address, or GONE_STATUS; each also under its
    other form, unless that is a page or an address of its own."""
    exact = {**{a: GONE_STATUS for a in plan.gone}, **plan.redirects}
    taken = set(plan.pages) | set(exact)
    other = {other_form(a): to for a, to in exact.items()}
    return {**{a: to for a, to in other.items() if a and a not in taken}, **exact}


def nginx_map(plan: Plan) -> str:
    heading = (
        f"# Written by `invoke publish` from {plan.shown_as}: each old address and where it "
        f"leads ({GONE_STATUS}: gone). Read by deploy/nginx.conf when nginx starts or reloads."
    )
    lines = [heading, *(f'"{a}" "{to}";' for a, to in sorted(answers(plan).items()))]
    return "\n".join(lines) + "\n"


def netlify_redirects(plan: Plan) -> str:
    """Gone: 410 with the 404 page on Netlify; Cloudflare Pages skips the line (it knows only
    redirects) and answers 404 with the same page."""
    lines = [f"# Written by `invoke publish` from {plan.shown_as}."]
    for address, to in sorted(answers(plan).items()):
        gone = to == GONE_STATUS
        lines.append(f"{address} /404.html {GONE_STATUS}" if gone else f"{address} {to} 301")
    return "\n".join(lines) + "\n"


def remember(plan: Plan) -> None:
    """The record, with the addresses just published, if it changed."""
    before = plan.record_file.read_text(encoding="utf-8") if plan.record_file.exists() else ""
    if before == plan.record:
        return
    plan.record_file.write_text(plan.record, encoding="utf-8")
    print(
        f"{plan.shown_as} now records the addresses just published: commit it with your "
        "posts, so that every computer and the GitHub workflow know them."
    )


def reload_server(settings: dict, run) -> None:
    """nginx reads .redirects.map only when it (re)loads: after each publish by rsync, run
    NGINX_RELOAD_COMMAND where the site is (over ssh for a server)."""
    command = settings.get("NGINX_RELOAD_COMMAND", "")
    if settings["DEPLOY_TARGET"] != "rsync" or not command:
        return
    if settings["RSYNC_HOST"]:
        host = f"{settings['RSYNC_USER']}@{settings['RSYNC_HOST']}"
        run(["ssh", "-p", str(settings["RSYNC_PORT"]), host, command])
    else:
        run(shlex.split(command))
