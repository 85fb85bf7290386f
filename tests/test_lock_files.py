"""Reproducible installs: every package pinned with hashes, and a fresh clone that installs
from the lock file with the README's own command builds the site."""

import os
import re
import subprocess
import tomllib

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from support.site import CACHE, ROOT, TODAY

README = (ROOT / "README.md").read_text(encoding="utf-8")


def locked(lock_file: str) -> dict[str, tuple[str, int]]:
    """Each package in a pip-compile lock file: its exact version and how many hashes."""
    text = (ROOT / lock_file).read_text(encoding="utf-8")
    found = {}
    for block in re.split(r"\n(?=\S)", text):
        match = re.match(r"([A-Za-z0-9_.-]+)==(\S+)", block)
        if match:
            found[canonicalize_name(match[1])] = (match[2], block.count("--hash=sha256:"))
    return found


def declared(extra: str | None = None) -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    names = project["dependencies"] + (project["optional-dependencies"][extra] if extra else [])
    return {canonicalize_name(Requirement(name).name) for name in names}


def test_every_dependency_is_pinned_with_hashes_and_the_two_lock_files_agree():
    site, tests = locked("requirements.txt"), locked("requirements-test.txt")
    assert declared() <= site.keys(), declared() - site.keys()
    assert declared("test") <= tests.keys(), declared("test") - tests.keys()
    assert all(hashes for _, hashes in tests.values())
    assert all(hashes for _, hashes in site.values())
    assert {name: tests[name] for name in site} == site, "the tests run the site's exact versions"


def readme_command(marker_before: str) -> str:
    """The first ```sh block after a sentence of the README."""
    after = README[README.index(marker_before) :]
    return re.search(r"```sh\n(.+?)\n```", after, re.DOTALL)[1].strip()


def test_the_readme_commands_the_workflows_and_netlify_install_from_the_lock_files():
    serve = readme_command("**Set up, build and preview the site**")
    tests = readme_command("<!-- test-command -->")
    assert "pip install -q --require-hashes -r requirements.txt" in serve
    assert "pip install -q --require-hashes -r requirements-test.txt" in tests
    for name in ("publish.yml", "checks.yml"):
        assert (
            "--require-hashes -r requirements.txt"
            in (ROOT / ".github/workflows" / name).read_text()
        )
    assert "--require-hashes -r requirements.txt" in (ROOT / "netlify.toml").read_text()
    dependabot = (ROOT / ".github/dependabot.yml").read_text()
    assert (
        "package-ecosystem: pip" in dependabot and "package-ecosystem: github-actions" in dependabot
    )
    assert dependabot.count("interval: monthly") == 2


def test_a_fresh_clone_installs_from_the_lock_file_with_the_readme_command_and_builds(tmp_path):
    clone = tmp_path / "site"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    serve = readme_command("**Set up, build and preview the site**")
    setup, last = serve.rsplit(" && ", 1)
    assert last == ".venv/bin/invoke livereload"

    installed = subprocess.run(
        ["bash", "-e", "-c", setup], cwd=clone, capture_output=True, text=True, check=False
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    env = {**os.environ, "SITE_CACHE_PATH": CACHE}
    built = subprocess.run(
        [".venv/bin/invoke", "build", "--today", TODAY],
        cwd=clone,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    assert (clone / "output" / "index.html").is_file()
    frozen = subprocess.run(
        [".venv/bin/pip", "freeze", "--all"], cwd=clone, capture_output=True, text=True, check=True
    ).stdout
    site = locked("requirements.txt")
    for line in frozen.splitlines():
        name, _, version = line.partition("==")
        if canonicalize_name(name) in site:
            assert site[canonicalize_name(name)][0] == version, line
