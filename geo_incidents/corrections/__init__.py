"""Analysts correct the machine: corrections kept with the store and applied at every write.

See :mod:`geo_incidents.corrections.actions` for the actions, :mod:`.table` for the editable CSV,
:mod:`.review` for what to check first and what the corrections teach.
"""

from geo_incidents.corrections.actions import (
    ACTIONS,
    CORRECTION_COLUMNS,
    CorrectionError,
    apply_corrections,
    describe,
)

__all__ = ["ACTIONS", "CORRECTION_COLUMNS", "CorrectionError", "apply_corrections", "describe"]
