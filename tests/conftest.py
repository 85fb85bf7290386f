"""The tests' fixtures; what they are made of is in tests/support/."""

import shutil
from pathlib import Path

import pytest
from support.browser import CHROMIUM_FLAGS, serve
from support.content import tiny_content
from support.site import CACHE, CONTENT, BuiltSite, built
from support.tools import require_tool


def pytest_sessionfinish(session, exitstatus):
    """The session's cache of share images and photo copies goes with the session."""
    shutil.rmtree(CACHE, ignore_errors=True)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> BuiltSite:
    """The real content, built for local preview."""
    return built("build", tmp_path_factory.mktemp("site") / "output")


@pytest.fixture(scope="session")
def published(tmp_path_factory) -> BuiltSite:
    """The real content, built with the live site's settings."""
    return built("preview", tmp_path_factory.mktemp("published") / "output")


@pytest.fixture
def content_copy(tmp_path) -> Path:
    """A copy of the real content that a test may change."""
    copy = tmp_path / "content"
    shutil.copytree(CONTENT, copy)
    return copy


@pytest.fixture
def tiny_site_content(tmp_path) -> Path:
    """A tiny content folder that a test may change."""
    return tiny_content(tmp_path / "content")


@pytest.fixture(scope="session")
def served_site(site):
    with serve(site.root) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium; Playwright gives every launch a fresh, empty profile folder."""
    chromium = require_tool("/usr/bin/chromium", "browser tests need Debian's chromium package")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()
