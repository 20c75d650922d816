"""Read news reports from files, folders and stdin, one :class:`Article` at a time.

Formats: ``.txt`` (title on the first line, optional ``---`` front matter of ``key: value``
lines), ``.json`` (one article or a list), ``.jsonl`` (one a line), ``.parquet`` (one a row, a row
group at a time; columns named as the JSON fields); folders are walked
recursively in sorted order; ``-`` is stdin (format detected).  Encodings are decided, not
guessed: strict UTF-8 (BOM or not), then UTF-16 by its BOM; a UTF-8 text with a few damaged
bytes is read as UTF-8 with those bytes replaced (a warning names the file and byte offset);
Windows-1256 only when the whole file (or JSON line) is Windows-1256, i.e. holds no valid UTF-8
sequence, and the result is mostly Arabic letters.  Text that still comes out garbled (UTF-8
read as a single-byte code page somewhere upstream) is refused rather than stored.

An article's id is its given ``id``, else its ``url``, else a hash of its normalised title and text
(:func:`~geo_incidents.model.content_id`), never its position in a file.  Every problem (bad
JSON, nesting too deep, wrong types, an article above ``max_article_bytes`` with no paragraph
break to split it at, a missing input, a closed stdin) is an :class:`ArticleError` naming the
file and line, and reading goes on with the next article.  Nothing is held beyond the current file.
"""

from __future__ import annotations

import codecs
import io
import itertools
import json
import logging
import re
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import BinaryIO

from geo_incidents.model import Article, content_id

log = logging.getLogger(__name__)

EXTENSIONS = (".txt", ".json", ".jsonl", ".parquet")
#: Bytes read to decide the encoding (and, on stdin, the format) before streaming the rest.
HEAD_BYTES = 1 << 16
KNOWN_FIELDS = ("id", "title", "text", "published", "source", "url")
#: Names a report's date goes by in the exports people feed us (``date`` in most tables, ``pubDate`` in RSS);
#: the first present wins, and a report's own date wins over ``--published``.
DATE_FIELDS = ("published", "date", "published_at", "pubDate")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_LETTER = re.compile(r"[^\W\d_]")
_ARABIC_LETTERS = re.compile("[\u0621-\u064a]")
#: Five of the commonest letters of Arabic prose (all within :data:`_ARABIC_LETTERS`, none ط or ظ).
_COMMON_ARABIC_LETTERS = ("ا", "ل", "ي", "م", "ن")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
#: Articles larger than this (UTF-8 bytes of title and text) are split at paragraph breaks.
MAX_ARTICLE_BYTES = 1_000_000
#: A JSON line or document this many times the article limit is refused before parsing.
_RAW_FACTOR = 8
_PARAGRAPHS = re.compile(r"\n[ \t\u00a0]*\n")
#: UTF-8 Arabic read as Windows-1256 comes out as ط/ظ every other letter; as Latin-1, Ø/Ù.


@dataclass(frozen=True, slots=True)
class ArticleError:
    """An article that could not be read: where (``file:line``) and why."""

    origin: str
    reason: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


class EncodingError(ValueError):
    pass


def read_articles(
    inputs: Iterable[str | Path],
    stdin: BinaryIO | None = None,
    defaults: dict | None = None,
    *,
    max_article_bytes: int = MAX_ARTICLE_BYTES,
) -> Iterator[Article | ArticleError]:
    """Yield every article of every input; a missing input or a closed stdin is an ArticleError too."""
    limits = _Limits(defaults or {}, max_article_bytes)
    for item in inputs:
        if str(item) == "-":
            if stdin is None or getattr(stdin, "closed", False):
                yield ArticleError("<stdin>", "stdin is closed or not readable; nothing read from it")
                continue
            yield from _read_stream(stdin, "<stdin>", limits)
            continue
        path = Path(item)
        if not path.exists():
            yield ArticleError(str(path), "input not found")
            continue
        if path.is_dir():
            files = sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in EXTENSIONS
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            for file in files:
                yield from _read_file(file, limits)
        else:
            yield from _read_file(path, limits)


