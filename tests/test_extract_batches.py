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


def test_extract_and_a_run_freeze_what_they_loaded(monkeypatch, capsys):
    """The gazetteer and lexicons a command loads live as long as it: they are frozen out of the cyclic
    collector's passes (each full collection would traverse them all)."""
    import gc

    from geo_incidents import pipeline

    try:
        gc.unfreeze()
        assert len(_extract_lines(monkeypatch, capsys, 1000)) >= 10
        assert gc.get_freeze_count() > 100_000  # the bundled gazetteer's tables, the lexicons, the modules
        gc.unfreeze()
        pipeline._extractor()
        assert gc.get_freeze_count() > 100_000
    finally:
        gc.unfreeze()
