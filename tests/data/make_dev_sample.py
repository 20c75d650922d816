"""Print the ids of the hand-annotated development sample, in annotation order.

The sample is drawn at random with a fixed seed so that nobody picks the easy titles:
``random.Random(2026).sample(ids_in_file_order, 200)``. Run from the repository root:

    python tests/data/make_dev_sample.py [path/to/aleppo_video_titles.jsonl]

The corpus itself is third-party text and stays in ``../shared/data``; only ids and our labels
are kept in ``tests/data/dev_annotations.jsonl``.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

SEED = 2026
SAMPLE_SIZE = 200
REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CORPUS = REPO_ROOT.parent / "shared" / "data" / "dev-corpus" / "aleppo_video_titles.jsonl"


def sample_ids(corpus: Path = DEFAULT_CORPUS, seed: int = SEED, size: int = SAMPLE_SIZE) -> list[str]:
    """Ids of the seeded random sample, in the order the sampler returns them."""
    with corpus.open(encoding="utf-8") as fh:
        ids = [json.loads(line)["id"] for line in fh if line.strip()]
    return random.Random(seed).sample(ids, size)


if __name__ == "__main__":
    for sampled_id in sample_ids(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_CORPUS):
        print(sampled_id)
