"""The File ▸ Open Recent menu, kept in the settings."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMenu

from .i18n import tr


class RecentMenu(QMenu):
    open_requested = Signal(str)

    def __init__(self, settings, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.aboutToShow.connect(self.refresh)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(tr("Open &Recent"))
        self.refresh()

    def add(self, path: str) -> None:
        self.settings.add_recent(str(Path(path).resolve()))
        self.refresh()

    def refresh(self) -> None:
        self.clear()
        files = self.settings.recent_files()
        for i, f in enumerate(files, start=1):
            act = self.addAction(f"&{i % 10}  {Path(f).name}")
            act.setToolTip(f)
            act.setStatusTip(f)
            act.triggered.connect(lambda _=False, f=f: self.open_requested.emit(f))
        if not files:
            self.addAction(tr("No recent files")).setEnabled(False)
        else:
            self.addSeparator()
            self.addAction(tr("Clear list"), self._clear)

    def _clear(self) -> None:
        self.settings.clear_recent()
        self.refresh()
