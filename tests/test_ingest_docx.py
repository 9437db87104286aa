"""Word (.docx) import: body, headings, footnotes, properties, and hostile archives."""
from __future__ import annotations

import io
import time
import zipfile

import pytest

from briefing.errors import ImportFailed, LimitExceeded
from briefing.ingest import limits, load_article, load_bytes
from test_ingest_support import DE, EN, article_lines, docx_replace_part, make_docx, zip_with_overlapping_entries


def test_docx_body_headings_footnotes_and_properties(tmp_path):
    lines = article_lines(DE)
    body = lines[:3] + ["## Reaktion der Regierung"] + lines[3:]
    data = make_docx(body, footnote="Angaben nach dem Quartalsbericht der Hafenbehörde vom 2. April.",
                     company="Küstenzeitung Verlag", language="de-DE",
                     table=[["Monat", "Tonnen"], ["März", "1,3 Mio."]])
    path = tmp_path / "hafen.docx"
    path.write_bytes(data)
    a = load_article(path)
    paras = [a.text[p.start:p.end] for p in a.paragraphs]
    assert paras[:3] == lines[:3]
    assert paras[3] == "Reaktion der Regierung" and a.paragraphs[3].heading
    assert paras[4:4 + len(lines) - 3] == lines[3:]
    assert "Monat | Tonnen" in paras and "März | 1,3 Mio." in paras
    assert paras[-1] == "[1] Angaben nach dem Quartalsbericht der Hafenbehörde vom 2. April."
    assert a.paragraphs[0].heading and a.text.split("\n")[0] == lines[0]
    s = a.source
    assert (s.title, s.author, s.publisher, s.kind) == (lines[0], "Anna Muster", "Küstenzeitung Verlag", "document")
    assert s.published.isoformat() == "2025-04-04" and s.language == "de"
    assert s.file_name == "hafen.docx" and len(s.sha256) == 64


def test_a_docx_that_is_no_zip_fails_with_a_clear_message():
    with pytest.raises(ImportFailed) as exc:
        load_bytes("Das ist nur Text, kein Word-Dokument.".encode(), "bericht.docx")
    assert "not a Word .docx file" in str(exc.value) and "zip" in str(exc.value)


def test_a_damaged_zip_fails_cleanly():
    data = make_docx(article_lines(EN))
    with pytest.raises(ImportFailed, match="docx"):
        load_bytes(data[: len(data) // 2], "kaputt.docx")


def test_a_zip_without_a_word_document_is_refused():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("notes.txt", "Liste der Ansprechpartner")
    with pytest.raises(ImportFailed, match="without a Word document"):
        load_bytes(buf.getvalue(), "anhang.docx")


def test_zip_bomb_by_compression_ratio_is_refused_before_inflating():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"\0" * (50 << 20))  # 50 MB of zeros in ~50 KB
    data = buf.getvalue()
    assert len(data) < 200_000
    t = time.monotonic()
    with pytest.raises(LimitExceeded, match=r"compression ratio of [\d,]+:1, over the limit of 200:1"):
        load_bytes(data, "bombe.docx")
    assert time.monotonic() - t < 2  # refused from the directory, nothing inflated


def test_zip_bomb_by_entry_count_is_refused():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        z.writestr("word/document.xml", "<w:document/>")
        for i in range(limits.MAX_ZIP_ENTRIES + 1):
            z.writestr(f"word/media/x{i}.bin", b"")
    with pytest.raises(LimitExceeded, match=r"entries, over the limit of 5,000 entries"):
        load_bytes(buf.getvalue(), "viele.docx")


def test_zip_entry_and_total_size_limits_are_named(monkeypatch):
    data = make_docx(article_lines(DE))
    monkeypatch.setattr(limits, "MAX_ZIP_ENTRY_BYTES", 10_000)
    with pytest.raises(LimitExceeded, match="over the entry size limit"):
        load_bytes(data, "gross.docx")
    monkeypatch.setattr(limits, "MAX_ZIP_ENTRY_BYTES", 200 << 20)
    monkeypatch.setattr(limits, "MAX_ZIP_TOTAL_BYTES", 20_000)
    with pytest.raises(LimitExceeded, match="over the total size limit"):
        load_bytes(data, "gross.docx")


def test_overlapping_zip_entries_are_refused():
    with pytest.raises(ImportFailed, match="overlap"):
        load_bytes(zip_with_overlapping_entries(), "ueberlappt.docx")


def test_entry_inflating_beyond_its_declared_size_is_caught():
    data = bytearray(make_docx(article_lines(EN)))
    zf = zipfile.ZipFile(io.BytesIO(bytes(data)))
    info = zf.getinfo("word/document.xml")
    # Lie in the central directory: declare a much smaller uncompressed size.
    pos = data.find(b"PK\x01\x02")
    while pos >= 0:
        name_len = int.from_bytes(data[pos + 28:pos + 30], "little")
        if bytes(data[pos + 46:pos + 46 + name_len]) == b"word/document.xml":
            data[pos + 24:pos + 28] = (100).to_bytes(4, "little")
            break
        pos = data.find(b"PK\x01\x02", pos + 4)
    assert info.file_size > 100
    with pytest.raises(ImportFailed, match="beyond its declared size|damaged entry"):
        load_bytes(bytes(data), "gelogen.docx")


BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE w:document [\n<!ENTITY a "ha">\n'
    + b"".join(b'<!ENTITY %s "%s">\n' % (bytes([98 + i]), (b"&" + bytes([97 + i]) + b";") * 10) for i in range(9))
    + b']>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p>'
    b"<w:r><w:t>Lage &j;</w:t></w:r></w:p></w:body></w:document>"
)


def test_billion_laughs_in_docx_is_not_expanded():
    data = docx_replace_part(make_docx(article_lines(DE)), "word/document.xml", BILLION_LAUGHS)
    t = time.monotonic()
    try:
        a = load_bytes(data, "lachen.docx")
    except ImportFailed as exc:
        assert "DTD" in str(exc)
    else:
        assert "haha" not in a.text and len(a.text) < 10_000
    assert time.monotonic() - t < 5


def test_external_entity_in_docx_never_reads_the_file(tmp_path):
    secret = tmp_path / "geheim.txt"
    secret.write_text("STRENG-VERTRAULICH-4711", encoding="utf-8")
    xml = (f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file://{secret}">]>'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
           "<w:p><w:r><w:t>Titel &x;</w:t></w:r></w:p></w:body></w:document>").encode()
    data = docx_replace_part(make_docx(article_lines(DE)), "word/document.xml", xml)
    try:
        a = load_bytes(data, "xxe.docx")
    except ImportFailed as exc:
        assert "STRENG" not in str(exc)
    else:
        assert "STRENG" not in a.text


def test_cli_one_line_error_for_a_zip_bomb(cli, tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"\0" * (20 << 20))
    path = tmp_path / "bombe.docx"
    path.write_bytes(buf.getvalue())
    r = cli("claims", str(path))
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert len(r.stderr.strip().split("\n")) == 1
    assert r.stderr.startswith(f"briefing: error: {path}: entry 'word/document.xml' has a compression ratio")
