"""``extract`` writes the JSON lines of files a batch of articles at a time: the lines are the same as
an article at a time (the per-article tables of earlier versions), in the same order."""

from __future__ import annotations

from pathlib import Path

import geo_incidents.cli as cli

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "reports"


def _extract_lines(monkeypatch, capsys, batch: int) -> list[str]:
    monkeypatch.setattr(cli, "EXTRACT_BATCH", batch)
    assert cli.main(["extract", "-q", str(EXAMPLES)]) == 0
    return capsys.readouterr().out.splitlines()


def test_batches_write_the_lines_of_one_article_at_a_time(monkeypatch, capsys):
    one_by_one = _extract_lines(monkeypatch, capsys, 1)
    assert len(one_by_one) >= 10
    for batch in (3, 1000):
        assert _extract_lines(monkeypatch, capsys, batch) == one_by_one
