"""The command-line contract that users' scripts rely on."""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from conftest import FIXTURES, SAMPLE

ARTICLES = [FIXTURES / "de_hafen.txt", FIXTURES / "en_grid.txt"]


def check_invariants(obj: dict) -> None:
    text = obj["text"]
    prev_end = 0
    for c in obj["claims"]:
        assert c["text"] == text[c["start"] : c["end"]]
        assert c["start"] >= prev_end, "claims overlap or are out of order"
        prev_end = c["end"]
        assert c["stance"] in ("asserted", "reported", "hedged")
        assert c["paragraph"] >= 1
        assert isinstance(c["numbers"], list) and isinstance(c["dates"], list)
    assert len({c["id"] for c in obj["claims"]}) == len(obj["claims"])


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_claims_json_for_our_articles(cli, path):
    r = cli("claims", str(path))
    assert r.returncode == 0, r.stderr
    obj = json.loads(r.stdout)
    assert obj["file"] == str(path)
    assert obj["text"] == path.read_text(encoding="utf-8")
    check_invariants(obj)
    first = obj["claims"][0]
    assert first["paragraph"] == 1 and first["start"] == 0
    assert first["text"] == path.read_text(encoding="utf-8").split("\n")[0]
    assert set(obj["source"]) == {"title", "publisher", "author", "published", "url", "language"}
    assert obj["source"]["title"] == first["text"]


def test_language_is_detected(cli):
    langs = [json.loads(cli("claims", str(p)).stdout)["source"]["language"] for p in ARTICLES]
    assert langs == ["de", "en"]


@pytest.mark.skipif(not SAMPLE.exists(), reason="shared sample not present")
def test_claims_on_the_sample_article(cli):
    r = cli("claims", str(SAMPLE))
    assert r.returncode == 0, r.stderr
    obj = json.loads(r.stdout)
    check_invariants(obj)
    assert obj["source"]["language"] == "de"
    assert len(obj["claims"]) > 20


def test_several_files_give_json_lines_and_stable_ids(cli):
    r1 = cli("claims", *map(str, ARTICLES))
    r2 = cli("claims", *map(str, ARTICLES))
    assert r1.returncode == 0
    lines = r1.stdout.strip().split("\n")
    assert len(lines) == 2
    objs = [json.loads(line) for line in lines]
    assert [o["file"] for o in objs] == [str(p) for p in ARTICLES]
    ids = [c["id"] for o in objs for c in o["claims"]]
    assert len(set(ids)) == len(ids), "ids must be unique within one run"
    assert r1.stdout == r2.stdout


def test_one_failing_file_does_not_stop_the_others(cli, tmp_path):
    missing = tmp_path / "nope.txt"
    r = cli("claims", str(ARTICLES[0]), str(missing), str(ARTICLES[1]))
    assert r.returncode == 1
    lines = r.stdout.strip().split("\n")
    assert len(lines) == 2
    err = r.stderr.strip().split("\n")
    assert err == [f"briefing: error: {missing}: no such file"]
    assert "Traceback" not in r.stderr


def test_standard_input(cli):
    data = ARTICLES[1].read_bytes()
    r = cli("claims", "-", stdin=data)
    assert r.returncode == 0, r.stderr
    obj = json.loads(r.stdout)
    assert obj["file"] == "-"
    assert obj["text"] == data.decode()


def test_text_format(cli):
    r = cli("claims", "--format", "text", str(ARTICLES[1]))
    assert r.returncode == 0
    assert "s1c1" in r.stdout and "Grid operator warns" in r.stdout


def test_usage_errors_exit_2(cli, tmp_path):
    assert cli("claims").returncode == 2
    assert cli("frobnicate").returncode != 0
    r = cli("build", str(ARTICLES[0]), "-o", str(tmp_path / "brief.odt"))
    assert r.returncode == 2
    assert "usage:" in r.stderr
    assert not (tmp_path / "brief.odt").exists()


