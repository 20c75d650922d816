"""gazetteer: Arabic place names to geometries.

Knows nothing of incidents. Public API (see README):

- :class:`Gazetteer` — ``Gazetteer.default()``, ``lookup(name, near=...)``, ``find(text)``, ``get(id)``;
  ``Gazetteer.default(online=NominatimGeocoder(...))`` adds the opt-in online fallback
  (:mod:`gazetteer.online`), asked only when the local index has nothing
- :class:`Place`, :class:`Candidate`, :class:`Mention`, :class:`Kind`, :class:`Precision`
- :func:`normalize` — Arabic normalisation used for every match; :func:`normalize_with_offsets`
  keeps a map back to the original text
"""

from typing import TYPE_CHECKING

from gazetteer.model import Candidate, Kind, Mention, Place, Precision
from gazetteer.normalize import normalize, normalize_name, normalize_with_offsets

if TYPE_CHECKING:
    from gazetteer.gazetteer import Gazetteer

__all__ = [
    "Candidate", "Gazetteer", "Kind", "Mention", "Place", "Precision", "normalize", "normalize_name",
    "normalize_with_offsets",
]

def __getattr__(name: str):
    """:class:`Gazetteer` is imported on first use (the automaton, numpy, rapidfuzz): ``import gazetteer``
    and ``geo-incidents --help`` stay quick."""
    if name == "Gazetteer":
        from gazetteer.gazetteer import Gazetteer

        return Gazetteer
    raise AttributeError(f"module 'gazetteer' has no attribute {name!r}")
