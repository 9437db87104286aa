"""Table model over a list of core claims (no I/O, no widgets)."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from briefing.model import Claim

CLAIM_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

COLUMNS = ("Use", "Claim", "Source", "Cue", "Stance", "Figures", "¶ / p.")


class ClaimsModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._claims: list[Claim] = []

    def set_claims(self, claims: list[Claim]) -> None:
        self.beginResetModel()
        self._claims = list(claims)
        self.endResetModel()

    def claims(self) -> list[Claim]:
        return list(self._claims)

    def rowCount(self, parent=QModelIndex()):  # noqa: N802
        return 0 if parent.isValid() else len(self._claims)

    def columnCount(self, parent=QModelIndex()):  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._claims)):
            return None
        c = self._claims[index.row()]
        col = index.column()
        if role == CLAIM_ROLE:
            return c
        if role == Qt.ItemDataRole.CheckStateRole and col == 0:
            return Qt.CheckState.Checked if c.included else Qt.CheckState.Unchecked
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE, Qt.ItemDataRole.ToolTipRole):
            att = c.attribution
            if col == 0:
                return None if role == Qt.ItemDataRole.DisplayRole else int(c.included)
            if col == 1:
                return c.text
            if col == 2:
                return (att.normalized or att.source or "") if att else ""
            if col == 3:
                return (att.cue or "") if att else ""
            if col == 4:
                return c.stance
            if col == 5:
                return ", ".join(f.text for f in c.figures)
            if col == 6:
                if role == SORT_ROLE:
                    return c.start
                return f"¶ {c.paragraph}" + (f", p. {c.page}" if c.page else "")
        return None

    def flags(self, index):
        f = super().flags(index)
        if index.column() == 0:
            f |= Qt.ItemFlag.ItemIsUserCheckable
        return f
