"""Project files: self-contained, every quote verifiable from the file alone, older versions migrated."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from briefing.brief import new_project
from briefing.checks import check_project
from briefing.errors import ProjectError
from briefing.model import SCHEMA_VERSION, ClaimItem, TextItem
from briefing.project import dumps, load_project, loads, save_project, verify_original, verify_quotes
from briefing.templates import get_template
from conftest import FIXTURES

V0 = FIXTURES / "project_v0.brief"


def test_a_schema_0_project_is_migrated():
    p = load_project(V0)
    assert p.schema_version == SCHEMA_VERSION
    (a,) = p.articles
    assert a.source.publisher == "Kanalkurier" and a.source.language == "de" and a.source.file_name == "schleuse.txt"
    assert a.source.published == dt.date(2026, 3, 2)
    assert [(q.start, q.end) for q in a.paragraphs][0] == (0, 34)
    c2 = p.claim_by_id()["s1c2"]
    assert c2.source_id == "s1" and c2.paragraph == 1 and c2.stance == "reported"
    assert c2.attribution.source == "Wasserstraßenamt" and c2.attribution.cue == "nach Angaben"
    assert c2.paraphrase == "Rund 140 Schiffe warten." and c2.included
    assert not p.claim_by_id()["s1c3"].included
    s0, s1 = p.brief.sections
    assert s0.items == [TextItem(text="Der Kanal bleibt bis Freitag blockiert.")]
    assert s1.items == [ClaimItem(claim_id="s1c1"), ClaimItem(claim_id="s1c2")]
    assert p.brief.title == "Lage am Nordkanal" and p.brief.date == dt.date(2026, 3, 3)
    assert p.template == get_template("lagebild")  # stored by name in schema 0
    assert verify_quotes(p) == []


def test_a_migrated_project_saves_as_the_current_schema(tmp_path):
    p = load_project(V0)
    out = tmp_path / "neu.brief"
    save_project(p, out)
    raw = json.loads(out.read_text(encoding="utf-8"))
    assert raw["schema_version"] == SCHEMA_VERSION and "sources" not in raw
    assert load_project(out) == p


def test_a_colleague_can_verify_every_quote_from_the_file_alone(tmp_path):
    p = load_project(V0)
    original = tmp_path / "schleuse.txt"
    original.write_bytes(p.articles[0].text.encode("utf-8"))
    assert verify_original(p, "s1", original)
    original.write_bytes(b"changed")
    assert not verify_original(p, "s1", original)
    raw = json.loads(dumps(p))
    raw["claims"][1]["text"] = raw["claims"][1]["text"].replace("140", "240")  # someone edited a quote
    q = loads(json.dumps(raw).encode())
    assert verify_quotes(q) == ["s1c2"]
    assert [f.kind for f in check_project(q) if f.claim_id == "s1c2"] == ["quote-changed"]


def test_a_new_project_holds_everything(fixtures):
    from briefing.ingest import load_article

    a = load_article(fixtures / "de_hafen.txt")
    a.source.id = "s1"
    p = new_project([a], [], get_template("lagebild"))
    raw = json.loads(dumps(p))
    src = raw["articles"][0]["source"]
    assert raw["articles"][0]["text"] == (fixtures / "de_hafen.txt").read_text(encoding="utf-8")
    assert len(src["sha256"]) == 64 and src["imported"]
    assert raw["template"]["name"] == "lagebild" and raw["schema_version"] == SCHEMA_VERSION
    assert verify_original(p, "s1", fixtures / "de_hafen.txt")


@pytest.mark.parametrize("change, reason", [
    (lambda r: r.update(schema_version=SCHEMA_VERSION + 1), "from a newer Briefing"),
    (lambda r: r.update(schema_version="1"), "has no schema_version"),
    (lambda r: r["sources"][0].pop("text"), "damaged project file (schema 0)"),
    (lambda r: r["claims"][0].update(start="x"), "damaged project file"),
])
def test_damaged_old_files_give_one_line(change, reason):
    raw = json.loads(V0.read_text(encoding="utf-8"))
    change(raw)
    with pytest.raises(ProjectError) as exc:
        loads(json.dumps(raw).encode(), "old.brief")
    assert reason in str(exc.value) and "\n" not in str(exc.value)


def test_a_hostile_template_inside_a_project_is_refused():
    raw = json.loads(dumps(load_project(V0)))
    raw["template"]["style_base"] = "../../../etc/house.docx"
    with pytest.raises(ProjectError, match="template in project file: style_base must be a file name"):
        loads(json.dumps(raw).encode(), "x.brief")
    raw["template"]["style_base"] = None
    raw["template"]["sections"][0]["guidance"] = "{title.__class__}"
    with pytest.raises(ProjectError, match="unknown placeholder"):
        loads(json.dumps(raw).encode(), "x.brief")
