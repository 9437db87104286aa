"""Rule families added to the claims engine, each on our own German and English sentences:
source phrases (genitive after a document noun, complements, acronyms, truncated compounds),
a report as its own source and "heißt es darin", hearsay adverbs that do not inherit, intentions,
speech acts with an object, plans with "soll … werden", and the trusted object construction."""
from __future__ import annotations

from briefing.claims import extract_claims
from briefing.ingest.text import parse
from briefing.model import Attribution, Claim, Figure


def claims_of(body: str, lang: str = "de"):
    art = parse(("Überschrift\n" + body + "\n").encode("utf-8"), "t.txt")
    art.source.language = lang
    return extract_claims(art)[1:]


class TestSourcePhrases:
    def test_the_genitive_after_angaben_is_the_source(self):
        a = claims_of("Laut Angaben der rumänischen Hafenbehörde wurden 4,2 Mio. Tonnen umgeschlagen.")[0].attribution
        assert (a.source, a.normalized, a.cue) == ("der rumänischen Hafenbehörde", "rumänische Hafenbehörde", "laut Angaben")

    def test_an_acronym_in_brackets_ends_the_source(self):
        a = claims_of("Laut einem Bericht der Landesregierung (LRW) fehlen den Werften 2 Mrd. Euro.")[0].attribution
        assert a.source == "der Landesregierung (LRW)" and a.normalized == "LRW"

    def test_a_fuer_complement_belongs_to_the_name(self):
        a = claims_of("Nach Angaben des Bundesamts für Seeschifffahrt und Hydrographie steigt der Pegel.")[0].attribution
        assert a.normalized == "Bundesamt für Seeschifffahrt und Hydrographie"

    def test_a_verb_after_the_head_noun_is_not_part_of_the_source(self):
        a = claims_of("Die Einwände wurden von der Stadtverwaltung zurückgewiesen.")[0].attribution
        assert a is None or "wurden" not in (a.source or "")

    def test_truncated_compounds_are_one_source(self):
        a = claims_of("Zwei Boote seien gesunken, so Marine- und Küstenwachkreise.")[0].attribution
        assert a.source == "Marine- und Küstenwachkreise"


class TestReportsAndInheritance:
    def test_a_report_without_an_owner_is_its_own_source_and_darin_refers_to_it(self):
        cs = claims_of("Der Pegel sinkt seit Wochen. Laut einem vertraulichen Gutachten, das uns vorliegt, ist die Mauer brüchig. "
                       "Die Risse seien älter als bekannt, heißt es darin.")
        a = cs[1].attribution
        assert (a.source, a.normalized, a.cue, a.inherited) == ("einem vertraulichen Gutachten", "vertrauliches Gutachten", "laut", False)
        assert cs[2].attribution.normalized == "vertrauliches Gutachten"

    def test_a_new_source_is_not_overridden_by_an_earlier_one(self):
        cs = claims_of("Nach Angaben des Wasserverbands reicht das Wasser. Laut einem internen Gutachten, das der Zeitung vorliegt, "
                       "ist die Leitung marode.")
        assert cs[1].attribution.normalized == "internes Gutachten" and not cs[1].attribution.inherited

    def test_hearsay_adverbs_do_not_take_the_last_source(self):
        cs = claims_of("Der Verband habe gewarnt, sagte die Sprecherin. Angeblich verhandelt ein Investor.")
        a = cs[1].attribution
        assert cs[1].stance == "reported" and a.source is None and a.cue == "angeblich"
        cs = claims_of("The council said repairs were due. Some tenants reportedly left the building.", "en")
        assert cs[1].attribution.source is None and cs[1].attribution.cue == "reportedly"

    def test_soll_keeps_the_last_source(self):
        cs = claims_of("Der Hafen sei überlastet, sagte der Direktor. Zudem soll ein Kran ausgefallen sein.")
        assert cs[1].attribution.inherited and cs[1].attribution.normalized == "Direktor"


