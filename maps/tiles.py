"""Which web tiles a map may draw under its offline base: none, OpenStreetMap's, or a URL template.

Apart from the renderer so that the command line checks ``--tiles`` without loading folium.
"""

from __future__ import annotations

OSM_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = "© OpenStreetMap contributors"


def tile_source(tiles: str | None) -> tuple[str | None, str]:
    """The tile URL template and its attribution for ``tiles`` ('none', 'osm' or a URL template)."""
    if tiles in (None, "", "none"):
        return None, ""
    if tiles == "osm":
        return OSM_URL, OSM_ATTRIBUTION
    if "{z}" in tiles and "{x}" in tiles and "{y}" in tiles:
        return tiles, "Tiles: " + tiles.split("/")[2] if "//" in tiles else "Tiles"
    raise ValueError(f"tiles must be 'none', 'osm' or a URL template with {{z}}/{{x}}/{{y}}, not {tiles!r}")


def check_tiles(tiles: str) -> str:
    """``tiles`` if the renderer accepts it, else a ValueError saying why."""
    tile_source(tiles)
    return tiles
