"""Extraction time of one very long article: it must grow linearly with the length, never stall a batch.

Three shapes of 250,000, 500,000 and 1,000,000 characters, each extracted as one article:

* real text: real Arabic reports from ``../shared/data/dev-corpus`` (Syrian Archive passages and Aleppo
  video descriptions) joined by paragraph breaks, repeated to length;
* without punctuation: the same text with every sentence and clause mark and line break turned into a
  space (one endless sentence);
* one unbroken token: the same text with every space removed;
* a token of ``@`` pieces (``حلب@نيوز…``): the worst case of the e-mail noise pattern, which once cost
  the square of the token's length.

The goal is 1,000,000 characters of each in at most 3 s. Prints seconds and characters per second for
each size, and the ratio of the 1 M time to the 250 k time (4 means linear).

Usage: ``python benchmarks/bench_long_articles.py [--sizes 250000,500000,1000000]``
"""

from __future__ import annotations

import argparse
import json
import re
import time
from datetime import date
from pathlib import Path

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "dev-corpus"
_PUNCTUATION = re.compile(r"[.!?؟؛،,:;|\n\r()\[\]«»\"'\-–—]+")


def real_text(size: int) -> str:
    paragraphs = []
    for name, field in (("syrian_archive_passages.jsonl", "text"), ("aleppo_video_titles.jsonl", "description")):
        with open(DATA / name, encoding="utf-8") as handle:
            paragraphs += [record[field] for record in map(json.loads, handle) if record.get(field)]
    text = "\n\n".join(paragraphs)
    return (text * (size // len(text) + 1))[:size]


def shapes(size: int) -> dict[str, str]:
    text = real_text(size)
    flat = _PUNCTUATION.sub(" ", text)
    token = "".join(text.split())
    return {
        "real text": text,
        "without punctuation": flat,
        "one unbroken token": (token * (size // len(token) + 1))[:size],
        "token of @ pieces": ("حلب@نيوز" * (size // 8 + 1))[:size],  # the e-mail pattern's worst case
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="250000,500000,1000000", help="comma-separated character counts")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    from gazetteer import Gazetteer
    from geo_incidents.extraction import Extractor
    from geo_incidents.model import Article

    extractor = Extractor(Gazetteer.default())
    extractor.extract(Article(id="warm-up", title="قصف على حلب", text="قصف مدفعي على مدينة حلب اليوم."))
    times: dict[str, dict[int, float]] = {}
    for size in sizes:
        for shape, text in shapes(size).items():
            article = Article(id=f"{shape}-{size}", title="", text=text, published=date(2025, 12, 24))
            start = time.perf_counter()
            incidents = extractor.extract(article)
            elapsed = time.perf_counter() - start
            times.setdefault(shape, {})[size] = elapsed
            print(f"{shape:<20} {size:>9,} chars  {elapsed:7.2f} s  {size / elapsed:>10,.0f} chars/s  "
                  f"{len(incidents)} incidents", flush=True)
    if len(sizes) > 1:
        for shape, by_size in times.items():
            low, high = min(sizes), max(sizes)
            print(f"{shape:<20} time({high:,}) / time({low:,}) = {by_size[high] / by_size[low]:.1f} "
                  f"(linear: {high / low:.1f})")


if __name__ == "__main__":
    main()
