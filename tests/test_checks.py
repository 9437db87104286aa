"""Pre-export checks: each problem is found in our own hand-built briefs, and a clean brief has none.

Claims are built by hand (not by the claims engine) so these tests only depend on the checks.
"""
from __future__ import annotations

import datetime as dt

import pytest

from briefing.brief import add_text, claim_display, new_project
from briefing.checks import Finding, check_project, estimative_problems
from briefing.model import Article, Attribution, Claim, ClaimItem, Figure, Paragraph, Source, Template, TextItem
from briefing.project import save_project
from briefing.source_identity import acronym_pairs, build_registry, detect_agencies, normalise_name
from briefing.templates import get_template

# Our own short articles, in the style of the fixtures.
SANKTIONEN = (
    "Bericht: Drittstaat umgeht Sanktionen über Seehäfen\n"
    "Das Multilateral Sanctions Monitoring Team (MSMT) hat am Dienstag einen Bericht vorgelegt. "
    "Laut MSMT seien seit Januar rund 2.400 Container mit Rüstungsgütern verschifft worden.\n"
    "Die Ladungen seien über drei Häfen umgeleitet worden, heißt es in dem Bericht. "
    "Die Regierung wies die Vorwürfe zurück.\n"
)
SANKTIONEN_DPA_1 = (
    "Hamburg (dpa) - Über drei Häfen sollen seit Januar rund 2.400 Container mit Rüstungsgütern verschifft "
    "worden sein.\nDie Reederei äußerte sich nicht.\n"
)
SANKTIONEN_DPA_2 = (
    "Rund 2.400 Container mit Rüstungsgütern sollen seit Januar über drei Häfen verschifft worden sein.\n"
    "Die Reederei war für eine Stellungnahme nicht erreichbar.\ndpa/xy\n"
)
GRID = (
    "Substation fire cuts reserve capacity\n"
    "According to the regional grid operator, the reserve fell by 1,200 megawatts on Tuesday. "
    "Repairs will take at least six weeks, the operator said.\n"
)
GRID_OTHER = (
    "Regulator confirms drop in reserve\n"
    "The energy regulator said the reserve had fallen by 1,200 megawatts.\n"
)


def article(sid: str, text: str, *, lang="de", publisher=None, author=None) -> Article:
    paras, pos = [], 0
    for line in text.split("\n"):
        if line:
            paras.append(Paragraph(start=pos, end=pos + len(line)))
        pos += len(line) + 1
    return Article(source=Source(id=sid, title=text.split("\n")[0], publisher=publisher, author=author,
                                 language=lang), text=text, paragraphs=paras)


def claim(art: Article, cid: str, sentence: str, *, stance="asserted", who=None, norm=None, cue=None,
          figures=(), **kw) -> Claim:
    start = art.text.index(sentence)
    para, _ = art.paragraph_at(start)
    att = None
    if who or norm:
        s_off = art.text.find(who) if who else -1
        att = Attribution(source=who, normalized=norm, cue=cue,
                          source_start=s_off if s_off >= 0 else None, source_end=s_off + len(who) if s_off >= 0 else None)
    figs = [Figure(kind="number", text=t, start=start, end=start + 1, value=v, unit=u) for t, v, u in figures]
    return Claim(id=cid, source_id=art.source.id, start=start, end=start + len(sentence), text=sentence,
                 paragraph=para, stance=stance, attribution=att, figures=figs, **kw)


def template(**over) -> Template:
    base = {
        "name": "test",
        "language": "de",
        "sections": [
            {"id": "kern", "title": "Kernaussage", "kind": "bottom_line", "required": True},
            {"id": "meldungen", "title": "Meldungen", "kind": "claims", "required": True, "min_claims": 1},
            {"id": "bewertung", "title": "Bewertung", "kind": "text"},
        ],
    }
    base.update(over)
    return Template.model_validate(base)


def project_with(articles, claims, tpl=None, bottom_line="Die Umgehung ist wahrscheinlich."):
    tpl = tpl or template()
    p = new_project(articles, claims, tpl, date=dt.date(2026, 11, 20), title="Test")
    if bottom_line is not None:
        add_text(p, tpl.sections[0].id, bottom_line)
    return p


