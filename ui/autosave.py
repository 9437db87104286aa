"""Autosave after a few seconds of idle time, and the crash-recovery offer at start.

Uses the core's autosave API (``briefing.autosave``); this module only decides *when*."""
from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox

from briefing import autosave as A
from briefing.errors import BriefingError

from .i18n import tr


class AutosaveController(QObject):
    saved = Signal(str)
    recovered = Signal(str)

    def __init__(self, session, seconds: int = 3, parent=None):
        super().__init__(parent)
        self.session = session
        self.session_id = A.new_session_id()
        self.timer = QTimer(self, singleShot=True)
        self.timer.setInterval(int(seconds * 1000))
        self.timer.timeout.connect(self.write_now)
        self.last_error = ""
        self.box: QMessageBox | None = None
        session.state_changed.connect(self._edited)
        session.clean_changed.connect(self._clean_changed)

    def set_interval(self, seconds: int) -> None:
        self.timer.setInterval(int(seconds * 1000))

    def _edited(self, *_args) -> None:
        if self.session.modified:
            self.timer.start()  # restarts: writes after the user paused

    def _clean_changed(self, clean: bool) -> None:
        if clean:
            self.timer.stop()
            self.discard()

    def write_now(self):
        self.timer.stop()
        if not self.session.modified:
            return None
        try:
            path = A.write_autosave(self.session.project, self.session_id, origin=self.session.path)
        except (OSError, BriefingError) as exc:
            self.last_error = str(exc)
            return None
        self.saved.emit(str(path))
        return path

    def discard(self) -> None:
        try:
            A.discard_autosave(self.session_id)
        except OSError:
            pass

    # ------------------------------------------------------------------ recovery
    def offer_recovery(self, parent) -> QMessageBox | None:
        """If a crashed session left work behind, ask whether to restore the newest one."""
        entries = A.list_recoverable()
        entries = [e for e in entries if e.session_id != self.session_id]
        if not entries:
            return None
        entry = entries[0]
        when = entry.modified.astimezone().strftime("%Y-%m-%d %H:%M")
        box = QMessageBox(QMessageBox.Icon.Question, tr("Restore unsaved work?"),
                          tr("Briefing was not closed properly. Restore “%1”, autosaved at %2?")
                          .replace("%1", entry.title).replace("%2", when), parent=parent)
        restore = box.addButton(tr("Restore"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(tr("Discard"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(tr("Later"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(restore)
        restore.clicked.connect(lambda: self.restore(entry))
        discard.clicked.connect(lambda: A.discard_autosave(entry.session_id))
        self.box = box
        box.open()
        return box

    def restore(self, entry) -> bool:
        try:
            project = A.load_autosave(entry.path)
        except BriefingError as exc:
            self.last_error = str(exc)
            return False
        self.session.replace(project, entry.origin, clean=False)
        self.write_now()  # our own copy first, then drop the crashed session's file
        A.discard_autosave(entry.session_id)
        self.recovered.emit(entry.title)
        return True
