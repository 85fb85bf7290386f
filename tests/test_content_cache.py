"""The engine's content cache is reused when only posts change, and never stale: a change to
the settings, plugins, theme or a library moves it to a new folder (publishing/content_cache.py)."""

import importlib.metadata
import pickle
import shutil
from pathlib import Path

import pytest
from support.content import tiny_content
from support.content import write_post as write_test_post
from support.site import CONTENT, POST_SLUG, ROOT, TODAY, files_of

from publishing import content_cache
from publishing.build import BuildFailed, build


@pytest.fixture
def project(tmp_path) -> Path:
    """A small project of its own: settings files, a plugin, a template."""
    root = tmp_path / "project"
    (root / "plugins" / "checks").mkdir(parents=True)
    (root / "theme" / "templates").mkdir(parents=True)
    (root / "pelicanconf.py").write_text(
        'import os\nSITENAME = "Site"\nSITEURL = os.environ.get("SITEURL", "")\n'
    )
    (root / "publishconf.py").write_text("from pelicanconf import *\nWITH_FUTURE_DATES = False\n")
    (root / "plugins" / "checks" / "__init__.py").write_text("def register():\n    pass\n")
    (root / "theme" / "templates" / "base.html").write_text("<main>{{ content }}</main>\n")
    return root


def digest(project: Path, extra=None) -> str:
    return content_cache.build_digest(project / "pelicanconf.py", extra)


def test_the_digest_stays_while_nothing_but_content_changes(project):
    first = digest(project)
    (project / "plugins" / "checks" / "__pycache__").mkdir()
    (project / "plugins" / "checks" / "__pycache__" / "__init__.cpython-311.pyc").write_bytes(b"x")
    assert digest(project) == first


@pytest.mark.parametrize(
    "change",
    [
        ("pelicanconf.py", 'SITENAME = "Site"', 'SITENAME = "Other"'),
        ("publishconf.py", "WITH_FUTURE_DATES = False", "WITH_FUTURE_DATES = True"),
        ("plugins/checks/__init__.py", "pass", "return None"),
        ("theme/templates/base.html", "<main>", "<main class=post>"),
    ],
    ids=["a setting", "a publish setting", "a plugin", "a template"],
)
def test_a_changed_file_changes_the_digest(project, change):
    name, old, new = change
    before = digest(project)
    path = project / name
    path.write_text(path.read_text().replace(old, new))
    assert digest(project) != before


def test_a_new_template_changes_the_digest(project):
    before = digest(project)
    (project / "theme" / "templates" / "tag.html").write_text("{{ tag }}\n")
    assert digest(project) != before


def test_extra_settings_change_the_digest(project):
    assert digest(project, {"TODAY": "2026-12-01"}) != digest(project, {"TODAY": "2026-12-02"})


def test_an_environment_variable_the_settings_read_changes_the_digest(project, monkeypatch):
    monkeypatch.setenv("SITEURL", "https://one.example")
    before = digest(project)
    monkeypatch.setenv("SITEURL", "https://two.example")
    after = digest(project)
    assert after != before
    monkeypatch.setenv("NOT_READ_BY_SETTINGS", "anything")
    assert digest(project) == after


@pytest.mark.parametrize("library", ["markdown", "pelican", "typogrify", "jinja2", "pillow"])
def test_another_library_version_changes_the_digest(project, monkeypatch, library):
    before = digest(project)
    installed = importlib.metadata.version

    def upgraded(name):
        return "99.0" if name == library else installed(name)

    monkeypatch.setattr(importlib.metadata, "version", upgraded)
    assert digest(project) != before


def test_only_the_newest_cache_folders_are_kept(tmp_path):
    import os

    for age, name in enumerate(["d", "c", "b", "a", "new"]):
        (tmp_path / name).mkdir()
        os.utime(tmp_path / name, (1000 - age, 1000 - age))
    content_cache.prune(tmp_path, keep=3)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["b", "c", "d"]


# --- End to end: the real site, its settings, plugins and theme copied -----------