def kinds(findings: list[Finding]) -> list[str]:
    return [f.kind for f in findings]


# --------------------------------------------------------------------------- a clean brief


def test_a_clean_brief_has_no_findings():
    a = article("s1", SANKTIONEN)
    c1 = claim(a, "s1c2", "Das Multilateral Sanctions Monitoring Team (MSMT) hat am Dienstag einen Bericht vorgelegt.")
    c2 = claim(a, "s1c3", "Laut MSMT seien seit Januar rund 2.400 Container mit Rüstungsgütern verschifft worden.",
               stance="reported", who="MSMT", cue="laut")
    assert check_project(project_with([a], [c1, c2])) == []


def test_findings_are_one_line_messages():
    a = article("s1", SANKTIONEN)
    c = claim(a, "s1c3", "Laut MSMT seien seit Januar rund 2.400 Container mit Rüstungsgütern verschifft worden.")
    c.paragraph = 0
    (f,) = check_project(project_with([a], [c]))
    assert f.kind == "no-locator" and f.claim_id == "s1c3" and f.section_id == "meldungen"
    assert str(f) == "claim s1c3 (Meldungen): has no locator (paragraph or page) to cite"
    assert "\n" not in str(f)


# --------------------------------------------------------------------------- source and locator


def test_claim_without_source_or_locator():
    a = article("s1", SANKTIONEN)
    c = claim(a, "s1c2", "Die Regierung wies die Vorwürfe zurück.")
    orphan = Claim(id="s9c1", source_id="s9", start=0, end=10, text="Irgendwas.", paragraph=0)
    p = project_with([a], [c, orphan])
    found = check_project(p)
    assert ("no-source", "s9c1") in [(f.kind, f.claim_id) for f in found]
    assert ("no-locator", "s9c1") in [(f.kind, f.claim_id) for f in found]
    assert not [f for f in found if f.claim_id == "s1c2"]


def test_a_claim_removed_from_the_project_is_reported():
    a = article("s1", SANKTIONEN)
    c = claim(a, "s1c2", "Die Regierung wies die Vorwürfe zurück.")
    p = project_with([a], [c])
    p.brief.sections[1].items.append(ClaimItem(claim_id="s1c77"))
    assert [(f.kind, f.claim_id) for f in check_project(p)] == [("missing-claim", "s1c77")]


# --------------------------------------------------------------------------- quotes


def test_an_edited_quote_is_found_and_shown_as_paraphrase():
    a = article("s1", SANKTIONEN)
    c = claim(a, "s1c2", "Die Regierung wies die Vorwürfe zurück.")
    tpl = template(claims={"text": "quote"})
    p = project_with([a], [c], tpl)
    assert claim_display(c, a, tpl).is_quote
    c.text = "Die Regierung wies alle Vorwürfe entschieden zurück."  # altered after import
    found = check_project(p)
    assert kinds(found) == ["quote-changed"]
    assert "shown as paraphrase" in str(found[0])
    shown = claim_display(c, a, tpl)
    assert not shown.is_quote and not shown.verbatim and shown.text == c.text


def test_changed_stored_text_is_found_too():
    a = article("s1", SANKTIONEN)
    c = claim(a, "s1c2", "Die Regierung wies die Vorwürfe zurück.")
    p = project_with([a], [c])
    p.articles[0].text = p.articles[0].text.replace("Regierung", "Behörde")
    assert kinds(check_project(p)) == ["quote-changed"]


# --------------------------------------------------------------------------- hearsay


def test_hearsay_paraphrased_without_its_attribution():
    a = article("s1", SANKTIONEN)
    c = claim(a, "s1c4", "Die Ladungen seien über drei Häfen umgeleitet worden, heißt es in dem Bericht.",
              stance="reported")  # the claims engine found no name
    c.paraphrase = "Die Ladungen wurden über drei Häfen umgeleitet."
    found = check_project(project_with([a], [c]))
    assert kinds(found) == ["hearsay"]
    assert "without attribution" in str(found[0])
    # the verbatim sentence keeps its cue ("heißt es", Konjunktiv): no finding
    c.paraphrase = None
    assert check_project(project_with([a], [c])) == []


