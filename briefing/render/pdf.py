"""Document -> PDF with reportlab (fonts embedded, notes as endnotes in this version)."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import ListFlowable, ListItem, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ..document import Document, Heading, ListBlock, NoteRef, Run
from ..document import Paragraph as DParagraph
from ..document import Table as DTable
from .fonts import register_fonts


def _styles(doc: Document) -> dict[str, ParagraphStyle]:
    fonts = register_fonts()
    body, head = fonts[doc.body_font], fonts[doc.heading_font]
    size = doc.font_size
    base = ParagraphStyle("body", fontName=body, fontSize=size, leading=size * 1.35, spaceAfter=size * 0.5,
                          alignment=TA_LEFT)
    return {
        "title": ParagraphStyle("title", parent=base, fontName=head, fontSize=size * 1.9, leading=size * 2.3,
                                spaceAfter=size * 0.6),
        "h1": ParagraphStyle("h1", parent=base, fontName=head, fontSize=size * 1.3, leading=size * 1.6,
                             spaceBefore=size * 0.9, spaceAfter=size * 0.4),
        "h2": ParagraphStyle("h2", parent=base, fontName=head, fontSize=size * 1.1, spaceBefore=size * 0.6),
        "body": base,
        "quote": ParagraphStyle("quote", parent=base, leftIndent=8 * mm),
        "judgment": ParagraphStyle("judgment", parent=base, fontName=body, leftIndent=0),
        "guidance": ParagraphStyle("guidance", parent=base, fontSize=size * 0.85, textColor="#666666"),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=size * 1.2, leading=size * 1.5,
                                   textColor="#333333"),
        "meta": ParagraphStyle("meta", parent=base, fontSize=size * 0.85, textColor="#444444",
                               spaceAfter=size * 1.2),
        "source_entry": ParagraphStyle("source_entry", parent=base, leftIndent=6 * mm, firstLineIndent=-6 * mm),
        "small": ParagraphStyle("small", parent=base, fontSize=size * 0.85),
        "note": ParagraphStyle("note", parent=base, fontSize=size * 0.8, leading=size * 1.05, spaceAfter=2),
    }


def _markup(content) -> str:
    out = []
    for inline in content:
        if isinstance(inline, NoteRef):
            out.append(f"<super>{inline.note.number}</super>")
            continue
        assert isinstance(inline, Run)
        t = escape(inline.text)
        if inline.bold:
            t = f"<b>{t}</b>"
        if inline.italic:
            t = f"<i>{t}</i>"
        if inline.link:
            t = f'<link href="{escape(inline.link, {chr(34): "&quot;"})}">{t}</link>'
        out.append(t)
    return "".join(out)


def build_story(doc: Document) -> list:
    st = _styles(doc)
    story: list = []
    for block in doc.blocks:
        if isinstance(block, Heading):
            style = st["title"] if block.level == 0 else st["h1"] if block.level == 1 else st["h2"]
            story.append(Paragraph(escape(block.text), style))
        elif isinstance(block, DParagraph):
            story.append(Paragraph(_markup(block.content), st.get(block.style, st["body"])))
        elif isinstance(block, ListBlock):
            items = [ListItem(Paragraph(_markup(p.content), st["body"]), leftIndent=6 * mm) for p in block.items]
            story.append(ListFlowable(items, bulletType="1" if block.ordered else "bullet", start=None if block.ordered else "•",
                                      leftIndent=6 * mm, bulletFontName=st["body"].fontName))
        elif isinstance(block, DTable):
            data = [[Paragraph(escape(c), st["small"]) for c in block.header]]
            data += [[Paragraph(escape(c), st["small"]) for c in row] for row in block.rows]
            t = Table(data, repeatRows=1)
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, "#999999"),
                                   ("BACKGROUND", (0, 0), (-1, 0), "#e8e8e8")]))
            story.append(t)
    if doc.notes:
        story.append(Spacer(1, 6 * mm))
        story.append(Paragraph(escape(doc.notes_heading), st["h1"]))
        for note in doc.notes:
            story.append(Paragraph(f"{note.number}. " + _markup(note.runs), st["note"]))
    return story


def render_pdf(doc: Document, path: str | Path) -> None:
    path = Path(path)
    top, right, bottom, left = doc.page.margins_mm
    fonts = register_fonts()

    def furniture(canvas, d):
        canvas.saveState()
        canvas.setFont(fonts["sans"], 8)
        w, h = d.pagesize
        canvas.drawRightString(w - right * mm, bottom * mm / 2, doc.page_label.format(page=d.page, pages="?")
                               if "{pages}" in doc.page_label else str(d.page))
        if doc.banner:
            canvas.drawCentredString(w / 2, h - top * mm / 2, doc.banner)
            canvas.drawCentredString(w / 2, bottom * mm / 2 + 10, doc.banner)
        canvas.restoreState()

    fd, tmp = tempfile.mkstemp(prefix=".briefing-", suffix=".pdf", dir=path.parent)
    os.close(fd)
    try:
        pdf = SimpleDocTemplate(tmp, pagesize=A4 if doc.page.size == "A4" else LETTER, title=doc.title,
                                author=doc.author, subject=doc.subject, lang=doc.language,
                                topMargin=top * mm, bottomMargin=bottom * mm, leftMargin=left * mm,
                                rightMargin=right * mm, invariant=1, creator="Briefing")
        pdf.build(build_story(doc), onFirstPage=furniture, onLaterPages=furniture)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
