"""Long work off the UI thread: run a function on the thread pool, get the result back on the
UI thread through a signal. Workers never touch widgets.

``run_task(fn, on_done, on_error)`` starts ``fn(progress, cancelled)``; ``progress(done, total)``
may be called from the worker, ``cancelled()`` tells it to stop early. A progress dialog
appears only if the work takes longer than ``PROGRESS_DELAY_MS``.
"""
from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from briefing.errors import BriefingError
from .i18n import tr

PROGRESS_DELAY_MS = 500


class Cancelled(Exception):
    """Raised inside a task when the user cancelled it."""


class _Signals(QObject):
    done = Signal(object)
    error = Signal(str)
    progress = Signal(int, int)


class Task(QRunnable):
    def __init__(self, fn: Callable[..., Any]):
        super().__init__()
        self.fn = fn
        self.signals = _Signals()
        self._cancel = threading.Event()
        self.setAutoDelete(False)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def _progress(self, done: int, total: int) -> None:
        if self._cancel.is_set():
            raise Cancelled()
        self.signals.progress.emit(int(done), int(total))

    @Slot()
    def run(self) -> None:
        try:
            result = self.fn(self._progress, self._cancel.is_set)
        except Cancelled:
            self.signals.error.emit("")
        except BriefingError as exc:
            self.signals.error.emit(str(exc))
        except MemoryError:
            self.signals.error.emit("out of memory")
        except Exception as exc:  # noqa: BLE001 - a worker must never take the app down
            traceback.print_exc()
            self.signals.error.emit(f"internal error: {type(exc).__name__}: {exc}")
        else:
            if self._cancel.is_set():
                self.signals.error.emit("")
            else:
                self.signals.done.emit(result)


_running: set[Task] = set()


class _Relay(QObject):
    def __init__(self, done, error, progress, parent=None):
        super().__init__(parent)
        self._done, self._error, self._progress = done, error, progress

    @Slot(object)
    def on_done(self, result) -> None:
        self._done(result)

    @Slot(str)
    def on_error(self, message: str) -> None:
        self._error(message)

    @Slot(int, int)
    def on_progress(self, done: int, total: int) -> None:
        self._progress(done, total)


def run_task(
    fn: Callable[..., Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[str], None] | None = None,
    *,
    parent: QWidget | None = None,
    label: str = "",
    owner: QObject | None = None,
) -> Task:
    """Run ``fn(progress, cancelled)`` on the global thread pool.

    ``on_error("")`` means the user cancelled. With ``parent``, a cancellable progress dialog
    shows after ``PROGRESS_DELAY_MS``.
    """
    task = Task(fn)
    _running.add(task)
    dialog: list[QProgressDialog] = []
    timer = QTimer()
    timer.setSingleShot(True)

    def finish() -> None:
        timer.stop()
        _running.discard(task)
        if dialog:
            dialog[0].reset()
            dialog[0].deleteLater()
            dialog.clear()

    def done(result: Any) -> None:
        finish()
        on_done(result)

    def error(message: str) -> None:
        finish()
        if on_error:
            on_error(message)

    def show_progress() -> None:
        if parent is None or task not in _running:
            return
        dlg = QProgressDialog(label, tr("Cancel"), 0, 0, parent)
        dlg.setWindowTitle(label)
        dlg.setAccessibleName(label)
        dlg.setMinimumDuration(0)
        dlg.canceled.connect(task.cancel)
        dlg.open()
        dialog.append(dlg)

    def progress(done_: int, total: int) -> None:
        if dialog:
            dialog[0].setMaximum(max(total, 0))
            dialog[0].setValue(min(done_, total))

    # The relay lives on the UI thread as a child of ``owner``: results arrive queued on the
    # UI thread, and if the owner is gone by then, so is the relay and nothing is called.
    relay = _Relay(done, error, progress, owner if owner is not None else parent)
    task.signals.done.connect(relay.on_done)
    task.signals.error.connect(relay.on_error)
    task.signals.progress.connect(relay.on_progress)
    task.relay = relay
    timer.timeout.connect(show_progress)
    task.timer = timer  # keep it alive with the task
    task.dialog = dialog
    timer.start(PROGRESS_DELAY_MS)
    QThreadPool.globalInstance().start(task)
    return task


def wait_all(msecs: int = 30000) -> bool:
    """Wait for running tasks (used when the window closes and in tests)."""
    return QThreadPool.globalInstance().waitForDone(msecs)