def test_hearsay_is_fine_when_the_template_prints_the_source():
    a = article("s1", SANKTIONEN)
    c = claim(a, "s1c4", "Die Ladungen seien über drei Häfen umgeleitet worden, heißt es in dem Bericht.",
              stance="reported", who="dem Bericht", norm="MSMT")
    c.paraphrase = "Die Ladungen wurden über drei Häfen umgeleitet."
    assert check_project(project_with([a], [c])) == []
    silent = template(claims={"attribution": {"de": "", "en": ""}})
    assert kinds(check_project(project_with([a], [c], silent))) == ["hearsay"]


# --------------------------------------------------------------------------- sections


def test_required_section_empty_and_too_few_claims():
    a = article("s1", SANKTIONEN)
    tpl = template()
    p = new_project([a], [], tpl, date=dt.date(2026, 11, 20))
    found = check_project(p)
    assert kinds(found) == ["empty-section", "empty-section"]
    assert str(found[0]) == "required section 'Kernaussage' is empty; write its text"
    assert str(found[1]) == "required section 'Meldungen' is empty; add claims to it"
    tpl2 = template(sections=[{"id": "meldungen", "title": "Meldungen", "min_claims": 2}])
    c = claim(a, "s1c2", "Die Regierung wies die Vorwürfe zurück.")
    found = check_project(new_project([a], [c], tpl2))
    assert [str(f) for f in found] == ["section 'Meldungen' has 1 claim, the template asks for at least 2"]


def test_whitespace_text_does_not_fill_a_required_section():
    a = article("s1", SANKTIONEN)
    c = claim(a, "s1c2", "Die Regierung wies die Vorwürfe zurück.")
    p = project_with([a], [c], bottom_line="   ")
    assert kinds(check_project(p)) == ["empty-section"]


# --------------------------------------------------------------------------- estimative language


@pytest.mark.parametrize("text, bad", [
    ("Die Umgehung ist vermutlich gezielt.", ["vermutlich"]),
    ("Eine Einigung ist höchst unwahrscheinlich.", ["höchst unwahrscheinlich"]),
    ("Die Regierung dürfte reagieren.", ["dürfte"]),
    ("Mit hoher Wahrscheinlichkeit folgen weitere Lieferungen.", ["mit hoher wahrscheinlichkeit"]),
    ("Weitere Lieferungen sind sehr wahrscheinlich.", []),
    ("Ein Ende der Lieferungen ist nahezu ausgeschlossen, eine Ausweitung nahezu sicher.", []),
    ("Eine wahrscheinliche Folge sind höhere Frachtraten.", []),
    ("Der Sprecher nannte das „vielleicht übertrieben“.", []),  # a quotation, not our wording
])
def test_german_estimative_vocabulary(text, bad):
    found = [d for k, d in estimative_problems(text, template()) if k == "estimative"]
    assert found == bad


@pytest.mark.parametrize("text, bad", [
    ("The shipments are probably deliberate.", ["probably"]),
    ("A deal is highly unlikely.", ["highly unlikely"]),
    ("It is more likely than not that prices rise.", ["more likely than not"]),
    ("Further deliveries are very likely; a halt is almost certainly off the table.", []),
    ("There is a roughly even chance of a second outage.", []),
    ("Repairs by May are unlikely.", []),
])
def test_english_estimative_vocabulary(text, bad):
    found = [d for k, d in estimative_problems(text, template(language="en")) if k == "estimative"]
    assert found == bad


def test_estimative_language_in_the_analysts_text_is_a_finding():
    a = article("s1", SANKTIONEN)
    c = claim(a, "s1c2", "Die Regierung wies die Vorwürfe zurück.")
    p = project_with([a], [c], bottom_line="Die Umgehung ist vermutlich staatlich gelenkt.")
    (f,) = check_project(p)
    assert f.kind == "estimative" and f.section_id == "kern"
    assert '"vermutlich" is not in the estimative vocabulary' in str(f)
    assert "nahezu ausgeschlossen" in str(f) and "nahezu sicher" in str(f)


