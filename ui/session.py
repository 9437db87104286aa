"""The open project and its one undo stack.

Every edit is a core command (``briefing.commands``) wrapped in a ``QUndoCommand``; views
listen to :attr:`Session.changed` and refresh only what a command's scope names. The window
is "modified" exactly when the undo stack is not clean.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from briefing import commands as C
from briefing.errors import BriefingError
from briefing.model import Project
from briefing.templates import get_template
from .i18n import tr

#: the template a new brief starts with, by user-interface language
DEFAULT_TEMPLATES = {"de": "lagebild"}


def default_template():
    """A new brief's template: German users start with the German situation report."""
    from . import i18n

    name = DEFAULT_TEMPLATES.get(i18n.current())
    try:
        return get_template(name)
    except BriefingError:
        return get_template(None)

_MERGE_ID = 0x6272


class _Undoable(QUndoCommand):
    def __init__(self, session: Session, command: C.Command):
        super().__init__(session.tr_command(command.name))
        self.session = session
        self.command = command
        self.failed: BriefingError | None = None

    def redo(self) -> None:
        try:
            self.command.apply(self.session.project)
        except BriefingError as exc:
            self.failed = exc
            self.setObsolete(True)
            return
        self.session._notify(self.command)

    def undo(self) -> None:
        self.command.revert(self.session.project)
        self.session._notify(self.command)

    def id(self) -> int:  # noqa: A003 - Qt's name
        return _MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802
        return isinstance(other, _Undoable) and self.command.merge(other.command)


class Session(QObject):
    """Holds the project, its file path and the undo stack."""

    #: the command that was applied or reverted (scope, claim ids)
    changed = Signal(object)
    #: the whole project was replaced (new, open, recover)
    reset = Signal()
    #: a command could not be applied; the message is one line
    failed = Signal(str)
    #: undo stack moved (edit, undo, redo) or its clean state changed. Views connect here, not
    #: to the stack: the stack is this object's child, so its last signals die with us.
    state_changed = Signal()
    clean_changed = Signal(bool)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.undo_stack.indexChanged.connect(self._index_changed)
        self.undo_stack.cleanChanged.connect(self._clean_changed)
        self.path: Path | None = None
        self.project: Project = C.empty_project(default_template())

    # ------------------------------------------------------------------ state
    @property
    def modified(self) -> bool:
        return not self.undo_stack.isClean()

    def tr_command(self, name: str) -> str:
        return tr(name)

    def replace(self, project: Project, path: Path | None = None, *, clean: bool = True) -> None:
        self.project = project
        self.path = path
        self.undo_stack.clear()
        if not clean:
            # a recovered project is unsaved work: an empty macro makes the stack dirty
            self.undo_stack.resetClean()
        self.reset.emit()

    def new(self) -> None:
        self.replace(C.empty_project(default_template()))

    # ------------------------------------------------------------------ edits
    def push(self, command: C.Command) -> bool:
        """Apply ``command`` as one undoable step; False (and ``failed``) if it was refused."""
        wrapper = _Undoable(self, command)
        self.undo_stack.push(wrapper)
        if wrapper.failed is not None:
            self.failed.emit(str(wrapper.failed))
            return False
        return True

    def _index_changed(self, _index: int) -> None:
        self.state_changed.emit()

    def _clean_changed(self, clean: bool) -> None:
        self.clean_changed.emit(clean)
        self.state_changed.emit()

    def _notify(self, command: C.Command) -> None:
        self.changed.emit(command)

    def mark_saved(self, path: Path) -> None:
        self.path = path
        self.undo_stack.setClean()
