"""The first-start page: what to do, with buttons for opening, pasting and a demo article."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from briefing.paths import resources_dir

from .i18n import tr


def demo_path():
    return resources_dir() / "demo" / "demo-de-talsperre.txt"


class Welcome(QWidget):
    open_requested = Signal()
    paste_requested = Signal()
    demo_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("welcome")
        self.title = QLabel()
        self.title.setObjectName("welcomeTitle")
        self.title.setWordWrap(True)  # the German title is wider than the card
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setObjectName("welcomeText")
        self.steps = QLabel()
        self.steps.setWordWrap(True)
        self.open_button = QPushButton()
        self.paste_button = QPushButton()
        self.demo_button = QPushButton()
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self.open_requested)
        self.paste_button.clicked.connect(self.paste_requested)
        self.demo_button.clicked.connect(self.demo_requested)
        buttons = QHBoxLayout()
        for b in (self.open_button, self.paste_button, self.demo_button):
            b.setMinimumHeight(34)
            buttons.addWidget(b)
        card = QFrame()
        card.setObjectName("welcomeCard")
        inner = QVBoxLayout(card)
        inner.setContentsMargins(32, 28, 32, 28)
        inner.setSpacing(12)
        inner.addWidget(self.title)
        inner.addWidget(self.text)
        inner.addWidget(self.steps)
        inner.addSpacing(8)
        inner.addLayout(buttons)
        card.setMaximumWidth(620)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 4)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(tr("Turn articles into a sourced brief"))
        self.text.setText(tr("Open an article or report, or drop a file onto this window. Briefing splits it "
                             "into claims and shows who each claim comes from."))
        self.steps.setText("<ol style='margin-left:0'>" + "".join(f"<li>{s}</li>" for s in (
            tr("Tick the claims that matter, or drag them into the sections of the brief."),
            tr("Paraphrase, grade and tag them in the inspector; add your own judgment."),
            tr("Check the preview and export to Word or PDF (Ctrl+E)."))) + "</ol>")
        self.open_button.setText(tr("Open article…"))
        self.paste_button.setText(tr("Paste text"))
        self.demo_button.setText(tr("Try the demo article"))
        self.open_button.setAccessibleName(tr("Open article"))
        self.demo_button.setAccessibleName(tr("Try the demo article"))