@dataclass(frozen=True, slots=True)
class _Limits:
    """What every reader needs besides the bytes: metadata defaults and the article size limit."""

    defaults: dict
    max_article_bytes: int


def decode(data: bytes, name: str = "") -> tuple[str, str]:
    """Text and the encoding used.  Raise EncodingError rather than return mojibake.

    ``name`` (file, or file and line) is what the warning about damaged UTF-8 bytes names.
    """
    text, encoding = _decode_text(data, name)
    controls = len(_CONTROL.findall(text))
    if controls and controls > len(text) // 100:
        raise EncodingError(f"binary data ({controls} control characters), not text")
    return text, encoding


def _decode_text(data: bytes, name: str = "", base_offset: int = 0) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        base_offset += 3
        bom = True
    else:
        bom = False
        if data.startswith(_UTF16_BOMS):
            try:
                return data.decode("utf-16"), "utf-16"
            except UnicodeDecodeError as exc:
                raise EncodingError(f"UTF-16 byte order mark but invalid UTF-16 ({exc.reason})") from exc
    try:
        return data.decode("utf-8"), "utf-8-sig" if bom else "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    damaged = _damaged_utf8(data, name, base_offset)
    if damaged is not None or bom:
        return damaged or data.decode("utf-8", errors="replace"), "utf-8"
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError as exc:
        raise EncodingError(f"not UTF-8 ({utf8_error.reason} at byte {utf8_error.start}) nor Windows-1256") from exc
    if len(_CONTROL.findall(text)) > len(text) // 100:
        raise EncodingError(f"binary data, not text (not UTF-8: {utf8_error.reason} at byte {utf8_error.start})")
    letters = _LETTER.findall(text)
    arabic = sum(1 for ch in letters if _ARABIC.match(ch))
    if letters and arabic / len(letters) >= 0.6:
        return text, "cp1256"
    raise EncodingError(
        f"not UTF-8 ({utf8_error.reason} at byte {utf8_error.start}); as Windows-1256 only "
        f"{arabic}/{len(letters)} letters are Arabic, so the encoding is unknown"
    )


def _damaged_utf8(data: bytes, name: str, base_offset: int) -> str | None:
    """UTF-8 with a few bad bytes: the text with those bytes replaced (and a warning), else None.

    A file is UTF-8 when its valid multi-byte sequences far outnumber its bad bytes; a Windows-1256
    file has (almost) no valid UTF-8 sequence at all, since its Arabic letters are single high bytes.
    """
    _BAD_BYTES.offsets = bad = []
    text = data.decode("utf-8", errors="geo-incidents-note")
    valid = sum(1 for ch in text if ord(ch) > 0x7F) - len(bad)
    if not bad or valid < 4 * len(bad):
        return None
    where = ", ".join(str(base_offset + b) for b in bad[:5]) + (" …" if len(bad) > 5 else "")
    log.warning("%s: %d byte(s) not valid UTF-8 replaced by U+FFFD (byte offset %s)", name or "input", len(bad), where)
    return text


_BAD_BYTES = threading.local()


def _note_bad_byte(exc: UnicodeDecodeError) -> tuple[str, int]:
    _BAD_BYTES.offsets.append(exc.start)
    return "\ufffd", exc.end


codecs.register_error("geo-incidents-note", _note_bad_byte)


def _read_file(path: Path, limits: _Limits) -> Iterator[Article | ArticleError]:
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed below, after the generator is drained
    except OSError as exc:
        yield ArticleError(str(path), f"cannot read: {exc.strerror or exc}")
        return
    with fh:
        try:
            if path.suffix.lower() == ".parquet":
                fh.close()  # pyarrow opens the file itself, a row group at a time
                yield from read_parquet_rows(path, limits.defaults, max_article_bytes=limits.max_article_bytes)
            elif path.suffix.lower() == ".jsonl":
                yield from _stream_jsonl(fh, fh.read(HEAD_BYTES), str(path), path.stem, limits)
            else:
                data = fh.read(limits.max_article_bytes * _RAW_FACTOR + 1)
                if len(data) > limits.max_article_bytes * _RAW_FACTOR:
                    yield ArticleError(f"{path}:1", _too_big("file", len(data) + len(fh.read()), limits))
                    return
                yield from _read_bytes(data, str(path), path.suffix.lower(), limits, stem=path.stem)
        except OSError as exc:  # a file that vanishes or fails mid-read: what was read stays read
            yield ArticleError(str(path), f"cannot read: {exc.strerror or exc}")


