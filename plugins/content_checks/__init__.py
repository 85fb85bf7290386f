"""Stop the build, with a plain message, when a post or page is written wrong.

Pelican skips a file whose metadata it cannot read and only logs a warning,
with a traceback. The author must instead learn which file and which field
is wrong and how to fix it, and nothing she wrote may vanish. Nor may anything she pasted
vanish on the live site: what its security policy would refuse stops the build (policy.py).
"""

from pathlib import Path

from pelican import signals

from ..shared import ThisBuild, display, stop_build
from .collection import slug_clashes, stray_markdown
from .links import LinkCheck, written_items
from .metadata import problems_in_folder
from .policy import refused

link_check = ThisBuild(LinkCheck)


def check_content(pelican) -> None:
    settings = pelican.settings
    content = Path(settings["PATH"])
    posts = [content / p for p in settings["ARTICLE_PATHS"]]
    pages = [content / p for p in settings["PAGE_PATHS"]]
    live = settings.get("REFUSE_EXAMPLE_TEXT", False)
    problems = [p for folder in posts + pages for p in problems_in_folder(folder, content, live)]
    read_by_plugins = [*settings["SCHEDULE_PATHS"], settings["TESTIMONIALS_PATH"]]
    problems += stray_markdown(content, posts[0], pages[0], [content / p for p in read_by_plugins])
    problems += [
        p for folder in posts for p in slug_clashes(folder, settings["ARTICLE_URL"], settings)
    ]
    problems += [
        p for folder in pages for p in slug_clashes(folder, settings["PAGE_URL"], settings)
    ]
    if problems:
        stop_build(problems)


def remember_items(generators) -> None:
    link_check.state.items = written_items(generators)
    check_policy(generators[0].settings)


def check_policy(settings: dict) -> None:
    """Nothing in a post or page that the site's security policy would refuse on the live site."""
    policy, site_url = settings.get("CONTENT_SECURITY_POLICY", ""), settings["SITEURL"]
    problems = [
        f"{display(Path(item.source_path))}: {problem}"
        for item in link_check.state.items
        for problem in refused(item._content or "", policy, site_url)
    ]
    if problems:
        stop_build(problems)


def check_links(pelican) -> None:
    output, site_url = Path(pelican.output_path), pelican.settings["SITEURL"]
    check = link_check.state
    problems = [p for item in check.items for p in check.broken_links(item, output, site_url)]
    check.kept.save(pelican.settings)
    link_check.end()
    if problems:
        stop_build(problems)


def register() -> None:
    signals.initialized.connect(check_content)
    signals.initialized.connect(link_check.start)
    signals.all_generators_finalized.connect(remember_items)
    signals.finalized.connect(check_links)
