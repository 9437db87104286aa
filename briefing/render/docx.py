"""Document -> DOCX with python-docx (notes as a list at the end in this version)."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import docx
from docx.shared import Mm, Pt

from ..document import Document, Heading, ListBlock, NoteRef, Run
from ..document import Paragraph as DParagraph
from ..document import Table as DTable

_FONT = {"serif": "DejaVu Serif", "sans": "DejaVu Sans"}


def _add_runs(par, content) -> None:
    for inline in content:
        if isinstance(inline, NoteRef):
            r = par.add_run(str(inline.note.number))
            r.font.superscript = True
            continue
        assert isinstance(inline, Run)
        r = par.add_run(inline.text)
        r.bold = inline.bold or None
        r.italic = inline.italic or None


def render_docx(doc: Document, path: str | Path) -> None:
    path = Path(path)
    d = docx.Document()
    normal = d.styles["Normal"]
    normal.font.name = _FONT[doc.body_font]
    normal.font.size = Pt(doc.font_size)
    for sec in d.sections:
        top, right, bottom, left = doc.page.margins_mm
        if doc.page.size == "A4":
            sec.page_width, sec.page_height = Mm(210), Mm(297)
        else:
            sec.page_width, sec.page_height = Mm(215.9), Mm(279.4)
        sec.top_margin, sec.right_margin, sec.bottom_margin, sec.left_margin = Mm(top), Mm(right), Mm(bottom), Mm(left)
        if doc.banner:
            sec.header.paragraphs[0].text = doc.banner
            sec.footer.paragraphs[0].text = doc.banner
    for block in doc.blocks:
        if isinstance(block, Heading):
            d.add_heading(block.text, level=block.level)
        elif isinstance(block, DParagraph):
            p = d.add_paragraph()
            _add_runs(p, block.content)
        elif isinstance(block, ListBlock):
            for item in block.items:
                p = d.add_paragraph(style="List Number" if block.ordered else "List Bullet")
                _add_runs(p, item.content)
        elif isinstance(block, DTable):
            t = d.add_table(rows=1, cols=len(block.header))
            t.style = "Table Grid"
            for cell, text in zip(t.rows[0].cells, block.header):
                cell.text = text
            for row in block.rows:
                for cell, text in zip(t.add_row().cells, row):
                    cell.text = text
    if doc.notes:
        d.add_heading(doc.notes_heading, level=1)
        for note in doc.notes:
            p = d.add_paragraph()
            p.add_run(f"{note.number}. ")
            _add_runs(p, note.runs)
    cp = d.core_properties
    cp.title, cp.author, cp.subject, cp.language = doc.title, doc.author, doc.subject, doc.language
    fd, tmp = tempfile.mkstemp(prefix=".briefing-", suffix=".docx", dir=path.parent)
    os.close(fd)
    try:
        d.save(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
