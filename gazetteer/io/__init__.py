"""Source importers: each reads one kind of file and yields :class:`~gazetteer.model.Place`.

``IMPORTERS`` maps the ``KIND`` of ``geo-incidents gazetteer import KIND PATH`` to the function.
Every importer takes the path first and accepts ``report=`` (an :class:`ImportReport` it fills
with counts and skipped rows) and ``strict=`` (raise on the first bad row instead of skipping).
Fatal problems (unreadable file, not the expected format, missing columns) raise
:class:`SourceError`, whose message names the file and row.

The importers' modules load on first use (the generic one pulls in pyproj, which alone costs
~80 ms): importing this package stays cheap for code that only needs :class:`SourceError`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from importlib import import_module
from typing import TYPE_CHECKING, Any

from gazetteer.io.errors import ImportReport, SourceError

if TYPE_CHECKING:  # for type checkers and editors; at run time see __getattr__
    from gazetteer.io.curated import curated_path, read_curated
    from gazetteer.io.generic import load_alias_file, read_table
    from gazetteer.io.geonames_dump import read_alternate_names, read_geonames_dump
    from gazetteer.io.ocha import read_ocha_admin, read_ocha_communities, read_ocha_neighbourhoods
    from gazetteer.model import Place

#: Public name -> the module that defines it.
_LAZY: dict[str, str] = {
    "curated_path": "gazetteer.io.curated",
    "read_curated": "gazetteer.io.curated",
    "load_alias_file": "gazetteer.io.generic",
    "read_table": "gazetteer.io.generic",
    "read_alternate_names": "gazetteer.io.geonames_dump",
    "read_geonames_dump": "gazetteer.io.geonames_dump",
    "read_ocha_admin": "gazetteer.io.ocha",
    "read_ocha_communities": "gazetteer.io.ocha",
    "read_ocha_neighbourhoods": "gazetteer.io.ocha",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value  # once loaded, an ordinary attribute
    return value


class _Importers(Mapping):
    """Import kind -> reader, each reader's module imported when it is first looked up."""

    def __init__(self, names: dict[str, str]):
        self._names = names

    def __getitem__(self, kind: str) -> Callable[..., Iterator[Place]]:
        return __getattr__(self._names[kind])

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


IMPORTERS: Mapping[str, Callable[..., Iterator[Place]]] = _Importers({
    "ocha-admin": "read_ocha_admin",
    "ocha-communities": "read_ocha_communities",
    "ocha-neighbourhoods": "read_ocha_neighbourhoods",
    "geonames": "read_geonames_dump",
    "table": "read_table",
    "curated": "read_curated",
})

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
