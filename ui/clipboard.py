"""Copy the brief, or selected claims with their citations, as rich text and plain text."""
from __future__ import annotations

from html import escape

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication

from briefing.model import Project

from .document_html import document_html, document_text


def brief_mime(project: Project) -> QMimeData:
    from briefing.compose import compose

    doc = compose(project)
    mime = QMimeData()
    mime.setHtml(document_html(doc))
    mime.setText(document_text(doc))
    return mime


def claims_mime(project: Project, claim_ids: list[str]) -> QMimeData:
    from briefing.citations import note_text

    lang = project.template.language if project.template else "en"
    by_id = project.claim_by_id()
    html, text = [], []
    for cid in claim_ids:
        c = by_id.get(cid)
        if c is None:
            continue
        cite = note_text(project.article_for(c), c, lang)
        body = c.paraphrase or c.text
        html.append(f"<p>{escape(body)} <span style='color:#555'>({escape(cite.rstrip('.'))})</span></p>")
        text.append(f"{body} ({cite.rstrip('.')})")
    mime = QMimeData()
    mime.setHtml("<html><body>" + "".join(html) + "</body></html>")
    mime.setText("\n".join(text) + ("\n" if text else ""))
    return mime


def copy_brief(project: Project) -> None:
    QGuiApplication.clipboard().setMimeData(brief_mime(project))


def copy_claims(project: Project, claim_ids: list[str]) -> None:
    QGuiApplication.clipboard().setMimeData(claims_mime(project, claim_ids))
