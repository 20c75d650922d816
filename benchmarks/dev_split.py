"""The one split of every development set into a tune half and a held-out half.

Fixed once, by a hash of the document's key, so that nobody can move a document between halves:
read errors on the ``tune`` half only, and report the ``heldout`` half as the result.

Keys, by data set:

* Syrian Archive passages: the passage's ``source_path`` (the report it comes from), so passages of
  one report never sit in both halves;
* IDRISI tweets: the tweet's ``event`` (the crisis), so the held-out half is events never looked at;
* Aleppo video titles: the title's ``id`` (each title is a document of its own).

The salt was chosen once, before any scoring, as the first whose halves were near even in size on every
set (``v1`` put a single IDRISI crisis in the held-out half). With ``v2``: IDRISI held-out = the Beirut
explosion, Dragon storms, Hafr Al-Batin and Kuwait floods (1,712 of 3,230 LMR tweets); Syrian Archive
206 held-out / 189 tune passages. Never change it: a new salt would let tuned documents into the
held-out half.
"""

from __future__ import annotations

import hashlib
from typing import Literal

Half = Literal["tune", "heldout"]
_SALT = "geo-incidents/dev-split/v2:"


def half_of(key: str) -> Half:
    """``"tune"`` or ``"heldout"`` for a document key, the same on every machine and every run."""
    digest = hashlib.sha256((_SALT + key).encode("utf-8")).digest()
    return "tune" if digest[0] % 2 == 0 else "heldout"


def syrian_archive_key(record: dict) -> str:
    return record["source_path"]


def idrisi_key(record: dict) -> str:
    return record["event"]


def video_title_key(record: dict) -> str:
    return record["id"]
