"""The README tells the truth: its schema table is the one the code documents."""

from geo_incidents.model import INCIDENT_COLUMNS, schema_markdown
from tests.conftest import REPO_ROOT


def test_readme_schema_matches_the_code():
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- schema:start -->")[1].split("<!-- schema:end -->")[0].strip()
    assert block == schema_markdown()
    assert len(INCIDENT_COLUMNS) >= 30


def test_readme_names_the_two_commands():
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    assert "make demo" in readme and "make test" in readme
