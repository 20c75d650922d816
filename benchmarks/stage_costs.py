"""Where extraction's time goes, stage by stage: noise filter, fold, the one automaton pass, sentences,
dates, events, ``Gazetteer.find`` (and its parts: name scan, resolution, cue phrases, the rest), place
roles, links, casualties, signals, records ...

Each stage the extractor calls by name (a module-level function of ``extraction.extractor`` or a method
of the objects it holds) is wrapped; what ``Extractor.extract`` does on its own lines is the rest.

- Default: CPU time per stage (``time.process_time`` around each call), µs a report and share of
  ``extract``. Noisy on a shared machine (and the wrappers add about 1 µs a call).
- ``--trampolines DIR``: each stage is called through a C function of its own (``stage_<name>``, a
  small extension module written and compiled into DIR with the system's C compiler), so that
  ``valgrind --tool=callgrind`` counts each stage's instructions as that function's inclusive cost,
  firm under any load::

      PYTHONHASHSEED=0 valgrind --tool=callgrind --callgrind-out-file=cg.out \\
          .venv/bin/python benchmarks/stage_costs.py --only long --trampolines /tmp/tramp
      .venv/bin/python benchmarks/stage_costs.py --table cg.out --reports 400

Inputs: ``--only short`` the 4,900 dev-corpus reports (one pass from cold caches); ``--only long`` 400
synthetic 3 KB reports (``bench_extract.synthetic_article``, seed 1), 50 of them extracted first.

Usage: ``python benchmarks/stage_costs.py [--only short|long] [--trampolines DIR | --table CALLGRIND_OUT]``
"""

from __future__ import annotations

import argparse
import functools
import json
import random
import re
import subprocess
import sys
import sysconfig
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_extract import SHORT_CORPUS, synthetic_article  # noqa: E402

#: stage -> the names ``extraction.extractor`` calls it by
EXTRACTOR_STAGES = {
    "fold": ["fold_text"], "split": ["split_sentences"], "cues_actors": ["not_party_spans"],
    "commentary": ["_commentary_sentences"],
    "statistics": ["aggregate_sentences", "period_sentences", "trend_sentences"],
    "background": ["background_spans", "cited_spans"], "group_events": ["group_events"],
    "unresolved": ["unresolved_names"], "place_refs": ["place_refs", "not_verbs"],
    "roles": ["to_hospital_spans", "assign_roles", "destination_starts"],
    "link_places": ["link_places", "place_named_facilities", "spread_spans"],
    "casualties": ["find_casualties", "_link_casualties"],
    "type_harm": ["_harm_near", "type_by_harm", "_drop_bare_generic"],
    "signals": ["SentenceSignals"], "weigh": ["weigh"], "fold_refs": ["_fold_references"],
    "event_dates": ["_event_date", "places_of_its_time", "_take_named_means"],
    "actors": ["_event_actors", "pick_two"], "records": ["combine"],
    "folds": ["_fold_into_chemical", "_fold_headline_duplicates", "_fold_into_finer"],
}
#: parts of ``Gazetteer.find`` besides the name scan and resolution, by the names ``gazetteer.gazetteer`` calls
FIND_STAGES = {
    "find_cues": ["add_cue_mentions", "add_dual_cue_names"],
    "find_after": ["place_in_text_area", "without_gentilic_countries", "add_kingdom_mentions",
                   "hashtag_countries", "without_topic_hashtags"],
}
#: stages that are methods: (stage, path of the object from the extractor, method)
METHOD_STAGES = [("noise", "lexicon.noise", "clean"), ("text_pass", "_text_pass", "scan"), ("dates", "dates", "find"),
                 ("find_scan", "gazetteer.names", "scan"), ("find_resolve", "gazetteer.resolver", "resolve"),
                 ("find", "gazetteer", "find"), ("records", "", "_incident"), ("whole", "", "extract")]
#: stages inside ``find`` (not added to the extractor's stages when the rest is worked out)
INSIDE_FIND = frozenset({"find_scan", "find_resolve", "find_cues", "find_after"})
STAGES = sorted({*EXTRACTOR_STAGES, *FIND_STAGES, *(s for s, _, _ in METHOD_STAGES)})


def build_trampolines(folder: Path):
    """A C extension module ``stage_trampolines`` with a function ``stage_<name>(f, *args, **kw)`` per stage
    that calls ``f(*args, **kw)``: callgrind then charges each stage to a function of its own name."""
    folder.mkdir(parents=True, exist_ok=True)
    source = ["#define PY_SSIZE_T_CLEAN", "#include <Python.h>"]
    for stage in STAGES:
        source.append(
            f"static PyObject *stage_{stage}(PyObject *self, PyObject *args, PyObject *kw) {{\n"
            "  PyObject *rest = PyTuple_GetSlice(args, 1, PyTuple_GET_SIZE(args));\n"
            "  if (rest == NULL) return NULL;\n"
            "  PyObject *result = PyObject_Call(PyTuple_GET_ITEM(args, 0), rest, kw);\n"
            "  Py_DECREF(rest);\n  return result;\n}")
    source.append("static PyMethodDef methods[] = {")
    source += [f'  {{"{s}", (PyCFunction)(void (*)(void))stage_{s}, METH_VARARGS | METH_KEYWORDS, NULL}},'
               for s in STAGES]
    source += ["  {NULL, NULL, 0, NULL}};",
               'static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "stage_trampolines", NULL, -1, methods};',
               "PyMODINIT_FUNC PyInit_stage_trampolines(void) { return PyModule_Create(&module); }"]
    c_file = folder / "stage_trampolines.c"
    c_file.write_text("\n".join(source) + "\n")
    target = folder / f"stage_trampolines{sysconfig.get_config_var('EXT_SUFFIX')}"
    if not target.exists() or target.stat().st_mtime < c_file.stat().st_mtime:
        subprocess.run([sysconfig.get_config_var("CC").split()[0], "-O2", "-g", "-shared", "-fPIC",
                        f"-I{sysconfig.get_paths()['include']}", str(c_file), "-o", str(target)], check=True)
    sys.path.insert(0, str(folder))
    import stage_trampolines

    return {stage: getattr(stage_trampolines, stage) for stage in STAGES}


