"""The brief model: sections with claim references and the analyst's text, template switches that
lose nothing, and exports that follow the layout saved in a .brief."""
from __future__ import annotations

import datetime as dt
import json
import zipfile

import docx
import pytest

from briefing.brief import (
    add_claim,
    add_text,
    apply_template,
    claim_display,
    layout_template,
    new_project,
    prepare_export,
    quote_is_verbatim,
    remove_claim,
)
from briefing.model import Article, BriefSection, Claim, ClaimItem, Paragraph, Source, TextItem
from briefing.project import loads, save_project
from briefing.templates import get_template

TEXT = (
    "Fähre nach Sturm wieder in Betrieb\n"
    "Die Fährverbindung zwischen den beiden Inseln ist seit Montag wieder in Betrieb. "
    "Laut Reederei wurden 1.800 Fahrgäste umgebucht.\n"
    "Der Hafenmeister sagte, die Schäden an der Mole seien gering.\n"
)


def article() -> Article:
    paras, pos = [], 0
    for line in TEXT.split("\n"):
        if line:
            paras.append(Paragraph(start=pos, end=pos + len(line)))
        pos += len(line) + 1
    return Article(source=Source(id="s1", title="Fähre nach Sturm wieder in Betrieb", publisher="Inselbote",
                                 language="de"), text=TEXT, paragraphs=paras)


def claims(a: Article) -> list[Claim]:
    out = []
    for i, sentence in enumerate(["Die Fährverbindung zwischen den beiden Inseln ist seit Montag wieder in Betrieb.",
                                  "Laut Reederei wurden 1.800 Fahrgäste umgebucht.",
                                  "Der Hafenmeister sagte, die Schäden an der Mole seien gering."], start=1):
        start = a.text.index(sentence)
        out.append(Claim(id=f"s1c{i}", source_id="s1", start=start, end=start + len(sentence), text=sentence,
                         paragraph=a.paragraph_at(start)[0], stance="asserted" if i == 1 else "reported"))
    return out


def project(template="lagebild"):
    a = article()
    return new_project([a], claims(a), get_template(template), date=dt.date(2026, 11, 20), author="A. Muster")


def test_new_brief_puts_claims_in_the_first_claims_section():
    p = project()
    assert [s.id for s in p.brief.sections] == [s.id for s in get_template("lagebild").sections]
    assert p.brief.sections[1].id == "meldungen"
    assert p.brief.claim_ids() == ["s1c1", "s1c2", "s1c3"]
    assert all(c.included for c in p.claims)


def test_editing_sections():
    p = project()
    add_claim(p, "s1c3", "hintergrund")
    assert [i.claim_id for i in p.brief.sections[1].items] == ["s1c1", "s1c2"]
    assert [i.claim_id for i in p.brief.sections[3].items] == ["s1c3"]
    add_text(p, "hintergrund", "Die Mole wurde 1998 erneuert.", index=0)
    assert isinstance(p.brief.sections[3].items[0], TextItem)
    remove_claim(p, "s1c1")
    assert p.brief.claim_ids() == ["s1c2", "s1c3"]
    with pytest.raises(Exception, match="unknown claim"):
        add_claim(p, "s9c9")


def test_quote_stays_linked_to_its_span_and_paraphrase_sits_next_to_it():
    p = project("source-digest")
    a, c = p.articles[0], p.claims[1]
    c.paraphrase = "Die Reederei hat 1.800 Fahrgäste umgebucht."
    assert quote_is_verbatim(c, a)
    shown = claim_display(c, a, p.template)  # source-digest shows quotes
    assert shown.is_quote and shown.text == "Laut Reederei wurden 1.800 Fahrgäste umgebucht."
    shown = claim_display(c, a, get_template("lagebild"))  # lagebild shows the paraphrase
    assert not shown.is_quote and shown.paraphrased and shown.text == c.paraphrase
    c.text = "Laut Reederei wurden 2.000 Fahrgäste umgebucht."
    shown = claim_display(c, a, p.template)
    assert not shown.is_quote and not shown.verbatim
    c.start = len(a.text) + 5  # offsets out of range never count as verbatim
    assert not quote_is_verbatim(c, a)


