"""Table model over the project's claims, and the filter proxy (no I/O, no widgets).

The model holds references to the core's ``Claim`` objects; edits go through commands and the
session tells the model which rows changed. Filtering uses a per-row lower-case haystack
computed once, so a keystroke in the filter box costs one substring test per row, done in one
list comprehension; the proxy then swaps its row list in a single reset instead of Qt's
range-by-range removals and insertions (which, with scattered matches, cost the view far more
than the test itself). ``data()`` compares plain ints and hands out cached brushes: it runs a
few thousand times per repaint.
"""
from __future__ import annotations

import json

from PySide6.QtCore import QAbstractProxyModel, QAbstractTableModel, QByteArray, QMimeData, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from briefing.model import Claim
from .i18n import tr

CLAIM_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
CLAIM_ID_ROLE = Qt.ItemDataRole.UserRole + 3

CLAIMS_MIME = "application/x-briefing-claim-ids"

COL_USE, COL_TEXT, COL_SOURCE, COL_CUE, COL_STANCE, COL_FIGURES, COL_LOC, COL_GRADE = range(8)

# stance colours shared by the table and the reader (light backgrounds, readable text)
STANCE_COLORS = {"reported": "#dbe9fb", "hedged": "#fdf0c8", "asserted": "#e6f3e6"}
STANCE_TEXT = {"reported": "#1f4e8c", "hedged": "#8a5a00", "asserted": "#2f6b2f"}

_R = Qt.ItemDataRole
DISPLAY, TOOLTIP, CHECK, BACKGROUND, FOREGROUND, ACCESSIBLE = (
    int(_R.DisplayRole), int(_R.ToolTipRole), int(_R.CheckStateRole), int(_R.BackgroundRole),
    int(_R.ForegroundRole), int(_R.AccessibleTextRole))
_SORT, _CLAIM, _ID = int(SORT_ROLE), int(CLAIM_ROLE), int(CLAIM_ID_ROLE)
_F = Qt.ItemFlag
_FLAGS = _F.ItemIsEnabled | _F.ItemIsSelectable | _F.ItemIsDragEnabled
_FLAGS_USE = _FLAGS | _F.ItemIsUserCheckable
_CHECKED, _UNCHECKED = Qt.CheckState.Checked, Qt.CheckState.Unchecked


def column_titles() -> list[str]:
    return [tr("Use"), tr("Claim"), tr("Source"), tr("Cue"), tr("Stance"), tr("Figures"), tr("Where"),
            tr("Grade")]


def stance_label(stance: str) -> str:
    return {"asserted": tr("asserted"), "reported": tr("reported"), "hedged": tr("hedged")}.get(stance, stance)


def source_name(c: Claim) -> str:
    att = c.attribution
    if not att:
        return ""
    name = att.normalized or att.source or ""
    if att.via:
        name = f"{name} via {att.via}" if name else att.via
    return name


def locator(c: Claim) -> str:
    loc = f"¶ {c.paragraph}" if c.paragraph else ""
    if c.page:
        loc = f"p. {c.page}" + (f", {loc}" if loc else "")
    return loc


def grade(c: Claim) -> str:
    return f"{c.reliability or ''}{c.credibility or ''}"


class ClaimsModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._claims: list[Claim] = []
        self._row: dict[str, int] = {}
        self._hay: list[str] = []
        self._titles = column_titles()
        self.article_titles: dict[str, str] = {}
        self._ticked: int | None = None
        self._cells: list[tuple | None] = []

    # ------------------------------------------------------------------ content
    def set_claims(self, claims: list[Claim]) -> None:
        self.beginResetModel()
        self._claims = list(claims)
        self._reindex()
        self.endResetModel()

    def ticked(self) -> int:
        """How many claims are included (counted again only after a change)."""
        if self._ticked is None:
            self._ticked = sum(1 for c in self._claims if c.included)
        return self._ticked

    def _reindex(self) -> None:
        self._ticked = None
        self._cells = [None] * len(self._claims)
        self._row = {c.id: i for i, c in enumerate(self._claims)}
        self._hay = [self._haystack(c) for c in self._claims]

    @staticmethod
    def _haystack(c: Claim) -> str:
        return " ".join((c.text, c.paraphrase or "", source_name(c), " ".join(c.tags), c.note or "")).casefold()

    def claims(self) -> list[Claim]:
        return list(self._claims)

    def claim_at(self, row: int) -> Claim:
        return self._claims[row]

    def row_of(self, claim_id: str) -> int:
        return self._row.get(claim_id, -1)

    def haystack(self, row: int) -> str:
        return self._hay[row]

    def refresh_claims(self, claim_ids) -> None:
        """Fields of these claims changed (tick, paraphrase, grade …)."""
        rows = sorted(self._row[c] for c in claim_ids if c in self._row)
        if not rows:
            return
        self._ticked = None
        for r in rows:
            self._hay[r] = self._haystack(self._claims[r])
            self._cells[r] = None
        # one signal per contiguous run keeps large ticks cheap
        start = prev = rows[0]
        for r in [*rows[1:], None]:
            if r is not None and r == prev + 1:
                prev = r
                continue
            self.dataChanged.emit(self.index(start, 0), self.index(prev, self.columnCount() - 1))
            if r is not None:
                start = prev = r

    def retranslate(self) -> None:
        self._titles = column_titles()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._titles) - 1)

    # ------------------------------------------------------------------ Qt API
    def rowCount(self, parent=QModelIndex()):  # noqa: N802
        return 0 if parent.isValid() else len(self._claims)

    def columnCount(self, parent=QModelIndex()):  # noqa: N802
        return 0 if parent.isValid() else len(self._titles)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._titles):
            if role == Qt.ItemDataRole.DisplayRole:
                return "✓" if section == COL_USE else self._titles[section]
            if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
                return tr("Include in the brief") if section == COL_USE else self._titles[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        return self.row_data(index.row(), index.column(), int(role))

    def cells(self, row: int) -> tuple:
        """What a row shows, computed once: (display text per column, stance, included)."""
        cells = self._cells[row]
        if cells is None:
            c = self._claims[row]
            texts = tuple(self.row_data(row, col, DISPLAY) or "" for col in range(len(self._titles)))
            cells = self._cells[row] = (texts, c.stance, c.included)
        return cells

    def row_data(self, row: int, col: int, role: int):
        if not (0 <= row < len(self._claims)):
            return None
        c = self._claims[row]
        if role == DISPLAY:
            if col == COL_TEXT:
                return c.text
            if col == COL_SOURCE:
                return source_name(c)
            if col == COL_CUE:
                return (c.attribution.cue or "") if c.attribution else ""
            if col == COL_STANCE:
                return stance_label(c.stance)
            if col == COL_FIGURES:
                return ", ".join(f.text for f in c.figures)
            if col == COL_LOC:
                return locator(c)
            if col == COL_GRADE:
                return grade(c)
            return None
        if role == CHECK:
            return (_CHECKED if c.included else _UNCHECKED) if col == COL_USE else None
        if role == BACKGROUND:
            return self._brushes(STANCE_COLORS, c.stance) if col == COL_STANCE else None
        if role == FOREGROUND:
            return self._brushes(STANCE_TEXT, c.stance) if col == COL_STANCE else None
        if role == _ID:
            return c.id
        if role == _CLAIM:
            return c
        if role == _SORT:
            return self._sort_key(c, col)
        if role == TOOLTIP:
            if col == COL_TEXT:
                tip = c.text
                if c.paraphrase:
                    tip += "\n\n" + tr("Paraphrase:") + " " + c.paraphrase
                return tip
            if col in (COL_SOURCE, COL_CUE, COL_FIGURES):  # these are elided: the whole text on hover
                return self.row_data(row, col, DISPLAY) or None
            return None
        if role == ACCESSIBLE and col == COL_USE:
            return tr("included") if c.included else tr("not included")
        return None

    _brush_cache: dict = {}

    @classmethod
    def _brushes(cls, table: dict, stance: str):
        key = (id(table), stance)
        brush = cls._brush_cache.get(key)
        if brush is None:
            brush = cls._brush_cache[key] = QBrush(QColor(table.get(stance, "#ffffff" if table is STANCE_COLORS
                                                                    else "#000000")))
        return brush

    @staticmethod
    def _sort_key(c: Claim, col: int):
        if col == COL_USE:
            return int(c.included)
        if col == COL_TEXT:
            return c.text.casefold()
        if col == COL_SOURCE:
            return source_name(c).casefold()
        if col == COL_CUE:
            return ((c.attribution.cue or "") if c.attribution else "").casefold()
        if col == COL_STANCE:
            return c.stance
        if col == COL_FIGURES:
            return len(c.figures)
        if col == COL_GRADE:
            return grade(c) or "~"
        return (c.source_id, c.start)

    def sort(self, column, order=Qt.SortOrder.AscendingOrder):
        """Sort in Python with a key (fast for 10,000 rows), keeping persistent indexes."""
        if not (0 <= column < self.columnCount()):
            return
        self.layoutAboutToBeChanged.emit()
        old_ids = [c.id for c in self._claims]
        self._claims.sort(key=lambda c: self._sort_key(c, column),
                          reverse=order == Qt.SortOrder.DescendingOrder)
        self._reindex()
        persistent = self.persistentIndexList()
        new = [self.index(self._row[old_ids[p.row()]], p.column()) for p in persistent]
        self.changePersistentIndexList(persistent, new)
        self.layoutChanged.emit()

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _FLAGS_USE if index.column() == COL_USE else _FLAGS

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):  # noqa: N802
        """Ticking is an edit: the owner turns it into an undoable command (``toggle_requested``)."""
        if role == Qt.ItemDataRole.CheckStateRole and index.isValid() and index.column() == COL_USE:
            checked = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
            if self.toggle_handler is not None:
                self.toggle_handler([self._claims[index.row()].id], checked)
                return True
        return False

    toggle_handler = None

    # ------------------------------------------------------------------ drag
    def mimeTypes(self):  # noqa: N802
        return [CLAIMS_MIME, "text/plain"]

    def supportedDragActions(self):  # noqa: N802
        return Qt.DropAction.CopyAction | Qt.DropAction.MoveAction

    def mimeData(self, indexes):  # noqa: N802
        rows = sorted({i.row() for i in indexes if i.isValid()})
        ids = [self._claims[r].id for r in rows]
        mime = QMimeData()
        mime.setData(CLAIMS_MIME, QByteArray(json.dumps(ids).encode("utf-8")))
        mime.setText("\n".join(self._claims[r].text for r in rows))
        return mime