class TestStanceRules:
    def test_a_stated_intention_is_reported(self):
        assert claims_of("Die Partei will die Mieten deckeln.")[0].stance == "reported"

    def test_a_non_comment_with_will_is_not(self):
        assert claims_of("Die Firma wollte zu den Vorwürfen keine Stellung nehmen.")[0].stance != "reported"

    def test_a_speech_act_with_an_object_is_reported(self):
        a = claims_of("Die Gewerkschaft verlangte die sofortige Rücknahme der Kürzungen.")[0].attribution
        assert a.cue == "verlangte" and a.normalized == "Gewerkschaft"

    def test_claimed_lives_are_no_speech_act(self):
        assert claims_of("Der Sturm forderte drei Todesopfer.")[0].stance == "asserted"

    def test_soll_werden_is_a_plan_not_hearsay(self):
        assert claims_of("Die Brücke soll im Mai eröffnet werden.")[0].stance == "asserted"
        assert claims_of("Die Brücke soll schon im Mai beschädigt worden sein.")[0].stance == "reported"

    def test_compound_document_nouns_are_cues(self):
        c = claims_of("Nach Polizeiangaben wurden zwei Menschen verletzt.")[0]
        assert c.stance == "reported" and c.attribution.cue.lower().startswith("nach")


def test_trusted_objects_equal_validated_ones():
    for c in claims_of("Laut Angaben des Verbands sind 11.000 Lkw am 3. April betroffen, sagte er. Angeblich mehr."):
        assert Claim.model_validate(c.model_dump()) == c
        if c.attribution is not None:
            assert Attribution.model_validate(c.attribution.model_dump()) == c.attribution
        for f in c.figures:
            assert Figure.model_validate(f.model_dump()) == f
            assert f.value is None or isinstance(f.value, float)


class TestPassiveSpeechActs:
    def test_the_von_agent_of_a_passive_speech_act_is_the_source(self):
        a = claims_of("Die Vorwürfe wurden von der Werftleitung zurückgewiesen.")[0].attribution
        assert (a.source, a.normalized, a.cue) == ("der Werftleitung", "Werftleitung", "zurückgewiesen")
        a = claims_of("Die Zahlen wurden am Montag vom Landratsamt bestätigt.")[0].attribution
        assert a.normalized == "Landratsamt" and a.cue == "bestätigt"

    def test_the_subject_of_a_passive_speech_act_is_never_the_source(self):
        c = claims_of("Die Einzelheiten wurden nicht mitgeteilt.")[0]
        assert c.attribution.source is None and c.attribution.cue == "mitgeteilt"
        c = claims_of("Der Pegel sinkt, sagte der Sprecher. Die Schäden wurden bestätigt.")[1]
        assert c.attribution.source is None and not c.attribution.inherited

    def test_a_future_with_an_infinitive_is_no_passive(self):
        assert claims_of("Der Minister wird morgen die Pläne erklären.")[0].stance == "asserted"

    def test_english_by_agent(self):
        a = claims_of("The allegations were denied by the harbour company.", "en")[0].attribution
        assert (a.source, a.normalized, a.cue) == ("the harbour company", "harbour company", "denied")
        a = claims_of("The plan has been sharply criticised by tenant groups.", "en")[0].attribution
        assert a.source == "tenant groups"


class TestNewVoiceWithoutVerbOfSaying:
    def test_kritik_kommt_von_sets_the_source_for_what_follows(self):
        cs = claims_of("Der Verband habe Brunnen reaktiviert, teilte ein Sprecher mit. Kritik kommt vom Naturschutzbund Ostheide. "
                       "Die Absenkung soll im Sommer ein Fischsterben ausgelöst haben.")
        assert cs[1].stance == "reported" and cs[1].attribution.normalized == "Naturschutzbund Ostheide"
        assert cs[2].attribution.normalized == "Naturschutzbund Ostheide" and cs[2].attribution.inherited

    def test_criticism_came_from(self):
        cs = claims_of("The mayor said the pier was safe. Criticism came from the fishermen's union. "
                       "The pier was reportedly closed twice.", "en")
        assert cs[1].stance == "reported" and cs[1].attribution.source == "the fishermen's union"
        assert cs[2].attribution.source is None and cs[2].attribution.cue == "reportedly"


