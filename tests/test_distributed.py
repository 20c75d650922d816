"""The run on a Dask cluster: partitions read what one process reads, and the store comes out the same.

Each test that needs a cluster starts a LocalCluster of two worker processes inside the test session,
so CI needs no service.
"""

from __future__ import annotations

import io
import json
import os
import signal
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from distributed import Client, LocalCluster

from geo_incidents.article_step import extract_each
from geo_incidents.io.articles import ArticleError, read_articles
from geo_incidents.io.partitions import plan_partitions, read_partitions
from geo_incidents.pipeline import run
from tests.conftest import REPO_ROOT

EXAMPLES = REPO_ROOT / "examples" / "reports"
DEV_TITLES = "dev-corpus/aleppo_video_titles.jsonl"


def _articles(items) -> list[tuple]:
    """What identifies a read article or error, for comparing two readings."""
    out = []
    for item in items:
        if isinstance(item, ArticleError):
            out.append(("error", item.origin, item.reason))
        else:
            out.append((item.id, item.origin, item.title, item.text, item.published, item.content_hash))
    return out


def _dev_reports(shared_data: Path, path: Path, count: int) -> Path:
    """The first ``count`` dev-corpus reports as our input format (title + description, published)."""
    with open(shared_data / DEV_TITLES, encoding="utf-8") as src, open(path, "w", encoding="utf-8") as out:
        for number, line in enumerate(src):
            if number >= count:
                break
            record = json.loads(line)
            out.write(json.dumps({"id": record["id"], "title": record["title"], "text": record.get("description", ""),
                                  "published": record["published"], "source": record["channel"]},
                                 ensure_ascii=False) + "\n")
    return path


@pytest.fixture(scope="module")
def client():
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                           dashboard_address=None)
    client = Client(cluster)
    yield client
    client.close()
    cluster.close()


def test_jsonl_byte_ranges_read_the_same_articles_and_origins(tmp_path, shared_data):
    path = _dev_reports(shared_data, tmp_path / "reports.jsonl", 600)
    with open(path, "ab") as fh:  # a broken line and a last line without its newline
        fh.write(b'{"title": broken\n{"id": "last", "title": "\xd8\xad\xd9\x84\xd8\xa8"}')
    partitions = list(plan_partitions([path], partition_bytes=20_000))
    assert len(partitions) > 5
    assert {p.kind for p in partitions} == {"lines"}
    assert _articles(read_partitions(partitions)) == _articles(read_articles([path]))
    errors = [a for a in read_partitions(partitions) if isinstance(a, ArticleError)]
    assert [e.origin for e in errors] == [f"{path}:601"]


def test_folders_parquet_and_stdin_partition_like_the_reader(tmp_path, shared_data):
    source = _dev_reports(shared_data, tmp_path / "r.jsonl", 250)
    records = [json.loads(line) for line in source.read_text().splitlines()]
    table = pa.Table.from_pylist(records)
    parquet = tmp_path / "reports.parquet"
    pq.write_table(table, parquet, row_group_size=60)
    parts = list(plan_partitions([parquet]))
    assert [p.kind for p in parts] == ["rows"] * 5
    assert _articles(read_partitions(parts)) == _articles(read_articles([parquet]))
    assert [a.origin for a in read_partitions(parts)][60] == f"{parquet}:61"

    folder = list(plan_partitions([EXAMPLES], files_per_partition=4))
    assert len(folder) > 3
    assert _articles(read_partitions(folder)) == _articles(read_articles([EXAMPLES]))

    data = sorted(EXAMPLES.glob("*.txt"))[0].read_bytes()
    stdin_parts = list(plan_partitions(["-"], stdin=io.BytesIO(data)))
    assert [p.kind for p in stdin_parts] == ["articles"]
    assert _articles(read_partitions(stdin_parts)) == _articles(read_articles(["-"], stdin=io.BytesIO(data)))


def test_a_missing_input_is_an_error_in_its_place():
    read = list(read_partitions(plan_partitions([EXAMPLES, "no-such.jsonl", EXAMPLES])))
    assert _articles(read) == _articles(read_articles([EXAMPLES, "no-such.jsonl", EXAMPLES]))
    assert [a.origin for a in read if isinstance(a, ArticleError)] == ["no-such.jsonl"]


def _store_state(out: Path) -> dict[str, pd.DataFrame]:
    from geo_incidents.store import open_store

    store = open_store(str(out / "incidents.gpkg"))
    try:
        state = {}
        for layer in ("incidents", "road_closures", "frontlines"):
            frame = store.read(layer)
            frame = pd.DataFrame(frame.drop(columns="geometry").assign(wkt=frame.geometry.to_wkt()))
            key = "incident_id" if "incident_id" in frame else list(frame.columns)[0]
            state[layer] = frame.sort_values(key).reset_index(drop=True)
        return state
    finally:
        store.close()