def _read_stream(stream: BinaryIO, name: str, limits: _Limits) -> Iterator[Article | ArticleError]:
    """stdin: JSON lines are streamed; a single JSON document or a text is read whole."""
    try:
        head = stream.read(HEAD_BYTES)
        if _looks_like_jsonl(head):
            yield from _stream_jsonl(stream, head, name, "stdin", limits)
        else:
            yield from _read_bytes(head + stream.read(), name, "", limits)
    except (OSError, ValueError) as exc:  # closed or unreadable descriptor
        yield ArticleError(name, f"cannot read: {getattr(exc, 'strerror', None) or exc}")


def _too_big(what: str, size: int, limits: _Limits) -> str:
    return (f"{what} of {size:,} bytes is far above the article size limit ({limits.max_article_bytes:,} bytes, "
            "--max-article-bytes); not read")


def _looks_like_jsonl(head: bytes) -> bool:
    if head.startswith(_UTF16_BOMS):
        text = head[: len(head) // 2 * 2].decode("utf-16", errors="replace")
    else:
        try:
            text, _ = _quiet_decode(head[: head.rfind(b"\n") + 1] or head)
        except EncodingError:
            return False
    return _sniff(text) == ".jsonl"


def _quiet_decode(data: bytes) -> tuple[str, str]:
    """:func:`decode` for sniffing only: damaged bytes are not reported (the real read reports them)."""
    level = log.level
    log.setLevel(logging.ERROR)
    try:
        return decode(data)
    finally:
        log.setLevel(level)


def _stream_jsonl(fh: BinaryIO, head: bytes, name: str, stem: str, limits: _Limits):
    """One line at a time, so a file of any size is read in constant memory.

    UTF-16 (known by its BOM) is decoded as a text stream; otherwise each line is decoded on its
    own by :func:`decode`, so one line in a stray encoding is an error for that line only.
    """
    if head.startswith(_UTF16_BOMS):  # two-byte newlines: let Python split the decoded text
        text = io.TextIOWrapper(io.BufferedReader(_Prepended(head, fh)), encoding="utf-16", newline=None)
        lines: Iterable[bytes] = (line.encode("utf-8") for line in text)
    else:
        lines = itertools.chain(io.BytesIO(head + (fh.readline() if len(head) == HEAD_BYTES else b"")), fh)
    yield from _jsonl_lines(lines, name, stem, limits)


def read_jsonl_range(
    path: str | Path, start: int, end: int, first_line: int, defaults: dict | None = None,
    *, max_article_bytes: int = MAX_ARTICLE_BYTES,
) -> Iterator[Article | ArticleError]:
    """The articles of bytes ``start``–``end`` of a UTF-8 JSON-lines file, whose first line is ``first_line``:
    a worker's partition (:mod:`geo_incidents.io.partitions`) gives the articles and origins of the whole file."""
    limits = _Limits(defaults or {}, max_article_bytes)
    path = Path(path)
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed below, after the generator is drained
    except OSError as exc:
        yield ArticleError(f"{path}:{first_line}", f"cannot read: {exc.strerror or exc}")
        return
    with fh:
        fh.seek(start)
        yield from _jsonl_lines(_lines_until(fh, end - start), str(path), path.stem, limits, first_line, start)


def _lines_until(fh: BinaryIO, size: int) -> Iterator[bytes]:
    """The lines of the next ``size`` bytes of ``fh``."""
    while size > 0:
        line = fh.readline(size)
        if not line:
            return
        size -= len(line)
        yield line


def _jsonl_lines(lines: Iterable[bytes], name: str, stem: str, limits: _Limits, first_line: int = 1,
                 offset: int = 0) -> Iterator[Article | ArticleError]:
    """Raw JSON lines numbered from ``first_line``, the first at byte ``offset`` of the file."""
    for number, raw in enumerate(lines, start=first_line):
        origin = f"{name}:{number}"
        line_start, offset = offset, offset + len(raw)
        if len(raw) > limits.max_article_bytes * _RAW_FACTOR:
            yield ArticleError(origin, _too_big("line", len(raw), limits))
            continue
        try:
            line, _ = _decode_line(raw, name, line_start)
        except (EncodingError, UnicodeDecodeError) as exc:
            yield ArticleError(origin, str(exc))
            continue
        if line.strip():
            yield from _jsonl_line(line, origin, f"{stem}-{number}", limits)


def _decode_line(raw: bytes, name: str, line_start: int) -> tuple[str, str]:
    """One JSON line: as :func:`decode`, with damaged bytes reported at their offset in the file."""
    text, encoding = _decode_text(raw, name, line_start)
    controls = len(_CONTROL.findall(text)) if _CONTROL.search(text) else 0
    if controls and controls > len(text) // 100:
        raise EncodingError(f"binary data ({controls} control characters), not text")
    return text, encoding


def read_parquet_rows(
    path: str | Path, defaults: dict | None = None, row_groups: Iterable[int] | None = None,
    *, max_article_bytes: int = MAX_ARTICLE_BYTES,
) -> Iterator[Article | ArticleError]:
    """Articles of a Parquet file's rows (origin ``file:row``, from 1; columns named as the JSON fields),
    one row group in memory at a time; ``row_groups`` reads only those (a worker's partition)."""
    import pyarrow.parquet as pq

    limits = _Limits(defaults or {}, max_article_bytes)
    name = str(path)
    try:
        parquet = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises several types for a damaged or foreign file
        yield ArticleError(name, f"not a readable Parquet file: {exc}")
        return
    metadata = parquet.metadata
    sizes = (metadata.row_group(group).num_rows for group in range(metadata.num_row_groups))
    starts = list(itertools.accumulate(sizes, initial=1))
    for group in range(metadata.num_row_groups) if row_groups is None else row_groups:
        try:
            records = parquet.read_row_group(group).to_pylist()
        except Exception as exc:
            yield ArticleError(f"{name}:{starts[group]}", f"unreadable row group {group}: {exc}")
            continue
        for row, record in enumerate(records, start=starts[group]):
            origin = f"{name}:{row}"
            yield from _guard(lambda r=record, o=origin: _from_record(r, o, "", limits), origin)


class _Prepended(io.RawIOBase):
    """A binary stream that first returns ``head`` (already read for sniffing), then the rest."""

    def __init__(self, head: bytes, rest: BinaryIO):
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._head.nbytes:
            n = min(len(buffer), self._head.nbytes)
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _read_bytes(data: bytes, name: str, suffix: str, limits: _Limits, stem: str = "stdin"):
    try:
        text, _ = decode(data, name)
    except EncodingError as exc:
        yield ArticleError(name, str(exc))
        return
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not suffix:
        suffix = _sniff(text)
    if suffix == ".jsonl":
        yield from _read_jsonl(text, name, stem, limits)
    elif suffix == ".json":
        yield from _read_json(text, name, stem, limits)
    else:
        yield from _guard(lambda: _from_txt(text, name, stem, limits), f"{name}:1")


def _sniff(text: str) -> str:
    """The format of a stream: JSON lines when most lines are one object each (so one damaged line,
    even the first, does not turn the whole delivery into one text), a JSON document, or a text.

    Lines are counted before the first character is looked at: a first byte damaged into «[» must not
    make a JSON-lines delivery one broken document (an array's elements end with commas, so a JSON
    document never has most of its lines whole objects)."""
    stripped = text.lstrip()
    # only "\n" ends a JSON line: str.splitlines() would also split at U+0085, U+2028 inside a string
    lines = [line.strip() for line in stripped.split("\n") if line.strip()]
    objects = sum(1 for line in lines if line.startswith("{") and line.endswith("}"))
    if len(lines) > 1 and objects * 2 > len(lines):
        return ".jsonl"
    return ".json" if stripped.startswith(("[", "{")) else ".txt"


def _read_jsonl(text: str, name: str, stem: str, limits: _Limits):
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            yield from _jsonl_line(line, f"{name}:{number}", f"{stem}-{number}", limits)


def _parse_json(text: str):
    """json.loads, with nesting too deep for the parser reported like any other JSON error."""
    try:
        return json.loads(text)
    except RecursionError:
        raise json.JSONDecodeError("nested too deeply", text, 0) from None


def _jsonl_line(line: str, origin: str, legacy_id: str, limits: _Limits):
    """One JSON-lines record: Articles, or an ArticleError naming file and line."""
    try:
        record = _parse_json(line)
    except json.JSONDecodeError as exc:
        yield ArticleError(origin, f"invalid JSON: {exc.msg} (column {exc.colno})")
        return
    yield from _guard(lambda: _from_record(record, origin, legacy_id, limits), origin)


def _read_json(text: str, name: str, stem: str, limits: _Limits):
    try:
        data = _parse_json(text)
    except json.JSONDecodeError as exc:
        yield ArticleError(f"{name}:{exc.lineno}", f"invalid JSON: {exc.msg} (column {exc.colno})")
        return
    records = data if isinstance(data, list) else [data]
    for index, record in enumerate(records, start=1):
        origin = f"{name}:{index}" if isinstance(data, list) else f"{name}:1"
        legacy = f"{stem}-{index}" if isinstance(data, list) else stem
        yield from _guard(lambda r=record, o=origin, f=legacy: _from_record(r, o, f, limits), origin)


def _guard(build, origin: str) -> Iterator[Article | ArticleError]:
    """The articles ``build`` returns, or one ArticleError: no problem of one record escapes it."""
    try:
        articles = build()
    except (ValueError, TypeError, RecursionError) as exc:
        yield ArticleError(origin, str(exc) or type(exc).__name__)
        return
    yield from articles


def _text_field(merged: dict, *names: str) -> str:
    """The first of ``names`` present, as text; anything but a string (or a number) is refused."""
    for name in names:
        value = merged.get(name)
        if value is None or value == "":
            continue
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise ValueError(f"{name} must be a string, got {_json_type(value)}")
        return str(value).strip()
    return ""


def _json_type(value) -> str:
    return {dict: "an object", list: "a list", bool: "true/false"}.get(type(value), type(value).__name__)


def _from_record(record, origin: str, legacy_id: str, limits: _Limits) -> list[Article]:
    if not isinstance(record, dict):
        raise ValueError(f"expected an object, got {_json_type(record)}")
    merged = {**limits.defaults, **{k: v for k, v in record.items() if v not in (None, "")}}
    date_field = next((name for name in DATE_FIELDS if record.get(name) not in (None, "")), "published")
    title = _text_field(merged, "title")
    body = _text_field(merged, "text", "body", "description")
    if not title and not body:
        raise ValueError("no title and no text")
    explicit = merged.get("id")
    if explicit is not None and (isinstance(explicit, bool) or not isinstance(explicit, str | int)):
        raise ValueError(f"id must be a string or an integer, got {_json_type(explicit)}")
    explicit = str(explicit).strip() if explicit is not None else ""
    url = _text_field(merged, "url")
    garbled = garbled_reason(f"{title}\n{body}")
    if garbled:
        raise ValueError(garbled)
    article = Article(
        id=explicit or url or content_id(title, body),
        title=title,
        text=body,
        published=parse_published(merged.get(date_field), origin, date_field),
        source=_text_field(merged, "source"),
        url=url,
        extra={k: v for k, v in record.items() if k not in KNOWN_FIELDS and k != date_field},
        origin=origin,
        derived_id=not (explicit or url),
        legacy_id="" if explicit else legacy_id,
    )
    return split_article(article, limits.max_article_bytes)


def split_article(article: Article, max_bytes: int) -> list[Article]:
    """The article, or its parts at paragraph breaks when it is above ``max_bytes`` (UTF-8).

    Each part keeps the title and metadata; its id is the article's id with ``#part-N``, or its own
    content hash when the id was derived from content. A paragraph above the limit on its own
    cannot be split there: the article is refused.
    """
    size = len(article.title.encode("utf-8")) + len(article.text.encode("utf-8"))
    if size <= max_bytes:
        return [article]
    room = max_bytes - len(article.title.encode("utf-8")) - 2
    parts: list[str] = []
    current: list[str] = []
    used = 0
    for paragraph in _PARAGRAPHS.split(article.text):
        n = len(paragraph.encode("utf-8")) + 2
        if n > room:
            raise ValueError(
                f"article of {size:,} bytes is above the size limit ({max_bytes:,} bytes, --max-article-bytes) "
                f"and has a paragraph of {n - 2:,} bytes that cannot be split; not read"
            )
        if current and used + n > room:
            parts.append("\n\n".join(current))
            current, used = [], 0
        current.append(paragraph)
        used += n
    if current:
        parts.append("\n\n".join(current))
    log.warning("%s: article of %s bytes split into %d parts at paragraph breaks (--max-article-bytes %s)",
                article.origin, f"{size:,}", len(parts), f"{max_bytes:,}")
    out = []
    for number, text in enumerate(parts, start=1):
        ident = content_id(article.title, text) if article.derived_id else f"{article.id}#part-{number}"
        out.append(replace(article, id=ident, text=text, legacy_id=""))
    return out


def garbled_reason(text: str) -> str | None:
    """Why ``text`` looks like mojibake (UTF-8 Arabic decoded as a single-byte code page), or None.

    In Arabic prose ط and ظ are about 2% of the letters; UTF-8 Arabic read as Windows-1256 puts one
    of them before every letter (they are its lead bytes 0xD8/0xD9). Read as Latin-1 it gives Ø/Ù.
    """
    # The lead letters are counted first (str.count, no regex): with 6 or fewer neither test can pass, since
    # both need at least 20 letters, so clean text (nearly all of it) is never scanned letter by letter.
    lead = text.count("ط") + text.count("ظ")
    # ... and in clean prose five common letters alone already outnumber them enough (a lower bound of the
    # Arabic letters, by str.count): the letter-by-letter count is left for text where the test may pass
    if lead > 6 and 0.3 * (lead + sum(map(text.count, _COMMON_ARABIC_LETTERS))) < lead:
        arabic = len(_ARABIC_LETTERS.findall(text))
        if arabic >= 20 and lead > 0.3 * arabic:
            return "text is garbled (UTF-8 Arabic decoded as Windows-1256 before it reached us); not read"
    lead = text.count("Ø") + text.count("Ù")
    if lead > 4:
        letters = len(_LETTER.findall(text))
        if letters >= 20 and lead > 0.2 * letters:
            return "text is garbled (UTF-8 Arabic decoded as Latin-1 before it reached us); not read"
    return None


def _from_txt(text: str, name: str, stem: str, limits: _Limits) -> list[Article]:
    meta: dict[str, str] = {}
    lines = text.split("\n")
    if lines and lines[0].strip() == "---":
        try:
            end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
        except StopIteration:
            raise ValueError("front matter opened with '---' is never closed") from None
        for number, line in enumerate(lines[1:end], start=2):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            key, sep, value = line.partition(":")
            if not sep:
                raise ValueError(f"front matter line {number} is not 'key: value'")
            meta[key.strip()] = value.strip().strip('"').strip("'")
        lines = lines[end + 1 :]
    while lines and not lines[0].strip():
        lines.pop(0)
    if not lines:
        raise ValueError("empty article")
    record = {**meta, "title": lines[0].strip(), "text": "\n".join(lines[1:]).strip()}
    return _from_record(record, f"{name}:1", stem, limits)


def parse_published(value, origin: str = "", field: str = "published") -> date | None:
    """ISO date or datetime (with Z or offset), or an RSS / e-mail date (``Tue, 15 Oct 2024 08:00:00 GMT``)
    -> date; None stays None. ``field`` names the value in the error."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError):
        raise ValueError(f"{field} is not an ISO date or datetime: {text!r}") from None
