"""Word (.docx) import: body, headings, footnotes, properties, and hostile archives."""
from __future__ import annotations

import io
import time
import zipfile

import pytest

from briefing.errors import ImportFailed, LimitExceeded
from briefing.ingest import limits, load_article, load_bytes
from test_ingest_support import DE, EN, article_lines, docx_replace_part, make_docx, zip_with_overlapping_entries

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOC_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


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
    with pytest.raises(ImportFailed, match="beyond its declared size|cannot be unpacked"):
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


# ------------------------------------------------------------------ damaged files: specific one-line reasons


def _in_both_modes(monkeypatch, data: bytes, name: str) -> list[str]:
    """The error in the guarded child process and in-process: both must be the importer's own reason."""
    messages = []
    for in_child in (True, False):
        monkeypatch.setattr(limits, "USE_CHILD_PROCESS", in_child)
        with pytest.raises(ImportFailed) as exc:
            load_bytes(data, name)
        message = str(exc.value)
        assert "\n" not in message and "could not read the file" not in message and "Error" not in message
        messages.append(message)
    assert messages[0] == messages[1]
    return messages


@pytest.mark.parametrize("part, blob, reason", [
    ("word/document.xml", b'<?xml version="1.0"?>\n<w:document xmlns:w="%s"><w:body><w:p attr>' % W_NS.encode(),
     "word/document.xml is not valid XML (line 2)"),
    ("word/document.xml", b"\xff\xfe<not xml", "word/document.xml is not valid XML (line 1)"),
    ("word/styles.xml", b'<w:styles xmlns:w="%s"><w:style></w:styles>' % W_NS.encode(),
     "word/styles.xml is not valid XML (line 1)"),
    ("[Content_Types].xml", b"<Types", "[Content_Types].xml is not valid XML (line 1)"),
    ("word/document.xml", b'<w:dokument xmlns:w="%s"><w:body/></w:dokument>' % W_NS.encode(),
     "word/document.xml has no Word document body"),
])
def test_invalid_xml_in_a_word_file_names_the_damaged_part(monkeypatch, part, blob, reason):
    data = docx_replace_part(make_docx(article_lines(DE)), part, blob)
    for message in _in_both_modes(monkeypatch, data, "kaputt.docx"):
        assert message == f"kaputt.docx: damaged Word file: {reason}"


def test_corrupt_compressed_data_in_a_word_file_is_a_clear_error(monkeypatch):
    data = bytearray(make_docx(article_lines(EN)))
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("word/document.xml")
    assert info.compress_type == zipfile.ZIP_DEFLATED
    name_len, extra_len = int.from_bytes(data[info.header_offset + 26:info.header_offset + 28], "little"), \
        int.from_bytes(data[info.header_offset + 28:info.header_offset + 30], "little")
    start = info.header_offset + 30 + name_len + extra_len
    data[start:start + 16] = b"\xff" * 16  # not a valid deflate block: zlib fails while inflating
    for message in _in_both_modes(monkeypatch, bytes(data), "kaputt.docx"):
        assert message == ("kaputt.docx: damaged Word file: word/document.xml cannot be unpacked (its compressed "
                           "data is corrupt)")


def test_a_workbook_renamed_to_docx_is_named_as_such():
    data = make_docx(article_lines(EN))
    ct = zipfile.ZipFile(io.BytesIO(data)).read("[Content_Types].xml").replace(
        DOC_TYPE.encode(), b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")
    with pytest.raises(ImportFailed) as exc:
        load_bytes(docx_replace_part(data, "[Content_Types].xml", ct), "tabelle.docx")
    assert str(exc.value) == ("tabelle.docx: this is an Excel workbook, not a Word document; save the article as "
                              ".docx, PDF or text")


def _with_macros(data: bytes, main_type: str) -> bytes:
    """The same document as a macro-enabled Word file: main content type, a VBA project and its relationship."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            blob = src.read(info)
            if info.filename == "[Content_Types].xml":
                blob = blob.replace(DOC_TYPE.encode(), main_type.encode()).replace(
                    b"</Types>", b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
                    b"</Types>")
            elif info.filename == "word/_rels/document.xml.rels":
                blob = blob.replace(b"</Relationships>", b'<Relationship Id="rIdVba" Type="http://schemas.microsoft'
                                    b'.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/>'
                                    b"</Relationships>")
            z.writestr(info.filename, blob)
        # A VBA project as Word stores it (an OLE container); its auto-run macro would write a marker file.
        z.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b'Attribute VB_Name = "Modul1"\n'
                   b"Sub AutoOpen()\n  Open \"makro-lief.txt\" For Output As #1\nEnd Sub\n" * 20)
    return out.getvalue()


@pytest.mark.parametrize("name, main_type", [
    ("lage.docm", "application/vnd.ms-word.document.macroEnabled.main+xml"),
    ("lage.docx", "application/vnd.ms-word.document.macroEnabled.main+xml"),
    ("vorlage.dotm", "application/vnd.ms-word.template.macroEnabledTemplate.main+xml"),
])
def test_a_macro_enabled_word_file_imports_its_text_and_warns_that_macros_were_ignored(tmp_path, monkeypatch,
                                                                                       name, main_type):
    lines = article_lines(DE)
    path = tmp_path / name
    path.write_bytes(_with_macros(make_docx(lines), main_type))
    monkeypatch.chdir(tmp_path)
    a = load_article(path)
    assert [a.text[p.start:p.end] for p in a.paragraphs] == lines
    assert a.source.title == lines[0]
    assert a.warnings == ["the Word file contains macros; they were ignored (never run) and only the text was "
                          "imported"]
    assert "VB_Name" not in a.text and "AutoOpen" not in a.text
    assert sorted(q.name for q in tmp_path.iterdir()) == [name]  # nothing ran, nothing was written


def test_a_word_template_without_macros_imports_without_a_warning():
    lines = article_lines(EN)
    data = make_docx(lines)
    ct = zipfile.ZipFile(io.BytesIO(data)).read("[Content_Types].xml").replace(
        DOC_TYPE.encode(), b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml")
    a = load_bytes(docx_replace_part(data, "[Content_Types].xml", ct), "vorlage.dotx")
    assert a.text.split("\n") == lines and a.warnings == []


def test_cli_reports_the_macro_warning_and_no_object_reprs(cli, tmp_path):
    path = tmp_path / "lage.docm"
    path.write_bytes(_with_macros(make_docx(article_lines(EN)), "application/vnd.ms-word.document.macroEnabled.main+xml"))
    r = cli("claims", str(path))
    assert r.returncode == 0, r.stderr
    assert "macros; they were ignored (never run)" in r.stderr
    assert "BytesIO" not in r.stderr + r.stdout and " at 0x" not in r.stderr + r.stdout
