"""Import: one module per input format, one registry that picks the importer.

``load_article(path)`` and ``load_bytes(data, name)`` return an
:class:`~briefing.model.Article` or raise :class:`~briefing.errors.ImportFailed` (or its
subclass :class:`~briefing.errors.LimitExceeded`) with a one-line reason. Nothing is
half-imported: an importer either returns a complete article or raises.

The importer is chosen by the content (magic bytes) first and the file name's extension
second: a PDF renamed to ``.txt`` is still read as a PDF, and a ``.docx`` that is not a zip
archive is refused instead of being read as text.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import re
from pathlib import Path
from typing import Callable

from ..errors import ImportFailed, LimitExceeded
from ..model import Article
from . import text as _text
from .language import detect_language
from .limits import MAX_FILE_BYTES, MAX_TEXT_CHARS, mb

__all__ = [
    "FORMATS", "MAX_FILE_BYTES", "MAX_TEXT_CHARS", "detect_format", "load_article", "load_bytes", "read_input",
    "EXTENSIONS",
]

EXTENSIONS = {
    ".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html",
    ".htm": "html", ".xhtml": "html", ".docx": "docx", ".pdf": "pdf",
    # Macro-enabled documents and Word templates: their text is read, macros are never run.
    ".docm": "docx", ".dotx": "docx", ".dotm": "docx",
}


def _parse_html(data: bytes, name: str) -> Article:
    from . import html

    return html.parse(data, name)


def _parse_docx(data: bytes, name: str) -> Article:
    from . import docx

    return docx.parse(data, name)


def _parse_pdf(data: bytes, name: str) -> Article:
    from . import pdf

    return pdf.parse(data, name)


FORMATS: dict[str, Callable[[bytes, str], Article]] = {
    "text": _text.parse,
    "markdown": _text.parse_markdown,
    "html": _parse_html,
    "docx": _parse_docx,
    "pdf": _parse_pdf,
}

# Formats we recognise but cannot import, with what the user can do instead.
_UNSUPPORTED_MAGIC = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Word .doc (or other Office 97-2003) file; save it as .docx"),
    (b"{\\rtf", "a Rich Text (.rtf) file; save it as .docx or plain text"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image, not an article"),
    (b"\xff\xd8\xff", "a JPEG image, not an article"),
    (b"GIF87a", "a GIF image, not an article"),
    (b"GIF89a", "a GIF image, not an article"),
    (b"II*\x00", "a TIFF image, not an article"),
    (b"MM\x00*", "a TIFF image, not an article"),
    (b"\x1f\x8b", "a gzip archive; unpack it first"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive; unpack it first"),
    (b"Rar!", "a RAR archive; unpack it first"),
    (b"\x7fELF", "a program, not an article"),
    (b"MZ", "a Windows program, not an article"),
    (b"%!PS", "a PostScript file; convert it to PDF first"),
)
_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|meta\s)",
                         re.IGNORECASE | re.DOTALL)
_HTML_ANY = re.compile(rb"<(?:html|head|body|article|p|div)[\s>]", re.IGNORECASE)


def _sniff_text_head(data: bytes) -> bytes:
    """The start of the file as ASCII-ish bytes (BOMs and UTF-16 NULs dropped) for sniffing."""
    head = data[:4096]
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        if head.startswith(bom):
            head = head[len(bom):]
            break
    if head.count(0) > len(head) // 4:
        head = head.replace(b"\x00", b"")
    return head


def detect_format(data: bytes, name: str) -> str:
    """The importer for these bytes: by content first, then by extension; raises if unsupported."""
    ext = Path(name).suffix.lower() if name not in ("-", "") else ""
    by_ext = EXTENSIONS.get(ext)
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        if ext in (".odt", ".epub", ".xlsx", ".pptx", ".zip", ".ods", ".odp"):
            raise ImportFailed(f"{ext} files are not supported; save the article as .docx, PDF or text", name)
        return "docx"  # the DOCX importer checks the archive and says if it is no Word document
    for magic, what in _UNSUPPORTED_MAGIC:
        if data.startswith(magic):
            if magic in (b"MZ", b"Rar!", b"GIF87a", b"GIF89a") and b"\x00" not in data[:512]:
                continue  # real ones have NUL bytes in their header; this is a text ("MZ-Bericht ...")
            raise ImportFailed(f"unsupported file: this is {what}", name)
    if by_ext == "pdf":
        raise ImportFailed("not a PDF file (no %PDF header); the file is damaged or has the wrong extension", name)
    if by_ext == "docx":
        raise ImportFailed(f"not a Word {ext or '.docx'} file (it is not a zip archive); the file is damaged or "
                           "has the wrong extension", name)
    head = _sniff_text_head(data)
    if by_ext == "html" or _HTML_START.match(head):
        return "html"
    if by_ext == "markdown":
        return "markdown"
    if by_ext is None and ext in (".xml",) and _HTML_ANY.search(head):
        return "html"
    return "text"


def read_input(path: str | Path) -> bytes:
    """Read a file with the size limit applied; errors become ImportFailed."""
    p = Path(path)
    name = str(path)
    try:
        if p.is_dir():
            raise ImportFailed("is a directory, not a file", name)
        size = p.stat().st_size
    except FileNotFoundError:
        raise ImportFailed("no such file", name) from None
    except PermissionError:
        raise ImportFailed("permission denied", name) from None
    except OSError as exc:
        raise ImportFailed(f"cannot read file ({exc.strerror or exc})", name) from None
    if size > MAX_FILE_BYTES:
        raise LimitExceeded(f"file is {size / (1024 * 1024):.0f} MB, over the import size limit of "
                            f"{mb(MAX_FILE_BYTES)}", name)
    try:
        with open(p, "rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except PermissionError:
        raise ImportFailed("permission denied", name) from None
    except OSError as exc:
        raise ImportFailed(f"cannot read file ({exc.strerror or exc})", name) from None
    if len(data) > MAX_FILE_BYTES:
        raise LimitExceeded(f"file is over the import size limit of {mb(MAX_FILE_BYTES)}", name)
    return data


def load_bytes(data: bytes, name: str, *, language: str | None = None) -> Article:
    """Import the bytes of a file called ``name`` (``-`` for standard input, e.g. ``clipboard`` for paste).

    The content picks the importer; the name's extension helps where the content is ambiguous
    (Markdown, HTML) and appears in error messages.
    """
    if len(data) > MAX_FILE_BYTES:
        raise LimitExceeded(f"input is over the import size limit of {mb(MAX_FILE_BYTES)}", name)
    if not data.strip(b" \t\r\n\x00\x0b\x0c") or data in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        raise ImportFailed("file is empty", name)
    kind = detect_format(data, name)
    article = FORMATS[kind](data, name)
    return _finish(article, data, name, language)


def load_article(path: str | Path, *, language: str | None = None) -> Article:
    """Import the file at ``path``.

    A browser's "web page, complete" folder (``Page_files``) may be given instead of its
    page: the page next to it is imported (nothing inside the folder is read).
    """
    p = Path(path)
    if p.is_dir():
        page = _page_for_folder(p)
        if page is not None:
            path, p = page, page
    data = read_input(path)
    return load_bytes(data, str(path), language=language)


def _page_for_folder(folder: Path) -> Path | None:
    for suffix in ("_files", "-Dateien", "_Dateien", "-files"):
        if folder.name.endswith(suffix):
            stem = folder.name[: -len(suffix)]
            for ext in (".html", ".htm", ".xhtml"):
                cand = folder.with_name(stem + ext)
                if cand.is_file():
                    return cand
    return None


def _finish(article: Article, data: bytes, name: str, language: str | None) -> Article:
    if len(article.text) > MAX_TEXT_CHARS:
        raise LimitExceeded(f"text has {len(article.text):,} characters, over the limit of {MAX_TEXT_CHARS:,} "
                            "characters", name)
    if not article.text.strip() or not article.paragraphs:
        raise ImportFailed("no text found in file", name)
    prev = 0
    for p in article.paragraphs:  # locators must point into the text, in order
        if not (prev <= p.start < p.end <= len(article.text)):
            raise ImportFailed("internal error: paragraph spans out of order", name)
        prev = p.end
    src = article.source
    src.sha256 = hashlib.sha256(data).hexdigest()
    src.file_name = Path(name).name if name not in ("-", "") else None
    src.imported = _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat()
    if language and language != "auto":
        src.language = language.strip().lower()[:8]
    else:
        src.language = detect_language(article.text) or (src.language or None)
    return article
