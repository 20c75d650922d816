"""gazetteer: Arabic place names to geometries.

Knows nothing of incidents. Public API (see README):

- :class:`Gazetteer` — ``Gazetteer.default()``, ``lookup(name, near=...)``, ``find(text)``, ``get(id)``
- :class:`Place`, :class:`Candidate`, :class:`Mention`, :class:`Kind`, :class:`Precision`
- :func:`normalize` — Arabic normalisation used for every match
"""

from gazetteer.model import Candidate, Kind, Mention, Place, Precision

__all__ = ["Candidate", "Kind", "Mention", "Place", "Precision"]
