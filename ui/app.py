"""Start the application: QApplication, main window, files from the command line."""
from __future__ import annotations

import sys


def run(argv: list[str]) -> int:
    from PySide6.QtWidgets import QApplication

    from .main_window import MainWindow

    app = QApplication.instance() or QApplication([sys.argv[0], *[a for a in argv if a.startswith("-")]])
    app.setApplicationName("Briefing")
    app.setOrganizationName("Briefing")
    window = MainWindow()
    for path in [a for a in argv if not a.startswith("-")][:1]:
        window.open_file(path)
    window.show()
    return app.exec()
