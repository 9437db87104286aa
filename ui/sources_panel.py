"""The brief's sources: a list, and a form to check and edit each source's metadata."""
from __future__ import annotations

import datetime as _dt
import importlib

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (QFileDialog, QFormLayout, QLabel, QLineEdit, QListView, QPushButton, QVBoxLayout,
                               QWidget)

from briefing import commands as C
from briefing.errors import BriefingError

from .i18n import tr

FIELDS = ("title", "publisher", "author", "published", "url", "language")
SOURCE_ID_ROLE = Qt.ItemDataRole.UserRole + 30


def reference_reader():
    """The core's reader of CSL-JSON/RIS/BibTeX files, if this core has one."""
    for mod, fn in (("briefing.references", "load_reference"), ("briefing.ingest.references", "load_reference"),
                    ("briefing.references", "read_reference"), ("briefing.ingest.references", "read_reference")):
        try:
            return getattr(importlib.import_module(mod), fn)
        except (ImportError, AttributeError):
            continue
    return None


class SourcesModel(QAbstractListModel):
    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session

    def rebuild(self) -> None:
        self.beginResetModel()
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()):  # noqa: N802
        return 0 if parent.isValid() else len(self.session.project.articles)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        arts = self.session.project.articles
        if not index.isValid() or index.row() >= len(arts):
            return None
        src = arts[index.row()].source
        if role == Qt.ItemDataRole.DisplayRole:
            return src.title or src.file_name or src.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return " · ".join(x for x in (src.publisher, src.author, src.published and src.published.isoformat(),
                                          src.file_name) if x) or None
        if role == SOURCE_ID_ROLE:
            return src.id
        return None


class SourcesPanel(QWidget):
    source_selected = Signal(str)
    message = Signal(str)

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.model = SourcesModel(session, self)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setUniformItemSizes(True)
        self.view.setMaximumHeight(110)
        self.edits: dict[str, QLineEdit] = {f: QLineEdit() for f in FIELDS}
        self.labels: dict[str, QLabel] = {f: QLabel() for f in FIELDS}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for f in FIELDS:
            self.labels[f].setBuddy(self.edits[f])
            form.addRow(self.labels[f], self.edits[f])
            self.edits[f].editingFinished.connect(lambda f=f: self._field_done(f))
        self.ref_button = QPushButton()
        self.ref_button.clicked.connect(self.load_reference_dialog)
        self.ref_button.setVisible(reference_reader() is not None)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.view)
        lay.addLayout(form)
        lay.addWidget(self.ref_button)
        lay.addStretch(1)
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.retranslate()
        self.show_source(None)

    def retranslate(self) -> None:
        names = {"title": tr("&Title"), "publisher": tr("&Publisher"), "author": tr("&Author"),
                 "published": tr("&Date"), "url": tr("&URL"), "language": tr("&Language")}
        for f in FIELDS:
            self.labels[f].setText(names[f])
            self.edits[f].setAccessibleName(names[f].replace("&", ""))
        self.edits["published"].setPlaceholderText(tr("YYYY-MM-DD"))
        self.edits["language"].setPlaceholderText(tr("de, en …"))
        self.view.setAccessibleName(tr("Sources"))
        self.ref_button.setText(tr("Load metadata from CSL-JSON, RIS or BibTeX…"))

    # ------------------------------------------------------------------ content
    def rebuild(self) -> None:
        current = self.current_id()
        self.model.rebuild()
        ids = [a.source.id for a in self.session.project.articles]
        if current in ids or ids:
            self.select(current if current in ids else ids[-1])
        else:
            self.show_source(None)

    def current_id(self) -> str:
        idx = self.view.currentIndex()
        return idx.data(SOURCE_ID_ROLE) if idx.isValid() else ""

    def select(self, source_id: str) -> None:
        for r, a in enumerate(self.session.project.articles):
            if a.source.id == source_id:
                idx = self.model.index(r)
                if self.view.currentIndex() != idx:
                    self.view.setCurrentIndex(idx)
                else:
                    self.show_source(source_id)
                return

    def _current_changed(self, current, _prev) -> None:
        sid = current.data(SOURCE_ID_ROLE) if current.isValid() else None
        self.show_source(sid)
        if sid:
            self.source_selected.emit(sid)

    def show_source(self, source_id: str | None) -> None:
        art = next((a for a in self.session.project.articles if a.source.id == source_id), None)
        for f in FIELDS:
            e = self.edits[f]
            e.setEnabled(art is not None)
            value = getattr(art.source, f) if art else None
            text = value.isoformat() if isinstance(value, _dt.date) else (value or "")
            if e.text() != text:
                e.setText(text)
            e.setStyleSheet("")
        self.ref_button.setEnabled(art is not None)

    def refresh(self) -> None:
        self.model.dataChanged.emit(self.model.index(0), self.model.index(max(0, self.model.rowCount() - 1)))
        self.show_source(self.current_id())

    # ------------------------------------------------------------------ edits
    def _field_done(self, field: str) -> None:
        sid = self.current_id()
        art = next((a for a in self.session.project.articles if a.source.id == sid), None)
        if art is None:
            return
        text = self.edits[field].text().strip()
        value: object = text or None
        if field == "published" and text:
            try:
                value = _dt.date.fromisoformat(text)
            except ValueError:
                self.edits[field].setStyleSheet("border: 1px solid #c0392b;")
                self.message.emit(tr("Date must be written as YYYY-MM-DD, e.g. 2025-04-03"))
                return
        if field == "language" and value:
            value = str(value).lower()
        self.edits[field].setStyleSheet("")
        if getattr(art.source, field) != value:
            self.session.push(C.EditSource(sid, **{field: value}))

    def load_reference_dialog(self) -> None:
        dlg = QFileDialog(self, tr("Load metadata"))
        dlg.setNameFilter(tr("References (*.json *.ris *.bib);;All files (*)"))
        dlg.fileSelected.connect(self.load_reference)
        dlg.open()

    def load_reference(self, path: str) -> bool:
        reader = reference_reader()
        sid = self.current_id()
        if reader is None or not sid:
            return False
        try:
            meta = reader(path)
        except BriefingError as exc:
            self.message.emit(str(exc))
            return False
        fields = meta.model_dump(exclude={"id"}, exclude_none=True) if hasattr(meta, "model_dump") else dict(meta)
        fields = {k: v for k, v in fields.items() if k in FIELDS or k in ("accessed", "kind")}
        return bool(fields) and self.session.push(C.EditSource(sid, **fields))
