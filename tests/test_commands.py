"""Every edit is a command: applying it changes the project as a user expects, reverting it
restores the project exactly (compared as saved JSON)."""
from __future__ import annotations

import pytest

from briefing import commands as cmd
from briefing.claims import extract_claims
from briefing.ingest import load_article
from briefing.model import ClaimItem, TextItem
from briefing.templates import get_template
from conftest import FIXTURES


@pytest.fixture
def project():
    p = cmd.empty_project(get_template(None))
    art = load_article(FIXTURES / "de_hafen.txt")
    art.source.id = "s1"
    cmd.AddArticle(art, extract_claims(art, prefix="s1")).apply(p)
    return p


def dump(p) -> str:
    return p.model_dump_json()


def roundtrip(p, command):
    before = dump(p)
    command.apply(p)
    after = dump(p)
    assert after != before, "the command changed nothing"
    command.revert(p)
    assert dump(p) == before
    command.apply(p)  # redo gives the same result again
    assert dump(p) == after
    return p


def ids(p, section):
    return [i.claim_id if isinstance(i, ClaimItem) else ("text", i.text)
            for s in p.brief.sections if s.id == section for i in s.items]


def test_import_adds_article_claims_and_title():
    p = cmd.empty_project(get_template(None))
    art = load_article(FIXTURES / "en_grid.txt")
    art.source.id = cmd.next_source_id(p)
    c = cmd.AddArticle(art, extract_claims(art, prefix=art.source.id))
    roundtrip(p, c)
    assert p.articles[0].source.id == "s1"
    assert p.brief.title == art.source.title
    assert len(p.claims) > 5
    assert cmd.next_source_id(p) == "s2"


def test_ticking_places_claims_in_the_first_claims_section_and_unticking_removes_them(project):
    roundtrip(project, cmd.SetIncluded(["s1c2", "s1c3"], True))
    assert ids(project, "key-points") == ["s1c2", "s1c3"]
    assert project.claim_by_id()["s1c2"].included
    roundtrip(project, cmd.SetIncluded(["s1c2"], False))
    assert ids(project, "key-points") == ["s1c3"]
    assert not project.claim_by_id()["s1c2"].included


def test_dropping_claims_into_a_section_moves_them_there(project):
    cmd.SetIncluded(["s1c1", "s1c2", "s1c3"], True).apply(project)
    roundtrip(project, cmd.AddClaimsToSection("background", ["s1c3", "s1c5"], 0))
    assert ids(project, "key-points") == ["s1c1", "s1c2"]
    assert ids(project, "background") == ["s1c3", "s1c5"]
    assert project.claim_by_id()["s1c5"].included
    # a drop inside the same section before the claim's own position
    roundtrip(project, cmd.AddClaimsToSection("key-points", ["s1c2"], 0))
    assert ids(project, "key-points") == ["s1c2", "s1c1"]


def test_move_reorders_within_and_across_sections(project):
    cmd.SetIncluded(["s1c1", "s1c2", "s1c3"], True).apply(project)
    roundtrip(project, cmd.MoveItem("key-points", 0, "key-points", 3))
    assert ids(project, "key-points") == ["s1c2", "s1c3", "s1c1"]
    roundtrip(project, cmd.MoveItem("key-points", 2, "key-points", 0))
    assert ids(project, "key-points") == ["s1c1", "s1c2", "s1c3"]
    roundtrip(project, cmd.MoveItem("key-points", 1, "background", 0))
    assert ids(project, "background") == ["s1c2"]


def test_own_text_is_added_edited_and_removed(project):
    add = cmd.AddText("assessment", "Die Lage bleibt angespannt.")
    roundtrip(project, add)
    assert ids(project, "assessment") == [("text", "Die Lage bleibt angespannt.")]
    edit = cmd.EditText("assessment", 0, "Die Lage dürfte angespannt bleiben.")
    roundtrip(project, edit)
    assert isinstance(next(s for s in project.brief.sections if s.id == "assessment").items[0], TextItem)
    assert edit.merge(cmd.EditText("assessment", 0, "Neu"))
    roundtrip(project, cmd.RemoveItem("assessment", 0))
    assert ids(project, "assessment") == []


