"""Citations: exact CSL output for our fixture sources, note positions, and our engine fixes."""
from __future__ import annotations

import datetime as dt

import pytest

from briefing import citations
from briefing.citations import Citer, attribution_phrase
from briefing.model import Attribution, Claim, Source

HAFEN = Source(id="s1", title="Hafenbericht: Reederei meldet Engpässe bei Getreideexporten", publisher="Küstenkurier",
               author="Jana Brandt", published=dt.date(2026, 4, 4), url="https://kuestenkurier.example/hafen",
               accessed=dt.date(2026, 4, 6), language="de")
GRID = Source(id="s2", title="Grid operator warns of winter shortfall after transformer fire", publisher="Energy Wire",
              published=dt.date(2026, 11, 3), url="https://energywire.example/grid", accessed=dt.date(2026, 11, 4))
REPORT = Source(id="s3", title="Lagebericht Nordhafen", publisher="Hafenbehörde Konstanza", kind="report")


def claim(sid: str, paragraph: int = 0, page: int | None = None) -> Claim:
    return Claim(id=f"{sid}-{paragraph}-{page}", source_id=sid, start=0, end=1, text="x", paragraph=paragraph, page=page)


def test_chicago_full_note_english():
    c = Citer("chicago-note-bibliography", "en", [HAFEN, GRID, REPORT])
    assert c.note(HAFEN, claim("s1", 3)) == (
        "Jana Brandt, “Hafenbericht: Reederei meldet Engpässe bei Getreideexporten”, Küstenkurier, April 4, 2026, "
        "¶ 3, https://kuestenkurier.example/hafen (accessed 6 April 2026).")


def test_chicago_full_note_german_locale():
    c = Citer("chicago", "de", [HAFEN, GRID, REPORT])
    assert c.note(HAFEN, claim("s1", 3)) == (
        "Jana Brandt, „Hafenbericht: Reederei meldet Engpässe bei Getreideexporten“, Küstenkurier, 4. April 2026, "
        "¶ 3, https://kuestenkurier.example/hafen (abgerufen am 6. April 2026).")


def test_note_positions_first_ibid_subsequent():
    c = Citer("chicago", "de", [HAFEN, GRID, REPORT])
    notes = [c.note(HAFEN, claim("s1", 3)), c.note(HAFEN, claim("s1", 4)), c.note(HAFEN, claim("s1", 4)),
             c.note(GRID, claim("s2", 2)), c.note(HAFEN, claim("s1", 5)), c.note(REPORT, claim("s3", page=7))]
    assert notes[1] == "Ebd., ¶ 4."
    assert notes[2] == "Ebd."  # same place again
    assert notes[3].startswith("„Grid operator warns")  # language unknown: the brief's (German), no title case
    assert notes[4] == "Brandt, „Hafenbericht“, ¶ 5."  # short form of a source cited before
    assert notes[5] == "Lagebericht Nordhafen (Hafenbehörde Konstanza, o. J.), S. 7."  # empty date: „o. J.“


def test_english_short_form_and_page_locator():
    c = Citer("chicago", "en", [HAFEN, GRID, REPORT])
    c.note(GRID, claim("s2", 2))
    c.note(HAFEN, claim("s1", 1))
    assert c.note(GRID, claim("s2", 3)) == "Energy Wire, “Grid operator warns of winter…”, ¶ 3."
    assert c.note(REPORT, claim("s3", page=4)) == "Lagebericht Nordhafen (Hafenbehörde Konstanza, n.d.), p. 4."


def test_bibliography_chicago_fixes_engine_faults():
    c = Citer("chicago", "en", [HAFEN, GRID, REPORT])
    assert c.bibliography(["s1", "s2", "s3"]) == [
        # citeproc-py initialised "Jana" and printed "Edition" for the missing edition
        "Brandt, Jana. “Hafenbericht: Reederei meldet Engpässe bei Getreideexporten”. Küstenkurier, April 4, 2026. "
        "https://kuestenkurier.example/hafen (accessed 6 April 2026).",
        # the publication stands in for the missing author and is not printed twice
        "Energy Wire. “Grid Operator Warns of Winter Shortfall After Transformer Fire”, November 3, 2026. "
        "https://energywire.example/grid (accessed 4 November 2026).",
        "Lagebericht Nordhafen. Hafenbehörde Konstanza, n.d.",
    ]


