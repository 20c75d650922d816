"""The Python API as documented: the README's block and the module's examples run as doctests."""

from __future__ import annotations

import doctest
import os

import pytest

import geo_incidents
import geo_incidents.api
from tests.conftest import REPO_ROOT


@pytest.fixture
def in_a_copy_of_the_repo_root(tmp_path):
    """Run where ``examples/`` is, writing ``out/`` into a temporary folder."""
    (tmp_path / "examples").symlink_to(REPO_ROOT / "examples")
    before = os.getcwd()
    os.chdir(tmp_path)
    try:
        yield tmp_path
    finally:
        os.chdir(before)


def readme_python_block() -> str:
    text = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Python API", 1)[1].split("\n## ", 1)[0]
    return section.split("```python", 1)[1].split("```", 1)[0]


def run_doctest(text: str, name: str) -> doctest.TestResults:
    test = doctest.DocTestParser().get_doctest(text, {}, name, name, 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    return runner.summarize(verbose=False)


def test_readme_python_api_block_runs(in_a_copy_of_the_repo_root):
    result = run_doctest(readme_python_block(), "README.md")
    assert result.attempted >= 10 and result.failed == 0
    assert (in_a_copy_of_the_repo_root / "out" / "api-demo" / "battles.html").is_file()


def test_api_module_doctests(in_a_copy_of_the_repo_root):
    result = doctest.testmod(geo_incidents.api, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 4 and result.failed == 0


def test_api_is_on_the_package():
    for name in ("read_reports", "extract", "read_store"):
        assert getattr(geo_incidents, name) is getattr(geo_incidents.api, name)
        assert name in geo_incidents.__all__
    # The extraction machinery lives in its own package, so the API name is a plain function.
    from geo_incidents.extraction import Extractor

    assert geo_incidents.extract is geo_incidents.api.extract and Extractor.__module__.startswith("geo_incidents.")


def test_read_store_refuses_unknown_filters_and_values(tmp_path):
    from geo_incidents.pipeline import run

    run([REPO_ROOT / "examples" / "reports"], tmp_path, write_maps=False, progress=False)
    store = tmp_path / "incidents.gpkg"
    with pytest.raises(ValueError, match="unknown filter"):
        geo_incidents.read_store(store, colour="red")
    with pytest.raises(ValueError, match="unknown event type"):
        geo_incidents.read_store(store, event_type="Battle")
    with pytest.raises(ValueError, match="unknown layer"):
        geo_incidents.read_store(store, layer="roads")
    everything = geo_incidents.read_store(store, layer="all")
    parts = [geo_incidents.read_store(store, layer=layer) for layer in ("incidents", "road_closures")]
    assert len(everything) == sum(len(part) for part in parts)
    assert str(everything["event_date"].dtype) == "datetime64[ns]"
    assert (everything["latitude"].notna() == everything.geometry.notna()).all()


def test_read_reports_skips_broken_reports_with_a_warning(tmp_path, caplog):
    good = tmp_path / "a.txt"
    good.write_text("عنوان\n\nاشتباكات في حلب.\n", encoding="utf-8")
    bad = tmp_path / "b.json"
    bad.write_text("{not json", encoding="utf-8")
    articles = list(geo_incidents.read_reports([good, bad]))
    assert [a.title for a in articles] == ["عنوان"]
    assert "b.json" in caplog.text
