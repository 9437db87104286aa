"""Cleaning a user-supplied Word file before it is used as the style base of a DOCX brief.

A style base comes from outside (a colleague's template, an organisation's house style), so
it is treated as untrusted. :func:`clean_style_base` first checks that the file is a sane zip
(size, number of entries, compression ratio, names), then rebuilds it keeping only what a
style base is for — styles, numbering, fonts, theme, settings, page setup, headers and
footers — and removes:

* references to a remote template (``w:attachedTemplate``) and every other external
  relationship except plain hyperlinks (a linked image or frame would be fetched on opening);
* macros (``vbaProject.bin``, ``vbaData.xml``, macro-enabled content types, key-map
  customisations and toolbars);
* embedded objects (OLE objects, embedded packages, ``altChunk`` imports, sub-documents);
* ActiveX controls.

The body of the document is emptied (only its final section properties, which carry page
setup and header/footer references, are kept): a style base contributes styling, not text.
Each kind of removal yields one warning saying what was removed. Nothing is written to disk
here; the caller decides where the cleaned bytes go.
"""
from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field

from lxml import etree

from .errors import TemplateError

MAX_STYLE_BASE_BYTES = 10 * 1024 * 1024  # the .docx file itself
MAX_ENTRIES = 500
MAX_UNPACKED_BYTES = 60 * 1024 * 1024  # all entries together
MAX_ENTRY_BYTES = 20 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed for any entry over 1 MB

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
V = "urn:schemas-microsoft-com:vml"
O = "urn:schemas-microsoft-com:office:office"

DOC_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_MAIN_TYPES = {
    DOC_MAIN,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
}
_MACRO_MAIN_TYPES = {
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
}

# Relationship types (their last path segment) and what removing them means to the user.
_REMOVED_REL_TYPES = {
    "vbaProject": "macros",
    "wordVbaData": "macros",
    "keyMapCustomizations": "macros",
    "attachedToolbars": "macros",
    "oleObject": "embedded objects",
    "package": "embedded objects",
    "aFChunk": "embedded objects",
    "subDocument": "embedded objects",
    "control": "ActiveX controls",
    "activeXControlBinary": "ActiveX controls",
    "attachedTemplate": "remote template reference",
    "mailMergeSource": "external references",
    "mailMergeHeaderSource": "external references",
    "recipientData": "external references",
}

# Elements that hold embedded or active content; removed wherever they stand.
_REMOVED_ELEMENTS = {
    f"{{{W}}}object": "embedded objects",
    f"{{{W}}}altChunk": "embedded objects",
    f"{{{W}}}subDoc": "embedded objects",
    f"{{{W}}}control": "ActiveX controls",
    f"{{{O}}}OLEObject": "embedded objects",
    f"{{{W}}}attachedTemplate": "remote template reference",
    f"{{{W}}}mailMerge": "external references",
}

_DROP_PART = re.compile(
    r"^(word/vbaProject\.bin|word/vbaData\.xml|word/customizations\.xml|word/attachedToolbars\.bin"
    r"|word/embeddings/.*|word/activeX/.*|customUI/.*|userCustomization/.*)$",
    re.IGNORECASE,
)
_PART_KIND = [
    (re.compile(r"^word/(vbaProject\.bin|vbaData\.xml|customizations\.xml|attachedToolbars\.bin)$", re.I), "macros"),
    (re.compile(r"^(customUI|userCustomization)/", re.I), "macros"),
    (re.compile(r"^word/embeddings/", re.I), "embedded objects"),
    (re.compile(r"^word/activeX/", re.I), "ActiveX controls"),
]

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                          remove_blank_text=False)


@dataclass
class CleanResult:
    data: bytes
    warnings: list[str] = field(default_factory=list)


def _fail(reason: str, name: str) -> TemplateError:
    return TemplateError(f"style base: {reason}", name)


