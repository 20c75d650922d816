"""Places named like ordinary words: how often each is kept as a site, over the dev texts (no labels).

Word or place needs no hand labels to be probed: a resolved place whose name is a frequent word of
ordinary Arabic (``wordfreq``, Zipf of the name or of the name with its article toggled at least
``--zipf``, 3.0) is a candidate wrong pin wherever it turns up.  Over the tune halves of the dev texts
(the Aleppo video titles, the Syrian Archive passages read alone, the IDRISI tweets) every such mention
the gazetteer resolves is grouped by name and place, with:

* **texts**: in how many texts it was resolved;
* **kept**: in how many of those an incident was placed there (titles, Syrian Archive) or, for
  the IDRISI tweets, whether the span is a hand-marked location mention (tune half: readable);
* its **country** and its distance from where the corpus is about (Aleppo governorate for the
  titles, Syria for the Syrian Archive, the crisis's country for IDRISI; 0 inside).

The total over all titles is counted (held-out titles included, never listed).  Sorting the rows
into kinds is the reader's work; ``--json`` gives them to a script.

Usage: ``python benchmarks/probe_word_places.py [--zipf 3.0] [--min-texts 1] [--corpus titles|sa|idrisi]
[--json]``
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dev_split import half_of, idrisi_key, syrian_archive_key, video_title_key  # noqa: E402
from eval_dev import CORPUS as TITLES  # noqa: E402
from eval_dev import to_article  # noqa: E402
from eval_idrisi import LMR, gold_span  # noqa: E402
from eval_idrisi import load as load_tweets  # noqa: E402
from eval_syrian_archive import governorate_shapes, load_rows  # noqa: E402
from probe_far_pins import aleppo_shape, km_from_shape  # noqa: E402

CORPORA = ("titles", "sa", "idrisi")
#: the country each IDRISI crisis is about (its tune and held-out events alike)
CRISIS_COUNTRY = {"cairo_bombing_2019": "EG", "covid_2019": None, "jordan_floods_2018": "JO",
                  "beirut_explosion_2020": "LB", "dragon_storms_2020": "EG", "hafr_albatin_floods_2019": "SA",
                  "kuwait_floods_2018": "KW"}


def word_zipf_of(name: str) -> float:
    """The greater Zipf frequency of a normalised one-word name and its article-toggled form; 0 for a
    name of several words."""
    from gazetteer.frequency import name_zipfs

    if " " in name:
        return 0.0
    return max(name_zipfs([name])[name])


def syria_shape():
    from shapely.ops import unary_union

    return unary_union(list(governorate_shapes().values()))


def texts_of(corpus: str):
    """(key, article, gold spans or None, region) of the corpus's tune half."""
    from geo_incidents.model import Article

    if corpus == "titles":
        with open(TITLES, encoding="utf-8") as fh:
            for line in fh:
                record = json.loads(line)
                yield record["id"], to_article(record), None, ("shape", aleppo_shape()), \
                    half_of(video_title_key(record)) == "tune"
    elif corpus == "sa":
        shape = syria_shape()
        for label, passage in load_rows():
            if half_of(syrian_archive_key(passage)) == "tune":
                yield label["id"], Article(id=label["id"], title="", text=passage["text"]), None, \
                    ("shape", shape), True
    else:
        for tweet in load_tweets(LMR):
            if half_of(idrisi_key(tweet)) != "tune":
                continue
            gold = {gold_span(tweet["text"], m["start"], m["end"]) for m in tweet["location_mentions"]}
            gold_texts = {tweet["text"][s:e].lstrip("#") for s, e in gold}
            yield tweet["tweet_id"], Article(id=tweet["tweet_id"], title="", text=tweet["text"]), gold_texts, \
                ("country", CRISIS_COUNTRY.get(tweet["event"])), True


def probe(corpus: str, gazetteer, extractor, bar: float) -> tuple[dict, int, int]:
    """Rows keyed by (name, place id), the count of such mentions over the whole corpus (held-out
    titles included) and of texts read."""
    from gazetteer.normalize import normalize_name

    rows: dict = {}
    zipfs: dict[str, float] = {}
    total = texts = 0
    for key, article, gold, (region_kind, region), listed in texts_of(corpus):
        text = f"{article.title}\n{article.text}" if article.title else article.text
        mentions = [m for m in gazetteer.find(text) if m.best is not None and not m.cue]
        frequent = []
        for mention in mentions:
            name = normalize_name(mention.name)
            if name not in zipfs:
                zipfs[name] = word_zipf_of(name)
            if zipfs[name] >= bar:
                frequent.append((name, mention))
        texts += 1
        if not frequent:
            continue
        total += len(frequent)
        if not listed:
            continue
        if gold is None:
            kept = {i.place_id for i in extractor.extract(article) if i.place_id}
        for name, mention in frequent:
            place = mention.best.place
            row = rows.setdefault((name, place.id), {
                "name": name, "place": place.name_ar, "place_id": place.id, "country": place.country_code,
                "kind": str(place.kind), "population": place.population, "zipf": zipfs[name],
                "km": _km(place, region_kind, region), "texts": 0, "kept": 0, "examples": []})
            row["texts"] += 1
            hit = mention.surface.lstrip("#") in gold if gold is not None else place.id in kept
            row["kept"] += hit
            if len(row["examples"]) < 3:
                row["examples"].append(key)
    return rows, total, texts


def _km(place, region_kind: str, region) -> float | None:
    if region_kind == "country":
        return None if region is None else (0.0 if place.country_code == region else -1.0)
    if place.lat is None:
        return None
    return round(km_from_shape(region, place.lat, place.lon))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--zipf", type=float, default=3.0, help="a name this frequent (Zipf) as a word is listed")
    parser.add_argument("--min-texts", type=int, default=1)
    parser.add_argument("--corpus", choices=CORPORA, action="append",
                        help="one corpus (repeatable); all three by default")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    from gazetteer import Gazetteer
    from geo_incidents.extraction import Extractor

    gazetteer = Gazetteer.default()
    extractor = Extractor(gazetteer)
    out = {}
    for corpus in args.corpus or CORPORA:
        rows, total, texts = probe(corpus, gazetteer, extractor, args.zipf)
        listed = sorted((r for r in rows.values() if r["texts"] >= args.min_texts),
                        key=lambda r: (-r["kept"], -r["texts"], r["name"]))
        kept = sum(r["kept"] for r in rows.values())
        out[corpus] = {"texts": texts, "mentions_all": total, "mentions_tune": sum(r["texts"] for r in rows.values()),
                       "kept_tune": kept, "names": len(rows), "rows": listed}
    if args.json:
        print(json.dumps(out, ensure_ascii=False))
        return
    for corpus, result in out.items():
        print(f"{corpus}: {result['texts']} texts, {result['mentions_all']} mentions of places named like frequent "
              f"words (Zipf >= {args.zipf:g}); tune half {result['mentions_tune']}, kept {result['kept_tune']}, "
              f"{result['names']} names")
        for r in result["rows"]:
            km = "" if r["km"] is None else ("abroad" if r["km"] < 0 else f"{r['km']:.0f} km")
            print(f"  {r['name']:<14} {r['kept']:>3}/{r['texts']:<4} zipf {r['zipf']:.1f}  {r['place']} "
                  f"{r['country']} {r['kind']} pop {r['population'] or 0} {km}  {' '.join(r['examples'])}")
    gazetteer.close()


if __name__ == "__main__":
    main()