def test_a_warm_build_reuses_the_cache_and_is_never_stale(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    for name in ("pelicanconf.py", "publishconf.py"):
        shutil.copy(ROOT / name, site / name)
    for folder in ("plugins", "theme"):
        shutil.copytree(ROOT / folder, site / folder, ignore=shutil.ignore_patterns("__pycache__"))
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    edited = write_post(content, "edited", "The first version of this post.")
    kept = write_post(content, "kept", "First line\nsecond line of the kept post.")
    cache, output = tmp_path / "cache", tmp_path / "output"

    def build_site():
        build(site / "pelicanconf.py", output, content, TODAY, {"CACHE_PATH": str(cache)})
        return [folder.name for folder in (cache / "content").iterdir()]

    first = build_site()
    assert len(first) == 1
    assert "The first version" in page(output, "edited")

    # Only posts changed: the same cache, and the unchanged post comes from it. To see that,
    # its cached Markdown is marked; a build that read it again would not show the mark.
    mark_cached_text(cache / "content" / first[0], kept, "Marked-in-the-cache")
    mark_typogrified(cache / "content" / first[0], "This week marks", "Typogrify-kept")
    edited.write_text(edited.read_text().replace("first version", "second version"))
    assert build_site() == first
    assert "The second version" in page(output, "edited")
    assert "Marked-in-the-cache" in page(output, "kept")
    assert "Typogrify-kept" in page(output, POST_SLUG)

    # A setting (a Markdown extension), a template and a post change: a new cache, nothing
    # stale from the old one.
    settings = site / "pelicanconf.py"
    extension = '"markdown.extensions.extra": {},'
    assert extension in settings.read_text()
    settings.write_text(
        settings.read_text().replace(extension, extension + ' "markdown.extensions.nl2br": {},')
    )
    base = site / "theme" / "templates" / "base.html"
    base.write_text(base.read_text().replace("</main>", "<p>A changed template.</p></main>"))
    edited.write_text(edited.read_text().replace("second version", "third version"))
    folders = build_site()
    assert len(folders) == 2 and first[0] in folders
    assert "The third version" in page(output, "edited")
    assert "A changed template." in page(output, "kept")
    assert "Marked-in-the-cache" not in page(output, "kept")
    assert "Typogrify-kept" not in page(output, POST_SLUG)
    assert "First line<br>" in page(output, "kept")


def write_post(content: Path, slug: str, text: str) -> Path:
    post = content / "blog" / f"2026-01-05-{slug}.md"
    post.write_text(
        f"Title: A post to {slug}\nDate: 2026-01-05 09:00\nSlug: {slug}\n"
        f"Category: Baby massage\nTags: bonding\nSummary: A post that is {slug}.\n\n{text}\n",
        encoding="utf-8",
    )
    return post


def page(output: Path, slug: str) -> str:
    return (output / "blog" / slug / "index.html").read_text(encoding="utf-8")


def mark_cached_text(folder: Path, post: Path, mark: str) -> None:
    readers = folder / "ArticlesGenerator-Readers"
    cached = pickle.loads(readers.read_bytes())
    stamp, (text, metadata) = cached[str(post)]
    cached[str(post)] = (stamp, (f"<p>{mark}</p>{text}", metadata))
    readers.write_bytes(pickle.dumps(cached))


def mark_typogrified(folder: Path, starting: str, mark: str) -> None:
    """Mark typogrify's kept result for the text holding `starting`."""
    kept_file = folder / "Typogrify"
    kept = pickle.loads(kept_file.read_bytes())
    marked = [key for key, text in kept.items() if text.startswith(f"<p>{starting}")]
    assert len(marked) == 1
    kept[marked[0]] = f"<p>{mark}</p>{kept[marked[0]]}"
    kept_file.write_bytes(pickle.dumps(kept))


def test_a_build_from_the_cache_is_byte_for_byte_a_build_without_it(tmp_path):
    cache = {"CACHE_PATH": str(tmp_path / "cache")}
    build(output=tmp_path / "uncached", today=TODAY, extra=cache, cache=False)
    build(output=tmp_path / "filling", today=TODAY, extra=cache)
    build(output=tmp_path / "cached", today=TODAY, extra=cache)
    assert (tmp_path / "cache" / "content").is_dir()
    uncached, cached = files_of(tmp_path / "uncached"), files_of(tmp_path / "cached")
    assert uncached.keys() == cached.keys()
    assert [path for path in uncached if uncached[path] != cached[path]] == []


def test_links_kept_from_the_last_build_are_checked_again(tmp_path):
    """The link check keeps each post's links between builds (plugins/content_checks/links.py),
    never whether they lead somewhere: a page removed since breaks them."""
    content = tiny_content(tmp_path / "content")
    write_test_post(content, "asks", "Questions", body="See [the answers](/faq/).")
    cache = {"CACHE_PATH": str(tmp_path / "cache")}
    build(output=tmp_path / "first", content=content, today=TODAY, extra=cache)
    kept_file = next((tmp_path / "cache" / "content").iterdir()) / "Links"
    kept = pickle.loads(kept_file.read_bytes())
    assert any(("/faq/", "/faq/") in links for links in kept.values())

    # The kept links are the ones checked: a link planted among them is reported.
    planted = {key: (*links, ("/planted/", "/planted/")) for key, links in kept.items()}
    kept_file.write_bytes(pickle.dumps(planted))
    with pytest.raises(BuildFailed) as planted_report:
        build(output=tmp_path / "second", content=content, today=TODAY, extra=cache)
    assert "link to /planted/ is broken" in planted_report.value.errors

    kept_file.write_bytes(pickle.dumps(kept))
    (content / "pages" / "faq.md").unlink()
    with pytest.raises(BuildFailed) as gone:
        build(output=tmp_path / "third", content=content, today=TODAY, extra=cache)
    assert "blog/asks.md: link to /faq/ is broken" in gone.value.errors