def _safe_member_name(n: str) -> bool:
    if not n or n.startswith("/") or "\\" in n or "\x00" in n or re.match(r"^[A-Za-z]:", n):
        return False
    norm = posixpath.normpath(n)
    return not (norm.startswith("../") or norm == ".." or "/../" in f"/{n}/")


def _read_zip(data: bytes, name: str) -> dict[str, bytes]:
    """The entries of a .docx after the zip-safety checks; raises TemplateError."""
    if len(data) > MAX_STYLE_BASE_BYTES:
        raise _fail(f"file is over {MAX_STYLE_BASE_BYTES // (1024 * 1024)} MB", name)
    if not data.startswith(b"PK\x03\x04"):
        raise _fail("not a Word file (.docx)", name)
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise _fail(f"damaged Word file ({exc})", name) from None
    if len(infos) > MAX_ENTRIES:
        raise _fail(f"has more than {MAX_ENTRIES} parts", name)
    seen: set[str] = set()
    total = 0
    for info in infos:
        if not _safe_member_name(info.filename):
            raise _fail(f"unsafe part name {info.filename[:60]!r}", name)
        key = info.filename.lower()
        if key in seen:
            raise _fail(f"duplicate part {info.filename[:60]!r}", name)
        seen.add(key)
        if info.flag_bits & 0x1:
            raise _fail("encrypted parts are not supported", name)
        total += info.file_size
        if info.file_size > MAX_ENTRY_BYTES or total > MAX_UNPACKED_BYTES:
            raise _fail("unpacks to more than the size limit (zip bomb?)", name)
        if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise _fail("suspicious compression ratio (zip bomb?)", name)
    # overlapping entries: local headers must not share offsets
    offsets = sorted(i.header_offset for i in infos)
    if len(set(offsets)) != len(offsets):
        raise _fail("overlapping zip entries", name)
    parts: dict[str, bytes] = {}
    try:
        for info in infos:
            if info.is_dir():
                continue
            with zf.open(info) as fh:
                blob = fh.read(MAX_ENTRY_BYTES + 1)
            if len(blob) != info.file_size:
                raise _fail("part sizes do not match the zip directory", name)
            parts[info.filename] = blob
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise _fail(f"damaged Word file ({exc})", name) from None
    if "[Content_Types].xml" not in parts or "word/document.xml" not in parts:
        raise _fail("not a Word document (no word/document.xml)", name)
    return parts