def test_empty_file_is_an_error(cli, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    r = cli("claims", str(empty))
    assert r.returncode == 1
    assert r.stderr.strip() == f"briefing: error: {empty}: file is empty"


@pytest.mark.parametrize("suffix", [".docx", ".pdf", ".brief", ".DOCX"])
def test_build_writes_each_format(cli, tmp_path, suffix):
    out = tmp_path / f"brief{suffix}"
    r = cli("build", *map(str, ARTICLES), "-o", str(out), "--title", "Häfen und Netze", "--date", "2026-11-20")
    assert r.returncode == 0, r.stderr
    data = out.read_bytes()
    if suffix.lower() == ".pdf":
        assert data.startswith(b"%PDF")
    elif suffix.lower() == ".docx":
        with zipfile.ZipFile(out) as z:
            assert "word/document.xml" in z.namelist()
    else:
        obj = json.loads(data)
        assert obj["schema_version"] >= 1
        assert len(obj["articles"]) == 2


def test_build_with_selected_ids_and_unknown_id(cli, tmp_path):
    obj = json.loads(cli("claims", str(ARTICLES[0])).stdout)
    ids = [c["id"] for c in obj["claims"]][2:4]
    out = tmp_path / "b.brief"
    r = cli("build", str(ARTICLES[0]), "-o", str(out), "--select", ",".join(ids))
    assert r.returncode == 0, r.stderr
    project = json.loads(out.read_text())
    used = [i["claim_id"] for s in project["brief"]["sections"] for i in s["items"] if i["kind"] == "claim"]
    assert used == ids
    r = cli("build", str(ARTICLES[0]), "-o", str(tmp_path / "x.pdf"), "--select", "s1c999")
    assert r.returncode == 1
    assert "s1c999" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_failed_build_leaves_existing_output_untouched(cli, tmp_path):
    out = tmp_path / "brief.pdf"
    out.write_bytes(b"old content")
    r = cli("build", str(tmp_path / "missing.txt"), "-o", str(out))
    assert r.returncode == 1
    assert out.read_bytes() == b"old content"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.pdf"]


def test_export_from_project(cli, tmp_path):
    project = tmp_path / "b.brief"
    assert cli("build", str(ARTICLES[0]), "-o", str(project)).returncode == 0
    out = tmp_path / "b.docx"
    r = cli("export", str(project), "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert zipfile.is_zipfile(out)


def test_templates_list(cli):
    r = cli("templates", "list")
    assert r.returncode == 0
    names = [line.split("\t")[0] for line in r.stdout.strip().split("\n")]
    assert "analyst-brief" in names


def test_a_wrong_output_extension_shows_the_commands_own_usage(cli, tmp_path):
    r = cli("build", str(FIXTURES / "en_grid.txt"), "-o", str(tmp_path / "brief.xyz"))
    assert r.returncode == 2 and not list(tmp_path.iterdir())
    assert r.stderr.startswith("usage: briefing build ")
    assert "briefing build: error: -o/--output: unsupported output format '.xyz'" in r.stderr
    r = cli("export", str(FIXTURES / "project_v0.brief"), "-o", str(tmp_path / "again.brief"))
    assert r.returncode == 2 and r.stderr.startswith("usage: briefing export ")


def test_every_build_and_export_option_is_explained_in_help(cli):
    for cmd in ("build", "export"):
        r = cli(cmd, "--help")
        assert r.returncode == 0
        options = r.stdout.split("options:", 1)[1]
        for line in options.splitlines():
            if line.startswith("  -") and "  " not in line.strip():
                # an option alone on its line must have its help on the next line
                nxt = options.splitlines()[options.splitlines().index(line) + 1]
                assert nxt.startswith(" " * 10), f"{cmd}: {line.strip()} has no help"


@pytest.mark.parametrize("suffix", [".pdf", ".docx", ".brief"])
def test_output_that_is_a_folder_gets_one_clear_line(cli, tmp_path, suffix):
    folder = tmp_path / f"brief{suffix}"
    folder.mkdir()
    r = cli("build", str(FIXTURES / "en_grid.txt"), "-o", str(folder))
    assert r.returncode == 1
    assert r.stderr.splitlines()[-1] == f"briefing: error: {folder}: is a directory, not a file"
    assert list(folder.iterdir()) == [] and sorted(p.name for p in tmp_path.iterdir()) == [folder.name]


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs a folder nobody can create files in (Linux /proc)")
@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
def test_unwritable_folder_is_no_internal_error(cli, suffix):
    r = cli("build", str(FIXTURES / "en_grid.txt"), "-o", f"/proc/brief{suffix}")
    assert r.returncode == 1
    last = r.stderr.splitlines()[-1]
    assert last.startswith(f"briefing: error: /proc/brief{suffix}: cannot write the file (")
    assert "internal error" not in r.stderr and ".briefing-" not in r.stderr


def test_empty_select_list_is_an_error(cli, tmp_path):
    out = tmp_path / "b.pdf"
    r = cli("build", str(ARTICLES[0]), "-o", str(out), "--select", " , ")
    assert r.returncode == 1
    assert r.stderr.strip().startswith("briefing: error: --select: no claim ids given")
    assert not out.exists()
