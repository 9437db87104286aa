"""Builders for import fixtures (HTML, DOCX, PDF) made from our own articles; no tests here.

Every file a test imports is generated from tests/fixtures/*.txt (our writing) so the
repository ships no article we did not write.
"""
from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"
DE = FIXTURES / "de_hafen.txt"
EN = FIXTURES / "en_grid.txt"


def article_lines(path: Path = DE) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# ------------------------------------------------------------------ HTML


def make_html(lines: list[str], *, lang="de", site="Küstenzeitung", author="Anna Muster",
              date="2025-04-04T08:00:00+02:00", url="https://kuestenzeitung.example/hafen-engpaesse",
              charset="utf-8", clutter=True) -> str:
    """A saved news page: navigation, cookie banner, article, caption, related links, footer."""
    title, body = lines[0], lines[1:]
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}"><head><meta charset="{charset}">',
        f"<title>{_esc(title)} | {_esc(site)}</title>",
        f'<meta property="og:site_name" content="{_esc(site)}">',
        '<meta property="og:type" content="article">',
        f'<meta name="author" content="{_esc(author)}">',
        f'<meta property="article:published_time" content="{date}">',
        f'<link rel="canonical" href="{url}">',
        '<link rel="stylesheet" href="Seite_files/style.css"></head><body>',
    ]
    if clutter:
        parts += [
            '<header><nav><a href="/">Startseite</a> <a href="/wirtschaft">Wirtschaft</a> '
            '<a href="/politik">Politik</a></nav></header>',
            '<div id="cookie-consent" class="cookie-banner"><p>Diese Seite verwendet Cookies. '
            'Mit „Akzeptieren“ stimmen Sie der Nutzung zu.</p><button>Akzeptieren</button></div>',
        ]
    parts.append(f"<main><article><h1>{_esc(title)}</h1>")
    for i, line in enumerate(body):
        parts.append(f"<p>{_esc(line)}</p>")
        if clutter and i == 0:
            parts.append('<figure><img src="Seite_files/lkw.jpg" alt=""><figcaption>Lastwagen stauen sich vor '
                         'dem Terminal. Foto: Redaktionsarchiv</figcaption></figure>')
    parts.append("</article>")
    if clutter:
        parts += [
            '<aside class="related"><h2>Mehr zum Thema</h2><ul><li><a href="/a">Fährverkehr im Winter '
            'eingeschränkt</a></li><li><a href="/b">Neue Kräne für den Containerhafen</a></li></ul></aside>',
        ]
    parts.append("</main>")
    if clutter:
        parts.append("<footer><p>Impressum · Datenschutz · Kontakt</p></footer>")
    parts.append("</body></html>")
    return "\n".join(parts)


# ------------------------------------------------------------------ DOCX


def make_docx(lines: list[str], *, footnote: str | None = None, title: str | None = None,
              author: str | None = "Anna Muster", created=None, company: str | None = None,
              language: str | None = None, table: list[list[str]] | None = None) -> bytes:
    """A Word file: the first line as a Title paragraph, one paragraph per line, optional footnote."""
    import datetime as dt

    import docx

    d = docx.Document()
    cp = d.core_properties
    cp.title = title if title is not None else lines[0]
    cp.author = author or ""
    cp.created = created or dt.datetime(2025, 4, 4, 9, 30)
    if language:
        cp.language = language
    d.add_heading(lines[0], level=0)
    for i, line in enumerate(lines[1:]):
        if line.startswith("## "):
            d.add_heading(line[3:], level=2)
        else:
            d.add_paragraph(line)
    if table:
        t = d.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                t.cell(r, c).text = cell
    buf = io.BytesIO()
    d.save(buf)
    data = buf.getvalue()
    if footnote is None and company is None:
        return data
    return _docx_add_parts(data, footnote=footnote, company=company)


_FOOTNOTES_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
    '</w:footnote><w:footnote w:id="1"><w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p></w:footnote>'
    '</w:footnotes>'
)


def _docx_add_parts(data: bytes, *, footnote: str | None, company: str | None) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            blob = src.read(info)
            if footnote and info.filename == "word/_rels/document.xml.rels":
                blob = blob.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdFn1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    b'relationships/footnotes" Target="footnotes.xml"/></Relationships>')
            if footnote and info.filename == "[Content_Types].xml":
                blob = blob.replace(
                    b"</Types>",
                    b'<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-'
                    b'officedocument.wordprocessingml.footnotes+xml"/></Types>')
            if company and info.filename == "docProps/app.xml":
                blob = blob.replace(b"</Properties>", f"<Company>{_esc(company)}</Company></Properties>".encode())
            z.writestr(info.filename, blob)
        if footnote:
            z.writestr("word/footnotes.xml", _FOOTNOTES_XML.replace("{text}", _esc(footnote)))
    return out.getvalue()


