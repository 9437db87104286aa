"""Table model over the project's claims, and the filter proxy (no I/O, no widgets).

The model holds references to the core's ``Claim`` objects; edits go through commands and the
session tells the model which rows changed. Filtering uses a per-row lower-case haystack
computed once, so a keystroke in the filter box costs one string test per row.
"""
from __future__ import annotations

import json

from PySide6.QtCore import QAbstractTableModel, QByteArray, QMimeData, QModelIndex, QSortFilterProxyModel, Qt
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

    # ------------------------------------------------------------------ content
    def set_claims(self, claims: list[Claim]) -> None:
        self.beginResetModel()
        self._claims = list(claims)
        self._reindex()
        self.endResetModel()

    def _reindex(self) -> None:
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
        for r in rows:
            self._hay[r] = self._haystack(self._claims[r])
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
        row, col = index.row(), index.column()
        if not (0 <= row < len(self._claims)):
            return None
        c = self._claims[row]
        if role == Qt.ItemDataRole.DisplayRole:
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
        if role == Qt.ItemDataRole.CheckStateRole and col == COL_USE:
            return Qt.CheckState.Checked if c.included else Qt.CheckState.Unchecked
        if role == SORT_ROLE:
            return self._sort_key(c, col)
        if role == CLAIM_ROLE:
            return c
        if role == CLAIM_ID_ROLE:
            return c.id
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_TEXT:
            tip = c.text
            if c.paraphrase:
                tip += "\n\n" + tr("Paraphrase:") + " " + c.paraphrase
            return tip
        if role == Qt.ItemDataRole.BackgroundRole and col == COL_STANCE:
            return QBrush(QColor(STANCE_COLORS.get(c.stance, "#ffffff")))
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_STANCE:
            return QBrush(QColor(STANCE_TEXT.get(c.stance, "#000000")))
        if role == Qt.ItemDataRole.AccessibleTextRole and col == COL_USE:
            return tr("included") if c.included else tr("not included")
        return None

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
        f = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        if index.column() == COL_USE:
            f |= Qt.ItemFlag.ItemIsUserCheckable
        return f

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


class ClaimsFilter(QSortFilterProxyModel):
    """Filter by free text, source name and stance; sorting is delegated to the model."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._text = ""
        self._source = ""
        self._stance = ""
        self.setDynamicSortFilter(False)

    def refilter(self, change=None) -> None:
        """Apply the filter again (after ``change()`` altered its state, if given)."""
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.10
            self.beginFilterChange()
            if change:
                change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            if change:
                change()
            self.invalidateRowsFilter()

    def set_filter(self, *, text: str | None = None, source: str | None = None, stance: str | None = None):
        self.refilter(lambda: self._set(text, source, stance))

    def _set(self, text, source, stance) -> None:
        if text is not None:
            self._text = text.casefold().strip()
        if source is not None:
            self._source = source
        if stance is not None:
            self._stance = stance

    def setSourceModel(self, model):  # noqa: N802
        self._m = model
        super().setSourceModel(model)

    def filterAcceptsRow(self, row, parent):  # noqa: N802
        m = self._m
        if self._text and self._text not in m._hay[row]:
            return False
        if self._stance or self._source:
            c = m._claims[row]
            if self._stance and c.stance != self._stance:
                return False
            if self._source and source_name(c) != self._source:
                return False
        return True

    def sort(self, column, order=Qt.SortOrder.AscendingOrder):
        if column >= 0:
            self._m.sort(column, order)
