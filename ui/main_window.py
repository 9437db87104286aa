"""The main window: lays out the panels and wires actions; no core work happens here."""
from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QFileDialog, QHeaderView, QLabel, QMainWindow, QMessageBox, QPlainTextEdit,
                               QSplitter, QTableView, QVBoxLayout, QWidget)

from briefing.errors import BriefingError
from briefing.model import Article, Claim

from .claims_model import SORT_ROLE, ClaimsModel


class MainWindow(QMainWindow):
    def __init__(self):
        super().__init__()
        self.setWindowTitle("Briefing")
        self.resize(1280, 800)
        self.article: Article | None = None
        self.claims_model = ClaimsModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.claims_model)
        self.proxy.setSortRole(SORT_ROLE)

        self.reader = QPlainTextEdit(readOnly=True)
        self.reader.setAccessibleName("Article text")
        self.table = QTableView()
        self.table.setAccessibleName("Claims")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setWordWrap(False)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        hdr = self.table.horizontalHeader()
        hdr.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)

        self.placeholder = QLabel("Open an article (File ▸ Open…, Ctrl+O) to see its claims.")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)

        right = QWidget()
        lay = QVBoxLayout(right)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.placeholder)
        lay.addWidget(self.table)
        split = QSplitter()
        split.addWidget(self.reader)
        split.addWidget(right)
        split.setSizes([500, 780])
        self.setCentralWidget(split)

        open_act = QAction("&Open…", self, shortcut=QKeySequence.StandardKey.Open, triggered=self.open_dialog)
        quit_act = QAction("&Quit", self, shortcut=QKeySequence.StandardKey.Quit, triggered=self.close)
        menu = self.menuBar().addMenu("&File")
        menu.addAction(open_act)
        menu.addSeparator()
        menu.addAction(quit_act)
        self.statusBar().showMessage("Ready")

    def open_dialog(self) -> None:
        dlg = QFileDialog(self, "Open article")
        dlg.setNameFilter("Articles (*.txt *.md *.html *.htm *.docx *.pdf);;All files (*)")
        dlg.fileSelected.connect(self.open_file)
        dlg.open()

    def open_file(self, path: str) -> bool:
        from briefing.claims import extract_claims
        from briefing.ingest import load_article

        try:
            article = load_article(path)
            article.source.id = "s1"
            claims = extract_claims(article, prefix="s1")
        except BriefingError as exc:
            box = QMessageBox(QMessageBox.Icon.Warning, "Cannot import", str(exc), parent=self)
            box.open()
            self.statusBar().showMessage(str(exc))
            return False
        self.show_article(article, claims)
        return True

    def show_article(self, article: Article, claims: list[Claim]) -> None:
        self.article = article
        self.reader.setPlainText(article.text)
        self.claims_model.set_claims(claims)
        self.table.resizeColumnToContents(0)
        self.placeholder.hide()
        self.setWindowTitle(f"{article.source.title or 'Untitled'} — Briefing")
        self.statusBar().showMessage(f"{len(claims)} claims")
