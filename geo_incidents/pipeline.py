"""The main job: articles in, a store, exports and day maps out.

``run`` streams articles in batches so memory stays flat over large archives, skips articles
whose content hash the store already holds (re-runs are idempotent and cheap), keeps going past
broken articles (each is reported with its origin and reason), and only then writes the exports
and maps from the store, so the outputs always describe the store's complete state.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO, TYPE_CHECKING

from gazetteer.atomic import remove_stale_temporaries
from geo_incidents.article_step import Extraction, extract_each, is_known
from geo_incidents.io.articles import MAX_ARTICLE_BYTES, ArticleError
from geo_incidents.model import Article, EventType, Incident

if TYPE_CHECKING:
    import geopandas as gpd
    import numpy as np

log = logging.getLogger(__name__)

STORE_NAME = "incidents.gpkg"
BATCH_SIZE = 500


@dataclass
class RunSummary:
    """What a run did, for the closing summary and the exit code."""

    articles_read: int = 0
    articles_known: int = 0
    articles_failed: list[tuple[str, str]] = field(default_factory=list)  # (origin, reason)
    incidents_new: int = 0
    incidents_by_type: Counter = field(default_factory=Counter)
    unresolved_places: Counter = field(default_factory=Counter)
    unlocated_incidents: int = 0
    outputs: dict[str, Path] = field(default_factory=dict)
    #: Analysts' corrections whose incident is no longer in the store (e.g. after a lexicon change).
    corrections_orphaned: list[dict] = field(default_factory=list)
    #: The output folder already held the exports and maps of the store's state: nothing was rewritten.
    outputs_unchanged: bool = False

    @property
    def processed_anything(self) -> bool:
        return self.articles_read > 0

    def format(self) -> str:
        lines = [
            f"articles read: {self.articles_read} "
            f"(already in the store: {self.articles_known}, failed: {len(self.articles_failed)})",
        ]
        for origin, reason in self.articles_failed[:20]:
            lines.append(f"  skipped {origin}: {reason}")
        if len(self.articles_failed) > 20:
            lines.append(f"  … and {len(self.articles_failed) - 20} more")
        lines.append(f"new incidents: {self.incidents_new}")
        for event_type, count in self.incidents_by_type.most_common():
            lines.append(f"  {event_type}: {count}")
        if self.unlocated_incidents:
            lines.append(f"incidents without a mappable place: {self.unlocated_incidents}")
        if self.unresolved_places:
            from geo_incidents.extraction.unresolved import spellings_merged

            top = ", ".join(f"{name} ({n})" for name, n in spellings_merged(self.unresolved_places).most_common(10))
            lines.append(f"places unresolved: {sum(self.unresolved_places.values())} — {top}")
        else:
            lines.append("places unresolved: 0")
        if self.corrections_orphaned:
            lines.append(f"corrections whose incident is gone: {len(self.corrections_orphaned)} "
                         "(see geo-incidents review STORE)")
            for item in self.corrections_orphaned[:10]:
                lines.append(f"  {item['incident_id']}: {item['action']} by {item['author']}")
        if self.outputs_unchanged:
            lines.append("exports and maps: unchanged (the store did not change since they were written)")
        for name, path in self.outputs.items():
            lines.append(f"{name}: {path}")
        return "\n".join(lines)

    def to_dict(self) -> dict:
        """The summary as a JSON-ready document (``run --json``)."""
        from geo_incidents.extraction.unresolved import spellings_merged

        return {
            "articles_read": self.articles_read,
            "articles_known": self.articles_known,
            "articles_failed": [{"origin": origin, "reason": reason} for origin, reason in self.articles_failed],
            "incidents_new": self.incidents_new,
            "incidents_by_type": dict(self.incidents_by_type.most_common()),
            "unlocated_incidents": self.unlocated_incidents,
            "unresolved_places": dict(spellings_merged(self.unresolved_places).most_common()),
            "outputs": {name: str(path) for name, path in self.outputs.items()},
            "corrections_orphaned": self.corrections_orphaned,
            "outputs_unchanged": self.outputs_unchanged,
        }


def run(
    inputs: Sequence[str | Path],
    out_dir: str | Path,
    *,
    gazetteer=None,
    defaults: dict | None = None,
    store_url: str | None = None,
    maps_assets: str = "local",
    tiles: str = "none",
    write_maps: bool = True,
    reextract: bool = False,
    progress: bool = True,
    stdin: IO[bytes] | None = None,
    max_article_bytes: int = MAX_ARTICLE_BYTES,
    workers: int | None = None,
    scheduler: str | None = None,
) -> RunSummary:
    """Read ``inputs``, extract incidents into the store, then write exports and day maps to ``out_dir``.

    ``defaults`` fills article metadata the input lacks (e.g. ``{"published": date(2025, 12, 24)}``).
    ``store_url`` selects another store (a PostGIS URL); by default ``out_dir/incidents.gpkg``.
    An article already stored with the same content is skipped unless ``reextract`` (after a lexicon
    or gazetteer change); an article whose content changed is always extracted again, and incidents
    that only it reported and that it no longer yields are removed. An article's id is its given
    id or url, else a hash of its content (see :mod:`geo_incidents.io.articles`); articles stored by
    earlier versions under positional ids are moved to their new id when delivered again.
    ``max_article_bytes`` bounds one article: larger ones are split at paragraph breaks or refused.

    ``workers`` runs the extraction on a local Dask cluster of that many processes, ``scheduler`` on an
    existing one (``tcp://host:8786``); merging and writing stay here, in input order, so the result is
    the one a run in one process gives.
    """
    from geo_incidents.io.articles import read_articles
    from geo_incidents.store import open_store

    if workers is not None and scheduler is not None:
        raise ValueError("give workers or scheduler, not both")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    summary = RunSummary()
    extractor = None  # made for the first article to extract: a re-run of stored articles loads no gazetteer
    lock = _lock_folder(out)  # a second run into this folder waits here, then goes on
    try:
        remove_stale_temporaries(out, recursive=True)  # what a killed run of ours left
        store = open_store(store_url or str(out / STORE_NAME))
    except BaseException:
        lock.close()
        raise
    try:
        known: dict[str, str] = {}  # id -> stored content hash, of the articles at hand only
        seen = _SeenIds()
        batch: list[tuple[Article, list[Incident]]] = []
        renames: list[tuple[str, Article]] = []
        unresolved: Counter = Counter()  # the batch's place names no gazetteer entry matched, kept in its runs row
        stdin = stdin if stdin is not None else _stdin()
        if workers is None and scheduler is None:
            items = read_articles(list(inputs), stdin=stdin, defaults=defaults or {},
                                  max_article_bytes=max_article_bytes)
            if progress:
                from tqdm import tqdm

                items = tqdm(items, desc="articles", unit=" art", file=sys.stderr)
        else:
            from gazetteer import Gazetteer
            from geo_incidents.distributed import extract_distributed

            gz = gazetteer if gazetteer is not None else Gazetteer.default()
            items = extract_distributed(
                list(inputs), gz, {} if reextract else store.article_hashes(), defaults=defaults or {},
                workers=workers, scheduler=scheduler, stdin=stdin, max_article_bytes=max_article_bytes,
                progress=progress,
            )
        for chunk in _chunks(items, BATCH_SIZE):
            # What the store holds of this chunk's articles, looked up by id: memory and time per article stay
            # the same however large the store grows. Entries of articles still waiting in the batch are kept.
            pending = {article.id for article, _ in batch} | {article.id for _, article in renames}
            known = {key: value for key, value in known.items() if key in pending}
            articles = [_article_of(result) for result in chunk]
            wanted = [key for article in articles if not isinstance(article, ArticleError)
                      for key in (article.id, article.legacy_id) if key]
            known.update(store.article_hashes(wanted))
            repeated = seen.check_and_add([a.id for a in articles if not isinstance(a, ArticleError)])
            for result, item in zip(chunk, articles, strict=True):
                if isinstance(item, ArticleError):
                    summary.articles_failed.append((item.origin, item.reason))
                    continue
                summary.articles_read += 1
                if item.id in repeated:  # the same article twice in one delivery
                    summary.articles_known += 1
                    continue
                repeated.add(item.id)
                if item.id not in known and _stored_under_legacy_id(item, known):
                    renames.append((item.legacy_id, item))
                    known[item.id] = known.pop(item.legacy_id)
                    if not reextract:
                        summary.articles_known += 1
                        continue
                if is_known(item, known) and not reextract:
                    summary.articles_known += 1
                    continue
                if not (isinstance(result, Extraction) and result.extracted):  # not done on a worker: do it here
                    if extractor is None:
                        extractor = _extractor(gazetteer)
                    result = next(extract_each([item], extractor, {}))
                if result.error is not None:
                    summary.articles_failed.append((item.origin or item.id, result.error))
                    continue
                summary.unresolved_places.update(result.unresolved)
                unresolved.update(result.unresolved)
                batch.append((item, result.incidents))
                if len(batch) >= BATCH_SIZE:
                    _write_batch(store, batch, summary, known=known, renames=renames, command=_command_line(),
                                 unresolved=unresolved)
                    batch, renames, unresolved = [], [], Counter()
        if batch or renames:
            _write_batch(store, batch, summary, known=known, renames=renames, command=_command_line(),
                         unresolved=unresolved)
        if store.has_corrections():  # probed first: reading the (usually empty) layer would load pandas
            summary.corrections_orphaned = [
                {key: row[key] for key in ("correction_id", "incident_id", "action", "author", "note")}
                for row in store.orphaned_corrections().to_dict("records")
            ]
        _write_outputs(store, out, summary, write_maps=write_maps, assets=maps_assets, tiles=tiles,
                       progress=progress)
    finally:
        store.close()
        lock.close()
    return summary


LOCK_NAME = ".geo-incidents.lock"


def _lock_folder(out: Path) -> IO:
    """Hold the output folder for this run: a second run into it waits for the first, then goes on.

    An exclusive ``flock`` on ``out/.geo-incidents.lock``; the system releases it when the process ends,
    so a killed run never leaves the folder locked. Where ``flock`` does not exist (Windows) the store's
    own write transactions still keep two runs from mixing their batches.
    """
    handle = open(out / LOCK_NAME, "a+b")  # noqa: SIM115 - held for the run, closed by the caller
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        return handle
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        log.warning("another run is writing %s; waiting for it to finish", out)
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
    return handle


def _extractor(gazetteer=None):
    """The extractor of a run, on ``gazetteer`` or the bundled default one (loaded here, on first need);
    what is loaded then lives as long as the run (:func:`~geo_incidents.extraction.freeze_loaded`)."""
    from gazetteer import Gazetteer
    from geo_incidents.extraction import Extractor, freeze_loaded

    extractor = Extractor(gazetteer if gazetteer is not None else Gazetteer.default())
    freeze_loaded()
    return extractor


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _article_of(result: Extraction | Article | ArticleError) -> Article | ArticleError:
    return result.article if isinstance(result, Extraction) else result


class _SeenIds:
    """The article ids a run has met, in 8 bytes each: a run over millions of reports keeps them all to
    recognise an article delivered twice, without its memory growing with Python objects per id.

    Ids are kept as 64-bit BLAKE2b digests in sorted arrays that merge as they double (so adding n ids
    costs O(n log n) in all), up to :data:`LEVEL_MAX` digests an array: a merge needs about four times its
    arrays' size for a moment, so unbounded merges made the run's peak memory rise above its steady state by
    about 32 bytes an id met (some 40 MB at 700,000 reports, more with every doubling). Two different ids
    share a digest with odds of about n²/2⁶⁵. The first :data:`SMALL` digests sit in a plain set (a few MB at
    most): a run of a few thousand reports, or a re-run that writes nothing, never loads numpy.
    """

    SMALL = 65_536
    #: digests an array holds at most (2 MB): a merge's passing peak stays under 10 MB however long the run;
    #: a look-up searches one array per 131,072–262,144 ids met (a few µs a report at ten million).
    LEVEL_MAX = 262_144

    def __init__(self) -> None:
        self._levels: list[np.ndarray] = []
        self._small: set[int] | None = set()

    @staticmethod
    def _digest(key: str) -> int:
        return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "little")

    def check_and_add(self, ids: list[str]) -> set[str]:
        """The ids of ``ids`` met before this call (not counting repeats within ``ids``); all are added."""
        if not ids:
            return set()
        if self._small is not None:
            small = self._small
            met = {i for i in ids if self._digest(i) in small}
            small.update(self._digest(i) for i in ids)
            if len(small) > self.SMALL:  # from here on, sorted arrays of 8 bytes an id
                import numpy as np

                self._levels.append(np.array(sorted(small), dtype=np.uint64))
                self._small = None
            return met
        import numpy as np

        digests = np.array([self._digest(i) for i in ids], dtype=np.uint64)
        met = np.zeros(len(ids), dtype=bool)
        for level in self._levels:
            at = np.searchsorted(level, digests)
            inside = at < len(level)
            met[inside] |= level[at[inside]] == digests[inside]
        new = np.unique(digests)
        while (self._levels and len(self._levels[-1]) <= len(new)
               and len(self._levels[-1]) + len(new) <= self.LEVEL_MAX):  # fmt: skip
            new = np.union1d(self._levels.pop(), new)
        self._levels.append(new)
        return {i for i, hit in zip(ids, met, strict=True) if hit}


def _stdin() -> IO[bytes] | None:
    """stdin's byte stream, or None when stdin is closed (``<&-``)."""
    stream = sys.stdin
    return None if stream is None or stream.closed else stream.buffer


def _stored_under_legacy_id(article: Article, known: dict[str, str]) -> bool:
    """The article is in a store written before ids came from content, under its positional id."""
    if not article.legacy_id or article.legacy_id not in known:
        return False
    return known[article.legacy_id] == replace(article, id=article.legacy_id).content_hash


def _write_batch(
    store,
    batch: list[tuple[Article, list[Incident]]],
    summary: RunSummary,
    *,
    known: dict[str, str],
    renames: list[tuple[str, Article]] = (),
    command: str,
    unresolved: Counter | None = None,
) -> None:
    """Merge the batch's incidents with those stored for the same days, reading and writing in one transaction.

    Holding the writer lock from the first read to the commit means a second run writing the same
    store waits, then merges with what the first one wrote: the result equals running them in turn.
    """
    started = datetime.now(UTC)
    with store.writing():
        store.rename_articles(renames)
        current = store.article_hashes([article.id for article, _ in batch])
        # Another run may have stored some of these articles since this run started: they are known now.
        fresh_batch = []
        for article, incidents in batch:
            if article.id not in known and is_known(article, current):
                summary.articles_known += 1
            else:
                fresh_batch.append((article, incidents))
        known.update(current)
        if fresh_batch:
            _merge_and_write(store, fresh_batch, summary, known=current, command=command, started=started,
                             unresolved=unresolved)
        elif renames:  # the store changed (article ids in incidents): a runs row says so, as for any write
            store.write_batch([], None, run={"started": started.isoformat(), "finished": datetime.now(UTC).isoformat(),
                                             "command": command, "renamed": len(renames)})


def _merge_and_write(
    store, batch, summary: RunSummary, *, known: dict[str, str], command: str, started,
    unresolved: Counter | None = None,
) -> None:
    from geo_incidents.extraction import merge_incidents
    from geo_incidents.extraction.merge import merge_key
    from geo_incidents.frame import incidents_to_frame
    from maps.frontlines import WINDOW_DAYS

    articles = [article for article, _ in batch]
    new = [incident for _, incidents in batch for incident in incidents]
    reextracted = {article.id for article in articles if article.id in known}
    kept, withdrawn = _withdraw_articles(store, reextracted)
    retired = {inc.incident_id for inc in withdrawn}
    stored_before = retired | {inc.incident_id for inc in kept}
    # Only incidents that could merge with the batch's: the same merge key (type, sub-type, day, place).
    keys = {merge_key(inc) for inc in new + kept if inc.event_date is not None}
    existing = store.incidents_with_keys(keys) if keys else []
    existing = [_without_articles(inc, reextracted) for inc in existing]
    existing = [inc for inc in existing if inc.article_ids and inc.incident_id not in retired]
    existing_ids = {inc.incident_id for inc in existing}
    merged = merge_incidents(existing + new)
    merged_ids = {inc.incident_id for inc in merged}
    # A merged incident takes the id of its earliest article, so a stored one may come back under a new id.
    retired = (retired | existing_ids) - merged_ids
    # Analysts' corrections first, so that frontlines rest on corrected clashes (the store applies them
    # again when writing, in the same transaction; applying twice changes nothing). Without corrections the
    # store writes the records themselves: a table would load pandas and cost more than a small batch's rows.
    if store.has_corrections():
        written, _ = store.apply_corrections(incidents_to_frame(merged))
    else:
        written = merged
    # New: not stored before under the same id (a re-extracted article's incidents are not new again).
    fresh = [inc for inc in merged if inc.incident_id not in existing_ids | stored_before]
    summary.incidents_new += len(fresh)
    summary.incidents_by_type.update(inc.event_type for inc in fresh)
    summary.unlocated_incidents += sum(1 for inc in fresh if inc.geometry is None)
    # Frontlines are estimated again only for the days whose clashes this batch adds or changes.
    clash_days = sorted({
        inc.event_date for inc in merged + withdrawn if inc.event_type == EventType.BATTLES and inc.event_date
    })
    # An estimate for day D rests on the clashes of the window ending on D: a clash changes the estimates of its
    # day and of the window's days after it, and those read the clashes of their whole window.
    clash_days = sorted({d + timedelta(days=k) for d in clash_days for k in range(WINDOW_DAYS)})
    window_days = sorted({d - timedelta(days=k) for d in clash_days for k in range(WINDOW_DAYS)})
    frontlines = None
    if clash_days:
        clashes = _clashes_of_the_days(store, written, window_days, merged_ids | retired)
        frontlines = [] if clashes is None else _estimate_frontlines(clashes, clash_days)
    store.write_batch(
        articles,
        written,
        frontlines=frontlines,
        retired=sorted(retired),
        frontline_days=clash_days,
        run={
            "started": started.isoformat(),
            "finished": datetime.now(UTC).isoformat(),
            "command": command,
            "articles": len(articles),
            "incidents": len(fresh),
            "unresolved": dict(unresolved or {}),
        },
    )


def _clashes_of_the_days(
    store, batch: gpd.GeoDataFrame | list[Incident], dates: list, replaced: set[str]
) -> gpd.GeoDataFrame | None:
    """Every armed clash on the batch's days, stored or new: a day's estimated frontline uses them all.

    Only the columns the estimate reads: the stored clashes come as records, and a table of every column
    per batch cost more than the estimate. None when they are fewer than any estimate needs (no line can be
    drawn, and no table is built)."""
    from geo_incidents.frame import CRS
    from maps.frontlines import ESTIMATE_COLUMNS, MIN_CLASHES

    battles = EventType.BATTLES
    stored = [inc for inc in store.incident_records("incidents", {"event_date": dates, "event_type": battles})
              if inc.incident_id not in replaced]
    if isinstance(batch, list):  # records: no analyst's correction in this store, so none is rejected
        fresh = [inc for inc in batch if inc.event_type == battles]
        if len(stored) + len(fresh) < MIN_CLASHES:
            return None
        records = stored + fresh
        columns = {name: [getattr(inc, name) for inc in records] for name in ESTIMATE_COLUMNS}
        geoms, crs = [inc.geometry for inc in records], CRS
    else:
        fresh = batch[batch["event_type"] == battles]
        if "rejected" in fresh:  # an analyst said it is not a clash
            fresh = fresh[~fresh["rejected"].fillna(False).astype(bool)]
        if len(stored) + len(fresh) < MIN_CLASHES:
            return None
        columns = {name: [getattr(inc, name) for inc in stored] + fresh[name].tolist() for name in ESTIMATE_COLUMNS}
        geoms, crs = [inc.geometry for inc in stored] + list(fresh.geometry.to_numpy()), batch.crs
    import geopandas as gpd

    return gpd.GeoDataFrame(columns, geometry=gpd.GeoSeries(geoms, crs=crs), crs=crs)


def _estimate_frontlines(clashes: gpd.GeoDataFrame, days: list) -> gpd.GeoDataFrame:
    from maps.frontlines import estimate_frontlines

    return estimate_frontlines(clashes, days=days)


def _withdraw_articles(store, article_ids: set[str]) -> tuple[list[Incident], list[Incident]]:
    """Stored incidents of re-extracted articles: those other articles still report, and those to retire."""
    if not article_ids:
        return [], []
    from geo_incidents.frame import frame_to_incidents

    kept, retired = [], []
    for incident in frame_to_incidents(store.incidents_for_articles(article_ids)):
        remaining = _without_articles(incident, article_ids)
        (kept if remaining.article_ids else retired).append(remaining)
    return kept, retired


def _without_articles(incident: Incident, article_ids: set[str]) -> Incident:
    if article_ids.isdisjoint(incident.article_ids):
        return incident
    incident.article_ids = [a for a in incident.article_ids if a not in article_ids]
    return incident


#: What the last run wrote into the output folder, and from which state of the store (see :func:`_write_outputs`).
OUTPUTS_STAMP = ".geo-incidents-outputs.json"


def _write_outputs(
    store, out: Path, summary: RunSummary, *, write_maps: bool, assets: str, tiles: str, progress: bool = False
) -> None:
    """GeoJSON layers and day maps from the store's complete state.

    Skipped when the folder already holds them for this very state of the store (the stamp file names the
    store's revision, the map options, the map code's signature and the files written; every file must still
    be there): a re-run that adds nothing rewrites nothing, and new map code draws the pages again. A run
    killed before the stamp is written leaves the old stamp, whose revision no longer matches, so the next
    run writes everything again.
    """
    from maps.manifest import pages_intact, renderer_signature

    revision = {"store": store.location, "revision": store.revision()}
    maps_options = {"assets": assets, "tiles": tiles} if write_maps else None
    renderer = renderer_signature() if write_maps else None
    stamp = _read_stamp(out / OUTPUTS_STAMP)
    if (
        stamp.get("state") == revision
        # every day page as written, too: a page deleted by hand is drawn again; new map code draws them all
        and (maps_options is None or (stamp.get("maps") == maps_options and stamp.get("renderer") == renderer
                                      and pages_intact(out / "maps")))
        and all((out / name).exists() for name in stamp.get("outputs", {}).values())
    ):
        summary.outputs.update({name: out / path for name, path in stamp["outputs"].items()})
        summary.outputs["store"] = Path(store.path) if hasattr(store, "path") else store.location
        summary.outputs_unchanged = True
        return
    from gazetteer.atomic import write_bytes_atomic
    from geo_incidents.export import export_store_geojson

    (out / OUTPUTS_STAMP).unlink(missing_ok=True)  # until the new outputs are complete
    written: dict[str, Path] = {}
    for path in export_store_geojson(store, out, progress=progress):
        written[path.stem] = path
    if write_maps:
        import maps

        # plain columns, not tables: a run's pages load neither pandas nor geopandas
        incidents, closures, frontlines, control = (
            _map_rows(store, name) for name in ("incidents", "road_closures", "frontlines", "control_areas"))
        pages = maps.write_day_pages(
            _mappable(incidents), out / "maps", closures=_mappable(closures), frontlines=frontlines,
            control=control if len(control) else None, assets=assets, tiles=tiles, title="geo-incidents",
            progress=progress,
        )
        written["maps"] = Path(getattr(pages, "index", out / "maps" / "index.html"))
    summary.outputs.update(written)
    summary.outputs["store"] = Path(store.path) if hasattr(store, "path") else store.location
    relative = {name: os.path.relpath(path, out) for name, path in written.items()}
    document = {"state": revision, "maps": maps_options, "renderer": renderer, "outputs": relative}
    write_bytes_atomic(out / OUTPUTS_STAMP, json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8"))


def _read_stamp(path: Path) -> dict:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return document if isinstance(document, dict) else {}


def _map_rows(store, name: str):
    """One layer of the store as :class:`maps.rows.Rows` (as ``store.read`` gives it, without the table)."""
    import numpy as np
    import shapely

    from maps.rows import Rows

    columns, wkb = store.columns(name)
    return Rows(columns, None if wkb is None else shapely.from_wkb(np.asarray(wkb, dtype=object)))


def _mappable(rows):
    """The rows that have a geometry."""
    from maps.rows import located_rows

    return rows if len(rows) == 0 else located_rows(rows)


def _command_line() -> str:
    return " ".join(["geo-incidents", *sys.argv[1:]])[:1000]


def iter_incidents(articles: Iterable[Article], gazetteer=None) -> Iterable[Incident]:
    """Extract incidents from articles already in memory, without a store (notebooks, tests)."""
    extractor = _extractor(gazetteer)
    for article in articles:
        yield from extractor.extract(article)
