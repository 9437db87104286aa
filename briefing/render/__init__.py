"""Renderers: Document -> DOCX and Document -> PDF. Nothing else renders."""
from __future__ import annotations

from pathlib import Path

from ..document import Document

FORMATS = (".docx", ".pdf")


def export_warnings(document: Document) -> list[str]:
    """What the user should know before export: characters the fonts cannot show, style base notes."""
    from .fonts import coverage_warnings

    return list(document.warnings) + coverage_warnings(document)


def render(document: Document, path: str | Path) -> None:
    """Render to ``path``; the extension (any case) picks the format."""
    suffix = Path(path).suffix.lower()
    if suffix == ".docx":
        from .docx import render_docx

        render_docx(document, path)
    elif suffix == ".pdf":
        from .pdf import render_pdf

        render_pdf(document, path)
    else:
        raise ValueError(f"unsupported output format {suffix!r}")