def test_removing_a_claim_from_the_brief_unticks_it(project):
    cmd.SetIncluded(["s1c4"], True).apply(project)
    roundtrip(project, cmd.RemoveItem("key-points", 0))
    assert not project.claim_by_id()["s1c4"].included


def test_editing_paraphrase_keeps_the_quote_and_merges_keystrokes(project):
    quote = project.claim_by_id()["s1c3"].text
    first = cmd.EditClaim("s1c3", paraphrase="Mehr als 11.000")
    roundtrip(project, first)
    assert first.merge(cmd.EditClaim("s1c3", paraphrase="Mehr als 11.000 Lkw warten."))
    first.revert(project)
    first.apply(project)
    c = project.claim_by_id()["s1c3"]
    assert c.paraphrase == "Mehr als 11.000 Lkw warten." and c.text == quote
    assert not first.merge(cmd.EditClaim("s1c4", paraphrase="x"))
    roundtrip(project, cmd.EditClaim("s1c3", reliability="B", credibility=2))
    roundtrip(project, cmd.EditClaim("s1c3", tags=["Logistik"], note="prüfen"))


def test_invalid_grade_is_refused_and_nothing_changes(project):
    before = dump(project)
    with pytest.raises(cmd.CommandError):
        cmd.EditClaim("s1c3", credibility=9).apply(project)
    with pytest.raises(cmd.CommandError):
        cmd.EditClaim("nope", note="x").apply(project)
    assert dump(project) == before


def test_make_claim_from_a_selection(project):
    text = project.articles[0].text
    start = text.index("mehr als 11.000 Lkw")
    c = cmd.MakeClaim("s1", start - 1, start + len("mehr als 11.000 Lkw") + 1)
    roundtrip(project, c)
    made = project.claim_by_id()[c.claim.id]
    assert made.text == "mehr als 11.000 Lkw" and made.manual and made.paragraph == 3
    order = [x.start for x in project.claims]
    assert order == sorted(order)
    with pytest.raises(cmd.CommandError):
        cmd.MakeClaim("s1", 5, 5).apply(project)


def test_split_and_merge(project):
    c2 = next(c for c in project.claims if c.text.startswith("Laut Angaben"))
    cid = c2.id
    cmd.SetIncluded([cid], True).apply(project)
    quote = c2.text
    cut = c2.text.index(" wurden") + c2.start
    split = cmd.SplitClaim(cid, cut)
    roundtrip(project, split)
    a, b = project.claim_by_id()[cid], project.claim_by_id()[split.new_claim.id]
    assert a.text.endswith("Hafenbehörde") and b.text.startswith("wurden")
    assert ids(project, "key-points") == [cid, split.new_claim.id]
    merge = cmd.MergeClaims([cid, split.new_claim.id])
    roundtrip(project, merge)
    assert project.claim_by_id()[cid].text == quote
    assert ids(project, "key-points") == [cid]
    with pytest.raises(cmd.CommandError):
        cmd.SplitClaim(cid, project.claim_by_id()[cid].start).apply(project)


def test_edit_source_and_brief_metadata(project):
    import datetime as dt

    roundtrip(project, cmd.EditSource("s1", publisher="Hafenkurier", published=dt.date(2025, 4, 3)))
    assert project.articles[0].source.publisher == "Hafenkurier"
    roundtrip(project, cmd.EditBrief(title="Lage Konstanza", author="A. Analyst"))
    with pytest.raises(cmd.CommandError):
        cmd.EditSource("s1", id="x")


def test_apply_template_keeps_items_of_matching_sections(project):
    from briefing.model import TemplateSection

    cmd.SetIncluded(["s1c1"], True).apply(project)
    t = project.template.model_copy(deep=True)
    t.name = "short"
    t.sections = [TemplateSection(id="facts", title="Facts")]
    roundtrip(project, cmd.ApplyTemplate(t))
    assert [s.id for s in project.brief.sections] == ["facts"]
    assert ids(project, "facts") == ["s1c1"]