class TestFiguresAndNames:
    def test_an_adjective_after_a_number_is_no_unit(self):
        fs = claims_of("Crews found cracks in two of the four main pylons.", "en")[0].figures
        assert [(f.text, f.value, f.unit) for f in fs] == [("two", 2.0, None), ("four", 4.0, None)]

    def test_a_month_at_the_sentence_end_keeps_no_period(self):
        assert [f.text for f in claims_of("The vote is due in March.", "en")[0].figures] == ["March"]
        assert [f.text for f in claims_of("Vgl. die Prognose vom 15. Mai.")[0].figures] == ["15. Mai"]
        assert [f.text for f in claims_of("Die Frist endet am 3. Jan. 2027.")[0].figures] == ["3. Jan. 2027"]

    def test_a_titled_person_of_an_institute_is_normalised_to_the_person(self):
        a = claims_of("Dr. Ruth Hale of the Coastal Research Institute said the dunes were eroding.", "en")[0].attribution
        assert a.source == "Dr. Ruth Hale of the Coastal Research Institute" and a.normalized == "Dr. Ruth Hale"
        a = claims_of("The Bank of England said rates would rise.", "en")[0].attribution
        assert a.normalized == "Bank of England"

    def test_a_short_month_name_without_period_or_number_is_no_date(self):
        c = claims_of("„Wir sind am Limit“, sagte Lotsenchef Dr. Jan Berger der Nachrichtenagentur Baltpress.")[0]
        assert c.dates == []
        a = c.attribution
        # the title stays with the name; the dative recipient is the channel, not part of the source
        assert (a.source, a.via) == ("Lotsenchef Dr. Jan Berger", "Nachrichtenagentur Baltpress")
        assert [f.text for f in claims_of("Talks resume on Jan 12.", "en")[0].figures] == ["Jan 12"]


class TestChainsAcrossParagraphsAndPronouns:
    def test_konjunktiv_after_the_author_spoke_in_a_new_paragraph_is_not_pinned_on_the_old_source(self):
        cs = claims_of("Laut Feuerwehr wurden 240 Anwohner in Sicherheit gebracht. Der Damm sei stabil.\n\n"
                       "Die Landrätin Petra Vogt besuchte am Abend die Turnhalle. Es fehle an Decken und Feldbetten.")
        assert cs[1].attribution.normalized == "Feuerwehr" and cs[1].attribution.inherited  # same paragraph: inherited
        assert cs[2].stance == "asserted"
        last = cs[3]
        assert last.stance == "reported" and (last.attribution is None or last.attribution.source is None)

    def test_hearsay_in_a_new_paragraph_still_points_to_the_source_of_the_reports(self):
        cs = claims_of("Nach Angaben des Hafenamts liegen 14 Frachter vor Anker.\n\n"
                       "Der Hafen ist der größte des Landes. Zudem sollen zwei Tanker beschädigt worden sein.")
        a = cs[2].attribution
        assert cs[2].stance == "reported" and a.inherited and a.normalized == "Hafenamt"

    def test_a_pronoun_after_the_verb_is_the_source_and_names_the_person_just_mentioned(self):
        cs = claims_of("Bürgermeisterin Anna Keller besuchte die Notunterkunft. Es gebe genug Betten, sagte sie.")
        a = cs[1].attribution
        assert (a.source, a.cue) == ("sie", "sagte") and a.normalized == "Bürgermeisterin Anna Keller"

    def test_english_he_and_she_name_the_person_just_mentioned(self):
        cs = claims_of("Mayor Jane Doe visited the shelter on Monday. There were enough beds, she said.", "en")
        a = cs[1].attribution
        assert cs[0].stance == "asserted"
        assert (a.source, a.cue) == ("she", "said") and a.normalized == "Mayor Jane Doe"
        cs = claims_of("According to harbour master Tom Reeves, the quay is closed. He said the repairs would take weeks.", "en")
        assert cs[1].attribution.normalized == "Tom Reeves"


