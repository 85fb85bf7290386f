"""The page `invoke livereload` shows in the browser when a save could not be built.

Every page address of the preview shows it, so whatever page the author was looking at
reloads into the list of problems; her next good save brings the site back. It is made
only in the live preview's output folder, never by a build that is published.
"""

import html
import os
from pathlib import Path

STYLE = """
body{font:1.1rem/1.5 system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;
color:#222;background:#fffaf5}
h1{color:#8f3657;font-size:1.6rem}li{margin:0 0 1rem}code{font-size:1rem}
.file{display:block;font-weight:bold}.note{color:#555;font-size:1rem}
"""


def problem_items(problems: list[str]) -> str:
    """One item each: the file in bold, then what is wrong and the fix, as the build said."""
    items = []
    for problem in problems:
        file, separator, message = problem.partition(": ")
        if not separator or " " in file.strip() and "/" not in file:
            file, message = "", problem
        items.append(
            "<li>"
            + (f'<span class="file">{html.escape(file)}</span>' if file else "")
            + f"{html.escape(message)}</li>"
        )
    return "\n".join(items)


def problems_page(problems: list[str]) -> str:
    return f"""<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex">
<title>Your last change needs fixing</title>
<style>{STYLE}</style>
</head>
<body>
<main>
<h1>Your last change needs fixing</h1>
<p>The preview was not updated, because of {
        "this problem" if len(problems) == 1 else f"these {len(problems)} problems"
    }. Each names the file to open, what is wrong and
how to fix it:</p>
<ul>
{problem_items(problems)}
</ul>
<p class="note">Fix it and save the file: this page turns back into your site by itself.
This page is only on your computer, in the preview; it is never published.</p>
</main>
</body>
</html>
"""


def write_problems_site(folder: Path, page_addresses: list[str], problems: list[str]) -> None:
    """Fill `folder` with the problems page at every address the preview had (and the home
    and page-not-found pages), as hard links to one file."""
    first = folder / "index.html"
    first.write_text(problems_page(problems), encoding="utf-8")
    for address in set(page_addresses) | {"404.html"}:
        target = folder / address
        if target == first:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(first, target)
        except OSError:
            target.write_bytes(first.read_bytes())
