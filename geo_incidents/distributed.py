"""The extraction of a run on a Dask cluster: workers read and extract partitions, this process merges and writes.

Extraction is independent per article, so it is what goes to the workers; merging across articles,
frontlines and the store's transactions stay in the calling process, which takes the partitions'
results back in input order and writes them in the same batches as a one-process run. The result,
incident ids included, is therefore that of a one-process run of the same input.

Each worker opens the gazetteer once: the calling process's cached index when the worker can see the
same file (a local cluster, shared storage), else a copy shipped with the worker plugin
(:class:`GazetteerPlugin`). A worker that dies mid-partition loses nothing: the scheduler runs the
partition again elsewhere, and its result is taken once. Needs ``pip install 'geo-incidents[dask]'``.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import sys
import tempfile
from collections import deque
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO

from tqdm import tqdm

from geo_incidents.article_step import Extraction, extract_each
from geo_incidents.io.articles import MAX_ARTICLE_BYTES, ArticleError
from geo_incidents.io.partitions import Partition, plan_partitions, read_partition

try:
    from distributed import Client, LocalCluster, WorkerPlugin
except ImportError as exc:  # pragma: no cover - the optional extra
    raise ImportError("--workers and --scheduler need Dask: pip install 'geo-incidents[dask]'") from exc

log = logging.getLogger(__name__)

#: Partitions in flight per worker thread: enough to keep workers busy, few enough to bound memory.
IN_FLIGHT_PER_THREAD = 3
_PLUGIN_NAME = "geo-incidents-gazetteer"
#: Set on a worker by :class:`GazetteerPlugin`: the index file this worker extracts with.
_worker_index: str | None = None
_worker_extractor = None


class ClusterError(RuntimeError):
    """The cluster cannot be reached or started (the message says how to fix it)."""


class GazetteerPlugin(WorkerPlugin):
    """Tells each worker which gazetteer index to open; carries the index files for workers without them."""

    name = _PLUGIN_NAME

    def __init__(self, index: Path, payload: dict[str, bytes] | None = None):
        self.index = str(index)
        self.digest = _digest(index)
        self.payload = payload

    def setup(self, worker) -> None:
        global _worker_index, _worker_extractor
        path = Path(self.index)
        if not (path.exists() and _digest(path) == self.digest):
            if not self.payload:
                raise ClusterError(f"worker {worker.address} has no gazetteer index at {path}")
            folder = Path(worker.local_directory) / "gazetteer"
            folder.mkdir(parents=True, exist_ok=True)
            for name, data in self.payload.items():
                (folder / name).write_bytes(data)
            path = folder / path.name
        self.payload = None  # the bytes are on disk now; do not keep them in the worker's memory
        _worker_index, _worker_extractor = str(path), None


def extract_partition(partition: Partition, defaults: dict, skip: dict[str, str] | None,
                      max_article_bytes: int = MAX_ARTICLE_BYTES) -> list:
    """A worker's task: the partition's articles through the one per-article step of every run."""
    articles = read_partition(partition, defaults, max_article_bytes=max_article_bytes)
    return list(extract_each(articles, _extractor(), skip or {}))


def _extractor():
    """The worker's extractor, opened once per worker process on the index the plugin named."""
    global _worker_extractor
    if _worker_extractor is None:
        from gazetteer import Gazetteer
        from geo_incidents.extraction import Extractor, freeze_loaded

        if _worker_index is None:
            raise ClusterError("the gazetteer plugin did not run on this worker")
        _worker_extractor = Extractor(Gazetteer.open(_worker_index))
        freeze_loaded()
    return _worker_extractor


def extract_distributed(
    inputs: Sequence[str | Path],
    gazetteer,
    skip: dict[str, str],
    *,
    defaults: dict,
    workers: int | None = None,
    scheduler: str | None = None,
    client: Client | None = None,
    stdin: IO[bytes] | None = None,
    max_article_bytes: int = MAX_ARTICLE_BYTES,
    progress: bool = True,
    partition_bytes: int | None = None,
) -> Iterator[Extraction | ArticleError]:
    """Every article's extraction, in input order, computed on a cluster.

    ``workers`` starts a local cluster of that many processes, ``scheduler`` joins an existing one,
    ``client`` uses a connected client as it is. ``skip`` (article id → content hash) are articles the
    store already holds: workers read them but do not extract them.
    """
    plan: dict = {"stdin": stdin, "defaults": defaults, "max_article_bytes": max_article_bytes}
    if partition_bytes is not None:
        plan["partition_bytes"] = partition_bytes
    partitions = list(plan_partitions(inputs, **plan))
    own = client is None
    cluster = None
    if own:
        client, cluster = connect(workers=workers, scheduler=scheduler)
    try:
        print(f"dask: {len(partitions)} partitions on {_describe(client)}", file=sys.stderr)
        yield from _gather_in_order(client, partitions, gazetteer, skip, (defaults, max_article_bytes), progress)
    finally:
        if own:
            client.close()
            if cluster is not None:
                cluster.close()


