"""The one per-article step of every run: an article to its incidents, or to the reason it has none.

A run does it in its own process (:mod:`geo_incidents.pipeline`) or on a cluster's workers
(:mod:`geo_incidents.distributed`); both call :func:`extract_each`, so both give the same incidents.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from geo_incidents.io.articles import ArticleError
from geo_incidents.model import Article, Incident

log = logging.getLogger(__name__)


def is_known(article: Article, known: dict[str, str]) -> bool:
    """Stored already: the same id with the same content, or a content-derived id (which is the content)."""
    stored = known.get(article.id)
    return stored is not None and (stored == article.content_hash or article.derived_id)


@dataclass(slots=True)
class Extraction:
    """One article's outcome: its incidents (``None`` when not extracted: known already, or failed)."""

    article: Article
    incidents: list[Incident] | None
    unresolved: tuple[str, ...] = ()
    error: str | None = None

    @property
    def extracted(self) -> bool:
        return self.incidents is not None or self.error is not None


def extract_each(
    items: Iterable[Article | ArticleError], extractor, skip: dict[str, str]
) -> Iterator[Extraction | ArticleError]:
    """Extract every article that ``skip`` (id → content hash, the store's articles) does not hold already.

    The one per-article step of every run, in this process or on a cluster's workers, so both give the
    same incidents. A failure is reported on its article, never raised: one broken article never aborts a batch.
    """
    for item in items:
        if isinstance(item, ArticleError):
            yield item
            continue
        if is_known(item, skip):
            yield Extraction(item, None)
            continue
        try:
            incidents = extractor.extract(item)
        except Exception as exc:
            # One line each in the summary; the traceback only with --verbose (it may repeat thousands of times).
            log.debug("extraction failed for %s", item.origin or item.id, exc_info=True)
            yield Extraction(item, None, error=f"extraction failed: {exc!r}")
            continue
        yield Extraction(item, incidents, tuple(getattr(extractor, "last_unresolved", None) or ()))
