"""The template library: built-ins, save/duplicate/rename/delete, export/import round trip,
placeholders, and hostile template files refused without side effects."""
from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from briefing import templates as tl
from briefing.brief import add_text, new_project
from briefing.errors import TemplateError
from briefing.model import Article, Paragraph, Source, Template
from briefing.paths import user_data_dir

BUILTINS = ["analyst-brief", "lagebild", "source-digest", "press-summary"]


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its content (to prove nothing changed)."""
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def minimal(**over) -> dict:
    data = {"name": "Colleague brief", "description": "from a colleague", "language": "de",
            "sections": [{"id": "lage", "title": "Lage", "kind": "claims"}]}
    data.update(over)
    return data


def write_json(path: Path, obj) -> Path:
    path.write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")
    return path


# --------------------------------------------------------------------------- built-ins


def test_the_four_builtins_are_listed_and_valid(cli):
    r = cli("templates", "list")
    assert r.returncode == 0, r.stderr
    names = [line.split("\t")[0] for line in r.stdout.strip().split("\n")]
    assert names[:4] == sorted(BUILTINS) or set(BUILTINS) <= set(names)
    for name in BUILTINS:
        t = tl.get_template(name)
        tl.check_template(t, name)
        assert t.sections and t.description
    assert tl.get_template(None).name == "analyst-brief"
    assert tl.get_template("lagebild").language == "de"
    digest = tl.get_template("source-digest")
    assert [s.group_by_source for s in digest.sections if s.kind == "claims"] == [True]


def test_builtin_files_are_canonical_after_a_round_trip(tmp_path):
    for name in BUILTINS:
        t = tl.get_template(name)
        assert Template.model_validate(json.loads(tl.template_json(t))) == t


# --------------------------------------------------------------------------- placeholders


def test_only_whitelisted_placeholders_are_filled():
    values = {"title": "Lage Nord", "date": "20. November 2026", "author": "A. Muster", "organisation": "Referat 3",
              "source": "Nordkurier"}
    text = "{title} – {date} – {author} – {organisation} – {source} – {title.__class__} – {0} – {{title}}"
    assert tl.fill_placeholders(text, values) == (
        "Lage Nord – 20. November 2026 – A. Muster – Referat 3 – Nordkurier – {title.__class__} – {0} – {Lage Nord}")
    assert tl.fill_placeholders("Stand: {date}", {}) == "Stand: "


@pytest.mark.parametrize("field, value", [
    ("description", "Stand {title.__init__.__globals__}"),
    ("default_title", "{__import__('os')}"),
    ("classification", "{classification}"),
])
def test_unknown_placeholders_are_refused(tmp_path, field, value):
    f = write_json(tmp_path / "t.json", minimal(**{field: value}))
    with pytest.raises(TemplateError, match="unknown placeholder"):
        tl.load_template_file(f)


def test_placeholders_filled_in_a_new_brief():
    art = Article(source=Source(id="s1", title="Hafenlage", publisher="Nordkurier"), text="Hafenlage\n",
                  paragraphs=[Paragraph(start=0, end=9)])
    p = new_project([art], [], tl.get_template("lagebild"), date=dt.date(2026, 11, 20))
    assert p.brief.title == "Lagebild vom 20. November 2026"
    p = new_project([art], [], tl.get_template("analyst-brief"), date=dt.date(2026, 11, 20))
    assert p.brief.title == "Brief: Nordkurier"
    p = new_project([art], [], tl.get_template("analyst-brief"), title="Given")
    assert p.brief.title == "Given"


# --------------------------------------------------------------------------- the library


def test_library_lives_in_the_data_dir_and_supports_every_operation():
    assert tl.library_dir() == user_data_dir() / "templates"
    t = tl.duplicate_template("lagebild", "Lagebild Nord")
    assert t.name == "Lagebild Nord" and t.sections == tl.get_template("lagebild").sections
    assert (tl.library_dir() / "lagebild-nord.json").is_file()
    assert "Lagebild Nord" in [x.name for x in tl.list_templates()]
    tl.rename_template("Lagebild Nord", "Lagebild Süd")
    names = [x.name for x in tl.list_templates()]
    assert "Lagebild Süd" in names and "Lagebild Nord" not in names
    assert not (tl.library_dir() / "lagebild-nord.json").exists()
    with pytest.raises(TemplateError, match="already in your library"):
        tl.duplicate_template("lagebild", "Lagebild Süd")
    tl.delete_template("Lagebild Süd")
    assert "Lagebild Süd" not in [x.name for x in tl.list_templates()]
    assert sorted(p.name for p in tl.library_dir().iterdir()) == []


def test_builtins_cannot_be_overwritten_renamed_or_deleted():
    with pytest.raises(TemplateError, match="cannot be deleted"):
        tl.delete_template("lagebild")
    with pytest.raises(TemplateError, match="cannot be renamed"):
        tl.rename_template("lagebild", "Mein Lagebild")
    with pytest.raises(TemplateError, match="built-in template has this name"):
        tl.duplicate_template("analyst-brief", "lagebild")


def test_save_the_current_brief_as_a_template():
    art = Article(source=Source(id="s1", title="x"), text="x\n", paragraphs=[Paragraph(start=0, end=1)])
    p = new_project([art], [], tl.get_template("analyst-brief"))
    from briefing.model import BriefSection

    p.brief.sections.insert(2, BriefSection(id="outlook", title="Outlook"))
    add_text(p, "outlook", "What to watch.")
    p.brief.sections[1].title = "Main points"
    t = tl.save_as_template(p, "My brief", "with an outlook")
    assert t.description == "with an outlook"
    assert [s.id for s in t.sections][:4] == ["bottom-line", "key-points", "outlook", "key-figures"]
    assert t.sections[1].title == "Main points" and t.sections[2].kind == "text"
    assert t.citation == tl.get_template("analyst-brief").citation
    assert tl.get_template("My brief") == t


# --------------------------------------------------------------------------- export / import


def test_a_template_round_trips_through_export_and_import(tmp_path):
    original = tl.duplicate_template("lagebild", "Lagebild Ost")
    f = tmp_path / "lagebild-ost.json"
    assert tl.export_template("Lagebild Ost", f) == []
    first = f.read_bytes()
    tl.delete_template("Lagebild Ost")
    imported, warnings = tl.import_template(f)
    assert warnings == []
    assert imported == original
    f2 = tmp_path / "again.json"
    tl.export_template("Lagebild Ost", f2)
    assert f2.read_bytes() == first


def test_round_trip_on_the_command_line(cli, tmp_path):
    f = tmp_path / "press.json"
    r = cli("templates", "export", "press-summary", str(f))
    assert r.returncode == 0, r.stderr
    r = cli("templates", "import", str(f))
    assert r.returncode == 1
    assert r.stderr.strip() == "briefing: error: press-summary: a built-in template has this name; choose another"
    r = cli("templates", "import", str(f), "Press EN")
    assert r.returncode == 0, r.stderr
    f2 = tmp_path / "press2.json"
    assert cli("templates", "export", "Press EN", str(f2)).returncode == 0
    a, b = json.loads(f.read_text()), json.loads(f2.read_text())
    assert b.pop("name") == "Press EN" and a.pop("name") == "press-summary"
    assert a == b
    r = cli("templates", "show", "Press EN")
    assert r.returncode == 0 and json.loads(r.stdout)["name"] == "Press EN"
    assert cli("templates", "duplicate", "Press EN", "Press 2").returncode == 0
    assert cli("templates", "rename", "Press 2", "Press 3").returncode == 0
    assert cli("templates", "delete", "Press 3").returncode == 0
    names = [line.split("\t")[0] for line in cli("templates", "list").stdout.split("\n") if line]
    assert "Press EN" in names and "Press 3" not in names and "Press 2" not in names
    r = cli("templates", "validate", str(f))
    assert r.returncode == 0 and "valid template 'press-summary'" in r.stdout
    r = cli("templates", "import", str(f), "Press EN")
    assert r.returncode == 1 and "already in your library" in r.stderr
    r = cli("templates", "import", str(f), "Press EN", "--replace")
    assert r.returncode == 0, r.stderr


def test_usage_errors_exit_2(cli):
    r = cli("templates", "export", "lagebild")
    assert r.returncode == 2 and "usage: briefing templates export NAME FILE" in r.stderr


def test_build_with_a_template_file(cli, tmp_path, fixtures):
    f = write_json(tmp_path / "t.json", minimal(sections=[{"id": "lage", "title": "Lage am {date}"}],
                                                default_title="Lage {date}"))
    out = tmp_path / "b.brief"
    r = cli("build", str(fixtures / "de_hafen.txt"), "-o", str(out), "--template", str(f), "--date", "2026-11-20")
    assert r.returncode == 0, r.stderr
    obj = json.loads(out.read_text())
    assert obj["brief"]["title"] == "Lage 20. November 2026"
    assert obj["template"]["sections"][0]["title"] == "Lage am {date}"  # saved unfilled, filled on export


# --------------------------------------------------------------------------- hostile files


def hostile_case(tmp_path: Path, case: str) -> Path:
    folder = tmp_path / "incoming"
    folder.mkdir()
    f = folder / "template.json"
    if case == "unknown key":
        write_json(f, minimal(run="rm -rf ~"))
    elif case == "unknown nested key":
        write_json(f, minimal(sections=[{"id": "a", "title": "A", "onload": "x"}]))
    elif case == "oversized field":
        write_json(f, minimal(description="x" * 5000))
    elif case == "too many sections":
        write_json(f, minimal(sections=[{"id": f"s{i}", "title": "S"} for i in range(41)]))
    elif case == "path traversal in style_base":
        write_json(f, minimal(style_base="../../house.docx"))
    elif case == "absolute path":
        write_json(f, minimal(style_base="/etc/house.docx"))
    elif case == "windows path":
        write_json(f, minimal(style_base="C:\\Users\\x\\house.docx"))
    elif case == "symlink out":
        outside = tmp_path / "secret.docx"
        outside.write_bytes(b"PK\x03\x04 not really")
        os.symlink(outside, folder / "house.docx")
        write_json(f, minimal(style_base="house.docx"))
    elif case == "style base is a folder":
        (folder / "house.docx").mkdir()
        write_json(f, minimal(style_base="house.docx"))
    elif case == "not JSON":
        f.write_bytes(b"name = 'x'\n[sections]\n")
    elif case == "binary":
        f.write_bytes(bytes(range(256)) * 4)
    elif case == "huge file":
        f.write_bytes(b'{"name": "x", "description": "' + b"a" * (tl.MAX_TEMPLATE_BYTES + 10) + b'"}')
    elif case == "deeply nested":
        f.write_bytes(b'{"name": ' + b"[" * 100000 + b"]" * 100000 + b"}")
    elif case == "not an object":
        write_json(f, [minimal()])
    elif case == "control characters":
        write_json(f, minimal(classification="GEHEIM\u001b[2J"))
    elif case == "format string":
        write_json(f, minimal(claims={"attribution": {"de": "Laut {source.__class__.__mro__} "}}))
    elif case == "missing style base":
        write_json(f, minimal(style_base="house.docx"))
    elif case == "template is a folder":
        f.mkdir()
    return f


HOSTILE = {
    "unknown key": "unknown field 'run'",
    "unknown nested key": "unknown field 'sections.0.onload'",
    "oversized field": "description is too long (at most 500 characters)",
    "too many sections": "sections has too many entries (at most 40)",
    "path traversal in style_base": "style_base must be a file name next to the template, not a path",
    "absolute path": "style_base must be a file name next to the template, not a path",
    "windows path": "style_base must be a file name next to the template, not a path",
    "symlink out": "style base house.docx points outside the template's folder",
    "style base is a folder": "style base house.docx is not a regular file",
    "not JSON": "not a valid template file (JSON:",
    "binary": "not a valid template file (JSON:",
    "huge file": "template file is over 256 KB",
    "deeply nested": "not a valid template file",
    "not an object": "not a valid template file (expected a JSON object)",
    "control characters": "classification contains control characters",
    "format string": "unknown placeholder {source.__class__.__mro__}",
    "missing style base": "style base house.docx is missing next to the template",
    "template is a folder": "template file is a folder, not a file",
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_template_files_are_refused_without_side_effects(cli, tmp_path, case):
    f = hostile_case(tmp_path, case)
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / "templates").mkdir()
    (data_dir / "templates" / "keep.json").write_bytes(tl.template_json(tl.get_template("lagebild")).replace(
        b'"lagebild"', b'"keep"'))
    before_data, before_in = tree(data_dir), tree(tmp_path / "incoming")
    r = cli("templates", "import", str(f), env={"BRIEFING_DATA_DIR": str(data_dir)})
    assert r.returncode == 1, (r.stdout, r.stderr)
    lines = r.stderr.strip().split("\n")
    assert len(lines) == 1 and "Traceback" not in r.stderr
    assert lines[0].startswith(f"briefing: error: {f}: "), lines[0]
    assert HOSTILE[case] in lines[0]
    # validate and --template PATH refuse it the same way, in the core
    with pytest.raises(TemplateError) as exc:
        tl.validate_template_file(f)
    assert HOSTILE[case] in str(exc.value) and str(exc.value).startswith(f"{f}: ")
    with pytest.raises(TemplateError):
        tl.get_template(str(f))
    assert tree(data_dir) == before_data
    assert tree(tmp_path / "incoming") == before_in


def test_damaged_library_file_does_not_break_the_list():
    tl.library_dir().mkdir(parents=True)
    (tl.library_dir() / "broken.json").write_text("{", encoding="utf-8")
    assert set(BUILTINS) <= {t.name for t in tl.list_templates()}


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs a folder nobody can create files in (Linux /proc)")
def test_export_to_a_folder_that_cannot_be_written_is_one_clear_line(cli, tmp_path):
    r = cli("templates", "export", "lagebild", "/proc/lagebild.json", env={"BRIEFING_DATA_DIR": str(tmp_path)})
    assert r.returncode == 1
    assert r.stderr.strip() == "briefing: error: /proc/lagebild.json: cannot write the file (No such file or directory)"


def test_import_messages_tell_the_user_what_to_do(cli, tmp_path):
    empty = tmp_path / "empty.json"
    empty.write_bytes(b"  \n")
    r = cli("templates", "import", str(empty))
    assert r.returncode == 1
    assert r.stderr.strip() == f"briefing: error: {empty}: template file is empty"
    exported = tmp_path / "mine.json"
    assert cli("templates", "export", "lagebild", str(exported)).returncode == 0
    assert cli("templates", "import", str(exported), "Meine Lage").returncode == 0
    again = cli("templates", "import", str(exported), "Meine Lage")
    assert again.returncode == 1 and "--replace" in again.stderr