def _parse(blob: bytes, part: str, name: str) -> etree._Element:
    head = blob[:4096]
    if b"<!DOCTYPE" in head or b"<!ENTITY" in blob:
        raise _fail(f"{part} contains a DTD, which Word files never need", name)
    try:
        return etree.fromstring(blob, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise _fail(f"{part} is not well-formed XML ({exc})", name) from None


def _xml(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _rels_part_of(rels_name: str) -> str:
    """``word/_rels/document.xml.rels`` -> ``word/document.xml``."""
    folder, base = posixpath.split(rels_name)
    parent = posixpath.dirname(folder)
    return posixpath.join(parent, base[: -len(".rels")]) if base != ".rels" else ""


def _target_of(rels_name: str, target: str) -> str:
    source_dir = posixpath.dirname(_rels_part_of(rels_name))
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(source_dir, target))


def clean_style_base(data: bytes, name: str) -> CleanResult:
    """Return a cleaned copy of the Word file ``data`` and the warnings about what was removed."""
    parts = _read_zip(data, name)
    removed: dict[str, list[str]] = {}

    def note(kind: str, detail: str) -> None:
        removed.setdefault(kind, [])
        if detail and detail not in removed[kind]:
            removed[kind].append(detail)

    # 1. parts that are macros, embedded objects or ActiveX
    for part in sorted(parts):
        if _DROP_PART.match(part):
            kind = next((k for rx, k in _PART_KIND if rx.match(part)), "embedded objects")
            note(kind, posixpath.basename(part))
            del parts[part]

    # 2. relationships: external ones (except hyperlinks), removed kinds, dangling targets
    removed_ids: dict[str, set[str]] = {}  # source part -> relationship ids removed
    for rels_name in [p for p in parts if p.endswith(".rels")]:
        root = _parse(parts[rels_name], rels_name, name)
        changed = False
        for rel in list(root):
            rtype = (rel.get("Type") or "").rsplit("/", 1)[-1]
            target = rel.get("Target") or ""
            external = (rel.get("TargetMode") or "").lower() == "external"
            kind = _REMOVED_REL_TYPES.get(rtype)
            if kind is None and external and rtype != "hyperlink":
                kind = "external references"
            if kind is None and not external and _target_of(rels_name, target) not in parts:
                kind = "dangling references"
            if kind is None:
                continue
            detail = target[:120] if external else ""
            if kind == "remote template reference" and not external:
                detail = posixpath.basename(target)
            if kind != "dangling references":
                note(kind, detail)
            removed_ids.setdefault(_rels_part_of(rels_name), set()).add(rel.get("Id") or "")
            root.remove(rel)
            changed = True
        if changed:
            parts[rels_name] = _xml(root)

    # 3. XML parts: remove active/embedded elements and anything pointing at removed relationships
    for part in [p for p in parts if p.startswith("word/") and p.endswith(".xml")]:
        root = _parse(parts[part], part, name)
        changed = False
        gone = removed_ids.get(part, set())
        if part == "word/document.xml":
            body = root.find(f"{{{W}}}body")
            if body is not None:
                for child in list(body):
                    if child.tag != f"{{{W}}}sectPr":
                        body.remove(child)
                        changed = True
        for el in list(root.iter()):
            kind = _REMOVED_ELEMENTS.get(el.tag) if isinstance(el.tag, str) else None
            if kind is None and gone:
                if any(k.startswith(f"{{{R}}}") and v in gone for k, v in el.attrib.items()):
                    kind = "references"
            if kind is None:
                continue
            parent = el.getparent()
            if parent is None:
                continue
            if kind != "references":
                note(kind, "")
            if el.tag == f"{{{W}}}attachedTemplate":
                # w:linkStyles asks Word to refresh styles from that template on opening
                for link in root.iter(f"{{{W}}}linkStyles"):
                    link.getparent().remove(link)
            parent.remove(el)
            changed = True
        if changed:
            parts[part] = _xml(root)

    # 4. content types: a plain document, no overrides for removed parts, no macro defaults
    ct = _parse(parts["[Content_Types].xml"], "[Content_Types].xml", name)
    for el in list(ct):
        tag = etree.QName(el).localname
        ctype = el.get("ContentType") or ""
        if tag == "Override":
            pname = (el.get("PartName") or "").lstrip("/")
            if pname not in parts:
                ct.remove(el)
            elif ctype in _MAIN_TYPES:
                if ctype in _MACRO_MAIN_TYPES:
                    note("macros", "macro-enabled document type")
                el.set("ContentType", DOC_MAIN)
        elif tag == "Default" and ("vba" in ctype.lower() or "oleobject" in ctype.lower()
                                   or "activex" in ctype.lower()):
            ct.remove(el)
    parts["[Content_Types].xml"] = _xml(ct)

    # 5. a reproducible zip, content types first
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        order = ["[Content_Types].xml"] + sorted(p for p in parts if p != "[Content_Types].xml")
        for p in order:
            info = zipfile.ZipInfo(p, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, parts[p])

    warnings = []
    labels = {
        "remote template reference": "removed a reference to a remote template",
        "external references": "removed external references",
        "macros": "removed macros",
        "embedded objects": "removed embedded objects",
        "ActiveX controls": "removed ActiveX controls",
    }
    for kind in labels:
        if kind in removed:
            details = removed[kind]
            warnings.append(f"{name}: {labels[kind]}" + (f" ({', '.join(details[:3])})" if details else ""))
    return CleanResult(out.getvalue(), warnings)
