"""The core's Document tree as simple HTML, for the live preview and the clipboard.

Only presentation: the content comes from ``briefing.compose``, as it does for DOCX and PDF.
"""
from __future__ import annotations

from html import escape

from briefing.document import Document, Heading, ListBlock, NoteRef, Paragraph, Run, Table

_STYLE = """
body { font-family: '%(body)s'; font-size: %(size).1fpt; color: #1d1d1f; }
h1.title { font-family: '%(head)s'; font-size: %(tsize).0fpt; margin: 0 0 4px 0; }
h2 { font-family: '%(head)s'; font-size: %(hsize).0fpt; color: #1f3a60; margin: 14px 0 4px 0;
     border-bottom: 1px solid #c9d3e0; }
h3 { font-family: '%(head)s'; font-size: %(size).0fpt; margin: 10px 0 2px 0; }
p { margin: 3px 0; }
p.subtitle { font-size: %(hsize).0fpt; color: #555; }
p.meta { color: #666; font-size: %(small).1fpt; }
p.judgment { background: #f3effa; border-left: 3px solid #7a5cb0; padding: 4px; }
p.guidance { color: #888; font-style: italic; }
p.small, p.source_entry { font-size: %(small).1fpt; }
div.banner { background: #8b1e1e; color: white; text-align: center; font-weight: bold; padding: 2px; }
sup { color: #1f4e8c; }
table.figures { border-collapse: collapse; }
table.figures td, table.figures th { border: 1px solid #ccc; padding: 2px 6px; }
"""


def _runs(content) -> str:
    out = []
    for i in content:
        if isinstance(i, NoteRef):
            out.append(f"<sup>{i.note.number}</sup>")
        elif isinstance(i, Run):
            t = escape(i.text)
            if getattr(i, "bold", False):
                t = f"<b>{t}</b>"
            if getattr(i, "italic", False):
                t = f"<i>{t}</i>"
            if getattr(i, "link", None):
                t = f"<a href='{escape(i.link, quote=True)}'>{t}</a>"
            out.append(t)
        else:
            out.append(escape(str(getattr(i, "text", ""))))
    return "".join(out)


def _para(p: Paragraph) -> str:
    return f"<p class='{escape(str(p.style))}'>{_runs(p.content)}</p>"


def _block(b) -> str:
    if isinstance(b, Heading):
        if b.level == 0:
            return f"<h1 class='title'>{escape(b.text)}</h1>"
        tag = "h2" if b.level <= 1 else "h3"
        return f"<{tag}>{escape(b.text)}</{tag}>"
    if isinstance(b, Paragraph):
        return _para(b)
    if isinstance(b, ListBlock):
        tag = "ol" if b.ordered else "ul"
        items = "".join(f"<li>{_runs(p.content)}</li>" for p in b.items)
        return f"<{tag}>{items}</{tag}>"
    if isinstance(b, Table):
        head = "".join(f"<th>{escape(h)}</th>" for h in b.header)
        rows = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in r) + "</tr>" for r in b.rows)
        return f"<table class='figures'><tr>{head}</tr>{rows}</table>"
    text = b.plain_text() if hasattr(b, "plain_text") else str(getattr(b, "text", ""))
    return f"<p>{escape(text)}</p>" if text else ""


def document_html(doc: Document, *, notes_heading: str | None = None) -> str:
    body = "serif" if doc.body_font == "serif" else "sans-serif"
    head = "sans-serif" if doc.heading_font == "sans" else "serif"
    size = float(doc.font_size or 11)
    css = _STYLE % {"body": body, "head": head, "size": size, "tsize": size + 5, "hsize": size + 1.5,
                    "small": size - 1.5}
    parts = [f"<html><head><style>{css}</style></head><body>"]
    if doc.banner:
        parts.append(f"<div class='banner'>{escape(doc.banner)}</div>")
    parts.extend(_block(b) for b in doc.blocks)
    if doc.notes:
        parts.append(f"<h3>{escape(notes_heading or doc.notes_heading)}</h3>")
        parts.append("<p class='small'>" + "<br>".join(
            f"{n.number}. {_runs(n.runs)}" for n in doc.notes) + "</p>")
    parts.append("</body></html>")
    return "".join(parts)


def document_text(doc: Document) -> str:
    """Plain text with numbered notes, for pasting where rich text is not accepted."""
    lines = []
    for b in doc.blocks:
        if isinstance(b, Heading):
            lines.extend(["", b.text.upper() if b.level == 0 else b.text, ""] if b.level <= 1 else [b.text])
        elif isinstance(b, Paragraph):
            lines.append(b.plain_text_with_notes() if hasattr(b, "plain_text_with_notes") else _plain(b.content))
        elif isinstance(b, ListBlock):
            lines.extend(f"• {_plain(p.content)}" for p in b.items)
        elif isinstance(b, Table):
            lines.append(" | ".join(b.header))
            lines.extend(" | ".join(r) for r in b.rows)
        elif hasattr(b, "plain_text"):
            lines.append(b.plain_text())
    if doc.notes:
        lines.extend(["", doc.notes_heading])
        lines.extend(f"[{n.number}] " + "".join(r.text for r in n.runs) for n in doc.notes)
    return "\n".join(lines).strip() + "\n"


def _plain(content) -> str:
    return "".join(f"[{i.note.number}]" if isinstance(i, NoteRef) else getattr(i, "text", "") for i in content)
