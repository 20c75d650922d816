"""Read news reports from files, folders and stdin, one :class:`Article` at a time.

Formats: ``.txt`` (title on the first line, optional ``---`` front matter of ``key: value``
lines), ``.json`` (one article or a list), ``.jsonl`` (one a line); folders are walked
recursively in sorted order; ``-`` is stdin (format detected).  Encodings are decided, not
guessed: strict UTF-8 (BOM or not), then UTF-16 by its BOM, then Windows-1256 only when the
result is mostly Arabic letters.  Anything else is an :class:`ArticleError` naming the file and
line, and reading goes on with the next article.  Nothing is held beyond the current file.
"""

from __future__ import annotations

import io
import itertools
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

from geo_incidents.model import Article

EXTENSIONS = (".txt", ".json", ".jsonl")
#: Bytes read to decide the encoding (and, on stdin, the format) before streaming the rest.
HEAD_BYTES = 1 << 16
KNOWN_FIELDS = ("id", "title", "text", "published", "source", "url")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_LETTER = re.compile(r"[^\W\d_]")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


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
) -> Iterator[Article | ArticleError]:
    """Yield every article of every input; raise FileNotFoundError only for a missing path."""
    defaults = defaults or {}
    for item in inputs:
        if str(item) == "-":
            if stdin is None:
                raise ValueError("'-' given but no stdin stream")
            yield from _read_stream(stdin, "<stdin>", defaults)
            continue
        path = Path(item)
        if not path.exists():
            raise FileNotFoundError(f"input not found: {path}")
        if path.is_dir():
            files = sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in EXTENSIONS
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            for file in files:
                yield from _read_file(file, defaults)
        else:
            yield from _read_file(path, defaults)


def decode(data: bytes) -> tuple[str, str]:
    """Text and the encoding used.  Raise EncodingError rather than return mojibake."""
    text, encoding = _decode_text(data)
    controls = len(_CONTROL.findall(text))
    if controls and controls > len(text) // 100:
        raise EncodingError(f"binary data ({controls} control characters), not text")
    return text, encoding


