"""The settings dialog: language (system, English, German) and the autosave idle time."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QSpinBox, QVBoxLayout

from .i18n import LANGUAGES, tr
from .settings import Settings


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
