"""``python -m geo_incidents`` runs the CLI."""

import sys

from geo_incidents.cli import main

sys.exit(main())
