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
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
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
            except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, EOFError, ValueError) as exc:
                raise ImportFailed(f"damaged entry {info.filename!r} in the archive ({exc})", name) from None
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


def _notes(blob: bytes | None, tag: str) -> list[str]:
    if not blob:
        return []
    root = _safe_xml(blob)
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


def extract(data: bytes, name: str) -> dict:
    """Read a .docx into plain data (runs in the guarded child process)."""
    import docx
    from docx.table import Table

    parts = read_checked(data, name)
    if "word/document.xml" not in parts:
        raise ImportFailed("not a Word .docx file (no word/document.xml in the archive)", name)
    clean = io.BytesIO()
    with zipfile.ZipFile(clean, "w", zipfile.ZIP_STORED) as out:
        for part_name, blob in parts.items():
            out.writestr(part_name, blob)
    clean.seek(0)
    try:
        document = docx.Document(clean)
    except (KeyError, ValueError) as exc:
        raise ImportFailed(f"not a readable Word .docx file ({exc})", name) from None
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
    notes = _notes(parts.get("word/footnotes.xml"), "footnote") + _notes(parts.get("word/endnotes.xml"), "endnote")
    blocks.extend((f"[{i}] {n}", False) for i, n in enumerate(notes, start=1))
    cp = document.core_properties
    meta = {
        "title": cp.title or None,
        "author": cp.author or None,
        "created": cp.created.date().isoformat() if cp.created else None,
        "language": cp.language or None,
        "publisher": None,
    }
    app = parts.get("docProps/app.xml")
    if app:
        root = _safe_xml(app)
        for el in root.iter():
            if isinstance(el.tag, str) and el.tag.endswith("}Company") and (el.text or "").strip():
                meta["publisher"] = el.text.strip()
    return {"blocks": blocks, "meta": meta}


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
    return build_article(blocks, src)