def connect(*, workers: int | None = None, scheduler: str | None = None) -> tuple[Client, object]:
    """A client of a new local cluster of ``workers`` processes, or of the scheduler at ``scheduler``."""
    if not log.isEnabledFor(logging.DEBUG):  # Dask's own INFO lines only with --verbose
        logging.getLogger("distributed").setLevel(logging.WARNING)
        logging.getLogger("bokeh").setLevel(logging.ERROR)  # warns of the dashboard's origin check
    if scheduler is not None:
        try:
            return Client(scheduler, timeout="20s"), None
        except (OSError, TimeoutError) as exc:
            raise ClusterError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
    if workers is None or workers < 1:
        raise ClusterError("--workers takes a whole number of at least 1")
    cluster = LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address="127.0.0.1:0",
        silence_logs=logging.ERROR,
    )
    return Client(cluster), cluster


def _describe(client: Client) -> str:
    info = client.scheduler_info()
    threads = sum(w.get("nthreads", 1) for w in info.get("workers", {}).values())
    link = getattr(client, "dashboard_link", None)
    where = f"{len(info.get('workers', {}))} workers ({threads} threads)"
    return f"{where}; dashboard {link}" if link else where


def _gather_in_order(client: Client, partitions: list[Partition], gazetteer, skip: dict[str, str],
                     reading: tuple[dict, int], progress: bool) -> Iterator[Extraction | ArticleError]:
    with _index_for_workers(gazetteer) as index:
        shipped = _files_of_index(index) if not _is_local(client) else None
        client.register_plugin(GazetteerPlugin(index, shipped), name=_PLUGIN_NAME)
        [skip_on_workers] = client.scatter([skip], broadcast=True) if skip else [None]
        threads = max(1, sum(client.nthreads().values()))
        window: deque = deque()
        bar = tqdm(total=len(partitions), desc="partitions", unit=" part", disable=not progress, file=sys.stderr)
        try:
            for partition in partitions:
                window.append((partition, client.submit(
                    extract_partition, partition, reading[0], skip_on_workers, reading[1], pure=False, retries=1,
                )))
                while len(window) >= threads * IN_FLIGHT_PER_THREAD:
                    yield from _result(*window.popleft())
                    bar.update()
            while window:
                yield from _result(*window.popleft())
                bar.update()
        finally:
            bar.close()
            for _, future in window:
                future.cancel()


def _result(partition: Partition, future) -> list:
    """A partition's outcomes; a partition that failed as a whole is one error naming it."""
    try:
        return future.result()
    except Exception as exc:
        log.debug("partition %s failed", partition.label, exc_info=True)
        return [ArticleError(partition.label, f"partition failed on the cluster: {exc!r}")]


@contextlib.contextmanager
def _index_for_workers(gazetteer) -> Iterator[Path]:
    """The gazetteer's index file; an in-memory gazetteer is saved to a temporary file for the run."""
    path = getattr(gazetteer.store, "path", None)
    if path is not None:
        yield Path(path)
        return
    with tempfile.TemporaryDirectory(prefix="geo-incidents-gazetteer-") as tmp:
        target = Path(tmp) / "gazetteer.sqlite"
        gazetteer.store.save_as(target)
        yield target


def _files_of_index(index: Path) -> dict[str, bytes]:
    """The index and the name pickle beside it (``<index>.names.pickle``), for workers on other machines."""
    files = {index.name: index.read_bytes()}
    names = index.with_name(index.name + ".names.pickle")
    if names.exists():
        files[names.name] = names.read_bytes()
    return files


def _is_local(client: Client) -> bool:
    """Whether every worker runs on this machine (and so sees this machine's files)."""
    import socket

    here = {"127.0.0.1", "localhost", "::1", socket.gethostname()}
    with contextlib.suppress(OSError):
        here.add(socket.gethostbyname(socket.gethostname()))
    hosts = {worker.get("host", "") for worker in client.scheduler_info()["workers"].values()}
    return bool(hosts) and hosts <= here


def _digest(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
