"""Renderers: Document -> DOCX and Document -> PDF. Nothing else renders."""
from __future__ import annotations

from pathlib import Path

from ..document import Document

FORMATS = (".docx", ".pdf")


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
