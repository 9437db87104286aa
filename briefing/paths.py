"""Where the application finds its shipped data and the user's data folder."""
from __future__ import annotations

import os
from pathlib import Path

import platformdirs

_HERE = Path(__file__).resolve().parent


def _shipped(folder: str, installed: str) -> Path:
    # Source checkout: the folder sits next to briefing/. Installed wheel: it is
    # installed as a data folder inside briefing/ (see pyproject.toml).
    checkout = _HERE.parent / folder
    if checkout.is_dir() and (_HERE.parent / "pyproject.toml").is_file():
        return checkout
    return _HERE / installed


def templates_dir() -> Path:
    return _shipped("templates", "_templates")


def resources_dir() -> Path:
    return _shipped("resources", "_resources")


def user_data_dir() -> Path:
    """The user data folder (template library, autosave); BRIEFING_DATA_DIR overrides it."""
    override = os.environ.get("BRIEFING_DATA_DIR")
    path = Path(override) if override else Path(platformdirs.user_data_dir("Briefing", "Briefing"))
    return path
