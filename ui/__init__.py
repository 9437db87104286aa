"""Qt adapters and widgets over the core (PySide6)."""
from __future__ import annotations

import sys

_NONE_GUARD = 1 << 40


def keep_none_alive() -> bool:
    """Work around a reference-count bug in Qt for Python on Python < 3.12.

    PySide6 6.12 returns ``None`` from every C++ method that returns ``void`` without taking
    a reference to it (harmless since Python 3.12, where ``None`` is immortal). On 3.11 each
    such call (``update()``, ``setText()``, ``processEvents()`` …) takes one reference away,
    and after some thousands of calls the interpreter aborts with "none_dealloc: deallocating
    None". Giving ``None`` a huge reference count does for it what 3.12 does: it can never
    reach zero. ``None`` is never freed in any case, so nothing else changes.
    Returns whether the guard was applied (once per process).
    """
    if sys.version_info >= (3, 12) or sys.getrefcount(None) > _NONE_GUARD // 2:
        return False
    import ctypes

    ctypes.c_ssize_t.from_address(id(None)).value += _NONE_GUARD
    return True


def _release_clipboard() -> None:
    """Hand the clipboard's data back to Qt while Python is still alive.

    Mime data we put on the clipboard is a Python-made object; if Qt deletes it in its own
    exit handlers, after the interpreter has shut down, the binding crashes the process
    (a segmentation fault at exit, after everything else went well).
    """
    qtgui = sys.modules.get("PySide6.QtGui")
    if qtgui is None:
        return
    app = qtgui.QGuiApplication.instance()
    if app is not None:
        try:
            qtgui.QGuiApplication.clipboard().clear()
        except RuntimeError:
            pass


import atexit as _atexit  # noqa: E402

_atexit.register(_release_clipboard)
