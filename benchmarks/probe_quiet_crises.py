"""False incidents found without labels: incidents made from tweets about crises that are no political violence.

The IDRISI tweets (``../shared/data/idrisi/``) come from seven crises.  Five of them are floods, storms
and an epidemic (COVID-19, the Jordan floods of 2018, the Dragon storms of 2020, the Hafr Al-Batin and
Kuwait floods): ACLED codes none of them, so an incident the extractor makes from such a tweet is almost
surely a false one (a drowning read as a killing, a road closed by water read as a closure of war).  A
precision check of the incident-or-not decision in a genre (crisis tweets) and on topics (weather,
health) that the conflict dev data lacks.  The Cairo bombing and the Beirut port explosion are left out:
both are explosions analysts may want.

Printed: per crisis, its half (:func:`dev_split.half_of` the event), the tweets and those with an
incident; ``--list`` prints the tune half's tweets with their incidents (never the held-out half's).

Usage: ``python benchmarks/probe_quiet_crises.py [--list] [--json]``
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dev_split import half_of, idrisi_key  # noqa: E402

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "idrisi"
FILES = ("lmr_ar_train.jsonl", "lmd_ar_train.jsonl")
#: crises that are no political violence
QUIET = ("covid_2019", "dragon_storms_2020", "hafr_albatin_floods_2019", "jordan_floods_2018",
         "kuwait_floods_2018")


def quiet_tweets() -> list[dict]:
    """Each tweet of a quiet crisis once (the two files share tweets)."""
    seen: set[str] = set()
    rows = []
    for name in FILES:
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if row["event"] in QUIET and row["tweet_id"] not in seen:
                seen.add(row["tweet_id"])
                rows.append(row)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="list the tune half's tweets with an incident")
    parser.add_argument("--json", action="store_true", help="print the counts as one JSON object")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from gazetteer import Gazetteer
    from geo_incidents.extraction import Extractor
    from geo_incidents.model import Article

    extractor = Extractor(Gazetteer.default())
    tweets: Counter = Counter()
    with_incident: Counter = Counter()
    listed = []
    for row in quiet_tweets():
        event = idrisi_key(row)
        tweets[event] += 1
        incidents = extractor.extract(Article(id=row["tweet_id"], title="", text=row["text"]))
        if incidents:
            with_incident[event] += 1
            if args.list and half_of(event) == "tune":
                listed.append((event, row["text"], [(i.event_type, i.sub_event_type, i.location)
                                                    for i in incidents]))
    by_half: dict[str, list[int]] = {}
    for event, n in tweets.items():
        total = by_half.setdefault(half_of(event), [0, 0])
        total[0] += n
        total[1] += with_incident[event]
    if args.json:
        print(json.dumps({"events": {e: [tweets[e], with_incident[e]] for e in sorted(tweets)},
                          "halves": by_half}))
        return
    for event in sorted(tweets):
        n, hit = tweets[event], with_incident[event]
        print(f"{half_of(event):8} {event:26} {n:5} tweets, {hit:3} with an incident ({hit / n:.3f})")
    for half, (n, hit) in sorted(by_half.items()):
        print(f"{half:8} all quiet crises          {n:5} tweets, {hit:3} with an incident ({hit / n:.3f})")
    for event, text, incidents in listed:
        print(f"--- {event}: {incidents}\n    {text}")


if __name__ == "__main__":
    main()
