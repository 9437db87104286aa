"""Plain text and Markdown: encodings, paragraphs, paste, language, and bad input."""
from __future__ import annotations

import json
import os
import random

import pytest

from briefing.errors import ImportFailed, LimitExceeded
from briefing.ingest import load_article, load_bytes
from briefing.ingest.language import detect_language, detect_wordlist
from test_ingest_support import DE, EN, article_lines

DE_TEXT = DE.read_text(encoding="utf-8")


def paras(a):
    return [a.text[p.start:p.end] for p in a.paragraphs]


def test_utf8_file_is_its_own_text(tmp_path):
    a = load_article(DE)
    assert a.text == DE_TEXT and paras(a) == article_lines(DE)
    assert a.source.title == article_lines(DE)[0] and a.paragraphs[0].heading
    assert a.warnings == [] and a.source.language == "de"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_unicode_encodings_with_and_without_bom(encoding):
    a = load_bytes(DE_TEXT.encode(encoding), "hafen.txt")
    assert a.text == DE_TEXT and a.warnings == []


def test_windows_1252_with_typographic_quotes():
    text = DE_TEXT  # „…“ exist in Windows-1252 (0x84, 0x93) but not in Latin-1
    a = load_bytes(text.encode("cp1252"), "hafen.txt")
    assert a.text == text and "„Wir stoßen" in a.text and a.warnings == []


def test_latin_1():
    text = "Größere Schäden am Kai\nDie Behörde meldete 11.000 beschädigte Paletten; ein Sprecher äußerte sich nicht.\n"
    a = load_bytes(text.encode("latin-1"), "kai.txt")
    assert a.text == text


def test_single_byte_cyrillic_is_not_mistaken_for_western():
    text = ("Порт сообщает о задержках\nПо данным портовой администрации, очередь грузовиков выросла до "
            "одиннадцати тысяч машин. Ожидание длится в среднем девять дней.\n")
    a = load_bytes(text.encode("cp1251"), "port.txt")
    assert a.text == text and a.source.language == "ru"


def test_utf8_with_a_few_invalid_bytes_is_replaced_with_a_warning():
    data = DE_TEXT.encode("utf-8").replace("Lkw".encode(), b"L\xffkw", 1).replace(b"Agerpres", b"Ager\xc3pres")
    a = load_bytes(data, "kaputt.txt")
    assert "L\ufffdkw" in a.text and "Ager\ufffdpres" in a.text
    assert "Höhe" in a.text  # the rest stays UTF-8
    assert any("invalid UTF-8" in w for w in a.warnings)


def test_stray_nul_bytes_are_removed_with_a_warning():
    data = DE_TEXT.encode().replace(b"Hafen", b"Ha\x00fen", 2)
    a = load_bytes(data, "nul.txt")
    assert a.text == DE_TEXT and any("NUL" in w for w in a.warnings)


def test_crlf_and_cr_line_ends_are_normalised():
    a = load_bytes(DE_TEXT.replace("\n", "\r\n").encode(), "win.txt")
    assert a.text == DE_TEXT
    a = load_bytes(DE_TEXT.replace("\n", "\r").encode(), "mac.txt")
    assert a.text == DE_TEXT


def test_hard_wrapped_paragraphs_between_blank_lines(tmp_path):
    import textwrap

    lines = article_lines(EN)
    wrapped = lines[0] + "\n\n" + "\n\n".join(textwrap.fill(p, 64) for p in lines[1:]) + "\n"
    a = load_bytes(wrapped.encode(), "grid.txt")
    assert a.text == wrapped  # the text stays as in the file ...
    assert [" ".join(p.split()) for p in paras(a)] == lines  # ... and each wrapped block is one paragraph


def test_one_paragraph_per_line_with_blank_lines_between():
    lines = article_lines(DE)
    text = "\n\n".join(lines) + "\n"
    assert paras(load_bytes(text.encode(), "a.txt")) == lines


def test_short_lines_are_not_merged_as_wrapped():
    text = "Lagebild Nord\n\nEinheit A: bereit.\nEinheit B: in Reserve.\nEinheit C: abgezogen.\n"
    assert paras(load_bytes(text.encode(), "liste.txt"))[1:] == [
        "Einheit A: bereit.", "Einheit B: in Reserve.", "Einheit C: abgezogen."]