def _same_store(a: Path, b: Path) -> None:
    left, right = _store_state(a), _store_state(b)
    for layer in left:
        pd.testing.assert_frame_equal(left[layer], right[layer], check_like=True, obj=layer)


def test_examples_on_two_local_workers_equal_one_process(tmp_path):
    one = run([EXAMPLES], tmp_path / "one", write_maps=False, progress=False)
    two = run([EXAMPLES], tmp_path / "two", write_maps=False, progress=False, workers=2)
    assert one.incidents_new == two.incidents_new > 20
    assert one.incidents_by_type == two.incidents_by_type
    assert one.unresolved_places == two.unresolved_places
    _same_store(tmp_path / "one", tmp_path / "two")
    again = run([EXAMPLES], tmp_path / "two", write_maps=False, progress=False, workers=2)
    assert again.articles_known == again.articles_read == one.articles_read
    assert again.incidents_new == 0


def test_dev_corpus_reports_on_a_cluster_equal_one_process(tmp_path, shared_data, client, monkeypatch):
    import geo_incidents.distributed as dist

    path = _dev_reports(shared_data, tmp_path / "dev.jsonl", 2500)
    one = run([path], tmp_path / "one", write_maps=False, progress=False)

    def on_test_client(*args, **kwargs):
        kwargs.pop("workers", None)
        kwargs.pop("scheduler", None)
        return original(*args, client=client, partition_bytes=40_000, **kwargs)

    original = dist.extract_distributed
    monkeypatch.setattr(dist, "extract_distributed", on_test_client)
    two = run([path], tmp_path / "two", write_maps=False, progress=False, scheduler="tcp://unused:0")
    assert one.articles_read == two.articles_read == 2500
    assert one.incidents_new == two.incidents_new > 500
    _same_store(tmp_path / "one", tmp_path / "two")


def test_a_worker_killed_mid_run_loses_and_doubles_nothing(tmp_path, shared_data, client):
    from gazetteer import Gazetteer
    from geo_incidents.distributed import extract_distributed
    from geo_incidents.extraction import Extractor

    path = _dev_reports(shared_data, tmp_path / "dev.jsonl", 1500)
    gazetteer = Gazetteer.default()
    expected = list(extract_each(read_articles([path]), Extractor(gazetteer), {}))
    results = extract_distributed([path], gazetteer, {}, defaults={}, client=client, progress=False,
                                  partition_bytes=15_000)
    got = [next(results)]
    pids = client.run(os.getpid)
    os.kill(next(iter(pids.values())), signal.SIGKILL)  # a worker dies with partitions in flight
    got.extend(results)
    assert len(got) == len(expected) == 1500
    assert [(r.article.id, [i.incident_id for i in r.incidents]) for r in got] == \
        [(r.article.id, [i.incident_id for i in r.incidents]) for r in expected]


def test_a_worker_without_the_index_gets_the_shipped_copy(tmp_path):
    import geo_incidents.distributed as dist
    from gazetteer import Gazetteer

    index = Path(Gazetteer.default().store.path)
    plugin = dist.GazetteerPlugin(index, dist._files_of_index(index))
    plugin.index = str(tmp_path / "elsewhere" / index.name)  # not on this worker's disk

    class Worker:
        address = "tcp://far:1"
        local_directory = str(tmp_path / "worker")

    plugin.setup(Worker())
    assert Path(dist._worker_index).read_bytes() == index.read_bytes()
    assert plugin.payload is None
    assert dist._extractor().extract is not None

    with pytest.raises(dist.ClusterError, match="no gazetteer index"):
        _plugin(tmp_path).setup(Worker())


def _plugin(tmp_path):
    import geo_incidents.distributed as dist

    plugin = dist.GazetteerPlugin.__new__(dist.GazetteerPlugin)
    plugin.__dict__.update(index=str(tmp_path / "none"), digest="x", payload=None)
    return plugin


def test_the_cli_takes_workers_or_scheduler_not_both(tmp_path, capsys):
    from geo_incidents.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(["run", str(EXAMPLES), "--out", str(tmp_path), "--workers", "2", "--scheduler", "tcp://x:1"])
    assert exit_info.value.code == 2
    with pytest.raises(SystemExit):
        main(["run", str(EXAMPLES), "--out", str(tmp_path), "--workers", "0"])
    assert "at least 1" in capsys.readouterr().err


def test_an_in_memory_gazetteer_goes_to_workers_as_a_temporary_index():
    import geo_incidents.distributed as dist
    from gazetteer import Gazetteer
    from gazetteer.store import IndexStore

    with dist._index_for_workers(Gazetteer(IndexStore(None))) as index:
        assert index.is_file() and index.stat().st_size > 0
        Gazetteer.open(index)  # a worker can open it
    assert not index.exists()
