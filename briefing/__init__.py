"""Briefing: turn articles and reports into sourced briefs (Qt-free core)."""

__version__ = "0.1.0"