def test_a_template_can_configure_its_own_vocabulary():
    tpl = template(language="en", likelihood_terms=["remote", "improbable", "probable", "highly probable"])
    assert estimative_problems("Further deliveries are highly probable.", tpl) == []
    assert estimative_problems("Further deliveries are very likely.", tpl) == []  # not a marker at all
    assert [d for _, d in estimative_problems("Deliveries will probably continue.", tpl)] == ["probably"]


def test_confidence_and_likelihood_in_one_sentence():
    text_de = "Mit hoher Konfidenz ist eine Ausweitung wahrscheinlich."
    assert [k for k, _ in estimative_problems(text_de, template())] == ["confidence-likelihood"]
    ok_de = "Eine Ausweitung ist wahrscheinlich. Die Einschätzung beruht mit mittlerer Konfidenz auf zwei Quellen."
    assert estimative_problems(ok_de, template()) == []
    en = template(language="en")
    assert [k for k, _ in estimative_problems("We judge with moderate confidence that a deal is unlikely.", en)] \
        == ["confidence-likelihood"]
    a = article("s1", SANKTIONEN)
    c = claim(a, "s1c2", "Die Regierung wies die Vorwürfe zurück.")
    (f,) = check_project(project_with([a], [c], bottom_line=text_de))
    assert f.kind == "confidence-likelihood" and "same sentence" in str(f)


# --------------------------------------------------------------------------- corroboration and source identity


def test_source_names_are_normalised():
    assert normalise_name("des südkoreanischen Geheimdienstes") == normalise_name("südkoreanischer Geheimdienst")
    assert normalise_name("the Ministry of Defence") == normalise_name("Ministry of Defence")
    assert ("Multilateral Sanctions Monitoring Team", "MSMT") in acronym_pairs(SANKTIONEN)
    reg = build_registry([article("s1", SANKTIONEN)], [])
    assert reg.key("MSMT") == reg.key("Multilateral Sanctions Monitoring Team")
    assert reg.key("MSMT") != reg.key("Regierung")


def test_agency_copy_is_detected():
    assert detect_agencies(article("a", SANKTIONEN_DPA_1)) == {"dpa"}
    assert detect_agencies(article("b", SANKTIONEN_DPA_2)) == {"dpa"}
    assert detect_agencies(article("c", "LONDON (Reuters) - Prices rose.\n", lang="en")) == {"Reuters"}
    assert detect_agencies(article("d", "Prices rose.\n", lang="en", author="AFP/rtr")) == {"AFP", "Reuters"}
    assert detect_agencies(article("e", SANKTIONEN)) == set()
    # naming an agency as a source is not carrying its copy
    assert detect_agencies(article("f", "The minister told Reuters that prices rose.\n", lang="en")) == set()


def corroborating() -> Template:
    return template(corroboration=True)


def test_one_source_under_three_names_is_a_single_source():
    a = article("s1", SANKTIONEN)
    c1 = claim(a, "s1c3", "Laut MSMT seien seit Januar rund 2.400 Container mit Rüstungsgütern verschifft worden.",
               stance="reported", who="MSMT", figures=[("2.400 Container", 2400, "Container")])
    c2 = claim(a, "s1c4", "Die Ladungen seien über drei Häfen umgeleitet worden, heißt es in dem Bericht.",
               stance="reported", who="dem Bericht", tags=["umgehung"])
    c1.tags = ["umgehung"]
    b = article("s2", "Sanktionsbericht vorgelegt\nDas Multilateral Sanctions Monitoring Team zählt rund "
                      "2.400 Container.\n")
    c3 = claim(b, "s2c2", "Das Multilateral Sanctions Monitoring Team zählt rund 2.400 Container.",
               stance="reported", who="Multilateral Sanctions Monitoring Team",
               figures=[("2.400 Container", 2400, "Container")])
    p = project_with([a, b], [c1, c2, c3], corroborating())
    found = [f for f in check_project(p) if f.kind == "single-source"]
    assert [f.claim_id for f in found] == ["s1c3", "s1c4", "s2c2"]
    assert "Multilateral Sanctions Monitoring Team" in str(found[0])
    assert "same source" in str(found[0])


