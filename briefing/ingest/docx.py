"""Word documents (.docx) through python-docx.

A .docx is a zip archive, so it is checked from its central directory BEFORE anything is
inflated: number of entries, declared sizes, compression ratio, duplicate names and
overlapping entries (the tricks of zip bombs). Then every entry is read with a hard cap on
its size, XML parts with a DTD or entity declarations are refused (Word never writes them),
and python-docx reads the checked copy in a child process with a time and memory limit.

Body paragraphs and tables come in document order, headings as their own paragraphs, then
the document's footnotes and endnotes as text ("[1] ..."). Core properties (title, author,
created, language) and the company from the extended properties fill the source metadata.
"""
from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib

from ..errors import ImportFailed, LimitExceeded
from ..model import Article, Source
from . import limits
from .text import build_article, clean_line

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_HEADING_STYLES = ("heading", "title", "subtitle", "überschrift", "titel", "untertitel")


def check_zip(data: bytes, name: str) -> list[zipfile.ZipInfo]:
    """Check a zip archive's directory against the limits without inflating anything."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except NotImplementedError:  # e.g. "zip file version 19.9": a damaged directory or an exotic zip tool
        raise ImportFailed("not a Word .docx file (a zip archive in a format Word does not write; damaged?)",
                           name) from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, struct.error,
            UnicodeDecodeError):
        raise ImportFailed("not a Word .docx file (damaged or not a zip archive)", name) from None
    infos = zf.infolist()
    if len(infos) > limits.MAX_ZIP_ENTRIES:
        raise LimitExceeded(f"archive has {len(infos):,} entries, over the limit of {limits.MAX_ZIP_ENTRIES:,} "
                            "entries (zip bomb?)", name)
    names = set()
    total = 0
    for info in infos:
        if info.filename in names:
            raise ImportFailed(f"archive has the entry {info.filename!r} twice (damaged or crafted file)", name)
        names.add(info.filename)
        if info.file_size > limits.MAX_ZIP_ENTRY_BYTES:
            raise LimitExceeded(f"entry {info.filename!r} would inflate to {info.file_size / limits.MB:,.0f} MB, "
                                f"over the entry size limit of {limits.mb(limits.MAX_ZIP_ENTRY_BYTES)}", name)
        total += info.file_size
        if info.file_size > limits.ZIP_RATIO_MIN_BYTES:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > limits.MAX_ZIP_RATIO:
                raise LimitExceeded(f"entry {info.filename!r} has a compression ratio of {ratio:,.0f}:1, over the "
                                    f"limit of {limits.MAX_ZIP_RATIO}:1 (zip bomb?)", name)
    if total > limits.MAX_ZIP_TOTAL_BYTES:
        raise LimitExceeded(f"archive would inflate to {total / limits.MB:,.0f} MB, over the total size limit of "
                            f"{limits.mb(limits.MAX_ZIP_TOTAL_BYTES)} (zip bomb?)", name)
    # Entries must not overlap: each one's local header and data end before the next begins.
    spans = []
    for info in infos:
        off = info.header_offset
        header = data[off:off + 30]
        if len(header) < 30 or header[:4] != b"PK\x03\x04":
            raise ImportFailed("not a Word .docx file (damaged zip archive)", name)
        name_len, extra_len = struct.unpack("<HH", header[26:30])
        end = off + 30 + name_len + extra_len + info.compress_size
        if end > len(data):
            raise ImportFailed("not a Word .docx file (truncated zip archive)", name)
        spans.append((off, end, info.filename))
    spans.sort()
    for (s1, e1, n1), (s2, _e2, n2) in zip(spans, spans[1:]):
        if s2 < e1:
            raise ImportFailed(f"archive entries {n1!r} and {n2!r} overlap (zip bomb?)", name)
    if "word/document.xml" not in names and "[Content_Types].xml" not in names:
        raise ImportFailed("not a Word .docx file (a zip archive without a Word document inside)", name)
    return infos


def read_checked(data: bytes, name: str) -> dict[str, bytes]:
    """Every entry of a checked archive, each read with a cap of its declared size."""
    infos = check_zip(data, name)
    parts: dict[str, bytes] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for info in infos:
            if info.is_dir():
                continue
            try:
                with zf.open(info) as fh:
                    blob = fh.read(info.file_size + 1)
            except NotImplementedError:
                raise ImportFailed(f"damaged Word file: {info.filename} uses a compression method Word does not "
                                   "write", name) from None
            except RuntimeError:  # zipfile: "... is encrypted, password required for extraction"
                raise ImportFailed(f"Word file is encrypted ({info.filename} needs a password); save an "
                                   "unprotected copy and import that", name) from None
            except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError):
                raise ImportFailed(f"damaged Word file: {info.filename} cannot be unpacked (its compressed data "
                                   "is corrupt)", name) from None
            if len(blob) > info.file_size:
                raise LimitExceeded(f"entry {info.filename!r} inflates beyond its declared size (zip bomb?)", name)
            if info.filename.endswith((".xml", ".rels")):
                if len(blob) > limits.MAX_XML_PART_BYTES:
                    raise LimitExceeded(f"part {info.filename!r} is over the XML part limit of "
                                        f"{limits.mb(limits.MAX_XML_PART_BYTES)}", name)
                if _DTD.search(blob):
                    raise ImportFailed(f"part {info.filename!r} declares a DTD or entities, which Word never "
                                       "does; refused for safety", name)
            parts[info.filename] = blob
    return parts


def _safe_xml(blob: bytes):
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    return etree.fromstring(blob, parser=parser)


def _xml_part(parts: dict[str, bytes], part_name: str, name: str):
    """One XML part parsed safely; invalid XML becomes a one-line error naming the part."""
    from lxml import etree

    try:
        return _safe_xml(parts[part_name])
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise ImportFailed(f"damaged Word file: {part_name} is not valid XML{_where(exc)}", name) from None


def _where(exc: Exception) -> str:
    line = getattr(exc, "lineno", None)
    return f" (line {line})" if isinstance(line, int) and line > 0 else ""


def _invalid_part(parts: dict[str, bytes], name: str, exc: Exception) -> ImportFailed:
    """The error for python-docx failing on bad XML: find the part (the body first) and name it."""
    xml_parts = sorted((n for n in parts if n.endswith((".xml", ".rels"))),
                       key=lambda n: (n != "word/document.xml", not n.startswith("word/"), n))
    for part_name in xml_parts:
        try:
            _xml_part(parts, part_name, name)
        except ImportFailed as err:
            return err
    return ImportFailed(f"damaged Word file: a part is not valid XML ({str(exc)[:100]})", name)


# Main-part content types: the ones we read, and what other Office files are called.
_DOCUMENT_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_WORD_VARIANTS = {  # read like a document; macros are never run, only the text is read
    b"application/vnd.ms-word.document.macroEnabled.main+xml": "macros",
    b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml": "template",
    b"application/vnd.ms-word.template.macroEnabledTemplate.main+xml": "macros",
}
_OTHER_OFFICE = (
    (b"spreadsheetml", "an Excel workbook"), (b"ms-excel", "an Excel workbook"),
    (b"presentationml", "a PowerPoint presentation"), (b"ms-powerpoint", "a PowerPoint presentation"),
)
_MACRO_PART = re.compile(r"(^|/)(vbaProject\.bin|vbaData\.xml)$", re.IGNORECASE)


def _normalise_main_type(parts: dict[str, bytes], name: str) -> list[str]:
    """Let python-docx read macro-enabled documents and templates as documents; returns warnings.

    Only the content type of the main part is changed in our private copy; a macro project
    (``vbaProject.bin``) stays an opaque blob that nothing interprets, let alone runs.
    """
    ct = parts.get("[Content_Types].xml")
    warnings: list[str] = []
    if ct is None:
        raise ImportFailed("damaged Word file: [Content_Types].xml is missing from the archive", name)
    root = _xml_part(parts, "[Content_Types].xml", name)
    main_types = [(el.get("ContentType") or "").encode() for el in root if isinstance(el.tag, str)
                  and el.tag.endswith("}Override") and (el.get("ContentType") or "").endswith(".main+xml")]
    if main_types and _DOCUMENT_TYPE not in main_types:
        for ctype in main_types:
            for marker, what in _OTHER_OFFICE:
                if marker in ctype:
                    raise ImportFailed(f"this is {what}, not a Word document; save the article as .docx, PDF or "
                                       "text", name)
        for ctype in main_types:
            if ctype in _WORD_VARIANTS:
                parts["[Content_Types].xml"] = ct.replace(ctype, _DOCUMENT_TYPE)
                break
    if any(_MACRO_PART.search(n) for n in parts) or any(_WORD_VARIANTS.get(t) == "macros" for t in main_types):
        warnings.append("the Word file contains macros; they were ignored (never run) and only the text was "
                        "imported")
    return warnings


def _notes(root, tag: str) -> list[str]:
    out = []
    for note in root.iter(_W + tag):
        if note.get(_W + "type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        paras = []
        for p in note.iter(_W + "p"):
            paras.append("".join(t.text or "" for t in p.iter(_W + "t", _W + "tab")))
        text = clean_line(" ".join(paras))
        if text:
            out.append(text)
    return out


def _is_heading(paragraph) -> bool:
    try:
        style = (paragraph.style.name or "").lower() if paragraph.style is not None else ""
    except (KeyError, ValueError, AttributeError):
        style = ""
    if style.startswith(_HEADING_STYLES):
        return True
    ppr = paragraph._p.pPr
    return ppr is not None and ppr.find(_W + "outlineLvl") is not None


def _body_blocks(document) -> list[tuple[str, bool]]:
    """Body paragraphs and table rows in document order, each with a heading flag."""
    from docx.table import Table

    blocks: list[tuple[str, bool]] = []
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            seen = set()
            for row in item.rows:
                cells = []
                for cell in row.cells:
                    if cell._tc in seen:  # a merged cell appears once per grid column
                        continue
                    seen.add(cell._tc)
                    cells.append(clean_line(cell.text))
                row_text = " | ".join(c for c in cells if c)
                if row_text:
                    blocks.append((row_text, False))
        else:
            text = clean_line(item.text)
            if text:
                blocks.append((text, _is_heading(item)))
    return blocks


def extract(data: bytes, name: str) -> dict:
    """Read a .docx into plain data (runs in the guarded child process)."""
    import docx
    from docx.exceptions import PythonDocxError
    from lxml import etree

    parts = read_checked(data, name)
    if "word/document.xml" not in parts:
        raise ImportFailed("not a Word .docx file (no word/document.xml in the archive)", name)
    warnings = _normalise_main_type(parts, name)
    clean = io.BytesIO()
    with zipfile.ZipFile(clean, "w", zipfile.ZIP_STORED) as out:
        for part_name, blob in parts.items():
            out.writestr(part_name, blob)
    clean.seek(0)
    try:
        document = docx.Document(clean)
    except etree.XMLSyntaxError as exc:
        raise _invalid_part(parts, name, exc) from None
    except KeyError as exc:  # a relationship points to a part that is not in the archive
        raise ImportFailed(f"damaged Word file: the part {str(exc)[:80]} it refers to is missing", name) from None
    except ValueError as exc:
        message = str(exc)
        if "is not a Word file, content type is" in message:
            ctype = message.rsplit("content type is", 1)[1].strip(" '\"")
            raise ImportFailed(f"not a Word document (its main part has the content type {ctype[:80]!r})",
                               name) from None
        raise ImportFailed(f"damaged Word file ({message[:100]})", name) from None
    except PythonDocxError as exc:
        raise ImportFailed(f"damaged Word file ({str(exc)[:100]})", name) from None
    root = document.element
    if root.tag != _W + "document" or root.find(_W + "body") is None:
        raise ImportFailed("damaged Word file: word/document.xml has no Word document body", name)
    try:
        blocks = _body_blocks(document)
    except (AttributeError, TypeError, ValueError, KeyError, IndexError):
        raise ImportFailed("damaged Word file: word/document.xml has an unexpected structure", name) from None
    notes = []
    for part_name, tag in (("word/footnotes.xml", "footnote"), ("word/endnotes.xml", "endnote")):
        if parts.get(part_name):
            notes += _notes(_xml_part(parts, part_name, name), tag)
    blocks.extend((f"[{i}] {n}", False) for i, n in enumerate(notes, start=1))
    try:
        cp = document.core_properties
    except (etree.XMLSyntaxError, ValueError, KeyError):
        raise ImportFailed("damaged Word file: docProps/core.xml (title, author, date) cannot be read", name) from None
    meta = {
        "title": cp.title or None,
        "author": cp.author or None,
        "created": cp.created.date().isoformat() if cp.created else None,
        "language": cp.language or None,
        "publisher": None,
    }
    if parts.get("docProps/app.xml"):
        try:
            root = _xml_part(parts, "docProps/app.xml", name)
        except ImportFailed:  # the company name is optional; a damaged app.xml must not stop the import
            root = None
        for el in (root.iter() if root is not None else ()):
            if isinstance(el.tag, str) and el.tag.endswith("}Company") and (el.text or "").strip():
                meta["publisher"] = el.text.strip()
    return {"blocks": blocks, "meta": meta, "warnings": warnings}


def parse(data: bytes, name: str) -> Article:
    check_zip(data, name)  # cheap and in-process: refuse bombs before any child is started
    result = limits.run_guarded(extract, data, name, name=name)
    blocks = result["blocks"]
    meta = result["meta"]
    if not blocks:
        raise ImportFailed("no text found in the Word document", name)
    import datetime as dt

    src = Source(kind="document")
    src.title = clean_line(meta.get("title") or "") or None
    src.author = clean_line(meta.get("author") or "") or None
    src.publisher = clean_line(meta.get("publisher") or "") or None
    if meta.get("created"):
        src.published = dt.date.fromisoformat(meta["created"])
    if meta.get("language"):
        src.language = meta["language"][:2].lower()
    return build_article(blocks, src, result.get("warnings"))
