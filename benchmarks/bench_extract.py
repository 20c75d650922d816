"""Extraction throughput and memory, one core, full gazetteer loaded: short real reports and 3 KB reports.

1. Short reports of the real shape: the 4,900 dev-corpus reports (video titles with descriptions,
   ``../shared/data/dev-corpus/aleppo_video_titles.jsonl``, about 170 characters each), read into
   memory, then ``Extractor.extract`` on each, twice: the first pass starts with every cache cold,
   the second shows the steady state of a long run. Goal (issue 11): >= 5,000 reports/s.
2. N synthetic ~3 KB reports, assembled from our own template sentences (never outlet text) with
   real place names, actors, counts and dates filled in, written to a temporary JSONL file and
   read back through ``read_articles`` and ``Extractor.extract`` one at a time, as the pipeline
   does. Prints articles/s, MB/s and resident memory at checkpoints (memory must stay flat as N
   grows). Goal: >= 1,000 reports/s.

Rates are per second of CPU time (``time.process_time``), the figure to quote on a shared machine;
wall-clock rates are printed beside them. The gazetteer is built into a temporary cache (never the
user's); ``--ocha`` adds the OCHA communities and Aleppo neighbourhoods from ``../shared/data`` as
an analyst would import them. What is loaded is then frozen out of the cyclic collector's passes, as
the ``extract`` and ``run`` commands do (``--no-freeze`` leaves it to the collector, as before).

Usage: ``python benchmarks/bench_extract.py [-n 20000] [--seed 1] [--ocha] [--only short|long] [--no-freeze]``
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

SHORT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "dev-corpus" / \
    "aleppo_video_titles.jsonl"

PLACES = ["حي الأشرفية", "حي الشيخ مقصود", "دوار شيحان", "حي بني زيد", "مدينة عفرين", "بلدة كفرنبل",
          "مدينة سراقب", "مدينة إدلب", "بلدة طفس", "مدينة نوى", "مدينة الباب", "مدينة منبج", "بلدة حريتان",
          "مدينة الأتارب", "حي الصاخور", "حي الكلاسة", "مدينة دير الزور", "مدينة الرقة", "بلدة عندان"]
ACTORS = ["قوات النظام", "الجيش الحر", "قسد", "الأسايش", "القوات الحكومية", "تنظيم داعش", "الجيش التركي",
          "الطيران الروسي", "هيئة تحرير الشام", "مسلحون مجهولون"]
COUNTS = ["ثلاثة", "خمسة", "عدد من", "عشرات", "7", "12", "اثنين"]
WHEN = ["صباح اليوم", "مساء أمس", "يوم الثلاثاء", "فجر اليوم", "الأربعاء الماضي", "في 3 كانون الأول"]
EVENTS = [
    "شهدت {p} {w} اشتباكات عنيفة بين {a} و{b} استخدمت فيها الأسلحة الثقيلة.",
    "قصفت طائرات حربية {w} {p} ما أدى إلى مقتل {n} مدنيين وإصابة آخرين.",
    "سقطت قذائف هاون على {p} {w} وأصيب {n} أشخاص بجروح نقلوا على إثرها إلى مستشفى المدينة.",
    "انفجرت عبوة ناسفة على الطريق المؤدي إلى {p} {w} أثناء مرور دورية تابعة لـ{a}.",
    "خرجت مظاهرة في {p} {w} للمطالبة بالإفراج عن المعتقلين وتحسين الخدمات.",
    "شنت {a} حملة دهم واعتقالات في {p} {w} طالت {n} شبان.",
    "أغلقت {a} الطريق الواصل إلى {p} {w} أمام حركة المدنيين بشكل جزئي.",
    "نزحت عشرات العائلات من {p} {w} بسبب تصاعد القصف على الأحياء السكنية.",
]
FILLER = [
    "وتتواصل الجهود المحلية لتأمين احتياجات السكان من المياه والكهرباء في ظل ظروف معيشية صعبة.",
    "وأشار مراسلنا إلى أن الأسواق فتحت أبوابها بشكل طبيعي في معظم المناطق رغم التوتر.",
    "وتعمل فرق الإغاثة على توزيع السلال الغذائية على العائلات الأكثر حاجة مع اقتراب فصل الشتاء.",
    "ويقول الأهالي إن أسعار المواد الأساسية ارتفعت بشكل ملحوظ خلال الأسابيع الأخيرة.",
    "وتطالب المجالس المحلية بدعم أكبر لقطاعي التعليم والصحة في المنطقة.",
]


def synthetic_article(rng: random.Random, index: int, target_bytes: int = 3000) -> dict:
    published = date(2025, 1, 1) + timedelta(days=rng.randrange(365))
    paragraphs = []
    size = 0
    while True:
        sentence = rng.choice(EVENTS).format(p=rng.choice(PLACES), w=rng.choice(WHEN), a=rng.choice(ACTORS),
                                             b=rng.choice(ACTORS), n=rng.choice(COUNTS))
        paragraph = " ".join([sentence, *rng.sample(FILLER, 2)])
        grown = size + len(paragraph.encode("utf-8"))
        if paragraphs and abs(grown - target_bytes) > abs(size - target_bytes):
            break  # stop at the size closest to the target: articles average ~3 KB
        paragraphs.append(paragraph)
        size = grown
    title = paragraphs[0].split("،")[0][:80]
    return {"id": f"synthetic-{index}", "title": title, "text": "\n\n".join(paragraphs),
            "published": published.isoformat(), "source": "synthetic"}


def rss_mb() -> float:
    """Current resident set size (Linux /proc), falling back to the peak."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * resource.getpagesize() / 2**20
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=20000, help="number of synthetic articles")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--ocha", action="store_true", help="add the OCHA communities and Aleppo neighbourhoods")
    parser.add_argument("--only", choices=("short", "long"), help="only the short real reports or the 3 KB ones")
    parser.add_argument("--no-freeze", action="store_true",
                        help="leave what is loaded to the cyclic collector (the commands freeze it)")
    args = parser.parse_args()

    from gazetteer import Gazetteer
    from geo_incidents.extraction import Extractor, freeze_loaded
    from geo_incidents.io.articles import read_articles

    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "synthetic.jsonl"
        with open(path, "w", encoding="utf-8") as fh:
            for i in range(args.n):
                fh.write(json.dumps(synthetic_article(rng, i), ensure_ascii=False) + "\n")
        size_mb = path.stat().st_size / 2**20
        cache = Path(tmp) / "cache"
        t0 = time.perf_counter()
        if args.ocha:
            from eval_dev import gazetteer_with_ocha  # benchmarks/ is on the path when run as a script

            gazetteer_with_ocha(cache).close()
        else:
            Gazetteer.default(cache_dir=cache).close()
        print(f"gazetteer built into a temporary cache in {time.perf_counter() - t0:.1f} s")
        t0 = time.perf_counter()
        gazetteer = Gazetteer.default(cache_dir=cache)
        extractor = Extractor(gazetteer)
        if not args.no_freeze:
            freeze_loaded()  # as the commands do once their extractor is loaded
        print(f"gazetteer ({len(gazetteer)} places) and lexicons loaded in {time.perf_counter() - t0:.2f} s, "
              f"RSS {rss_mb():.0f} MB")
        if args.only != "long":
            short_reports(extractor)
        if args.only == "short":
            return
        checkpoints = {max(1, args.n * k // 10) for k in range(1, 11)}
        incidents = 0
        count = 0
        print(f"3 KB synthetic reports ({args.n}, streamed from JSONL):")
        start, cpu_start = time.perf_counter(), time.process_time()
        for item in read_articles([path]):
            incidents += len(extractor.extract(item))
            count += 1
            if count in checkpoints:
                cpu = time.process_time() - cpu_start
                print(f"{count:>8} articles  {count / cpu:8.0f} articles/s CPU  RSS {rss_mb():6.0f} MB")
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"3 KB reports: {count} ({size_mb:.1f} MB, {size_mb * 1024 / max(count, 1):.1f} KB each) in {cpu:.1f} s CPU: "
          f"{count / cpu:.0f} reports/s CPU ({count / elapsed:.0f}/s wall), {size_mb / cpu:.2f} MB/s, "
          f"{incidents} incidents, peak RSS {peak:.0f} MB (single core)")


def short_reports(extractor) -> None:
    """Extraction over the dev corpus's short reports, read into memory first (reading is not timed)."""
    from geo_incidents.io.articles import ArticleError, read_articles

    if not SHORT_CORPUS.exists():
        print(f"short reports: {SHORT_CORPUS} not found; skipped")
        return
    reports = [item for item in read_articles([SHORT_CORPUS]) if not isinstance(item, ArticleError)]
    chars = sum(len(report.full_text) for report in reports) / max(len(reports), 1)
    print(f"short real reports ({len(reports)} dev-corpus reports, {chars:.0f} characters on average):")
    for label in ("first pass, cold caches", "second pass"):
        incidents = 0
        start, cpu_start = time.perf_counter(), time.process_time()
        for report in reports:
            incidents += len(extractor.extract(report))
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
        print(f"  {label:<24} {len(reports) / cpu:7.0f} reports/s CPU ({len(reports) / elapsed:.0f}/s wall), "
              f"{cpu / len(reports) * 1e6:.0f} µs a report, {incidents} incidents")


if __name__ == "__main__":
    main()
