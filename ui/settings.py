"""Application settings in an INI file in the user data folder (BRIEFING_DATA_DIR in tests),
and the settings dialog (language, autosave interval)."""
from __future__ import annotations

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QSpinBox, QVBoxLayout

from briefing.paths import user_data_dir

from .i18n import LANGUAGES, tr

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


class SettingsDialog(QDialog):
    language_changed = Signal(str)

    def __init__(self, settings: Settings, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(tr("Settings"))
        self.language = QComboBox()
        self.language.addItem(tr("System language"), "system")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.language.setAccessibleName(tr("Language"))
        self.autosave = QSpinBox()
        self.autosave.setRange(1, 600)
        self.autosave.setSuffix(tr(" s"))
        self.autosave.setValue(settings.autosave_seconds)
        self.autosave.setAccessibleName(tr("Autosave after seconds of idle time"))
        form = QFormLayout()
        form.addRow(tr("&Language"), self.language)
        form.addRow(tr("&Autosave after idle"), self.autosave)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(buttons)
        self.accepted.connect(self._store)

    def _store(self) -> None:
        old = self.settings.language
        self.settings.language = self.language.currentData()
        self.settings.autosave_seconds = self.autosave.value()
        self.settings.sync()
        if self.settings.language != old:
            self.language_changed.emit(self.settings.language)
