"""Start the application: QApplication, language, main window, files from the command line."""
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


def create_window(*, offer_recovery: bool = True):
    """The main window with the language from the settings (or the system locale)."""
    from . import i18n
    from .main_window import MainWindow
    from .settings import Settings

    settings = Settings()
    i18n.install(i18n.resolve(settings.language))
    return MainWindow(settings, offer_recovery=offer_recovery)


def run(argv: list[str]) -> int:
    app = create_app(argv)
    window = create_window()
    for path in [a for a in argv if not a.startswith("-")]:
        window.open_file(path)
    window.show()
    return app.exec()
