"""Write-then-rename, so that an export is either complete or absent, never half written.

The helper itself lives in :mod:`gazetteer.atomic`, the one atomic writer of the project.
"""

from __future__ import annotations

from gazetteer.atomic import atomic_output, remove_stale_temporaries

__all__ = ["atomic_output", "remove_stale_temporaries"]
