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


#: the tune half's own folds (see :func:`tune_fold`); chosen once, as the first salt whose two folds of the
#: Syrian Archive tune reports were near even in passages, labelled sites and no-incident passages
_FOLD_SALT = "geo-incidents/tune-folds/v23:"
TUNE_FOLDS = ("a", "b")


def tune_fold(key: str) -> str:
    """``"a"`` or ``"b"``: a fixed fold of a tune-half document, so that a change can be judged inside
    the tune half on the fold whose errors were not read (read errors of one fold, keep a change only
    when it helps the other).  Syrian Archive, by report: fold a holds the Three Idlib medical
    facilities, the Orient hospital, the dataset of Russian attacks and three short pages (95
    passages, 19 sites); fold b the Eyes on Aleppo summary, incident 7, al-Lataminah, the chemical
    weapons videos and the rest (94 passages, 14 sites)."""
    digest = hashlib.sha256((_FOLD_SALT + key).encode("utf-8")).digest()
    return TUNE_FOLDS[digest[0] % 2]


def syrian_archive_key(record: dict) -> str:
    return record["source_path"]


def idrisi_key(record: dict) -> str:
    return record["event"]


def video_title_key(record: dict) -> str:
    return record["id"]
