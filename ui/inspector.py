"""The claim inspector: the verbatim quote stays visible; the analyst edits paraphrase or
translation, grade (reliability A–F, credibility 1–6), tags and a note. Typing is collected
into one undoable edit per field (commands merge)."""
from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtWidgets import (QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout,
                               QWidget)

from briefing import commands as C
from briefing.model import Claim

from .claims_model import STANCE_COLORS, STANCE_TEXT, locator, source_name, stance_label
from .i18n import tr

RELIABILITY = ["A", "B", "C", "D", "E", "F"]


class Inspector(QWidget):
    edited = Signal(str)

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.claim: Claim | None = None
        self.quote = QLabel()
        self.quote.setWordWrap(True)
        self.quote.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.quote.setObjectName("quote")
        self.meta = QLabel()
        self.meta.setObjectName("claimMeta")
        self.meta.setWordWrap(True)
        self.paraphrase = QPlainTextEdit()
        self.paraphrase.setTabChangesFocus(True)
        self.paraphrase.setFixedHeight(64)
        self.reliability = QComboBox()
        self.credibility = QComboBox()
        self.tags = QLineEdit()
        self.note = QLineEdit()
        grade = QHBoxLayout()
        grade.addWidget(self.reliability)
        grade.addWidget(self.credibility)
        grade.addStretch(1)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self._labels = [QLabel() for _ in range(4)]
        self.form.addRow(self._labels[0], self.paraphrase)
        self.form.addRow(self._labels[1], grade)
        self.form.addRow(self._labels[2], self.tags)
        self.form.addRow(self._labels[3], self.note)
        for label, field in zip(self._labels, (self.paraphrase, self.reliability, self.tags, self.note)):
            label.setBuddy(field)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 4, 6, 4)
        lay.addWidget(self.quote)
        lay.addWidget(self.meta)
        lay.addLayout(self.form)
        lay.addStretch(1)

        self._timer = QTimer(self, singleShot=True, interval=400)
        self._timer.timeout.connect(self.commit_text)
        self.paraphrase.textChanged.connect(self._timer.start)
        self.tags.textEdited.connect(lambda _t: self._timer.start())
        self.note.textEdited.connect(lambda _t: self._timer.start())
        self.tags.editingFinished.connect(self.commit_text)
        self.note.editingFinished.connect(self.commit_text)
        self.reliability.activated.connect(self._grade_changed)
        self.credibility.activated.connect(self._grade_changed)
        self.retranslate()
        self.show_claim(None)

    def retranslate(self) -> None:
        for label, text in zip(self._labels, (tr("&Paraphrase"), tr("&Grade"), tr("&Tags"), tr("&Note"))):
            label.setText(text)
        self.paraphrase.setPlaceholderText(tr("Your paraphrase or translation; the quote above stays as it is"))
        self.paraphrase.setAccessibleName(tr("Paraphrase"))
        self.reliability.setAccessibleName(tr("Source reliability"))
        self.reliability.setToolTip(tr("Source reliability: A reliable … E unreliable, F cannot be judged"))
        self.credibility.setAccessibleName(tr("Information credibility"))
        self.credibility.setToolTip(tr("Information credibility: 1 confirmed … 5 improbable, 6 cannot be judged"))
        self.tags.setPlaceholderText(tr("comma-separated"))
        self.tags.setAccessibleName(tr("Tags"))
        self.note.setAccessibleName(tr("Note"))
        self.quote.setAccessibleName(tr("Verbatim quote"))
        with QSignalBlocker(self.reliability), QSignalBlocker(self.credibility):
            self.reliability.clear()
            self.reliability.addItem(tr("Reliability –"), None)
            for r in RELIABILITY:
                self.reliability.addItem(r, r)
            self.credibility.clear()
            self.credibility.addItem(tr("Credibility –"), None)
            for n in range(1, 7):
                self.credibility.addItem(str(n), n)
        self.show_claim(self.claim)

    def show_claim(self, claim: Claim | None) -> None:
        if self.claim is not None and claim is not self.claim:
            self.commit_text()
        self.claim = claim
        enabled = claim is not None
        for w in (self.paraphrase, self.reliability, self.credibility, self.tags, self.note):
            w.setEnabled(enabled)
        if claim is None:
            self.quote.setText(tr("Select a claim to see its quote and to paraphrase, grade or tag it."))
            self.meta.setText("")
            with QSignalBlocker(self.paraphrase):
                self.paraphrase.setPlainText("")
            self.tags.setText("")
            self.note.setText("")
            return
        self.quote.setText(f"„{claim.text}“" if (self._lang(claim) == "de") else f"“{claim.text}”")
        who = source_name(claim) or tr("the author")
        cue = claim.attribution.cue if claim.attribution and claim.attribution.cue else ""
        stance = stance_label(claim.stance)
        color, bg = STANCE_TEXT.get(claim.stance, "#333"), STANCE_COLORS.get(claim.stance, "#eee")
        figs = ", ".join(f.text for f in claim.figures)
        parts = [f"<span style='background:{bg};color:{color};padding:1px 4px'>&nbsp;{stance}&nbsp;</span>",
                 tr("Source: %1").replace("%1", _esc(who))]
        if cue:
            parts.append(tr("Cue: %1").replace("%1", _esc(cue)))
        parts.append(_esc(locator(claim)))
        if figs:
            parts.append(tr("Figures: %1").replace("%1", _esc(figs)))
        if claim.manual:
            parts.append(tr("made by hand"))
        self.meta.setText(" · ".join(parts))
        self.refresh_fields()

    def _lang(self, claim: Claim) -> str:
        art = self.session.project.article_for(claim)
        return (art.source.language or "en") if art else "en"

    def refresh_fields(self) -> None:
        """Show the claim's current values (after an edit, undo or redo)."""
        c = self.claim
        if c is None:
            return
        if self.paraphrase.toPlainText() != (c.paraphrase or "") and not self._timer.isActive():
            with QSignalBlocker(self.paraphrase):
                self.paraphrase.setPlainText(c.paraphrase or "")
        self.reliability.setCurrentIndex(max(0, self.reliability.findData(c.reliability)) if c.reliability else 0)
        self.credibility.setCurrentIndex(c.credibility or 0)
        if not self._timer.isActive():
            self.tags.setText(", ".join(c.tags))
            self.note.setText(c.note or "")

    def commit_text(self) -> None:
        """Push pending typing as commands (merged into one undo step per field)."""
        self._timer.stop()
        c = self.claim
        if c is None or not any(c is x for x in self.session.project.claims):
            return
        para = self.paraphrase.toPlainText()
        if (para.strip() or None) != c.paraphrase and para.strip() != (c.paraphrase or ""):
            self.session.push(C.EditClaim(c.id, paraphrase=para))
        tags = [t.strip() for t in self.tags.text().split(",") if t.strip()]
        if tags != c.tags:
            self.session.push(C.EditClaim(c.id, tags=tags))
        note = self.note.text().strip() or None
        if note != c.note:
            self.session.push(C.EditClaim(c.id, note=note))

    def _grade_changed(self) -> None:
        c = self.claim
        if c is None:
            return
        rel, cred = self.reliability.currentData(), self.credibility.currentData()
        if (rel, cred) != (c.reliability, c.credibility):
            self.session.push(C.EditClaim(c.id, reliability=rel, credibility=cred))


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