class TestEnglishReportingClauses:
    def test_a_short_reporting_clause_after_a_comma_closes_the_sentence(self):
        cs = claims_of("The pumps failed twice in March, the operator added. Repairs are expensive, the council noted on Friday.", "en")
        assert [(c.stance, c.attribution.source, c.attribution.cue) for c in cs] == [
            ("reported", "the operator", "added"), ("reported", "the council", "noted")]

    def test_a_long_clause_after_the_comma_is_not_a_reporting_clause(self):
        cs = claims_of("The levels rose, and the engineers who had noted the cracks repaired the wall in a week.", "en")
        assert cs[0].stance == "asserted"

    def test_a_position_stated_with_a_plain_object_is_reported(self):
        cs = claims_of("The dockers' union criticised the new shift plan. The port authority praised the crews.", "en")
        assert [(c.stance, c.attribution.source, c.attribution.cue) for c in cs] == [
            ("reported", "The dockers' union", "criticised"), ("reported", "The port authority", "praised")]

    def test_a_passive_or_a_subjectless_use_is_not_a_position(self):
        cs = claims_of("Warned of the storm, the crews stayed ashore.", "en")
        assert cs[0].stance == "asserted"


class TestShortNames:
    def test_surnames_and_honorifics_name_the_person_named_before(self):
        cs = claims_of("Laut Kapitän Radu Ionescu fehlt Personal. Ionescu sagte, es gebe zu wenig Lotsen. "
                       "Herr Ionescu warnte vor einem Streik.")
        assert [c.attribution.normalized for c in cs] == ["Kapitän Radu Ionescu"] * 3
        assert [c.attribution.source for c in cs] == ["Kapitän Radu Ionescu", "Ionescu", "Herr Ionescu"]

    def test_a_definite_short_noun_names_the_agency_named_before(self):
        cs = claims_of("Nach Angaben der Hafenbehörde von Constanța stauen sich 40 Frachter. "
                       "Die Behörde teilte mit, die Lage bessere sich.")
        assert cs[1].attribution.normalized == "Hafenbehörde von Constanța"
        cs = claims_of("The Environment Agency warned of floods. The agency said levels would rise.", "en")
        assert cs[1].attribution.normalized == "Environment Agency"
        cs = claims_of("Harbour master Eric Reeves said the quay was closed. Mr. Reeves added that repairs were due.", "en")
        assert cs[1].attribution.normalized == "Harbour master Eric Reeves"

    def test_an_unrelated_short_name_stays_as_written(self):
        cs = claims_of("Laut Kapitän Radu Ionescu fehlt Personal. Die Reederei erklärte, sie suche Lotsen. "
                       "Eine Behörde teilte mit, es gebe keine Anträge.")
        assert cs[1].attribution.normalized == "Reederei"
        assert cs[2].attribution.normalized == "Behörde"


class TestMoreGermanCues:
    def test_nach_meldungen_and_hyphenated_compounds_are_cues(self):
        cs = claims_of("Nach Meldungen der rumänischen Nachrichtenagentur Agerpres fuhr der Zug weiter. "
                       "Nach NASA-Angaben fliegt die Sonde weiter.")
        assert cs[0].stance == "reported" and cs[0].attribution.normalized == "rumänische Nachrichtenagentur Agerpres"
        assert cs[1].stance == "reported" and cs[1].attribution.cue == "nach NASA-Angaben"

    def test_a_stated_view_is_reported_with_the_particle_as_written(self):
        c = claims_of("Die Reederei vertritt die Ansicht, dass die Gebühren zu hoch sind.")[0]
        assert (c.stance, c.attribution.source, c.attribution.cue) == ("reported", "Die Reederei", "vertritt … die Ansicht")
        assert claims_of("Die Abgeordneten vertreten die Region seit 2019.")[0].stance == "asserted"

    def test_advice_with_a_clause_is_reported(self):
        c = claims_of("Die Polizei riet den Anwohnern, die Fenster zu schließen.")[0]
        assert (c.stance, c.attribution.source, c.attribution.cue) == ("reported", "Die Polizei", "riet")
        assert claims_of("Der Trainer riet lange vergeblich.")[0].stance == "asserted"