def docx_replace_part(data: bytes, part: str, blob: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            z.writestr(info.filename, blob if info.filename == part else src.read(info))
    return out.getvalue()


def zip_with_overlapping_entries() -> bytes:
    """Two central-directory entries that point at the same local file data (a zip-bomb trick)."""
    payload = zlib.compress(b"<w:document/>" * 1000)[2:-4]
    raw_len = len(b"<w:document/>") * 1000
    crc = zlib.crc32(b"<w:document/>" * 1000)
    name = b"word/document.xml"
    local = struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(payload), raw_len, len(name), 0)
    body = local + name + payload
    central = b""
    for n in (b"word/document.xml", b"word/styles.xml"):
        central += struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, 0, 8, 0, 0, crc, len(payload),
                               raw_len, len(n), 0, 0, 0, 0, 0, 0) + n
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, 2, 2, len(central), len(body), 0)
    return body + central + end


# ------------------------------------------------------------------ PDF


def make_pdf(lines: list[str], *, title: str | None = None, author: str | None = "Anna Muster",
             encrypt=None, font_size: float = 10, lang: str | None = None) -> bytes:
    """A typeset PDF (reportlab platypus): the first line as a title, one paragraph per line."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    font = _font()
    ss = getSampleStyleSheet()
    body = ParagraphStyle("b", parent=ss["BodyText"], fontName=font, fontSize=font_size, leading=font_size * 1.2,
                          spaceBefore=font_size * 0.6)
    head = ParagraphStyle("t", parent=ss["Title"], fontName=font)
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, title=title if title is not None else lines[0], author=author or "",
                            encrypt=encrypt, lang=lang, invariant=1)
    story = [Paragraph(_esc(lines[0]), head)] + [Paragraph(_esc(line), body) for line in lines[1:]]
    doc.build(story)
    return buf.getvalue()


def _font() -> str:
    """A TrueType font with „“ and umlauts (the standard Helvetica lacks the low quote)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "IngestSans" in pdfmetrics.getRegisteredFontNames():
        return "IngestSans"
    root = Path(__file__).resolve().parent.parent
    candidates = sorted((root / "resources" / "fonts").glob("*.ttf")) + [
        Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
        Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"),
    ]
    for c in candidates:
        if c.exists() and not any(w in c.name.lower() for w in ("bold", "italic", "oblique")):
            pdfmetrics.registerFont(TTFont("IngestSans", str(c)))
            return "IngestSans"
    return "Helvetica"


def make_canvas_pdf(pages: list[list[tuple[float, float, str, float]]], *, header: str | None = None,
                    footer: str | None = None, info_title: str | None = None) -> bytes:
    """A PDF drawn line by line: each page a list of (x, y, text, size) in the order given.

    ``header``/``footer`` are drawn on every page ({n} and {total} are filled in).
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    font = _font()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    if info_title:
        c.setTitle(info_title)
    total = len(pages)
    for n, page in enumerate(pages, start=1):
        if header:
            c.setFont(font, 8)
            c.drawString(72, 800, header.format(n=n, total=total))
        for x, y, text, size in page:
            c.setFont(font, size)
            c.drawString(x, y, text)
        if footer:
            c.setFont(font, 8)
            c.drawCentredString(297, 30, footer.format(n=n, total=total))
        c.showPage()
    c.save()
    return buf.getvalue()


def raw_pdf(objects: list[bytes], *, root: int = 1) -> bytes:
    """A PDF from raw object bodies (object i+1 = objects[i]) with a correct xref table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root {root} 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def stream_obj(data: bytes, *, flate: bool = False, extra: str = "") -> bytes:
    filt = " /Filter /FlateDecode" if flate else ""
    return f"<< /Length {len(data)}{filt}{extra} >>\nstream\n".encode() + data + b"\nendstream"


def zeros_deflated(n_bytes: int) -> bytes:
    c = zlib.compressobj(1)
    chunk = bytes(1 << 20)
    parts = [c.compress(chunk) for _ in range(n_bytes >> 20)]
    parts.append(c.flush())
    return b"".join(parts)


# ------------------------------------------------------------------ functions run in the guarded child


def hog_memory(n_bytes: int) -> int:
    return len(bytearray(n_bytes))


def sleep_for(seconds: float) -> float:
    import time

    time.sleep(seconds)
    return seconds


def die_hard() -> None:
    import os

    os._exit(3)
