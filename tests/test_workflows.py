"""The GitHub workflows: linted, and their own build-and-check step run here, in a fresh
clone, exactly as the runner would run it (only "today" is pinned)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from support.photos import phone_jpeg
from support.site import CACHE, POST, PUBLISHED_SITEURL, ROOT, TODAY
from support.tools import IN_CI

WORKFLOWS = ROOT / ".github" / "workflows"
BROKEN_LINK_POST = """\
Title: A post with a broken link
Date: 2025-03-01 09:00
Category: Baby massage
Summary: This post links to a page that does not exist.

See [the old timetable](/blog/old-timetable/).
"""


def actionlint() -> str:
    found = shutil.which("actionlint") or shutil.which(
        "actionlint", path=Path(sys.executable).parent
    )
    if not found:
        message = "actionlint is not installed: pip install the test extras"
        pytest.fail(message) if IN_CI else pytest.skip(message)
    return found


def test_actionlint_passes_on_every_workflow():
    workflows = sorted(WORKFLOWS.glob("*.yml"))
    assert {w.name for w in workflows} >= {"publish.yml", "checks.yml"}
    result = subprocess.run(
        [actionlint(), "-color=false", "-oneline", *map(str, workflows)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def step(workflow: str, job: str, name: str) -> dict:
    steps = yaml.safe_load((WORKFLOWS / workflow).read_text())["jobs"][job]["steps"]
    return next(s for s in steps if s.get("name") == name)


def test_the_publish_workflow_triggers_pins_python_caches_and_deploys_with_pages_actions():
    workflow = yaml.safe_load((WORKFLOWS / "publish.yml").read_text())
    triggers = workflow[True]  # YAML reads the key `on` as true
    assert triggers["push"]["branches"] == ["main"]
    assert triggers["schedule"] and "workflow_dispatch" in triggers
    build_steps = workflow["jobs"]["build"]["steps"]
    uses = [
        s.get("uses", "").split("@")[0] for s in build_steps + workflow["jobs"]["deploy"]["steps"]
    ]
    assert {
        "actions/configure-pages",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
    } <= set(uses)
    python = next(s for s in build_steps if s.get("uses", "").startswith("actions/setup-python"))
    assert python["with"]["python-version"] == "3.11" and python["with"]["cache"] == "pip"
    assert "--require-hashes -r requirements.txt" in step("publish.yml", "build", "Install")["run"]
    checks = yaml.safe_load((WORKFLOWS / "checks.yml").read_text())
    assert "pull_request" in checks[True]
    assert (
        step("checks.yml", "site", "Build and check")["run"]
        == step("publish.yml", "build", "Build and check")["run"]
    )


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    """A fresh clone of the project: only what is committed, as the runner checks it out."""
    folder = tmp_path_factory.mktemp("clone") / "site"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(folder)], check=True)
    return folder


def run_build_and_check(clone: Path, tmp_path: Path, public: bool = True):
    """The workflow's "Build and check" step: its command and env, with the values GitHub
    would give its expressions; `python` is this test's Python, as setup-python's would be."""
    build = step("publish.yml", "build", "Build and check")
    given = {"SITEURL": PUBLISHED_SITEURL, "PUBLIC_REPOSITORY": "true" if public else "false"}
    env = {}
    for name, value in build["env"].items():
        value = str(value)
        if "${{" in value:
            assert name in given, f"the test does not know what GitHub gives {name}"
            value = given[name]
        env[name] = value
    tmp_path.mkdir(parents=True, exist_ok=True)
    summary = tmp_path / "step-summary.md"
    command = build["run"].strip()
    assert command == "python -m invoke publish --target folder"
    result = subprocess.run(
        ["bash", "-e", "-c", f"{command} --today {TODAY}"],
        check=False,
        cwd=clone,
        capture_output=True,
        text=True,
        env={
            **os.environ,
            **env,
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
            "GITHUB_STEP_SUMMARY": str(summary),
            "SITE_CACHE_PATH": CACHE,
            "PUBLISH_STATE_FILE": str(tmp_path / "publish-state.json"),
        },
    )
    shown = summary.read_text(encoding="utf-8") if summary.exists() else ""
    return result, shown, clone / env["PUBLISH_FOLDER"]


def test_the_workflow_step_builds_and_checks_the_sample_site_into_the_pages_folder(clone, tmp_path):
    result, summary, folder = run_build_and_check(clone, tmp_path)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "Published:" in result.stdout and summary == ""
    assert (folder / "index.html").is_file() and (folder / "404.html").is_file()
    assert (folder / POST.strip("/") / "index.html").is_file()
    assert not list(folder.glob(".sources.json*")), "the build's notes are not published"


def test_a_broken_link_fails_the_step_with_a_summary_naming_the_file(clone, tmp_path):
    post = clone / "content" / "blog" / "broken-link.md"
    post.write_text(BROKEN_LINK_POST, encoding="utf-8")
    shutil.rmtree(clone / "public", ignore_errors=True)
    try:
        result, summary, folder = run_build_and_check(clone, tmp_path)
    finally:
        post.unlink()

    assert result.returncode != 0
    assert not folder.exists(), "nothing is handed to the deploy job"
    # The build itself checks the links in her text, so it stops before the publish guards.
    assert summary.startswith("## Not published: the site could not be built")
    assert (
        "- content/blog/broken-link.md: link to /blog/old-timetable/ is broken: "
        "there is no such page or file." in summary.splitlines()
    ), summary
    assert "Open each file named above in GitHub" in summary


def test_a_post_that_stops_the_build_is_listed_in_the_summary_with_its_field(clone, tmp_path):
    post = clone / "content" / "blog" / "bad-date.md"
    post.write_text("Title: Bad date\nDate: 2025-13-01\n\nText\n", encoding="utf-8")
    try:
        result, summary, _ = run_build_and_check(clone, tmp_path)
    finally:
        post.unlink()

    assert result.returncode != 0
    assert summary.startswith("## Not published: the site could not be built")
    assert "- content/blog/bad-date.md: Date: '2025-13-01' is not a real date." in summary


def test_a_committed_gps_photo_fails_a_public_repository_and_the_named_command_fixes_it(
    clone, tmp_path
):
    images = clone / "content" / "images"
    images.mkdir(exist_ok=True)
    phone_jpeg(images / "garden.jpg", 400, 300)
    fix = "invoke add-photo content/images/garden.jpg"
    try:
        public, summary, _ = run_build_and_check(clone, tmp_path, public=True)
        assert public.returncode != 0
        assert "content/images/garden.jpg: this photo still holds the place" in summary
        assert f"`{fix}`" in summary

        private, _, _ = run_build_and_check(clone, tmp_path / "private", public=False)
        assert private.returncode == 0, private.stderr
        assert "Warning: content/images/garden.jpg" in private.stderr and fix in private.stderr

        cleaned = subprocess.run(
            [sys.executable, "-m", *fix.split()],
            cwd=clone,
            capture_output=True,
            text=True,
            check=False,
        )
        assert cleaned.returncode == 0, cleaned.stderr
        again, summary, _ = run_build_and_check(clone, tmp_path / "again", public=True)
        assert again.returncode == 0, again.stderr
        assert "garden.jpg" not in again.stderr
    finally:
        shutil.rmtree(images)