def test_switching_templates_keeps_every_item():
    p = project("lagebild")
    add_text(p, "bewertung", "Der Betrieb ist wahrscheinlich stabil.")
    add_claim(p, "s1c3", "hintergrund")
    apply_template(p, get_template("press-summary"))
    assert [s.id for s in p.brief.sections] == [s.id for s in get_template("press-summary").sections]
    reports = p.brief.sections[1]
    assert reports.id == "reports"
    # claims from Meldungen and Hintergrund and the text from Bewertung all land in Reports
    assert [getattr(i, "claim_id", None) or i.text for i in reports.items] == [
        "s1c1", "s1c2", "s1c3", "Der Betrieb ist wahrscheinlich stabil."]
    assert sorted(p.brief.claim_ids()) == ["s1c1", "s1c2", "s1c3"]


def test_layout_template_follows_the_brief():
    p = project("analyst-brief")
    p.brief.sections.insert(1, BriefSection(id="watch", title="What to watch", items=[TextItem(text="Storms.")]))
    p.brief.sections = [s for s in p.brief.sections if s.id != "background"]
    p.brief.sections[2].title = "Main points"  # key-points renamed by the analyst
    t = layout_template(p)
    assert [s.id for s in t.sections] == ["bottom-line", "watch", "key-points", "key-figures", "background",
                                          "assessment", "sources"]
    assert t.sections[1].kind == "text" and t.sections[2].title == "Main points"
    assert t.citation == p.template.citation


def test_prepare_export_fills_placeholders_but_not_the_saved_project():
    p = project("lagebild")
    p.template = p.template.model_copy(update={"classification": "VS-NfD – {organisation}"})
    p.brief.organisation = "Referat 3"
    p.brief.classification = p.template.classification
    e = prepare_export(p)
    assert e.template.classification == "VS-NfD – Referat 3"
    assert e.brief.classification == "VS-NfD – Referat 3"
    assert e.template.claims.attribution["de"] == "Laut {source} "  # compose fills {source} per claim
    assert p.template.classification == "VS-NfD – {organisation}"


def test_export_honours_the_section_layout_saved_in_the_brief(cli, tmp_path):
    p = project("analyst-brief")
    add_text(p, "bottom-line", "Der Fährbetrieb läuft wieder.")
    add_text(p, "assessment", "Weitere Ausfälle sind unwahrscheinlich.")
    add_claim(p, "s1c3", "background")
    p.brief.sections.insert(4, BriefSection(id="watch", title="What to watch",
                                            items=[TextItem(text="Die nächste Sturmwarnung.")]))
    path = tmp_path / "f.brief"
    save_project(p, path)
    out = tmp_path / "f.docx"
    r = cli("export", str(path), "-o", str(out))
    assert r.returncode == 0, r.stderr
    paras = [(q.style.name, q.text) for q in docx.Document(out).paragraphs if q.text.strip()]
    headings = [t for s, t in paras if s.startswith("Heading")]
    # no claim has a number: the empty key-figures section is left out of the brief
    assert headings == ["Bottom line", "Key points", "Background", "What to watch", "Assessment", "Sources"]
    texts = [t for _, t in paras]
    assert texts.index("Die nächste Sturmwarnung.") == texts.index("What to watch") + 1
    background = texts.index("Background")
    assert any("Schäden an der Mole" in t for t in texts[background:texts.index("What to watch")])
    # exporting under another template keeps every claim
    out2 = tmp_path / "g.docx"
    r = cli("export", str(path), "-o", str(out2), "--template", "press-summary")
    assert r.returncode == 0, r.stderr
    text = "\n".join(q.text for q in docx.Document(out2).paragraphs)
    for c in p.claims:
        assert c.text.split(",")[0][:30] in text


def test_several_sources_and_grading_survive_a_save(tmp_path):
    a = article()
    b = Article(source=Source(id="s2", title="Zweite Quelle", publisher="Festlandzeitung"), text="Zweite Quelle\n",
                paragraphs=[Paragraph(start=0, end=13)])
    cs = claims(a) + [Claim(id="s2c1", source_id="s2", start=0, end=13, text="Zweite Quelle", paragraph=1)]
    cs[1].reliability, cs[1].credibility, cs[1].tags, cs[1].note = "B", 2, ["fähre"], "prüfen"
    p = new_project([a, b], cs, get_template("analyst-brief"))
    path = tmp_path / "x.brief"
    save_project(p, path)
    q = loads(path.read_bytes())
    assert q == p
    assert len(q.articles) == 2 and q.claims[1].reliability == "B" and q.claims[1].credibility == 2
