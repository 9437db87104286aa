"""Application settings in an INI file in the user data folder (BRIEFING_DATA_DIR in tests).
The settings dialog (language, autosave interval) is in ``settings_dialog``."""
from __future__ import annotations

from PySide6.QtCore import QSettings

from briefing.paths import user_data_dir

from .i18n import LANGUAGES

MAX_RECENT = 10


class Settings:
    def __init__(self):
        folder = user_data_dir()
        folder.mkdir(parents=True, exist_ok=True)
        self.q = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)

    # language: "system", "en" or "de"
    @property
    def language(self) -> str:
        value = str(self.q.value("ui/language", "system"))
        return value if value in ("system", *LANGUAGES) else "system"

    @language.setter
    def language(self, value: str) -> None:
        self.q.setValue("ui/language", value)

    @property
    def autosave_seconds(self) -> int:
        try:
            return max(1, min(600, int(self.q.value("autosave/idle_seconds", 3))))
        except (TypeError, ValueError):
            return 3

    @autosave_seconds.setter
    def autosave_seconds(self, value: int) -> None:
        self.q.setValue("autosave/idle_seconds", int(value))

    def recent_files(self) -> list[str]:
        value = self.q.value("files/recent", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in (value or []) if v][:MAX_RECENT]

    def add_recent(self, path: str) -> list[str]:
        files = [path, *[f for f in self.recent_files() if f != path]][:MAX_RECENT]
        self.q.setValue("files/recent", files)
        return files

    def clear_recent(self) -> None:
        self.q.setValue("files/recent", [])

    def value(self, key: str, default=None):
        return self.q.value(key, default)

    def set_value(self, key: str, value) -> None:
        self.q.setValue(key, value)

    def sync(self) -> None:
        self.q.sync()


def __getattr__(name: str):  # SettingsDialog lives in its own module (not needed at start-up)
    if name == "SettingsDialog":
        from .settings_dialog import SettingsDialog

        return SettingsDialog
    raise AttributeError(name)
