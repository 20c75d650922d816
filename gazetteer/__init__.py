"""gazetteer: Arabic place names to geometries.

Knows nothing of incidents. Public API (see README):

- :class:`Gazetteer` — ``Gazetteer.default()``, ``lookup(name, near=...)``, ``find(text)``, ``get(id)``;
  ``Gazetteer.default(online=NominatimGeocoder(...))`` adds the opt-in online fallback
  (:mod:`gazetteer.online`), asked only when the local index has nothing
- :class:`Place`, :class:`Candidate`, :class:`Mention`, :class:`Kind`, :class:`Precision`
- :func:`normalize` — Arabic normalisation used for every match; :func:`normalize_with_offsets`
  keeps a map back to the original text
"""

from gazetteer.gazetteer import Gazetteer
from gazetteer.model import Candidate, Kind, Mention, Place, Precision
from gazetteer.normalize import normalize, normalize_name, normalize_with_offsets

__all__ = [
    "Candidate", "Gazetteer", "Kind", "Mention", "Place", "Precision", "normalize", "normalize_name",
    "normalize_with_offsets",
]
