"""The brief outline: the template's sections as a tree, claims and own text as their children.

Claims are dropped in from the table (their ids travel as ``CLAIMS_MIME``), items are
reordered by drag (``OUTLINE_MIME``) or keyboard (Alt+Up/Down), own text is edited in place.
Every change is a command pushed on the session's undo stack.
"""
from __future__ import annotations

import json

from PySide6.QtCore import QAbstractItemModel, QByteArray, QMimeData, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QLabel, QMenu, QTreeView, QVBoxLayout, QWidget

from briefing import commands as C
from briefing.model import ClaimItem, TextItem

from .claims_model import CLAIMS_MIME, claim_ids_from_mime, source_name
from .i18n import tr

OUTLINE_MIME = "application/x-briefing-outline-item"
ITEM_ROLE = Qt.ItemDataRole.UserRole + 10  # ("section", sid) or ("claim"/"text", sid, index)




class OutlineModel(QAbstractItemModel):
    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self._claims: dict = {}
        self.rebuild()

    @property
    def sections(self):
        return self.session.project.brief.sections

    def _template_section(self, sid: str):
        t = self.session.project.template
        return next((s for s in t.sections if s.id == sid), None) if t else None

    def guidance(self, sid: str) -> str:
        ts = self._template_section(sid)
        return ts.guidance if ts else ""

    def kind(self, sid: str) -> str:
        ts = self._template_section(sid)
        return ts.kind if ts else "claims"

    def rebuild(self) -> None:
        self.beginResetModel()
        self._claims = self.session.project.claim_by_id()
        self.endResetModel()

    # ------------------------------------------------------------------ structure
    def index(self, row, column, parent=QModelIndex()):
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, 0) if row < len(self.sections) else QModelIndex()
        if parent.internalId() != 0:
            return QModelIndex()
        sec = parent.row()
        if sec >= len(self.sections) or row >= len(self.sections[sec].items):
            return QModelIndex()
        return self.createIndex(row, 0, sec + 1)

    def parent(self, index=QModelIndex()):
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent=QModelIndex()):  # noqa: N802
        if not parent.isValid():
            return len(self.sections)
        if parent.internalId() != 0 or parent.column() != 0:
            return 0
        return len(self.sections[parent.row()].items) if parent.row() < len(self.sections) else 0

    def columnCount(self, parent=QModelIndex()):  # noqa: N802
        return 1

    def locate(self, index) -> tuple:
        if not index.isValid():
            return ()
        if index.internalId() == 0:
            return ("section", self.sections[index.row()].id) if index.row() < len(self.sections) else ()
        if index.internalId() - 1 >= len(self.sections):
            return ()
        sec = self.sections[index.internalId() - 1]
        if index.row() >= len(sec.items):
            return ()
        item = sec.items[index.row()]
        return ("claim" if isinstance(item, ClaimItem) else "text", sec.id, index.row())

    def index_of(self, loc: tuple) -> QModelIndex:
        if not loc:
            return QModelIndex()
        for r, s in enumerate(self.sections):
            if s.id == loc[1]:
                sec_idx = self.index(r, 0)
                if loc[0] == "section":
                    return sec_idx
                return self.index(min(loc[2], len(s.items) - 1), 0, sec_idx) if s.items else sec_idx
        return QModelIndex()

    # ------------------------------------------------------------------ data
    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if index.internalId() == 0:
            sec = self.sections[index.row()]
            if role == Qt.ItemDataRole.DisplayRole:
                n = len(sec.items)
                return f"{sec.title}  ({n})" if n else sec.title
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.guidance(sec.id) or None
            if role == Qt.ItemDataRole.FontRole:
                f = QFont()
                f.setBold(True)
                return f
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return tr("Section %1").replace("%1", sec.title)
            if role == ITEM_ROLE:
                return ("section", sec.id)
            return None
        sec = self.sections[index.internalId() - 1]
        if index.row() >= len(sec.items):
            return None
        item = sec.items[index.row()]
        if isinstance(item, TextItem):
            if role == Qt.ItemDataRole.DisplayRole:
                return "✎ " + (item.text or tr("(own text — double-click to write)"))
            if role == Qt.ItemDataRole.ToolTipRole:
                return item.text or None
            if role == Qt.ItemDataRole.EditRole:
                return item.text
            if role == Qt.ItemDataRole.FontRole:
                f = QFont()
                f.setItalic(True)
                return f
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor("#5b3f8c"))
            if role == ITEM_ROLE:
                return ("text", sec.id, index.row())
            return None
        claim = self._claims.get(item.claim_id)
        if role == Qt.ItemDataRole.DisplayRole:
            if claim is None:
                return tr("(missing claim %1)").replace("%1", item.claim_id)
            who = source_name(claim)
            text = claim.paraphrase or claim.text
            return f"{who}: {text}" if who else text
        if role == Qt.ItemDataRole.ToolTipRole and claim is not None:
            return claim.text + (("\n\n" + tr("Paraphrase:") + " " + claim.paraphrase) if claim.paraphrase else "")
        if role == ITEM_ROLE:
            return ("claim", sec.id, index.row(), item.claim_id)
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        f = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDropEnabled
        if index.internalId() != 0:
            f |= Qt.ItemFlag.ItemIsDragEnabled
            if self.locate(index)[0] == "text":
                f |= Qt.ItemFlag.ItemIsEditable
        return f

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):  # noqa: N802
        loc = self.locate(index)
        if role == Qt.ItemDataRole.EditRole and loc and loc[0] == "text":
            return self.session.push(C.EditText(loc[1], loc[2], str(value)))
        return False

    # ------------------------------------------------------------------ drag and drop
    def supportedDropActions(self):  # noqa: N802
        return Qt.DropAction.CopyAction | Qt.DropAction.MoveAction

    def supportedDragActions(self):  # noqa: N802
        return Qt.DropAction.MoveAction

    def mimeTypes(self):  # noqa: N802
        return [CLAIMS_MIME, OUTLINE_MIME]

    def mimeData(self, indexes):  # noqa: N802
        locs = [self.locate(i) for i in indexes if i.isValid() and i.internalId() != 0]
        mime = QMimeData()
        if locs:
            loc = locs[0]
            mime.setData(OUTLINE_MIME, QByteArray(json.dumps([loc[1], loc[2]]).encode()))
        return mime

    def canDropMimeData(self, data, action, row, column, parent):  # noqa: N802
        return data.hasFormat(CLAIMS_MIME) or data.hasFormat(OUTLINE_MIME)

    def drop_target(self, row: int, parent: QModelIndex) -> tuple[str, int] | None:
        """The section id and insert position for a drop at ``row`` under ``parent``."""
        if not self.sections:
            return None
        if not parent.isValid():
            if row <= 0:
                return self.sections[0].id, 0
            sec = self.sections[min(row, len(self.sections)) - 1]
            return sec.id, len(sec.items)
        if parent.internalId() == 0:
            sec = self.sections[parent.row()]
            return sec.id, len(sec.items) if row < 0 else row
        sec = self.sections[parent.internalId() - 1]
        return sec.id, parent.row() + 1  # dropped onto an item: after it

    def dropMimeData(self, data, action, row, column, parent):  # noqa: N802
        target = self.drop_target(row, parent)
        if target is None:
            return False
        sid, pos = target
        ids = claim_ids_from_mime(data)
        if ids:
            return self.session.push(C.AddClaimsToSection(sid, ids, pos))
        if data.hasFormat(OUTLINE_MIME):
            try:
                src_sid, src_index = json.loads(bytes(data.data(OUTLINE_MIME)).decode())
            except (ValueError, TypeError):
                return False
            if (src_sid, src_index) == (sid, pos) or (src_sid == sid and pos == src_index + 1):
                return False  # dropped where it already is
            self.session.push(C.MoveItem(str(src_sid), int(src_index), sid, pos))
            return False  # the move is done; the view must not remove the dragged row
        return False