@pytest.mark.parametrize("data", [b"", b"   \n\n\t ", b"\xef\xbb\xbf", b"\xff\xfe"])
def test_empty_files_fail(data):
    with pytest.raises(ImportFailed, match="file is empty"):
        load_bytes(data, "leer.txt")


def test_binary_garbage_fails():
    rnd = random.Random(3)
    data = bytes(rnd.getrandbits(8) for _ in range(50_000))
    with pytest.raises(ImportFailed, match="looks binary"):
        load_bytes(data, "zufall.txt")


@pytest.mark.parametrize("magic,what", [(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "PNG image"),
                                        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0", "old Word .doc"),
                                        (b"\x7fELF\x02\x01\x01\0", "a program")])
def test_known_binary_formats_are_named(magic, what):
    with pytest.raises(ImportFailed, match=what):
        load_bytes(magic + bytes(200), "datei.txt")


def test_a_text_starting_like_a_signature_still_imports():
    a = load_bytes("MZ-Bericht: Lage am Kai\nDer Kai ist wieder offen.\n".encode(), "mz.txt")
    assert a.text.startswith("MZ-Bericht")


def test_200_mb_text_file_is_refused_by_size_without_reading_it(tmp_path):
    path = tmp_path / "riesig.txt"
    with open(path, "wb") as fh:  # sparse: no 200 MB written to disk
        fh.truncate(200 * 1024 * 1024)
    with pytest.raises(LimitExceeded) as exc:
        load_article(path)
    assert str(exc.value) == f"{path}: file is 200 MB, over the import size limit of 100 MB"


def test_text_over_the_character_limit(monkeypatch):
    import briefing.ingest as ingest

    monkeypatch.setattr(ingest, "MAX_TEXT_CHARS", 100)
    with pytest.raises(LimitExceeded, match="over the limit of 100 characters"):
        load_bytes(DE_TEXT.encode(), "lang.txt")


def test_missing_file_and_directory():
    with pytest.raises(ImportFailed, match="no such file"):
        load_article("/nonexistent/briefing/nope.txt")
    with pytest.raises(ImportFailed, match="is a directory"):
        load_article(DE.parent)


def test_pdf_renamed_to_txt_is_read_as_pdf():
    from test_ingest_support import make_pdf

    a = load_bytes(make_pdf(article_lines(EN)), "grid.txt")
    assert a.source.kind == "report" and a.paragraphs[0].page == 1


def test_paste_from_the_clipboard():
    text = "Kurzmeldung aus Bukarest\nDie Regierung habe die Mittel freigegeben, sagte ein Sprecher am Montag.\n"
    a = load_bytes(text.encode("utf-8"), "clipboard")
    assert a.text == text and a.source.file_name == "clipboard" and a.source.language == "de"


def test_stdin_on_the_command_line(cli):
    r = cli("claims", "-", stdin=DE_TEXT.encode("utf-16"))
    assert r.returncode == 0, r.stderr
    obj = json.loads(r.stdout)
    assert obj["text"] == DE_TEXT and obj["claims"][0]["text"] == article_lines(DE)[0]


def test_cli_warns_about_replaced_bytes_on_one_line(cli, tmp_path):
    path = tmp_path / "kaputt.txt"
    path.write_bytes(DE_TEXT.encode().replace(b"Lkw", b"L\xffkw"))
    r = cli("claims", str(path))
    assert r.returncode == 0
    assert r.stderr.startswith(f"briefing: warning: {path}: 1 invalid UTF-8 byte sequence was replaced")


def test_cli_error_for_a_200_mb_file(cli, tmp_path):
    path = tmp_path / "riesig.txt"
    with open(path, "wb") as fh:
        fh.truncate(200 * 1024 * 1024)
    r = cli("claims", str(path))
    assert r.returncode == 1
    assert r.stderr == f"briefing: error: {path}: file is 200 MB, over the import size limit of 100 MB\n"


# ------------------------------------------------------------------ Markdown