def timers(totals: dict[str, float]):
    """A wrapper per stage that adds its CPU time to ``totals`` (a stage called from inside itself counts once)."""
    depth: dict[str, int] = defaultdict(int)

    def make(stage: str):
        def call(f, *args, **kwargs):
            if depth[stage]:
                return f(*args, **kwargs)
            depth[stage] += 1
            started = time.process_time()
            try:
                return f(*args, **kwargs)
            finally:
                totals[stage] += time.process_time() - started
                depth[stage] -= 1
        return call

    return {stage: make(stage) for stage in STAGES}


def wrap(extractor, calls) -> None:
    import gazetteer.gazetteer as gazetteer_module
    import geo_incidents.extraction.extractor as extractor_module

    for module, stages in ((extractor_module, EXTRACTOR_STAGES), (gazetteer_module, FIND_STAGES)):
        for stage, names in stages.items():
            for name in names:
                setattr(module, name, functools.partial(calls[stage], getattr(module, name)))
    for stage, path, method in METHOD_STAGES:
        owner = functools.reduce(getattr, path.split("."), extractor) if path else extractor
        setattr(owner, method, functools.partial(calls[stage], getattr(owner, method)))


def articles(which: str) -> tuple[list, int]:
    """The reports and how many of them to extract before measuring."""
    from geo_incidents.io.articles import read_articles

    if which == "short":
        return [a for a in read_articles([SHORT_CORPUS]) if not isinstance(a, Exception)], 0
    import tempfile

    rng = random.Random(1)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "long.jsonl"
        path.write_text("".join(json.dumps(synthetic_article(rng, i), ensure_ascii=False) + "\n" for i in range(400)),
                        encoding="utf-8")
        return [a for a in read_articles([path]) if not isinstance(a, Exception)], 50


def table(rows: dict[str, float], reports: int, unit: str) -> None:
    """Print the stages' costs a report, the rest of ``extract`` worked out, largest first."""
    rows = dict(rows)
    whole = rows.get("whole", 0.0)
    rows["rest_extract"] = whole - sum(v for k, v in rows.items() if k not in INSIDE_FIND | {"whole"})
    rows["find_rest"] = rows.get("find", 0.0) - sum(rows.get(k, 0.0) for k in INSIDE_FIND)
    print(f"| stage | {unit} a report | share of extract |")
    print("|---|---:|---:|")
    for stage, value in sorted(rows.items(), key=lambda item: -item[1]):
        share = 100 * value / whole if whole else 0.0
        print(f"| {stage}{' (in find)' if stage in INSIDE_FIND | {'find_rest'} else ''} | "
              f"{value / reports:,.1f} | {share:.1f} % |")


def read_callgrind(path: Path) -> dict[str, float]:
    """Each stage's inclusive instructions from a callgrind output (``callgrind_annotate --inclusive=yes``)."""
    out = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", str(path)],
                         capture_output=True, text=True, check=True).stdout
    found: dict[str, float] = {}
    for line in out.splitlines():
        match = re.match(r"\s*([\d,]+) .*stage_trampolines\.c:stage_(\w+)(?: |$)", line)
        if match and match.group(2) not in found:
            found[match.group(2)] = int(match.group(1).replace(",", "")) / 1000.0
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", choices=["short", "long"], default="long")
    parser.add_argument("--trampolines", type=Path, help="call the stages through C functions built in this folder")
    parser.add_argument("--table", type=Path, help="print the stage table of a callgrind output and exit")
    parser.add_argument("--reports", type=int, default=400, help="with --table: how many reports the run extracted")
    args = parser.parse_args()
    if args.table:
        table(read_callgrind(args.table), args.reports, "k instructions")
        return
    from gazetteer import Gazetteer
    from geo_incidents.extraction import Extractor

    calls = build_trampolines(args.trampolines) if args.trampolines else None
    extractor = Extractor(Gazetteer.default())
    reports, warm = articles(args.only)
    for article in reports[:warm]:
        extractor.extract(article)
    totals: dict[str, float] = defaultdict(float)
    wrap(extractor, calls or timers(totals))
    for article in reports:
        extractor.extract(article)
    print(f"{len(reports)} {args.only} reports extracted once{' after ' + str(warm) if warm else ' (cold caches)'}")
    if calls is None:
        table({k: v * 1e6 for k, v in totals.items()}, len(reports), "µs of CPU")


if __name__ == "__main__":
    main()
