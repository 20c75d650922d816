"""Map writing and loading speed: our one-payload-per-layer pages against folium's one Marker per incident.

Synthetic incidents (our own short template texts, random points over Syria, 20 % with coarse precision)
are written as one page, then as day pages. Prints, for 10,000 incidents on one page: write time, HTML
size, first render in headless Chromium (until every layer is built); the same page built the naive folium
way (one ``folium.Marker`` with a ``Popup`` per incident in a ``MarkerCluster``): write time, size, and
the ratios; for 100,000 incidents over 100 days: all day pages + index, and the time-slider page.

Goals: one page written <= 3 s, <= 5 MB, first render <= 3 s; 100 day pages + index <= 60 s.

Usage: ``python benchmarks/bench_maps.py [-n 10000] [--days 100] [--per-day 1000] [--no-browser]``
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import geopandas as gpd
import numpy as np
from shapely.geometry import LineString

import maps

TYPES = ["Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
         "Strategic developments", "Displacement"]  # fmt: skip
ACTORS = [("Syrian government forces", "القوات الحكومية"), ("Asayish", "الأسايش"), ("SDF", "قسد"),
          ("SNA", "الجيش الوطني"), ("HTS", "هيئة تحرير الشام"), ("Islamic State", "تنظيم الدولة"),
          ("Unidentified armed group", "مسلحون مجهولون"), ("Protesters", "متظاهرون")]  # fmt: skip
SENTENCE = "اشتباكات بين {a} و{b} قرب {p} أسفرت عن سقوط {n} جرحى بينهم مدنيون نقلوا إلى مستشفى المدينة."
PLACES = ["حي الأشرفية", "دوار شيحان", "مدينة عفرين", "مدينة سراقب", "مدينة الباب", "مدينة منبج", "بلدة عندان"]


def synthetic_incidents(n: int, days: int, seed: int = 1) -> gpd.GeoDataFrame:
    rng = np.random.default_rng(seed)
    start = date(2025, 1, 1)
    a1 = rng.integers(0, len(ACTORS), n)
    a2 = (a1 + rng.integers(1, len(ACTORS), n)) % len(ACTORS)
    kinds = rng.integers(0, len(TYPES), n)
    places = rng.integers(0, len(PLACES), n)
    wounded = rng.integers(0, 12, n)
    frame = gpd.GeoDataFrame(
        {
            "incident_id": [f"inc-{i:06d}" for i in range(n)],
            "event_type": [TYPES[k] for k in kinds],
            "sub_event_type": "",
            "event_date": [start + timedelta(days=int(d)) for d in rng.integers(0, days, n)],
            "actor1": [ACTORS[i][0] for i in a1], "actor1_ar": [ACTORS[i][1] for i in a1],
            "actor2": [ACTORS[i][0] for i in a2], "actor2_ar": [ACTORS[i][1] for i in a2],
            "location": [PLACES[p] for p in places], "place_name_ar": [PLACES[p] for p in places],
            "geo_precision": rng.choice([1, 1, 1, 1, 2, 3], n) if n else [],
            "fatalities": rng.integers(0, 5, n), "injured_low": wounded, "injured_high": wounded + 2,
            "civilian_casualties": rng.random(n) < 0.3,
            "evidence": [SENTENCE.format(a=ACTORS[a][1], b=ACTORS[b][1], p=PLACES[p], n=w)
                         for a, b, p, w in zip(a1, a2, places, wounded, strict=True)],
            "source": "Example News",
            "source_urls": [f"https://example.org/news/{i}" for i in range(n)],
            "confidence": np.round(rng.random(n), 2),
        },  # fmt: skip
        geometry=gpd.points_from_xy(rng.uniform(35.8, 42.0, n), rng.uniform(32.5, 37.2, n)),
        crs="EPSG:4326",
    )
    return frame


def closures_for(days: int) -> gpd.GeoDataFrame:
    rows = []
    for d in range(0, days, 3):
        rows.append({"incident_id": f"road-{d}", "event_type": "Road closure", "location": f"road {d % 7}",
                     "status": ["closed", "partial", "reopened"][d % 3],
                     "event_date": date(2025, 1, 1) + timedelta(days=d),
                     "geometry": LineString([(36.5 + d % 7 * 0.3, 35.0), (36.9 + d % 7 * 0.3, 36.0)])})  # fmt: skip
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")


def naive_folium_page(incidents: gpd.GeoDataFrame, path: Path) -> None:
    """What the map would be without our layer classes: a folium object per incident."""
    import html

    import folium
    from folium.plugins import MarkerCluster

    fmap = folium.Map(location=[35, 38.5], zoom_start=7, tiles=None)
    cluster = MarkerCluster(name="Incidents").add_to(fmap)
    for row in incidents.itertuples():
        popup = folium.Popup(f"<b>{html.escape(row.event_type)}</b><br>{html.escape(row.evidence)}", max_width=300)
        folium.Marker([row.geometry.y, row.geometry.x], popup=popup).add_to(cluster)
    fmap.save(str(path))


def first_render_seconds(page: Path) -> float | None:
    """From navigation to every layer built (``window.geoIncidents.ready``), network blocked."""
    from maps.browser import block_network, shared_context

    try:
        context = shared_context()
    except maps.BrowserUnavailable as err:
        print(f"    (no browser: {err})")
        return None
    tab = context.new_page()
    block_network(tab)
    start = time.perf_counter()
    tab.goto(page.as_uri(), wait_until="load", timeout=60000)
    tab.wait_for_function("window.geoIncidents && window.geoIncidents.ready === true", timeout=60000)
    elapsed = time.perf_counter() - start
    print(f"    page ready with {tab.evaluate('window.geoIncidents.layers.incidents.total')} incidents in its layer")
    if tab.evaluate("!!window.geoIncidents.basemap"):
        # the base map's labels are placed again on every move: time a jump to city zoom and back to the country
        for zoom, where in ((13, "[36.21, 37.15]"), (7, "[35.0, 38.5]")):
            ms = tab.evaluate(f"""() => {{ const t = performance.now();
                window.geoIncidents.map.setView({where}, {zoom}, {{animate: false}});
                return performance.now() - t; }}""")  # fmt: skip
            print(f"    move to zoom {zoom}: {ms:.0f} ms, {tab.evaluate('window.geoIncidents.labels')} place labels")
    tab.close()
    return elapsed


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=10_000)
    parser.add_argument("--days", type=int, default=100)
    parser.add_argument("--per-day", type=int, default=1_000)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench-maps-") as tmp:
        out = Path(tmp)
        incidents = synthetic_incidents(args.n, days=1)
        print(f"== one page, {args.n:,} incidents")
        start = time.perf_counter()
        page = maps.write_page(maps.render(incidents, title="bench"), out / "one" / "page.html")
        ours = time.perf_counter() - start
        size = page.stat().st_size
        print(f"  ours:  written in {ours:.2f} s, {size / 1e6:.2f} MB (local assets; goal <= 3 s, <= 5 MB)")
        start = time.perf_counter()
        offline = maps.write_page(maps.render(incidents), out / "one" / "offline.html", assets="offline")
        print(f"  ours offline (self-contained, base map and labels included): {time.perf_counter() - start:.2f} s, "
              f"{offline.stat().st_size / 1e6:.2f} MB (goal <= 5 MB)")  # fmt: skip
        assets = sum(f.stat().st_size for f in (out / "one" / "assets").rglob("*") if f.is_file())
        print(f"  shared assets/ beside local pages (Leaflet, plugins, base map): {assets / 1e6:.2f} MB")
        if not args.no_browser:
            for label, path in (("local assets", page), ("offline", offline)):
                seconds = first_render_seconds(path)
                if seconds is not None:
                    print(f"  ours ({label}): first render in headless Chromium {seconds:.2f} s (goal <= 3 s)")

        start = time.perf_counter()
        naive_folium_page(incidents, out / "naive.html")
        naive = time.perf_counter() - start
        naive_size = (out / "naive.html").stat().st_size
        print(f"  naive folium (Marker + Popup per incident): written in {naive:.2f} s, {naive_size / 1e6:.2f} MB")
        print(f"  ratio naive/ours: write time x{naive / ours:.1f}, size x{naive_size / size:.1f}")

        total = args.days * args.per_day
        print(f"== {total:,} incidents over {args.days} days: day pages + index")
        many = synthetic_incidents(total, days=args.days, seed=2)
        start = time.perf_counter()
        pages = maps.write_day_pages(many, out / "days", closures=closures_for(args.days), timeline=False)
        elapsed = time.perf_counter() - start
        biggest = max(p.stat().st_size for p in pages.days.values())
        print(f"  {len(pages.days)} day pages + index in {elapsed:.1f} s (goal <= 60 s), "
              f"largest page {biggest / 1e6:.2f} MB")  # fmt: skip
        start = time.perf_counter()
        timeline = maps.write_page(maps.render(many, closures_for(args.days), timeline=True),
                                   out / "days" / "timeline.html")  # fmt: skip
        print(f"  time-slider page with all {total:,} incidents: {time.perf_counter() - start:.1f} s, "
              f"{timeline.stat().st_size / 1e6:.1f} MB")  # fmt: skip
        if not args.no_browser:
            seconds = first_render_seconds(timeline)
            if seconds is not None:
                print(f"  time-slider page: first render (one day shown) {seconds:.2f} s")


if __name__ == "__main__":
    main()
