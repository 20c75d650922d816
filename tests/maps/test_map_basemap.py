"""The bundled base map is what its script builds from the shared OCHA files, and stays small."""

from __future__ import annotations

import json
import shutil

from maps.assets import BASEMAP_GEOJSON
from maps.tools import make_basemap
from tests.conftest import SHARED_DATA, require


def test_base_map_is_rebuilt_identically_by_its_script(tmp_path):
    require((SHARED_DATA / "ocha" / "syr_admin4_point.geojson").is_file(), "OCHA files in shared data")
    out = tmp_path / "basemap.geojson"
    shutil.copyfile(BASEMAP_GEOJSON, out)  # the neighbours (Natural Earth) are kept from the existing file
    make_basemap.main(["--out", str(out)])
    assert out.read_bytes() == BASEMAP_GEOJSON.read_bytes()


def test_base_map_holds_places_by_rank_and_the_aleppo_quarters():
    data = json.loads(BASEMAP_GEOJSON.read_text(encoding="utf-8"))
    assert BASEMAP_GEOJSON.stat().st_size < 1_000_000
    kinds = {f["properties"]["kind"] for f in data["features"]}
    assert {"neighbour", "admin1", "admin2", "country", "water", "nbhd", "road"} <= kinds
    quarters = {f["properties"]["name_ar"] for f in data["features"] if f["properties"]["kind"] == "nbhd"}
    assert {"الأشرفية", "الشيخ مقصود"} <= quarters
    places = data["places"]
    ranks = dict(zip(places["ar"], places["r"], strict=True))
    assert ranks["دمشق"] == 0 and ranks["حلب"] == 1 and ranks["دوار شيحان"] == 5
    assert len(places["x"]) > 5000 and len(data["districts"]["x"]) == 61
