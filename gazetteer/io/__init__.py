"""Source importers: each reads one kind of file and yields :class:`~gazetteer.model.Place`.

``IMPORTERS`` maps the ``KIND`` of ``geo-incidents gazetteer import KIND PATH`` to the function.
Every importer takes the path first and accepts ``report=`` (an :class:`ImportReport` it fills
with counts and skipped rows) and ``strict=`` (raise on the first bad row instead of skipping).
Fatal problems (unreadable file, not the expected format, missing columns) raise
:class:`SourceError`, whose message names the file and row.
"""

from collections.abc import Callable, Iterator

from gazetteer.io.curated import curated_path, read_curated
from gazetteer.io.errors import ImportReport, SourceError
from gazetteer.io.generic import load_alias_file, read_table
from gazetteer.io.geonames_dump import read_alternate_names, read_geonames_dump
from gazetteer.io.ocha import read_ocha_admin, read_ocha_communities, read_ocha_neighbourhoods
from gazetteer.model import Place

IMPORTERS: dict[str, Callable[..., Iterator[Place]]] = {
    "ocha-admin": read_ocha_admin,
    "ocha-communities": read_ocha_communities,
    "ocha-neighbourhoods": read_ocha_neighbourhoods,
    "geonames": read_geonames_dump,
    "table": read_table,
    "curated": read_curated,
}

__all__ = [
    "IMPORTERS",
    "ImportReport",
    "SourceError",
    "curated_path",
    "load_alias_file",
    "read_alternate_names",
    "read_curated",
    "read_geonames_dump",
    "read_ocha_admin",
    "read_ocha_communities",
    "read_ocha_neighbourhoods",
    "read_table",
]