class OutlineView(QTreeView):
    item_selected = Signal(tuple)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setExpandsOnDoubleClick(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setWordWrap(False)
        self.setAnimated(False)
        self.setIndentation(16)


class OutlinePanel(QWidget):
    claim_selected = Signal(str)

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.model = OutlineModel(session, self)
        self._loc: tuple = ()
        self.view = OutlineView()
        self.view.setModel(self.model)
        self.guidance = QLabel()
        self.guidance.setWordWrap(True)
        self.guidance.setObjectName("guidance")
        self.guidance.setTextFormat(Qt.TextFormat.PlainText)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        lay.addWidget(self.view, 1)
        lay.addWidget(self.guidance)
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        for keys, fn in ((QKeySequence("Alt+Up"), lambda: self.move_current(-1)),
                         (QKeySequence("Alt+Down"), lambda: self.move_current(+1)),
                         (QKeySequence(QKeySequence.StandardKey.Delete), self.remove_current),
                         (QKeySequence("Ctrl+Return"), self.add_text)):
            sc = QShortcut(keys, self.view)
            sc.setContext(Qt.ShortcutContext.WidgetShortcut)
            sc.activated.connect(fn)
        self.view.expandAll()
        self.retranslate()

    def retranslate(self) -> None:
        self.view.setAccessibleName(tr("Brief outline"))
        self.view.setToolTip(tr("Drag claims here. Alt+Up/Down moves, Delete removes, Ctrl+Return adds own text."))
        self._current_changed(self.view.currentIndex(), QModelIndex())

    def rebuild(self) -> None:
        loc = self._loc
        self.model.rebuild()
        self.view.expandAll()
        if loc:
            self.select(loc)

    def select(self, loc: tuple) -> None:
        idx = self.model.index_of(loc)
        if idx.isValid():
            self.view.setCurrentIndex(idx)
            self.view.scrollTo(idx)

    def current_location(self) -> tuple:
        return self.model.locate(self.view.currentIndex())

    def current_section(self) -> str | None:
        loc = self.current_location()
        if loc:
            return loc[1]
        return C.default_section_id(self.session.project)

    def _current_changed(self, current, _previous) -> None:
        loc = self.model.locate(current) if current.isValid() else ()
        self._loc = loc
        sid = loc[1] if loc else None
        text = self.model.guidance(sid) if sid else ""
        self.guidance.setText(text or tr("Select a section to see its guidance."))
        if loc and loc[0] == "claim":
            item = self.model.sections[current.internalId() - 1].items[current.row()]
            self.claim_selected.emit(item.claim_id)

    # ------------------------------------------------------------------ edits
    def move_current(self, step: int) -> bool:
        loc = self.current_location()
        if not loc or loc[0] == "section":
            return False
        sid, index = loc[1], loc[2]
        secs = self.model.sections
        si = next(i for i, s in enumerate(secs) if s.id == sid)
        n = len(secs[si].items)
        if step < 0 and index > 0:
            cmd = C.MoveItem(sid, index, sid, index - 1)
            new = (loc[0], sid, index - 1)
        elif step > 0 and index < n - 1:
            cmd = C.MoveItem(sid, index, sid, index + 2)
            new = (loc[0], sid, index + 1)
        elif step < 0 and si > 0:  # to the end of the previous section
            prev = secs[si - 1]
            cmd = C.MoveItem(sid, index, prev.id, len(prev.items))
            new = (loc[0], prev.id, len(prev.items))
        elif step > 0 and si < len(secs) - 1:  # to the start of the next section
            cmd = C.MoveItem(sid, index, secs[si + 1].id, 0)
            new = (loc[0], secs[si + 1].id, 0)
        else:
            return False
        ok = self.session.push(cmd)
        self.select(new)
        return ok

    def remove_current(self) -> bool:
        loc = self.current_location()
        if not loc or loc[0] == "section":
            return False
        return self.session.push(C.RemoveItem(loc[1], loc[2]))

    def add_text(self, text: str = "") -> bool:
        loc = self.current_location()
        sid = loc[1] if loc else self.current_section()
        if sid is None:
            return False
        index = loc[2] + 1 if loc and loc[0] != "section" else None
        cmd = C.AddText(sid, text, index)
        if not self.session.push(cmd):
            return False
        self.select(("text", *cmd.position))
        if not text:
            self.view.edit(self.view.currentIndex())
        return True

    def _context_menu(self, pos) -> None:
        idx = self.view.indexAt(pos)
        if idx.isValid():
            self.view.setCurrentIndex(idx)
        loc = self.current_location()
        menu = QMenu(self)
        menu.addAction(tr("Add own text"), self.add_text)
        if loc and loc[0] != "section":
            menu.addAction(tr("Move up"), lambda: self.move_current(-1))
            menu.addAction(tr("Move down"), lambda: self.move_current(+1))
            menu.addAction(tr("Remove from brief"), self.remove_current)
        menu.popup(self.view.viewport().mapToGlobal(pos))