def _decode_text(data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise EncodingError(f"UTF-16 byte order mark but invalid UTF-16 ({exc.reason})") from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
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


def _read_file(path: Path, defaults: dict) -> Iterator[Article | ArticleError]:
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed below, after the generator is drained
    except OSError as exc:
        yield ArticleError(str(path), f"cannot read: {exc.strerror or exc}")
        return
    with fh:
        if path.suffix.lower() == ".jsonl":
            yield from _stream_jsonl(fh, fh.read(HEAD_BYTES), str(path), path.stem, defaults)
        else:
            yield from _read_bytes(fh.read(), str(path), path.suffix.lower(), defaults, stem=path.stem)


def _read_stream(stream: BinaryIO, name: str, defaults: dict) -> Iterator[Article | ArticleError]:
    """stdin: JSON lines are streamed; a single JSON document or a text is read whole."""
    head = stream.read(HEAD_BYTES)
    if _looks_like_jsonl(head):
        yield from _stream_jsonl(stream, head, name, "stdin", defaults)
    else:
        yield from _read_bytes(head + stream.read(), name, "", defaults)


def _looks_like_jsonl(head: bytes) -> bool:
    if head.startswith(_UTF16_BOMS):
        text = head[: len(head) // 2 * 2].decode("utf-16", errors="replace")
    else:
        try:
            text, _ = decode(head[: head.rfind(b"\n") + 1] or head)
        except EncodingError:
            return False
    return _sniff(text) == ".jsonl"


def _stream_jsonl(fh: BinaryIO, head: bytes, name: str, stem: str, defaults: dict):
    """One line at a time, so a file of any size is read in constant memory.

    UTF-16 (known by its BOM) is decoded as a text stream; otherwise each line is decoded on its
    own by :func:`decode`, so one line in a stray encoding is an error for that line only.
    """
    if head.startswith(_UTF16_BOMS):  # two-byte newlines: let Python split the decoded text
        text = io.TextIOWrapper(io.BufferedReader(_Prepended(head, fh)), encoding="utf-16", newline=None)
        lines: Iterable[bytes] = (line.encode("utf-8") for line in text)
    else:
        lines = itertools.chain(io.BytesIO(head + (fh.readline() if len(head) == HEAD_BYTES else b"")), fh)
    for number, raw in enumerate(lines, start=1):
        origin = f"{name}:{number}"
        try:
            line, _ = decode(raw)
        except (EncodingError, UnicodeDecodeError) as exc:
            yield ArticleError(origin, str(exc))
            continue
        if line.strip():
            yield _jsonl_line(line, origin, f"{stem}-{number}", defaults)


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


def _read_bytes(data: bytes, name: str, suffix: str, defaults: dict, stem: str = "stdin"):
    try:
        text, _ = decode(data)
    except EncodingError as exc:
        yield ArticleError(name, str(exc))
        return
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not suffix:
        suffix = _sniff(text)
    if suffix == ".jsonl":
        yield from _read_jsonl(text, name, stem, defaults)
    elif suffix == ".json":
        yield from _read_json(text, name, stem, defaults)
    else:
        yield _guard(lambda: _from_txt(text, name, stem, defaults), f"{name}:1")


def _sniff(text: str) -> str:
    stripped = text.lstrip()
    if stripped.startswith("["):
        return ".json"
    if stripped.startswith("{"):
        lines = [line for line in stripped.splitlines() if line.strip()]
        if len(lines) > 1 and all(line.lstrip().startswith("{") and line.rstrip().endswith("}") for line in lines):
            return ".jsonl"
        return ".json"
    return ".txt"


def _read_jsonl(text: str, name: str, stem: str, defaults: dict):
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            yield _jsonl_line(line, f"{name}:{number}", f"{stem}-{number}", defaults)


def _jsonl_line(line: str, origin: str, fallback_id: str, defaults: dict):
    """One JSON-lines record: an Article, or an ArticleError naming file and line."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return ArticleError(origin, f"invalid JSON: {exc.msg} (column {exc.colno})")
    return _guard(lambda: _from_record(record, origin, fallback_id, defaults), origin)


def _read_json(text: str, name: str, stem: str, defaults: dict):
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield ArticleError(f"{name}:{exc.lineno}", f"invalid JSON: {exc.msg} (column {exc.colno})")
        return
    records = data if isinstance(data, list) else [data]
    for index, record in enumerate(records, start=1):
        origin = f"{name}:{index}" if isinstance(data, list) else f"{name}:1"
        fallback = f"{stem}-{index}" if isinstance(data, list) else stem
        yield _guard(lambda r=record, o=origin, f=fallback: _from_record(r, o, f, defaults), origin)


def _guard(build, origin: str) -> Article | ArticleError:
    try:
        return build()
    except (ValueError, TypeError) as exc:
        return ArticleError(origin, str(exc))


def _from_record(record, origin: str, fallback_id: str, defaults: dict) -> Article:
    if not isinstance(record, dict):
        raise ValueError(f"expected an object, got {type(record).__name__}")
    merged = {**defaults, **{k: v for k, v in record.items() if v not in (None, "")}}
    title = str(merged.get("title", "") or "").strip()
    body = str(merged.get("text", "") or merged.get("body", "") or merged.get("description", "") or "").strip()
    if not title and not body:
        raise ValueError("no title and no text")
    extra = {k: v for k, v in record.items() if k not in KNOWN_FIELDS}
    return Article(
        id=str(merged.get("id") or fallback_id),
        title=title,
        text=body,
        published=parse_published(merged.get("published"), origin),
        source=str(merged.get("source", "") or ""),
        url=str(merged.get("url", "") or ""),
        extra=extra,
        origin=origin,
    )


def _from_txt(text: str, name: str, stem: str, defaults: dict) -> Article:
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
    return _from_record(record, f"{name}:1", stem, defaults)


def parse_published(value, origin: str = "") -> date | None:
    """ISO date or datetime (with Z or offset) -> date; None stays None."""
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
        raise ValueError(f"published is not an ISO date or datetime: {text!r}") from None