def test_apa_in_text_and_reference_list():
    c = Citer("apa", "en", [HAFEN, GRID, REPORT])
    assert c.in_text(HAFEN, claim("s1", 3)) == "(Brandt, 2026, ¶ 3)"
    assert c.in_text(REPORT, claim("s3", page=2)) == "(Lagebericht Nordhafen, n.d., p. 2)"
    assert c.bibliography(["s2", "s1"]) == [
        "Brandt, J. (2026, April 4). Hafenbericht: Reederei meldet Engpässe bei Getreideexporten. Küstenkurier. "
        "https://kuestenkurier.example/hafen (accessed 6 April 2026).",
        # the title moved into the author's place is not repeated
        "Grid operator warns of winter shortfall after transformer fire. (2026, November 3). Energy Wire. "
        "https://energywire.example/grid (accessed 4 November 2026).",
    ]


def test_din_1505_2_german():
    c = Citer("din-1505-2", "de", [HAFEN, GRID, REPORT])
    assert c.bibliography(["s1"]) == [
        "Brandt, Jana: Hafenbericht: Reederei meldet Engpässe bei Getreideexporten. In: Küstenkurier (2026), "
        "https://kuestenkurier.example/hafen (abgerufen am 6. April 2026)."]
    assert c.in_text(HAFEN, claim("s1", 2)) == "(Brandt, 2026, ¶ 2)"
    assert c.note(REPORT, claim("s3", page=3)) == "Lagebericht Nordhafen: Hafenbehörde Konstanza, S. 3."


def test_attribution_chain_in_note():
    att = Attribution(source="des Verbands der Getreidehändler", normalized="Verband der Getreidehändler", via="Agerpres")
    assert attribution_phrase(att, "de") == "Nach Angaben des Verbands der Getreidehändler, wiedergegeben von Agerpres"
    c = Citer("chicago", "de", [HAFEN])
    c.note(HAFEN, claim("s1", 2))
    assert c.note(HAFEN, claim("s1", 3), attribution_phrase(att, "de")) == (
        "Nach Angaben des Verbands der Getreidehändler, wiedergegeben von Agerpres, zitiert in: ebd., ¶ 3.")
    en = Attribution(source="the National Grid Control Room", normalized="National Grid Control Room")
    c = Citer("chicago", "en", [GRID])
    assert c.note(GRID, claim("s2", 3), attribution_phrase(en, "en")).startswith(
        "According to the National Grid Control Room, quoted in: “Grid Operator Warns")  # its article kept


def test_attribution_chain_is_grammatical_without_guessing_german_case():
    # genitive words after "Angaben" in the text: they can follow "Nach Angaben" again
    genitive = Attribution(source="der rumänischen Hafenbehörde", normalized="rumänische Hafenbehörde",
                           cue="laut Angaben")
    assert attribution_phrase(genitive, "de") == "Nach Angaben der rumänischen Hafenbehörde"
    # "der Verband" (nominative), "dem Bericht" (dative): the name alone, never "Nach Angaben dem …"
    nominative = Attribution(source="der Verband", normalized="Verband", cue="teilte … mit")
    assert attribution_phrase(nominative, "de") == "Verband"
    dative = Attribution(source="dem Bericht der Behörde", normalized="Bericht der Behörde", cue="heißt es")
    assert attribution_phrase(dative, "de") == "Bericht der Behörde"
    lower = Attribution(source="der Landesregierung", normalized="rumänische Hafenbehörde", cue="so")
    assert attribution_phrase(lower, "de") == "Rumänische Hafenbehörde"  # starts a note: capital
    assert attribution_phrase(Attribution(source="A spokesman for the port", normalized="spokesman for the port"),
                              "en") == "According to a spokesman for the port"
    assert attribution_phrase(Attribution(source="the navy", normalized="navy"), "en") == "According to the navy"


def test_unknown_style_is_a_clear_error():
    with pytest.raises(citations.CitationStyleError, match="unknown citation style 'harvard-x'"):
        Citer("harvard-x", "en", [HAFEN])


def test_hundreds_of_notes_ask_the_engine_rarely():
    c = Citer("chicago", "en", [HAFEN, GRID])
    notes = [c.note(HAFEN if i % 2 else GRID, claim("s1" if i % 2 else "s2", i + 1)) for i in range(300)]
    assert notes[299] == "Brandt, “Hafenbericht”, ¶ 300."
    assert len(c._cache) <= 6


def test_importer_kinds_and_empty_engine_output_still_give_an_entry():
    odd = Source(id="s9", title="Netzlage im Winter", publisher="Netzagentur", kind="html",
                 url="https://netz.example/lage")
    entry = Citer("chicago", "de", [odd]).bibliography(["s9"])[0]
    assert "Netzlage im Winter" in entry and "https://netz.example/lage" in entry
    bare = Source(id="s8")
    assert Citer("apa", "en", [bare]).bibliography(["s8"])[0].strip(" .")
