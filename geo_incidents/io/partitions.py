"""Inputs cut into partitions that workers read on their own, so no process holds the corpus.

A partition names where its articles are, not the articles themselves: a byte range of a JSON-lines
file (cut at line ends, with the number of its first line, so origins read ``file:line`` exactly as
in a one-process run), some row groups of a Parquet file, or a few whole files. Only standard input,
which a worker cannot open, travels as the articles themselves. Reading the partitions in order gives
the articles of :func:`geo_incidents.io.articles.read_articles`, in the same order.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from geo_incidents.io.articles import (
    EXTENSIONS,
    HEAD_BYTES,
    MAX_ARTICLE_BYTES,
    ArticleError,
    read_articles,
    read_jsonl_range,
    read_parquet_rows,
)
from geo_incidents.model import Article

#: A JSON-lines partition holds about this many bytes (a few thousand short reports).
PARTITION_BYTES = 1 << 20
#: Small files (.txt, .json) go to workers this many at a time.
FILES_PER_PARTITION = 200
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


@dataclass(frozen=True)
class Partition:
    """Where one share of the input is: ``kind`` is ``lines`` (a byte range of a JSON-lines file),
    ``rows`` (row groups of a Parquet file), ``files`` (whole files) or ``articles`` (already read)."""

    kind: str
    paths: tuple[str, ...] = ()
    start: int = 0
    end: int = 0
    first_line: int = 1
    row_groups: tuple[int, ...] = ()
    articles: tuple[Article | ArticleError, ...] = field(default=(), repr=False)

    @property
    def label(self) -> str:
        if self.kind == "lines":
            return f"{self.paths[0]}:{self.first_line}+"
        if self.kind == "rows":
            return f"{self.paths[0]} row groups {self.row_groups[0]}–{self.row_groups[-1]}"
        if self.kind == "files":
            return f"{self.paths[0]} (+{len(self.paths) - 1} files)" if len(self.paths) > 1 else self.paths[0]
        return f"<stdin> ({len(self.articles)} articles)"


def plan_partitions(
    inputs: Sequence[str | Path],
    *,
    stdin: BinaryIO | None = None,
    defaults: dict | None = None,
    max_article_bytes: int = MAX_ARTICLE_BYTES,
    partition_bytes: int = PARTITION_BYTES,
    files_per_partition: int = FILES_PER_PARTITION,
) -> Iterator[Partition]:
    """Partitions of ``inputs`` in reading order. JSON-lines files are scanned for line ends, a block at
    a time; a missing input is a partition of one error, as :func:`read_articles` reports it."""
    for item in inputs:
        if str(item) == "-":
            yield from _stdin_partitions(stdin, defaults or {}, max_article_bytes, files_per_partition * 10)
            continue
        path = Path(item)
        if not path.exists():
            yield Partition("articles", articles=tuple(read_articles([path])))
            continue
        files = _files_of(path) if path.is_dir() else [path]
        small: list[str] = []
        for file in files:
            suffix = file.suffix.lower()
            if suffix in (".jsonl", ".parquet"):
                if small:
                    yield Partition("files", tuple(small))
                    small = []
                yield from (_line_ranges(file, partition_bytes) if suffix == ".jsonl" else _row_groups(file))
            else:
                small.append(str(file))
                if len(small) >= files_per_partition:
                    yield Partition("files", tuple(small))
                    small = []
        if small:
            yield Partition("files", tuple(small))


def read_partition(
    partition: Partition, defaults: dict | None = None, *, max_article_bytes: int = MAX_ARTICLE_BYTES
) -> Iterator[Article | ArticleError]:
    """The articles of one partition, as a one-process run reads them."""
    if partition.kind == "articles":
        yield from partition.articles
    elif partition.kind == "files":
        yield from read_articles(partition.paths, defaults=defaults, max_article_bytes=max_article_bytes)
    elif partition.kind == "rows":
        yield from read_parquet_rows(partition.paths[0], defaults, partition.row_groups,
                                     max_article_bytes=max_article_bytes)
    elif partition.kind == "lines":
        yield from read_jsonl_range(partition.paths[0], partition.start, partition.end, partition.first_line,
                                    defaults, max_article_bytes=max_article_bytes)
    else:
        raise ValueError(f"unknown partition kind: {partition.kind!r}")


def _files_of(folder: Path) -> list[Path]:
    """The files :func:`read_articles` reads from a folder, in its order."""
    return sorted(
        p for p in folder.rglob("*")
        if p.is_file() and p.suffix.lower() in EXTENSIONS
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


def _line_ranges(path: Path, partition_bytes: int) -> Iterator[Partition]:
    """Byte ranges of about ``partition_bytes`` ending at a line end, each with its first line number."""
    with open(path, "rb") as fh:
        head = fh.read(2)
        if head.startswith(_UTF16_BOMS):  # two-byte newlines: read whole, like the one-process reader
            yield Partition("files", (str(path),))
            return
        fh.seek(0)
        start, line, position = 0, 1, 0
        lines_in_range = 0
        while True:
            block = fh.read(HEAD_BYTES)
            if not block:
                break
            cut = 0
            while True:
                newline = block.find(b"\n", cut)
                if newline < 0:
                    break
                lines_in_range += 1
                cut = newline + 1
                end = position + cut
                if end - start >= partition_bytes:
                    yield Partition("lines", (str(path),), start=start, end=end, first_line=line)
                    start, line, lines_in_range = end, line + lines_in_range, 0
            position += len(block)
        if position > start:
            yield Partition("lines", (str(path),), start=start, end=position, first_line=line)


def _row_groups(path: Path) -> Iterator[Partition]:
    import pyarrow.parquet as pq

    try:
        groups = pq.ParquetFile(path).metadata.num_row_groups
    except Exception:  # the reader reports a damaged file with its name
        yield Partition("files", (str(path),))
        return
    for group in range(groups):
        yield Partition("rows", (str(path),), row_groups=(group,))


def _stdin_partitions(stdin: BinaryIO | None, defaults: dict, max_article_bytes: int, size: int
                      ) -> Iterator[Partition]:
    """Standard input is read here (a worker cannot open it) and sent in slices of ``size`` articles."""
    chunk: list[Article | ArticleError] = []
    for article in read_articles(["-"], stdin=stdin, defaults=defaults, max_article_bytes=max_article_bytes):
        chunk.append(article)
        if len(chunk) >= size:
            yield Partition("articles", articles=tuple(chunk))
            chunk = []
    if chunk:
        yield Partition("articles", articles=tuple(chunk))


def read_partitions(
    partitions: Iterable[Partition], defaults: dict | None = None, *, max_article_bytes: int = MAX_ARTICLE_BYTES
) -> Iterator[Article | ArticleError]:
    """Every article of ``partitions`` in order (what a one-process run would read)."""
    for partition in partitions:
        yield from read_partition(partition, defaults, max_article_bytes=max_article_bytes)
