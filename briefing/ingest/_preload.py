"""Imported by the parser fork server only (see ``limits._PRELOAD``): load every parser once."""
from __future__ import annotations

from ._warm import warm

warm()