MD = """---
title: Hafenbericht: Reederei meldet Engpässe bei Getreideexporten
author: Anna Muster
date: 2025-04-04
---

Die Getreideausfuhren über den Hafen von **Konstanza** sind im ersten Quartal *deutlich*
zurückgegangen. Laut [Angaben der Hafenbehörde](https://hafen.example/q1) wurden rund
4,2 Mio. Tonnen umgeschlagen.[^1]

## Lange Wartezeiten

- Mehr als 11.000 Lkw warten auf die `Abfertigung`.
- Die Wartezeit betrage im Schnitt neun Tage.

> „Wir stoßen an die Grenzen“, sagte Hafendirektor Dr. Mihai Ionescu.

![Lkw vor dem Terminal](bild.jpg)

```
code, der kein Text ist
```

[^1]: Quartalsbericht der Hafenbehörde.
"""


def test_markdown_markup_does_not_reach_the_text():
    a = load_bytes(MD.encode(), "hafen.md")
    assert paras(a) == [
        "Hafenbericht: Reederei meldet Engpässe bei Getreideexporten",
        "Die Getreideausfuhren über den Hafen von Konstanza sind im ersten Quartal deutlich zurückgegangen. "
        "Laut Angaben der Hafenbehörde wurden rund 4,2 Mio. Tonnen umgeschlagen.",
        "Lange Wartezeiten",
        "Mehr als 11.000 Lkw warten auf die Abfertigung.",
        "Die Wartezeit betrage im Schnitt neun Tage.",
        "„Wir stoßen an die Grenzen“, sagte Hafendirektor Dr. Mihai Ionescu.",
        "[1] Quartalsbericht der Hafenbehörde.",
    ]
    assert [p.heading for p in a.paragraphs][:3] == [True, False, True]
    assert a.source.author == "Anna Muster" and a.source.published.isoformat() == "2025-04-04"
    for mark in ("**", "](", "`", "#", "![", "[^", "code"):
        assert mark not in a.text


# ------------------------------------------------------------------ language

FR = ("Le port signale des retards\nSelon l'autorité portuaire, plus de onze mille camions attendent "
      "d'être chargés. L'attente serait en moyenne de neuf jours, a indiqué l'association des négociants.\n")


def test_languages_are_detected_offline():
    assert detect_language(DE_TEXT) == "de"
    assert detect_language(EN.read_text(encoding="utf-8")) == "en"
    assert detect_language(FR) == "fr"
    a = load_bytes(FR.encode(), "port.txt")  # another language still imports
    assert a.source.language == "fr" and len(a.paragraphs) == 2


def test_language_set_by_the_user_wins():
    assert load_bytes(DE_TEXT.encode(), "a.txt", language="en").source.language == "en"


def test_word_list_fallback_when_lingua_is_missing(monkeypatch):
    from briefing.ingest import language

    monkeypatch.setattr(language, "_detector", None)
    monkeypatch.setattr(language, "_detector_failed", True)
    assert language.detect_language(DE_TEXT) == "de"
    assert detect_wordlist(EN.read_text(encoding="utf-8")) == "en"


def test_a_long_first_paragraph_gives_a_short_title(tmp_path):
    """Pasted text without a headline: the title is cut at a word, the claims are untouched."""
    from briefing.claims import extract_claims
    from briefing.ingest import load_article

    first = ("Nach Angaben des Verbands der Binnenschiffer warten derzeit mehr als 1.200 Schiffe "
             "auf die Schleusung, die Wartezeit betrage im Schnitt vier Tage. ") * 4
    f = tmp_path / "paste.txt"
    f.write_text(first.strip() + "\nDer Verband fordert zusätzliche Schichten.\n", encoding="utf-8")
    art = load_article(f)
    title = art.source.title
    assert len(title) <= 200 and title.endswith(" …")
    assert first.startswith(title[:-2])
    assert art.text == f.read_text(encoding="utf-8")
    claims = extract_claims(art)
    assert claims[0].start == 0 and claims[0].paragraph == 1
    assert "".join(c.text for c in claims).replace(" ", "") == art.text.replace(" ", "").replace("\n", "")


def test_a_headline_stays_the_title_as_written(tmp_path):
    from briefing.ingest import load_article

    f = tmp_path / "a.txt"
    f.write_text("Schleusen am Limit: Binnenschiffer warten tagelang\nDer Verband fordert mehr Personal.\n",
                 encoding="utf-8")
    assert load_article(f).source.title == "Schleusen am Limit: Binnenschiffer warten tagelang"
