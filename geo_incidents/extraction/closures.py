"""The closed stretch of a road: the part of its line near the place the text closes it at.

"أغلقت القوات طريق حلب – غازي عنتاب عند مدخل المدينة قرب دوار الليرمون" closes the road near the
roundabout, not along its whole length.  The stretch is cut from the road's LineString with shapely
``substring``: ±``HALF_STRETCH_M`` around the point where the locating place projects onto the road,
or between the projections of two places ("بين X و Y", "من X إلى Y").  Distances are taken in a
local equirectangular frame (metres), which is exact enough over a few kilometres.
"""

from __future__ import annotations

import math
import re

import numpy as np
import shapely
from shapely.geometry import LineString, MultiLineString, Point
from shapely.geometry.base import BaseGeometry
from shapely.ops import linemerge, substring

HALF_STRETCH_M = 2500.0
#: a place farther than this from the road does not locate the closure
MAX_OFFSET_M = 10_000.0
_METRES_PER_DEGREE_LAT = 110_540.0
_METRES_PER_DEGREE_LON = 111_320.0
#: "بين X و Y" / "من X إلى Y": the closure runs between two places
BETWEEN = re.compile(r"(?<!\w)(?:بين|ما بين)\s|(?<!\w)من\s[^،,]{2,60}?\sالي\s")


def closure_stretch(road: BaseGeometry, places: list[BaseGeometry], between: bool = False) -> BaseGeometry | None:
    """The stretch of ``road`` near ``places`` (finest first), or None when none lies near the road."""
    if road is None or road.is_empty or road.geom_type not in ("LineString", "MultiLineString"):
        return None
    lat0 = math.radians(road.centroid.y)
    scale = np.array([_METRES_PER_DEGREE_LON * math.cos(lat0), _METRES_PER_DEGREE_LAT])
    line = _single_line(shapely.transform(road, lambda xy: xy * scale))
    positions = []
    for place in places:
        if place is None or place.is_empty:
            continue
        point = shapely.transform(place.representative_point(), lambda xy: xy * scale)
        part = _nearest_part(line, point)
        if part.distance(point) <= MAX_OFFSET_M:
            positions.append((part, part.project(point)))
    if not positions:
        return None
    part, at = positions[0]
    if between and len(positions) > 1 and positions[1][0] is part and abs(positions[1][1] - at) > 1.0:
        start, end = sorted((at, positions[1][1]))
    else:
        start, end = max(0.0, at - HALF_STRETCH_M), min(part.length, at + HALF_STRETCH_M)
    stretch = substring(part, start, end)
    if stretch.is_empty or stretch.geom_type != "LineString":
        return None
    return shapely.transform(stretch, lambda xy: xy / scale)


def _single_line(geometry: BaseGeometry) -> BaseGeometry:
    if isinstance(geometry, MultiLineString):
        merged = linemerge(geometry)
        return merged
    return geometry


def _nearest_part(line: BaseGeometry, point: Point) -> LineString:
    if isinstance(line, LineString):
        return line
    return min(line.geoms, key=point.distance)
