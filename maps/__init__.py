"""maps: GeoDataFrames to layered Leaflet HTML (folium). Knows nothing of extraction."""
