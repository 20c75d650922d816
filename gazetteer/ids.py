"""One id per administrative unit, whatever the source that brings it.

Countries are ``local:country-<iso2>`` (lower case) and Syrian governorates ``ocha:SY<nn>``
(their OCHA p-code) in the curated file, the OCHA files, the bundled GeoNames tables and the
parents of GeoNames dump rows, so that ``near=`` and the parent chains that rank candidates
(a neighbourhood inside the city the text names) work across sources, and an import of the OCHA
governorate polygons replaces the bundled governorate points (same id). Other places keep their
source's id (``geonames:170063``, ``ocha:C1007``, ``local:roundabout-shihan``).
"""

from __future__ import annotations

#: GeoNames first-level codes of Syria (``SY.09``) to OCHA governorate p-codes (``SY02``).
GEONAMES_ADMIN1_TO_PCODE: dict[str, str] = {
    "01": "SY08",  # Al-Hasakah
    "02": "SY06",  # Latakia
    "03": "SY14",  # Quneitra
    "04": "SY11",  # Raqqa
    "05": "SY13",  # As-Suwayda
    "06": "SY12",  # Daraa
    "07": "SY09",  # Deir ez-Zor
    "08": "SY03",  # Rif Dimashq
    "09": "SY02",  # Aleppo
    "10": "SY05",  # Hama
    "11": "SY04",  # Homs
    "12": "SY07",  # Idlib
    "13": "SY01",  # Damascus
    "14": "SY10",  # Tartus
}


def country_id(iso2: str) -> str:
    """``local:country-sy`` for ``SY``."""
    return f"local:country-{iso2.strip().lower()}"


def governorate_id(pcode: str) -> str:
    """``ocha:SY02`` for the OCHA p-code ``SY02``."""
    return f"ocha:{pcode.strip().upper()}"


def syria_governorate_id(geonames_admin1: str) -> str | None:
    """The governorate id of a Syrian GeoNames first-level code (``09`` → ``ocha:SY02``)."""
    pcode = GEONAMES_ADMIN1_TO_PCODE.get(geonames_admin1.strip())
    return governorate_id(pcode) if pcode else None
