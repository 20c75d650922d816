"""Analysts correct the machine: corrections kept with the store and applied at every write.

See :mod:`geo_incidents.corrections.actions` for the actions, :mod:`.table` for the editable CSV,
:mod:`.review` for what to check first and what the corrections teach.
"""

__all__ = ["ACTIONS", "CORRECTION_COLUMNS", "CorrectionError", "apply_corrections", "describe"]


def __getattr__(name: str):
    """The actions, imported on first use: they need pandas and geopandas, which the command line loads
    only when a correction is made (``geo-incidents --help`` stays quick)."""
    if name in __all__:
        from geo_incidents.corrections import actions

        return getattr(actions, name)
    raise AttributeError(f"module 'geo_incidents.corrections' has no attribute {name!r}")
