"""Start the application: QApplication, language, main window, files from the command line.

The window is shown before the core is imported (see ``MainWindow``): the first frame
needs only Qt, the workspace follows right after it.
"""
from __future__ import annotations

import sys


def create_app(argv: list[str] | None = None):
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        app = QApplication([sys.argv[0], *[a for a in (argv or []) if a.startswith("-") and a != "--debug"]])
    app.setApplicationName("Briefing")
    app.setOrganizationName("Briefing")
    app.setApplicationDisplayName("Briefing")
    return app


def create_window(*, offer_recovery: bool = True, deferred: bool = False):
    """The main window with the language from the settings (or the system locale)."""
    from . import i18n
    from .main_window import MainWindow
    from .settings import Settings

    settings = Settings()
    i18n.install(i18n.resolve(settings.language))
    return MainWindow(settings, offer_recovery=offer_recovery, deferred=deferred)


def start(argv: list[str]):
    """QApplication and the shown main window; files named in ``argv`` open once it is up."""
    from PySide6.QtCore import QTimer

    app = create_app(argv)
    window = create_window(deferred=True)
    window.show()
    files = [a for a in argv if not a.startswith("-")]
    if files:
        QTimer.singleShot(0, lambda: [window.open_file(f) for f in files])
    return app, window


def run(argv: list[str]) -> int:
    app, _window = start(argv)
    return app.exec()
