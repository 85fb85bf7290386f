"""The Nu HTML checker (the W3C validator's engine) finds no error on any page."""

import pytest
from support.tools import nu_checker


@pytest.mark.parametrize("build", ["site", "published"])
def test_the_nu_checker_reports_no_errors_on_any_page(build, request):
    site = request.getfixturevalue(build)
    result = nu_checker(site.root)
    assert result.returncode == 0, result.stderr
    assert len(site.html_files()) >= 14
