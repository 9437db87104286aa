"""``python -m briefing`` runs the command line (the core never starts the GUI)."""
import sys

from .cli import main

sys.exit(main())
