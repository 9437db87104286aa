"""Language detection: the fast function-word vote decides clear German and English text,
lingua everything else, and both give the same answers."""
from __future__ import annotations

import pytest

from briefing.ingest import language
from briefing.ingest.language import detect_language, detect_vote
from test_ingest_support import DE, EN

# Our own short reports, one per language, long enough for the vote (40+ words).
TEXTS = {
    "de": ("Die Stadtwerke haben am Montag mitgeteilt, dass die Versorgung mit Fernwärme im Norden der Stadt "
           "wieder stabil sei. Nach Angaben des Betreibers wurden die beschädigten Leitungen in der Nacht "
           "ersetzt. Ein Sprecher sagte, man habe mit den Behörden eng zusammengearbeitet und werde die "
           "Anwohner über weitere Arbeiten rechtzeitig informieren. Auch die Feuerwehr war im Einsatz."),
    "en": ("The city council said on Monday that the water supply in the northern districts had been "
           "restored after a burst main. According to the utility, crews worked through the night to "
           "replace the damaged pipe. A spokesperson said that residents who were affected would be "
           "compensated and that the cause of the failure was still being examined by engineers."),
    "fr": ("Le conseil municipal a indiqué lundi que l'approvisionnement en eau des quartiers nord était "
           "rétabli après la rupture d'une conduite. Selon le gestionnaire, les équipes ont travaillé toute "
           "la nuit pour remplacer le tuyau endommagé. Une porte-parole a précisé que les habitants "
           "concernés seraient indemnisés et que la cause de la panne était encore à l'étude."),
    "es": ("El ayuntamiento informó el lunes de que el suministro de agua en los barrios del norte se había "
           "restablecido tras la rotura de una tubería. Según la empresa, los equipos trabajaron durante toda "
           "la noche para sustituir el tramo dañado. Una portavoz dijo que los vecinos afectados recibirán "
           "una compensación y que la causa de la avería todavía se está investigando."),
    "it": ("Il comune ha comunicato lunedì che la fornitura d'acqua nei quartieri settentrionali è stata "
           "ripristinata dopo la rottura di una condotta. Secondo l'azienda, le squadre hanno lavorato per "
           "tutta la notte per sostituire il tubo danneggiato. Una portavoce ha detto che i residenti "
           "colpiti saranno risarciti e che la causa del guasto è ancora in fase di esame."),
    "nl": ("De gemeente heeft maandag laten weten dat de watervoorziening in de noordelijke wijken weer is "
           "hersteld na een gesprongen leiding. Volgens het waterbedrijf hebben de ploegen de hele nacht "
           "gewerkt om de beschadigde buis te vervangen. Een woordvoerster zei dat de getroffen bewoners "
           "een vergoeding krijgen en dat de oorzaak van de storing nog wordt onderzocht."),
    "pt": ("A câmara municipal informou na segunda-feira que o abastecimento de água nos bairros do norte foi "
           "restabelecido após a ruptura de uma conduta. Segundo a empresa, as equipas trabalharam durante "
           "toda a noite para substituir o troço danificado. Uma porta-voz disse que os moradores afetados "
           "serão indemnizados e que a causa da avaria ainda está a ser investigada."),
    "pl": ("Urząd miasta poinformował w poniedziałek, że dostawy wody w północnych dzielnicach zostały "
           "przywrócone po awarii rurociągu. Według przedsiębiorstwa ekipy pracowały przez całą noc, aby "
           "wymienić uszkodzony odcinek. Rzeczniczka powiedziała, że poszkodowani mieszkańcy otrzymają "
           "odszkodowanie, a przyczyna awarii jest nadal badana przez inżynierów."),
    "ru": ("Городская администрация сообщила в понедельник, что водоснабжение в северных районах "
           "восстановлено после прорыва трубы. По словам представителей компании, бригады работали всю "
           "ночь, чтобы заменить повреждённый участок. Пресс-секретарь заявила, что пострадавшие жители "
           "получат компенсацию, а причина аварии всё ещё выясняется инженерами."),
}


@pytest.mark.parametrize("lang", sorted(TEXTS))
def test_each_language_comes_out_right(lang):
    assert detect_language(TEXTS[lang]) == lang


@pytest.mark.parametrize("lang", sorted(TEXTS))
def test_vote_and_lingua_agree(lang):
    """The vote answers only for clear German or English, and then as lingua does."""
    voted = detect_vote(TEXTS[lang])
    assert voted == (lang if lang in ("de", "en") else None)
    detector = language._lingua()
    if detector is None:
        pytest.skip("lingua not installed")
    best = detector.compute_language_confidence_values(TEXTS[lang])[0]
    assert best.language.iso_code_639_1.name.lower() == lang


def test_clear_german_or_english_article_does_not_load_lingua(monkeypatch):
    monkeypatch.setattr(language, "_detector", None)
    monkeypatch.setattr(language, "_detector_failed", False)
    assert detect_language(DE.read_text(encoding="utf-8")) == "de"
    assert detect_language(EN.read_text(encoding="utf-8")) == "en"
    assert language._detector is None  # never built


def test_undecided_texts_go_to_lingua():
    # too short for the vote
    assert detect_vote("Die Lage sei ernst, sagte er.") is None
    # mixed German and English halves: no clear winner
    mixed = TEXTS["de"][:200] + " " + TEXTS["en"][:200]
    assert detect_vote(mixed) is None
    # Dutch shares words with both ("die", "in", "is", "was") but is never called German or English
    assert detect_vote(TEXTS["nl"] + " Het was in die tijd zo dat het water is weggelopen.") is None


def test_german_quoting_english_is_german():
    text = TEXTS["de"] + " Der Minister sprach von einem „deal that works for the city“, nannte aber keine Zahlen."
    assert detect_language(text) == "de"
