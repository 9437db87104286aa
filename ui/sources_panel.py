"""The brief's sources: a list, and a form to check and edit each source's metadata; the
metadata can be loaded from a reference manager's export (CSL-JSON, RIS, BibTeX: what Zotero
and Citavi write), filling the gaps or replacing what is there, and the sources exported again
as CSL-JSON or RIS."""
from __future__ import annotations

import datetime as _dt
from pathlib import Path

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QListView,
                               QPushButton, QVBoxLayout, QWidget)

from briefing import commands as C
from briefing.errors import BriefingError

from .i18n import tr

FIELDS = ("title", "publisher", "author", "published", "url", "language")
#: what a reference entry may set (the import's own facts — file, checksum, time — stay)
META_FIELDS = (*FIELDS, "accessed", "kind")
SOURCE_ID_ROLE = Qt.ItemDataRole.UserRole + 30


def best_entry(entries: list, title: str | None):
    """The entry meant for a source: the one with the same title, else one whose title contains
    the other, else the first."""
    want = " ".join((title or "").casefold().split())
    if want:
        for exact in (True, False):
            for e in entries:
                got = " ".join((e.title or "").casefold().split())
                if got and (got == want if exact else (got in want or want in got)):
                    return e
    return entries[0]


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
    error = Signal(str, str)  # message, title

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
        self.replace_check = QCheckBox()
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self.export_references_dialog)
        refs = QHBoxLayout()
        refs.addWidget(self.ref_button)
        refs.addWidget(self.replace_check)
        refs.addStretch(1)
        refs.addWidget(self.export_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.view)
        lay.addLayout(form)
        lay.addLayout(refs)
        lay.addStretch(1)
        self.dialog = None  # the file dialog opened last (tests drive it)
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
        self.ref_button.setText(tr("&Load metadata…"))
        self.ref_button.setToolTip(tr("Fill this source's metadata from a CSL-JSON, RIS or BibTeX file "
                                      "(as Zotero or Citavi export it)"))
        self.ref_button.setAccessibleName(tr("Load metadata from CSL-JSON, RIS or BibTeX"))
        self.replace_check.setText(tr("Replace existing fields"))
        self.replace_check.setToolTip(tr("Off: only empty fields are filled. On: the file's values replace "
                                         "what is there."))
        self.export_button.setText(tr("E&xport sources…"))
        self.export_button.setToolTip(tr("Save the brief's sources as CSL-JSON or RIS for a reference manager"))
        self.export_button.setAccessibleName(tr("Export sources as CSL-JSON or RIS"))

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
        self.replace_check.setEnabled(art is not None)
        self.export_button.setEnabled(bool(self.session.project.articles))

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
        dlg.setFileMode(QFileDialog.FileMode.ExistingFile)
        dlg.setNameFilters([tr("References (%1)").replace("%1", "*.json *.ris *.bib *.txt"), tr("All files (*)")])
        dlg.fileSelected.connect(lambda path: self.load_reference(path, replace=self.replace_check.isChecked()))
        self.dialog = dlg
        dlg.open()

    def load_reference(self, path: str, *, replace: bool = False) -> bool:
        """Apply the entry in a CSL-JSON/RIS/BibTeX file to the current source, as one undoable edit."""
        from briefing.bibmeta import apply_metadata, read_metadata

        sid = self.current_id()
        art = next((a for a in self.session.project.articles if a.source.id == sid), None)
        if art is None:
            return False
        try:
            entries = read_metadata(path)
        except BriefingError as exc:
            self.error.emit(str(exc), tr("Cannot load metadata"))
            return False
        entry = best_entry(entries, art.source.title)
        merged = apply_metadata(art.source, entry, replace=replace)
        changed = {f: getattr(merged, f) for f in META_FIELDS if getattr(merged, f) != getattr(art.source, f)}
        name = Path(path).name
        if not changed:
            self.message.emit(tr("%1 adds nothing new to this source.").replace("%1", name))
            return False
        if not self.session.push(C.EditSource(sid, **changed)):
            return False
        self.show_source(sid)
        note = (tr(" (%1 entries in the file; used “%2”)").replace("%1", str(len(entries)))
                .replace("%2", entry.title or "?")) if len(entries) > 1 else ""
        self.message.emit(tr("Metadata from %1: %n field(s) set", len(changed)).replace("%1", name) + note)
        return True

    def export_references_dialog(self) -> None:
        if not self.session.project.articles:
            return
        dlg = QFileDialog(self, tr("Export sources"), str(Path.home() / "sources.json"))
        dlg.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        csl, ris = tr("CSL-JSON (*.json)"), tr("RIS (*.ris)")
        dlg.setNameFilters([csl, ris])
        dlg.fileSelected.connect(
            lambda path: self.export_references(path, "ris" if dlg.selectedNameFilter() == ris else None))
        self.dialog = dlg
        dlg.open()

    def export_references(self, path: str, fmt: str | None = None) -> bool:
        """Write the brief's sources as CSL-JSON or RIS (``fmt``, else from the file's suffix)."""
        from briefing.bibmeta import write_csl_json, write_ris

        p = Path(path)
        fmt = fmt or ("ris" if p.suffix.lower() == ".ris" else "json")
        if p.suffix.lower() not in (".json", ".ris"):
            p = p.with_name(p.name + (".ris" if fmt == "ris" else ".json"))
        sources = [a.source for a in self.session.project.articles]
        try:
            (write_ris if fmt == "ris" else write_csl_json)(sources, p)
        except BriefingError as exc:
            self.error.emit(str(exc), tr("Cannot export sources"))
            return False
        self.message.emit(tr("%n source(s) exported to %1", len(sources)).replace("%1", str(p)))
        return True
