"""Reference-manager metadata: read CSL-JSON, RIS, BibTeX; write CSL-JSON and RIS; apply to a source."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from briefing.bibmeta import (
    apply_metadata, parse_bibtex, parse_csl_json, parse_metadata, parse_ris, read_metadata, to_csl, to_ris,
    write_csl_json, write_ris,
)
from briefing.errors import ImportFailed, LimitExceeded
from briefing.ingest import load_article
from briefing.model import Source
from test_ingest_support import DE

EXPECTED = dict(
    title="Hafenbericht: Reederei meldet Engpässe bei Getreideexporten",
    author="Anna Muster; Jörg Weiß",
    publisher="Küstenzeitung",
    published=dt.date(2025, 4, 4),
    url="https://kuestenzeitung.example/hafen-engpaesse",
    language="de",
    kind="article-newspaper",
)

CSL = """[{"id": "muster2025", "type": "article-newspaper",
  "title": "Hafenbericht: Reederei meldet Engpässe bei Getreideexporten",
  "container-title": "Küstenzeitung",
  "author": [{"family": "Muster", "given": "Anna"}, {"family": "Weiß", "given": "Jörg"}],
  "issued": {"date-parts": [[2025, 4, 4]]}, "accessed": {"date-parts": [[2025, 4, 5]]},
  "URL": "https://kuestenzeitung.example/hafen-engpaesse", "language": "de-DE"}]"""

RIS = """TY  - NEWS
TI  - Hafenbericht: Reederei meldet Engpässe bei Getreideexporten
AU  - Muster, Anna
AU  - Weiß, Jörg
T2  - Küstenzeitung
PY  - 2025
DA  - 2025/04/04
UR  - https://kuestenzeitung.example/hafen-engpaesse
Y2  - 2025/04/05
LA  - de
ER  - 
"""

BIB = r"""% exported from a reference manager
@string{kz = "K{\"u}stenzeitung"}
@article{muster2025,
  title = {Hafenbericht: {Reederei} meldet Engp{\"a}sse bei Getreideexporten},
  author = {Muster, Anna and Wei{\ss}, J{\"o}rg},
  journal = kz,
  year = 2025, month = apr, day = {4},
  url = {https://kuestenzeitung.example/hafen-engpaesse},
  urldate = {2025-04-05},
  langid = {ngerman},
}
@online{behoerde2025,
  title = "Quartalsbericht -- Umschlag im ersten Quartal",
  author = {{Hafenbehörde Konstanza}},
  date = {2025-04-02},
  organization = {Hafenbehörde Konstanza},
}
"""


def _check(src: Source, kind="article-newspaper"):
    for field, value in EXPECTED.items():
        if field == "kind":
            value = kind
        assert getattr(src, field) == value, field
    assert src.accessed == dt.date(2025, 4, 5)


def test_read_csl_json():
    (src,) = parse_csl_json(CSL)
    _check(src)


def test_read_ris():
    (src,) = parse_ris(RIS)
    _check(src)


def test_read_bibtex_with_latex_accents_strings_and_month_macros():
    a, b = parse_bibtex(BIB)
    _check(a)  # a journal called "...zeitung" is a newspaper
    assert b.title == "Quartalsbericht – Umschlag im ersten Quartal"
    assert b.author == "Hafenbehörde Konstanza" and b.publisher == "Hafenbehörde Konstanza"
    assert b.published == dt.date(2025, 4, 2) and b.kind == "webpage"


def test_partial_dates_are_left_empty_not_invented():
    (src,) = parse_bibtex("@report{x, title={Lagebild}, year={2024}}")
    assert src.published is None and src.kind == "report"


@pytest.mark.parametrize("suffix,text", [(".json", CSL), (".ris", RIS), (".bib", BIB)])
def test_read_metadata_files_by_content(tmp_path, suffix, text):
    path = tmp_path / f"eintrag{suffix}"
    path.write_text(text, encoding="utf-8")
    _check(read_metadata(path)[0])


def test_write_and_read_back_csl_json_and_ris(tmp_path):
    src = Source(id="s1", accessed=dt.date(2025, 4, 5), **EXPECTED)
    write_csl_json([src], tmp_path / "q.json")
    item = json.loads((tmp_path / "q.json").read_text(encoding="utf-8"))[0]
    assert item["author"] == [{"family": "Muster", "given": "Anna"}, {"family": "Weiß", "given": "Jörg"}]
    assert item["container-title"] == "Küstenzeitung" and item["issued"] == {"date-parts": [[2025, 4, 4]]}
    _check(read_metadata(tmp_path / "q.json")[0])
    write_ris([src], tmp_path / "q.ris")
    ris = (tmp_path / "q.ris").read_text(encoding="utf-8")
    assert ris.startswith("TY  - NEWS\nTI  - Hafenbericht") and "AU  - Weiß, Jörg" in ris and ris.endswith("ER  - \n")
    _check(read_metadata(tmp_path / "q.ris")[0])


def test_a_report_by_an_organisation_round_trips():
    src = Source(title="Lagebild Schwarzmeerhäfen", author="Hafenbehörde Konstanza", publisher="Hafenbehörde",
                 kind="report", published=dt.date(2025, 3, 31))
    assert to_csl(src)["author"] == [{"literal": "Hafenbehörde Konstanza"}]
    assert to_csl(src)["publisher"] == "Hafenbehörde"
    (back,) = parse_ris(to_ris(src))
    assert (back.title, back.author, back.publisher, back.kind, back.published) == (
        src.title, src.author, src.publisher, "report", src.published)


def test_apply_fills_gaps_or_replaces_but_keeps_the_import_facts():
    article = load_article(DE)
    src = article.source.model_copy(update={"id": "s1"})
    (entry,) = parse_ris(RIS)
    filled = apply_metadata(src, entry)
    assert filled.title == src.title  # already set: kept
    assert filled.author == EXPECTED["author"] and filled.publisher == "Küstenzeitung"
    assert filled.kind == "article-newspaper"
    assert (filled.id, filled.sha256, filled.file_name) == ("s1", src.sha256, "de_hafen.txt")
    other = entry.model_copy(update={"title": "Anderer Titel"})
    replaced = apply_metadata(src, other, replace=True)
    assert replaced.title == "Anderer Titel" and replaced.sha256 == src.sha256


@pytest.mark.parametrize("text,match", [
    ("", "not a CSL-JSON, RIS or BibTeX"),
    ("Nur ein Satz.", "not a CSL-JSON, RIS or BibTeX"),
    ("[{", "not valid CSL-JSON"),
    ("@article{x, title = {offen", "not closed"),
    ("[]", "no CSL-JSON entries"),
])
def test_bad_metadata_files_fail_with_one_line(text, match):
    with pytest.raises(ImportFailed, match=match) as exc:
        parse_metadata(text, "eintrag")
    assert "\n" not in str(exc.value)


def test_deeply_nested_json_fails_cleanly():
    with pytest.raises(ImportFailed):
        parse_metadata("[" * 100_000, "tief.json")


def test_metadata_file_size_limit(tmp_path):
    path = tmp_path / "gross.bib"
    with open(path, "wb") as fh:
        fh.truncate(6 * 1024 * 1024)
    with pytest.raises(LimitExceeded, match="metadata file size limit of 5 MB"):
        read_metadata(path)


def test_exported_metadata_files_are_readable_like_any_new_file(tmp_path):
    import os
    import stat

    from briefing.bibmeta import write_csl_json, write_ris
    from briefing.model import Source

    if os.name != "posix":
        return
    src = Source(id="s1", title="Hafenbericht", publisher="Hafenblatt")
    old = os.umask(0o022)
    try:
        for writer, name in ((write_csl_json, "s.json"), (write_ris, "s.ris")):
            writer([src], tmp_path / name)
            assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o644
    finally:
        os.umask(old)
