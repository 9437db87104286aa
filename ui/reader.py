"""The reader: an article's text with its claims highlighted by stance, attribution sources
and cues marked. Clicking in a claim selects it everywhere; a text selection can become a
claim; a claim can be split at the cursor."""
from __future__ import annotations

import bisect

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QTextEdit

from briefing.model import Article, Claim

from .claims_model import STANCE_COLORS, STANCE_TEXT
from .i18n import tr


class OffsetMap:
    """Article offsets (Python code points) <-> positions in the reader (Qt's UTF-16 units).

    Two things make them differ: characters outside the BMP take two UTF-16 units, and the
    reader shows an empty line between paragraphs (``gaps``: article offsets before which one
    extra newline is displayed). Both are counted with bisect, so mapping costs O(log n).
    """

    def __init__(self, text: str, gaps: list[int] | None = None):
        self._gaps = sorted(gaps or [])
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF] if text and max(text) >= "\U00010000" \
            else []
        self.identity = not self._astral and not self._gaps

    def to_qt(self, offset: int) -> int:
        if self.identity:
            return offset
        return (offset + bisect.bisect_left(self._astral, offset) + bisect.bisect_right(self._gaps, offset))

    def from_qt(self, pos: int) -> int:
        """The article offset shown at ``pos``; a position in an inserted empty line maps to the
        end of the paragraph before it."""
        if self.identity:
            return pos
        lo, hi = 0, pos
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.to_qt(mid) <= pos:
                lo = mid
            else:
                hi = mid - 1
        return lo


def paragraph_gaps(article: Article | None) -> list[int]:
    """Where the reader inserts an empty line: after each single newline that separates two
    paragraphs (text that already has a blank line between paragraphs is left as it is)."""
    if article is None:
        return []
    text, gaps = article.text, []
    paras = article.paragraphs
    for a, b in zip(paras, paras[1:]):
        between = text[a.end:b.start]
        if between.count("\n") == 1 and not between.strip():
            gaps.append(a.end + between.index("\n") + 1)
    return gaps


def display_text(text: str, gaps: list[int]) -> str:
    out, prev = [], 0
    for g in gaps:
        out.append(text[prev:g])
        prev = g
    out.append(text[prev:])
    return "\n".join(out)


class _Highlighter(QSyntaxHighlighter):
    def __init__(self, reader: Reader):
        super().__init__(reader.document())
        self.reader = reader
        self.formats: dict[str, QTextCharFormat] = {}
        for stance, color in STANCE_COLORS.items():
            if stance == "asserted":
                continue  # the author's own statements stay unmarked: reported and hedged stand out
            f = QTextCharFormat()
            f.setBackground(QColor(color))
            self.formats[stance] = f
        self.heading_fmt = QTextCharFormat()
        self.heading_fmt.setFontWeight(QFont.Weight.Bold)
        self.source_fmt = QTextCharFormat()
        self.source_fmt.setFontWeight(QFont.Weight.DemiBold)
        self.source_fmt.setForeground(QColor(STANCE_TEXT["reported"]))
        self.source_fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        self.cue_fmt = QTextCharFormat()
        self.cue_fmt.setFontItalic(True)
        self.cue_fmt.setForeground(QColor("#6a3d9a"))

    def highlightBlock(self, text: str) -> None:  # noqa: N802
        r = self.reader
        block = self.currentBlock()
        if block.blockNumber() in r.heading_blocks:
            self.setFormat(0, len(text), self.heading_fmt)
        if not r.claims:
            return
        b0 = block.position()
        b1 = b0 + block.length()
        om = r.offsets
        start = om.from_qt(b0)
        i = bisect.bisect_right(r._ends, start)
        claims = r.claims
        while i < len(claims):
            c = claims[i]
            s, e = om.to_qt(c.start), om.to_qt(c.end)
            if s >= b1:
                break
            fmt = self.formats.get(c.stance)
            if fmt is not None:
                self.setFormat(max(s, b0) - b0, min(e, b1) - max(s, b0), fmt)
            att = c.attribution
            if att is not None:
                for a, b, f in ((att.source_start, att.source_end, self.source_fmt),
                                (att.cue_start, att.cue_end, self.cue_fmt)):
                    if a is not None and b is not None:
                        qa, qb = om.to_qt(a), om.to_qt(b)
                        if qa < b1 and qb > b0:
                            merged = QTextCharFormat(fmt) if fmt is not None else QTextCharFormat()
                            merged.merge(f)
                            self.setFormat(max(qa, b0) - b0, min(qb, b1) - max(qa, b0), merged)
            i += 1


