"""The claims engine on our own German and English sentences: segmentation, attribution,
stance, figures, and the invariants of extract_claims (property test on arbitrary text)."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.claims import extract_claims, split_sentences
from briefing.ingest.text import parse
from briefing.model import Article, Paragraph, Source

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def sents(text: str, lang: str | None = "de") -> list[str]:
    return [text[s:e] for s, e in split_sentences(text, 0, len(text), lang)]


def article(text: str, lang: str | None) -> Article:
    art = parse(text.encode("utf-8"), "t.txt")
    art.source.language = lang
    return art


def claims_of(body: str, lang: str = "de"):
    """Claims of a one-paragraph article (with a headline so the body is not a heading)."""
    return extract_claims(article("Überschrift\n" + body + "\n", lang))[1:]


# --------------------------------------------------------------------------- segmentation


class TestSegmentation:
    def test_it_keeps_german_abbreviations_and_ordinals_inside(self):
        t = ("Der Verband nannte z. B. Häfen wie Bremen u. a. als Ziel, vgl. Nr. 4 der Liste. "
             "Am 1. März kamen 11.000 Besucher. Im 15. Jahrhundert gab es den Markt schon. "
             "Die Frist endet am 03.11. Danach wird neu verhandelt.")
        assert sents(t) == [
            "Der Verband nannte z. B. Häfen wie Bremen u. a. als Ziel, vgl. Nr. 4 der Liste.",
            "Am 1. März kamen 11.000 Besucher.",
            "Im 15. Jahrhundert gab es den Markt schon.",
            "Die Frist endet am 03.11.",
            "Danach wird neu verhandelt.",
        ]

    def test_it_handles_english_abbreviations(self):
        t = "Gen. Ward met Sen. Hall at 3 p.m. in the U.S. capital. The U.N. said little. She left the U.S. He stayed."
        assert sents(t, "en") == [
            "Gen. Ward met Sen. Hall at 3 p.m. in the U.S. capital.",
            "The U.N. said little.",
            "She left the U.S.",
            "He stayed.",
        ]

    def test_it_ends_a_sentence_after_a_closing_quote_and_splits_multi_sentence_quotes(self):
        t = "„Wir sind bereit. Die Schiffe warten“, sagte die Sprecherin. „Das reicht nicht.“ Danach war Ruhe."
        assert sents(t) == [
            "„Wir sind bereit.",
            "Die Schiffe warten“, sagte die Sprecherin.",
            "„Das reicht nicht.“",
            "Danach war Ruhe.",
        ]
        assert sents("»Wer zahlt?«, fragte er. Niemand antwortete.") == ["»Wer zahlt?«, fragte er.", "Niemand antwortete."]

    def test_it_keeps_urls_emails_and_ellipses_inside(self):
        t = "Details stehen auf www.hafen-info.de/bericht. Fragen an presse@hafen-info.de beantwortet das Team... oder auch nicht."
        assert sents(t) == [
            "Details stehen auf www.hafen-info.de/bericht.",
            "Fragen an presse@hafen-info.de beantwortet das Team... oder auch nicht.",
        ]

    def test_it_leaves_markdown_markers_outside_and_splits_list_items(self):
        t = "Die Forderungen:\n- mehr Personal\n- längere Öffnungszeiten\n1. Erstens bessere Straßen\n2. Zweitens neue Kräne"
        assert sents(t) == ["Die Forderungen:", "mehr Personal", "längere Öffnungszeiten",
                            "1. Erstens bessere Straßen", "2. Zweitens neue Kräne"]

    def test_it_gives_exact_offsets_for_a_sub_range(self):
        t = "xx Erster Satz. Zweiter Satz! yy"
        spans = split_sentences(t, 3, 29, "de")
        assert [t[s:e] for s, e in spans] == ["Erster Satz.", "Zweiter Satz!"]

    def test_it_splits_every_sentence_of_our_fixture_right(self):
        art = article((FIXTURES / "de_hafen.txt").read_text(encoding="utf-8"), "de")
        texts = [c.text for c in extract_claims(art)]
        assert "Als Grund nennt die Behörde u. a. fehlende Lagerkapazitäten." in texts
        assert "Offenbar rechnen mehrere Händler mit höheren Frachtraten, vgl. die Prognose vom 15. Mai." in texts
        assert "Der Hafen ist seit dem 19. Jahrhundert der wichtigste Umschlagplatz der Region." in texts
        assert len(texts) == 15


# --------------------------------------------------------------------------- attribution


class TestAttribution:
    def test_it_reads_prepositional_cues_and_normalises_the_source(self):
        c = claims_of("Laut Angaben des südkoreanischen Geheimdienstes sind 300 Schiffe betroffen.")[0]
        assert c.stance == "reported"
        assert c.attribution.cue == "laut Angaben"
        assert c.attribution.source == "des südkoreanischen Geheimdienstes"
        assert c.attribution.normalized == "südkoreanischer Geheimdienst"
        a = c.attribution
        assert c.text.find("des südkoreanischen") + c.start == a.source_start
        assert a.cue_start == c.start and a.cue_end - a.cue_start == len("Laut Angaben")

    def test_it_reduces_a_long_name_to_its_acronym_and_resolves_the_report_later(self):
        cs = claims_of("Laut einem Bericht des Nordischen Fischerei-Rats (NFR) sinken die Fangquoten. "
                       "Die Flotte sei zu groß, heißt es in dem Bericht.")
        assert cs[0].attribution.cue == "laut einem Bericht"
        assert cs[0].attribution.normalized == "NFR"
        assert cs[1].attribution.cue == "heißt es"
        assert cs[1].attribution.source == "dem Bericht"
        assert cs[1].attribution.normalized == "NFR-Bericht"

    def test_it_reads_zufolge_and_so(self):
        cs = claims_of("Der Reederei zufolge fehlen 40 Lotsen. Die Lage entspanne sich erst im Mai, so der Hafenmeister.")
        assert cs[0].attribution.cue == "zufolge" and cs[0].attribution.normalized == "Reederei"
        assert cs[1].attribution.cue == "so" and cs[1].attribution.normalized == "Hafenmeister"

    def test_it_finds_verbs_of_saying_in_either_position(self):
        cs = claims_of("Die Stadtwerke erklärten, die Leitung sei repariert. "
                       "Die Kosten lägen bei 2 Mio. Euro, teilte die Kämmerin am Dienstag mit. "
                       "Am Abend bestätigte der Bürgermeister, dass die Schule öffnet.")
        assert [c.attribution.cue for c in cs] == ["erklärten", "teilte … mit", "bestätigte"]
        assert [c.attribution.normalized for c in cs] == ["Stadtwerke", "Kämmerin", "Bürgermeister"]

    def test_it_does_not_take_a_separable_verb_for_a_cue(self):
        cs = claims_of("Der Verein sagte das Spiel am Freitag ab. Die Firma teilte den Gewinn unter den Partnern.")
        assert [c.stance for c in cs] == ["asserted", "asserted"]

    def test_it_builds_chains_with_via(self):
        c = claims_of("„Der Damm hält“, wird der Einsatzleiter von der Agentur Baltnews zitiert.")[0]
        assert c.attribution.cue == "wird … zitiert"
        assert c.attribution.normalized == "Einsatzleiter"
        assert c.attribution.via and "Baltnews" in c.attribution.via
        e = claims_of("The agency quoted the port captain as saying the channel was safe.", "en")[0]
        assert e.attribution.normalized == "port captain" and e.attribution.via == "agency"

    def test_it_marks_hearsay_without_a_source(self):
        c = claims_of("Angeblich hat der Konzern die Bilanz geschönt.")[0]
        assert c.stance == "reported"
        assert c.attribution.source is None and c.attribution.cue == "angeblich"
        e = claims_of("The mayor allegedly sold the land twice.", "en")[0]
        assert e.stance == "reported" and e.attribution.source is None and e.attribution.cue == "allegedly"

    def test_it_inherits_the_last_source_for_continuing_reported_speech(self):
        cs = claims_of("Nach Angaben der Küstenwache sank das Boot gegen Mitternacht. "
                       "Die Besatzung sei gerettet worden. Zudem soll ein zweites Boot beschädigt worden sein.")
        for c in cs[1:]:
            assert c.stance == "reported"
            assert c.attribution.inherited is True
            assert c.attribution.normalized == "Küstenwache"
        assert cs[2].attribution.cue == "soll"

    def test_it_gives_a_multi_sentence_quote_the_speaker_named_at_its_end(self):
        cs = claims_of('"The pumps failed twice. Nobody warned us," said Jonas Berg, a local farmer.', "en")
        assert cs[0].stance == cs[1].stance == "reported"
        assert cs[1].attribution.normalized == "Jonas Berg"
        assert cs[0].attribution.normalized == "Jonas Berg" and cs[0].attribution.inherited

    def test_it_reads_english_cues(self):
        cs = claims_of("According to the Harbour Board (HB), traffic fell by 8%. "
                       "Shipping will recover next year, the minister told parliament on Monday.", "en")
        assert cs[0].attribution.cue == "according to" and cs[0].attribution.normalized == "HB"
        assert cs[1].attribution.cue == "told" and cs[1].attribution.normalized == "minister"


# --------------------------------------------------------------------------- stance


class TestStance:
    def test_it_tells_hedges_from_reports_and_assertions(self):
        cs = claims_of("Der Pegel könnte weiter steigen. Offenbar reicht das Geld nicht. Der Deich ist 4 Meter hoch.")
        assert [c.stance for c in cs] == ["hedged", "hedged", "asserted"]
        assert all(c.attribution is None for c in cs)
        es = claims_of("Prices may rise in spring. Demand is likely to fall. The bridge opened in 1998.", "en")
        assert [c.stance for c in es] == ["hedged", "hedged", "asserted"]

    def test_it_treats_konjunktiv_i_as_reported_speech(self):
        c = claims_of("Die Lieferung sei bereits unterwegs.")[0]
        assert c.stance == "reported"

    def test_it_does_not_count_a_non_comment_as_a_statement(self):
        cs = claims_of("Die Werft äußerte sich zunächst nicht.") + claims_of("The company has not commented on the claims.", "en")
        assert [c.stance for c in cs] == ["asserted", "asserted"]

    def test_it_does_not_guess_in_other_languages(self):
        art = article("Titre\nSelon le ministère, le port est fermé. Il aurait coulé.\n", "fr")
        cs = extract_claims(art)
        assert [c.text for c in cs] == ["Titre", "Selon le ministère, le port est fermé.", "Il aurait coulé."]
        assert all(c.stance == "asserted" and c.attribution is None for c in cs)


# --------------------------------------------------------------------------- figures


class TestFigures:
    def test_it_lists_german_quantities_and_dates(self):
        c = claims_of("Seit November 2024 wurden 11.000 Soldaten und 6,9 Mrd. Euro bewegt, rund 13 % mehr als am 3. April 2023.")[0]
        assert c.numbers == ["11.000 Soldaten", "6,9 Mrd. Euro", "13 %"]
        assert c.dates == ["November 2024", "3. April 2023"]
        by_text = {f.text: f for f in c.figures}
        assert by_text["November 2024"].iso == "2024-11"
        assert by_text["3. April 2023"].iso == "2023-04-03"
        assert by_text["6,9 Mrd. Euro"].value == pytest.approx(6.9e9)
        assert by_text["11.000 Soldaten"].value == 11000 and by_text["11.000 Soldaten"].unit == "Soldaten"
        for f in c.figures:
            assert c.text[f.start - c.start : f.end - c.start] == f.text

    def test_it_finds_spelled_numbers_relative_dates_and_skips_identifiers(self):
        c = claims_of("Im vergangenen Herbst kamen neun Millionen Besucher, Ende April nur zwei Gruppen zum Typ G40.")[0]
        assert c.dates == ["vergangenen Herbst", "Ende April"]
        assert c.numbers == ["neun Millionen Besucher", "zwei Gruppen"]
        e = claims_of("Last week the board paid $4.5 million for 1,200 megawatts, two years ago it paid 13%.", "en")[0]
        assert e.dates == ["Last week", "two years ago"]
        assert e.numbers == ["$4.5 million", "1,200 megawatts", "13%"]


# --------------------------------------------------------------------------- invariants


class TestExtractClaims:
    def test_it_numbers_claims_in_text_order_with_the_headline_first(self):
        art = article((FIXTURES / "claims_de_werft.txt").read_text(encoding="utf-8"), "de")
        cs = extract_claims(art, prefix="s7")
        assert cs[0].text == "Werftenkrise: Zulieferer warnen vor Stillstand an der Ostsee" and cs[0].paragraph == 1
        assert [c.id for c in cs] == [f"s7c{n}" for n in range(1, len(cs) + 1)]
        assert [c.id for c in extract_claims(art, prefix="s7")] == [c.id for c in cs]
        assert cs[-1].text == "13 % weniger Aufträge als 2023"  # the "- " marker stays outside

    def test_it_keeps_pages_from_paragraphs(self):
        text = "Kopf\nErster Satz. Zweiter Satz.\n"
        art = Article(source=Source(language="de"), text=text,
                      paragraphs=[Paragraph(start=0, end=4, heading=True), Paragraph(start=5, end=len(text) - 1, page=3)])
        cs = extract_claims(art)
        assert [(c.paragraph, c.page) for c in cs] == [(1, None), (2, 3), (2, 3)]


_ALPHABET = st.sampled_from(list("abcXYZ äöüß.,;:!?…„“”»«\"'()[]-*•\n\t 0123456789/@") + ["z. B. ", "Dr. ", "U.S. ", " . . . ", "\n\n", "\n- ", "\n1. ", "https://a.b/c. "])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parts=st.lists(_ALPHABET, max_size=80), lang=st.sampled_from(["de", "en", None, "fr"]))
def test_claims_are_exact_ordered_slices_on_arbitrary_text(parts, lang):
    text = "".join(parts)
    art = parse(text.encode("utf-8"), "x.txt")
    art.source.language = lang
    claims = extract_claims(art)
    pos = 0
    for c in claims:
        assert c.text == text[c.start : c.end] and c.text.strip() == c.text and c.text
        assert c.start >= pos
        gap = text[pos : c.start]
        assert gap.replace("- ", "").replace("* ", "").strip(" \t\n-*") == "", repr(gap)
        pos = c.end
        for f in c.figures:
            assert c.start <= f.start < f.end <= c.end and text[f.start : f.end] == f.text
        a = c.attribution
        if a and a.source_start is not None:
            assert c.start <= a.source_start < a.source_end <= c.end
    assert text[pos:].replace("- ", "").replace("* ", "").strip(" \t\n-*") == ""
    # split_sentences on the raw text never loses anything either
    for s, e in split_sentences(text, 0, len(text), lang):
        assert text[s:e].strip() == text[s:e] != ""


# --------------------------------------------------------------------------- a first line that is no title


def test_a_first_line_of_running_text_is_split_into_sentences_but_a_title_is_not():
    pasted = article("Der Hafen meldet Engpässe. Laut Behörde warten 11.000 Lkw. Die Lage könnte sich "
                     "verschärfen.\nZweiter Absatz.\n", "de")
    texts = [c.text for c in extract_claims(pasted)]
    assert texts[:3] == ["Der Hafen meldet Engpässe.", "Laut Behörde warten 11.000 Lkw.",
                         "Die Lage könnte sich verschärfen."]
    titled = article("Lage am Hafen. Eine Übersicht\nDer Hafen meldet Engpässe.\n", "de")
    assert [c.text for c in extract_claims(titled)][0] == "Lage am Hafen. Eine Übersicht"


# --------------------------------------------------------------------------- garbage collector


def test_extraction_leaves_the_collector_as_it_found_it():
    import gc

    text = (FIXTURES / "claims_de_werft.txt").read_text(encoding="utf-8")
    was = gc.isenabled()
    try:
        gc.enable()
        assert extract_claims(article(text, "de"))
        assert gc.isenabled()
        gc.disable()
        assert extract_claims(article(text, "de"))
        assert not gc.isenabled()
    finally:
        (gc.enable if was else gc.disable)()
