"""A developer can reorder PLUGINS in pelicanconf.py and nothing changes."""

from pelican.settings import read_settings
from support.site import CACHE, TODAY

from publishing.build import DEV_SETTINGS, build


def pages_of(folder):
    """Every file a reader or crawler gets, by path; the sitemap's times are the build's own."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != "sitemap.xml"
    }


def test_the_site_is_the_same_whatever_the_order_of_the_plugins(tmp_path):
    plugins = read_settings(str(DEV_SETTINGS))["PLUGINS"]
    for name, order in (("listed", plugins), ("reversed", plugins[::-1])):
        build(output=tmp_path / name, today=TODAY, extra={"PLUGINS": order, "CACHE_PATH": CACHE})
    listed, reversed_ = pages_of(tmp_path / "listed"), pages_of(tmp_path / "reversed")
    assert listed.keys() == reversed_.keys()
    assert [path for path in listed if listed[path] != reversed_[path]] == []
    assert "index.html" in listed and "classes/index.html" in listed
