"""Document -> DOCX: real footnotes/endnotes, page fields, optional style base.

Two writers, one body (:mod:`.docx_body`):

* no style base (the common case): :mod:`.docx_package` writes the package directly, with
  our own styles, numbering, settings, header/footer and properties; python-docx is not
  imported at all (loading it and its default template cost ~100 ms of a cold export);
* a user-supplied Word file as the style base (like pandoc's reference document): its
  styles, page setup, headers and footers are kept and its body is dropped; this goes
  through python-docx in :mod:`.docx_stylebase`, imported only then.

Output is reproducible: no wall-clock time inside, zip entries dated with the document's
timestamp (SOURCE_DATE_EPOCH or the brief date).
"""
from __future__ import annotations

import datetime as _dt
from pathlib import Path

from ..document import Document
from ..project import atomic_write_bytes


def _zip_time(doc: Document) -> tuple:
    t = doc.timestamp.astimezone(_dt.timezone.utc)
    if t.year < 1980:
        return (1980, 1, 1, 0, 0, 0)
    return (t.year, t.month, t.day, t.hour, t.minute, t.second)


def docx_bytes(doc: Document) -> bytes:
    if doc.style_base_data:
        from .docx_stylebase import stylebase_docx_bytes

        return stylebase_docx_bytes(doc, _zip_time(doc))
    from .docx_package import direct_docx_bytes

    return direct_docx_bytes(doc, _zip_time(doc))


def render_docx(doc: Document, path: str | Path) -> None:
    path = Path(path)
    atomic_write_bytes(path, docx_bytes(doc))