class Reader(QPlainTextEdit):
    claim_clicked = Signal(str)
    make_claim_requested = Signal(str, int, int)  # source id, start, end (article offsets)
    split_requested = Signal(str, int)  # claim id, article offset

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setCenterOnScroll(False)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._context_menu)
        self.article: Article | None = None
        self.claims: list[Claim] = []
        self._ends: list[int] = []
        self._starts: list[int] = []
        self.heading_blocks: set[int] = set()
        self.offsets = OffsetMap("")
        self._current = ""
        self._highlighter = _Highlighter(self)
        doc_font = QFont(self.font())
        doc_font.setPointSizeF(max(doc_font.pointSizeF(), 10.5) + 0.5)
        self.setFont(doc_font)
        self.document().setDocumentMargin(14)
        self.cursorPositionChanged.connect(self._cursor_moved)
        self.setAccessibleName(tr("Article text"))

    # ------------------------------------------------------------------ content
    def show_article(self, article: Article | None, claims: list[Claim]) -> None:
        same = article is not None and self.article is article
        self.article = article
        self._set_claims(claims)
        self._current = ""
        if not same:
            gaps = paragraph_gaps(article)
            self.offsets = OffsetMap(article.text if article else "", gaps)
            self.heading_blocks = self._headings(article, gaps)
            with _blocked(self):
                self.setPlainText(display_text(article.text, gaps) if article else "")
                self._shrink_gaps(gaps)
        else:
            self._highlighter.rehighlight()
        self.setExtraSelections([])

    @staticmethod
    def _headings(article: Article | None, gaps: list[int]) -> set[int]:
        """Block numbers of the headings: newlines before each heading's start, plus the gaps."""
        if article is None:
            return set()
        text, out, line, pos = article.text, set(), 0, 0
        for start in sorted(p.start for p in article.paragraphs if p.heading):
            line += text.count("\n", pos, start)
            pos = start
            out.add(line + bisect.bisect_right(gaps, start))
        return out

    def _shrink_gaps(self, gaps: list[int]) -> None:
        """The empty lines between paragraphs in a small font: a gap, not a whole blank line
        (a plain-text view ignores block margins, so this is how paragraphs get air)."""
        if not gaps:
            return
        small = QTextCharFormat()
        font = QFont(self.font())
        font.setPointSizeF(max(4.0, self.font().pointSizeF() * 0.45))
        small.setFont(font)
        doc = self.document()
        cur = QTextCursor(doc)
        cur.beginEditBlock()
        for g in gaps:
            block = doc.findBlock(self.offsets.to_qt(g) - 1)
            cur.setPosition(block.position())
            cur.setBlockCharFormat(small)
        cur.endEditBlock()

    def article_text(self) -> str:
        """The article as the reader holds it (the display adds the paragraph gaps)."""
        return self.article.text if self.article else ""

    def createMimeDataFromSelection(self):  # noqa: N802
        """Copying gives the article's own text, without the gaps the display adds."""
        from PySide6.QtCore import QMimeData

        rng = self.selection_range()
        mime = QMimeData()
        if rng and self.article:
            mime.setText(self.article.text[rng[0]:rng[1]])
        return mime

    def _set_claims(self, claims: list[Claim]) -> None:
        sid = self.article.source.id if self.article else None
        self.claims = sorted((c for c in claims if c.source_id == sid), key=lambda c: c.start)
        # claims do not overlap in the engine's output; manual ones may, so use a running max
        ends, top = [], -1
        for c in self.claims:
            top = max(top, c.end)
            ends.append(top)
        self._ends = ends
        self._starts = [c.start for c in self.claims]

    def update_claims(self, claims: list[Claim]) -> None:
        """Claims were added, removed or changed: re-highlight without reloading the text."""
        self._set_claims(claims)
        self._highlighter.rehighlight()
        if self._current:
            self.highlight_claim(self._current, scroll=False)

    def claim_at(self, offset: int) -> Claim | None:
        i = bisect.bisect_right(self._starts, offset) - 1
        while i >= 0:
            c = self.claims[i]
            if c.start <= offset < c.end:
                return c
            if self._ends[i] <= offset:
                break
            i -= 1
        return None

    def highlight_claim(self, claim_id: str, *, scroll: bool = True) -> bool:
        claim = next((c for c in self.claims if c.id == claim_id), None)
        self._current = claim_id if claim else ""
        if claim is None:
            self.setExtraSelections([])
            return False
        sel = QTextEdit.ExtraSelection()
        cur = QTextCursor(self.document())
        cur.setPosition(self.offsets.to_qt(claim.start))
        cur.setPosition(self.offsets.to_qt(claim.end), QTextCursor.MoveMode.KeepAnchor)
        sel.cursor = cur
        fmt = QTextCharFormat()
        fmt.setBackground(QColor("#ffd54f"))
        fmt.setProperty(QTextFormat.Property.FullWidthSelection, False)
        sel.format = fmt
        self.setExtraSelections([sel])
        if scroll and not (claim.start <= self.cursor_offset() <= claim.end):
            with _blocked(self):
                c2 = QTextCursor(self.document())
                c2.setPosition(self.offsets.to_qt(claim.start))
                self.setTextCursor(c2)
                self.ensureCursorVisible()
        return True

    def selection_range(self) -> tuple[int, int] | None:
        cur = self.textCursor()
        if not cur.hasSelection():
            return None
        return self.offsets.from_qt(cur.selectionStart()), self.offsets.from_qt(cur.selectionEnd())

    def select_range(self, start: int, end: int) -> None:
        cur = QTextCursor(self.document())
        cur.setPosition(self.offsets.to_qt(start))
        cur.setPosition(self.offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cur)

    def cursor_offset(self) -> int:
        return self.offsets.from_qt(self.textCursor().position())

    # ------------------------------------------------------------------ actions
    def request_make_claim(self) -> bool:
        rng = self.selection_range()
        if not rng or not self.article:
            return False
        self.make_claim_requested.emit(self.article.source.id, *rng)
        return True

    def request_split(self) -> bool:
        off = self.cursor_offset()
        c = self.claim_at(off)
        if c is None:
            return False
        self.split_requested.emit(c.id, off)
        return True

    def _cursor_moved(self) -> None:
        if self.textCursor().hasSelection() or not self.article:
            return
        c = self.claim_at(self.cursor_offset())
        if c is not None and c.id != self._current:
            self.highlight_claim(c.id, scroll=False)
            self.claim_clicked.emit(c.id)

    def _context_menu(self, pos) -> None:
        menu = QMenu(self)
        make = menu.addAction(tr("Make claim from selection"), self.request_make_claim)
        make.setEnabled(self.textCursor().hasSelection())
        cur = self.cursorForPosition(pos)
        if not self.textCursor().hasSelection():
            self.setTextCursor(cur)
        split = menu.addAction(tr("Split claim here"), self.request_split)
        split.setEnabled(self.claim_at(self.cursor_offset()) is not None and not self.textCursor().hasSelection())
        menu.addSeparator()
        menu.addAction(tr("Copy"), self.copy)
        menu.popup(self.viewport().mapToGlobal(pos))


class _blocked:
    def __init__(self, widget):
        self.widget = widget

    def __enter__(self):
        self._old = self.widget.blockSignals(True)

    def __exit__(self, *exc):
        self.widget.blockSignals(self._old)