def claim_ids_from_mime(mime: QMimeData) -> list[str]:
    if not mime.hasFormat(CLAIMS_MIME):
        return []
    try:
        ids = json.loads(bytes(mime.data(CLAIMS_MIME)).decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return []
    return [i for i in ids if isinstance(i, str)] if isinstance(ids, list) else []


class ClaimsFilter(QAbstractProxyModel):
    """The claims shown: filtered by free text, source name and stance, in the model's order
    (sorting is the model's job). Each filter change swaps the row list in one reset."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._text = ""
        self._source = ""
        self._stance = ""
        self._m: ClaimsModel | None = None
        self._rows: list[int] = []
        self._pos: list[int] | None = None  # source row -> shown row (-1: hidden), built on demand
        self._saved: list = []

    # ------------------------------------------------------------------ filtering
    def _compute(self) -> None:
        m = self._m
        if m is None:
            self._rows = []
        else:
            rows = range(len(m._claims))
            if self._text:
                text, hay = self._text, m._hay
                rows = [r for r in rows if text in hay[r]]
            if self._stance or self._source:
                claims, stance, source = m._claims, self._stance, self._source
                rows = [r for r in rows if (not stance or claims[r].stance == stance)
                        and (not source or source_name(claims[r]) == source)]
            self._rows = list(rows)
        self._pos = None

    def refilter(self, change=None) -> None:
        """Apply the filter again (after ``change()`` altered its state, if given)."""
        self.beginResetModel()
        if change:
            change()
        self._compute()
        self.endResetModel()

    def set_filter(self, *, text: str | None = None, source: str | None = None, stance: str | None = None):
        new = (self._text if text is None else text.casefold().strip(),
               self._source if source is None else source,
               self._stance if stance is None else stance)
        if new != (self._text, self._source, self._stance):
            self.refilter(lambda: self._set(*new))

    def _set(self, text, source, stance) -> None:
        self._text, self._source, self._stance = text, source, stance

    def filter_state(self) -> tuple[str, str, str]:
        return self._text, self._source, self._stance

    # ------------------------------------------------------------------ source model
    def setSourceModel(self, model):  # noqa: N802
        self.beginResetModel()
        if self._m is not None:
            for sig, slot in self._connections():
                sig.disconnect(slot)
        self._m = model
        super().setSourceModel(model)
        for sig, slot in self._connections():
            sig.connect(slot)
        self._compute()
        self.endResetModel()

    def _connections(self):
        m = self._m
        return ((m.modelAboutToBeReset, self.beginResetModel), (m.modelReset, self._source_reset),
                (m.dataChanged, self._source_data_changed), (m.headerDataChanged, self.headerDataChanged),
                (m.layoutAboutToBeChanged, self._source_layout_about), (m.layoutChanged, self._source_layout))

    def _source_reset(self) -> None:
        self._compute()
        self.endResetModel()

    def _source_data_changed(self, top, bottom, roles=()) -> None:
        pos = self._positions()
        shown = [pos[r] for r in range(top.row(), bottom.row() + 1) if pos[r] >= 0]
        if shown:
            self.dataChanged.emit(self.index(min(shown), top.column()), self.index(max(shown), bottom.column()),
                                  roles)

    def _source_layout_about(self, *args) -> None:
        self.layoutAboutToBeChanged.emit()
        m = self._m
        self._saved = [(p, m._claims[self._rows[p.row()]].id if p.isValid() and p.row() < len(self._rows)
                        else None) for p in self.persistentIndexList()]

    def _source_layout(self, *args) -> None:
        self._compute()
        pos, row_of = self._positions(), self._m._row
        old, new = [], []
        for p, cid in self._saved:
            r = pos[row_of[cid]] if cid in row_of else -1
            old.append(p)
            new.append(self.index(r, p.column()) if r >= 0 else QModelIndex())
        self._saved = []
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    def _positions(self) -> list[int]:
        if self._pos is None:
            pos = [-1] * (len(self._m._claims) if self._m is not None else 0)
            for i, r in enumerate(self._rows):
                pos[r] = i
            self._pos = pos
        return self._pos

    # ------------------------------------------------------------------ proxy API
    def mapToSource(self, index):  # noqa: N802
        if not index.isValid() or self._m is None or not (0 <= index.row() < len(self._rows)):
            return QModelIndex()
        return self._m.index(self._rows[index.row()], index.column())

    def mapFromSource(self, index):  # noqa: N802
        if not index.isValid() or self._m is None:
            return QModelIndex()
        pos = self._positions()
        r = pos[index.row()] if index.row() < len(pos) else -1
        return self.index(r, index.column()) if r >= 0 else QModelIndex()

    def index(self, row, column, parent=QModelIndex()):
        if parent.isValid() or not (0 <= row < len(self._rows)) or not (0 <= column < self.columnCount()):
            return QModelIndex()
        return self.createIndex(row, column)

    def parent(self, index=QModelIndex()):
        return QModelIndex()

    def sibling(self, row, column, index):
        return self.index(row, column)

    def rowCount(self, parent=QModelIndex()):  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()):  # noqa: N802
        return 0 if parent.isValid() or self._m is None else self._m.columnCount()

    def hasChildren(self, parent=QModelIndex()):  # noqa: N802
        return not parent.isValid() and bool(self._rows)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        return self._m.row_data(self._rows[index.row()], index.column(), int(role))

    def flags(self, index):
        return self._m.flags(index) if self._m is not None else Qt.ItemFlag.NoItemFlags

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        return self._m.headerData(section, orientation, role) if self._m is not None else None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):  # noqa: N802
        return self._m.setData(self.mapToSource(index), value, role) if self._m is not None else False

    def mimeData(self, indexes):  # noqa: N802
        return self._m.mimeData([self.mapToSource(i) for i in indexes])

    def sort(self, column, order=Qt.SortOrder.AscendingOrder):
        if column >= 0 and self._m is not None:
            self._m.sort(column, order)