def test_two_articles_with_the_same_dpa_copy_are_not_independent():
    a = article("s1", SANKTIONEN_DPA_1, publisher="Nordkurier")
    b = article("s2", SANKTIONEN_DPA_2, publisher="Südpost")
    fig = [("2.400 Container", 2400, "Container")]
    c1 = claim(a, "s1c1", SANKTIONEN_DPA_1.split("\n")[0].split(" - ", 1)[1], stance="reported", figures=fig)
    c2 = claim(b, "s2c1", SANKTIONEN_DPA_2.split("\n")[0], stance="reported", figures=fig)
    found = [f for f in check_project(project_with([a, b], [c1, c2], corroborating())) if f.kind == "single-source"]
    assert [f.claim_id for f in found] == ["s1c1", "s2c1"]
    assert "same dpa copy" in str(found[0])


def test_independent_sources_corroborate():
    a = article("s1", GRID, lang="en", publisher="Northern Post")
    b = article("s2", GRID_OTHER, lang="en", publisher="Energy Daily")
    fig = [("1,200 megawatts", 1200, "MW")]
    c1 = claim(a, "s1c2", "According to the regional grid operator, the reserve fell by 1,200 megawatts on Tuesday.",
               stance="reported", who="the regional grid operator", norm="regional grid operator", figures=fig)
    c2 = claim(b, "s2c2", "The energy regulator said the reserve had fallen by 1,200 megawatts.",
               stance="reported", who="The energy regulator", norm="energy regulator", figures=fig)
    tpl = template(language="en", corroboration=True,
                   sections=[{"id": "key-points", "title": "Key points", "kind": "claims"}])
    p = new_project([a, b], [c1, c2], tpl)
    assert check_project(p) == []
    # a lone claim with nothing to back it is flagged; without the template asking, it is not
    c3 = claim(a, "s1c3", "Repairs will take at least six weeks, the operator said.", stance="reported",
               who="the operator")
    p = new_project([a, b], [c1, c2, c3], tpl)
    assert [(f.kind, f.claim_id) for f in check_project(p)] == [("single-source", "s1c3")]
    assert "regional grid operator" in str(check_project(p)[0])  # "the operator" refers back
    p.template = tpl.model_copy(update={"corroboration": False})
    assert check_project(p) == []


# --------------------------------------------------------------------------- the command line


def _write_project(tmp_path, with_problem: bool):
    a = article("s1", SANKTIONEN)
    c = claim(a, "s1c2", "Die Regierung wies die Vorwürfe zurück.")
    tpl = get_template("lagebild")
    p = new_project([a], [c], tpl, date=dt.date(2026, 11, 20))
    add_text(p, "lage-in-kuerze", "Die Umgehung ist wahrscheinlich.")
    add_text(p, "bewertung", "Die Regierung wird den Bericht " + ("vermutlich" if with_problem else "") +
             " zurückweisen.")
    path = tmp_path / "lage.brief"
    save_project(p, path)
    return path


def test_cli_prints_findings_and_strict_refuses(cli, tmp_path):
    path = _write_project(tmp_path, with_problem=True)
    out = tmp_path / "lage.pdf"
    r = cli("export", str(path), "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert r.stderr.strip().split("\n") == [
        "briefing: warning: section 'Bewertung': \"vermutlich\" is not in the estimative vocabulary; use one of: "
        "nahezu ausgeschlossen, sehr unwahrscheinlich, unwahrscheinlich, etwa gleich wahrscheinlich, "
        "wahrscheinlich, sehr wahrscheinlich, nahezu sicher"]
    assert out.exists()
    out.unlink()
    r = cli("export", str(path), "-o", str(out), "--strict")
    assert r.returncode == 1
    assert "not written" in r.stderr and not out.exists()
    clean = _write_project(tmp_path, with_problem=False)
    r = cli("export", str(clean), "-o", str(out), "--strict")
    assert r.returncode == 0 and r.stderr == "" and out.exists()


def test_text_items_are_the_analysts_own():
    # reporting (claims) and judgment (text items) stay apart in the model
    a = article("s1", SANKTIONEN)
    c = claim(a, "s1c2", "Die Regierung wies die Vorwürfe zurück.")
    p = project_with([a], [c])
    kinds_in_order = [type(i).__name__ for s in p.brief.sections for i in s.items]
    assert kinds_in_order == ["TextItem", "ClaimItem"]
    assert isinstance(p.brief.sections[0].items[0], TextItem)
