"""Files the user asks for (briefs, project files) get ordinary permissions, not mkstemp's 0600."""
from __future__ import annotations

import os
import stat

import pytest

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.mark.parametrize("suffix", [".docx", ".pdf", ".brief"])
def test_build_output_is_readable_by_others_under_umask_022(cli, fixtures, tmp_path, suffix):
    out = tmp_path / f"brief{suffix}"
    old = os.umask(0o022)
    try:
        r = cli("build", str(fixtures / "en_grid.txt"), "-o", str(out), env={"BRIEFING_DATA_DIR": str(tmp_path / "data")})
    finally:
        os.umask(old)
    assert r.returncode == 0, r.stderr
    assert _mode(out) == 0o644


def test_replacing_an_existing_file_keeps_its_mode(cli, fixtures, tmp_path):
    out = tmp_path / "brief.pdf"
    out.write_bytes(b"old")
    os.chmod(out, 0o640)
    r = cli("build", str(fixtures / "en_grid.txt"), "-o", str(out), env={"BRIEFING_DATA_DIR": str(tmp_path / "data")})
    assert r.returncode == 0, r.stderr
    assert out.read_bytes().startswith(b"%PDF")
    assert _mode(out) == 0o640


@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_export_from_the_window_gets_the_same_permissions(fixtures, tmp_path, suffix):
    pytest.importorskip("PySide6")
    from briefing.brief import new_project
    from briefing.cli import claims_for, load_inputs
    from briefing.templates import get_template
    from ui.export_dialog import export_project

    arts = load_inputs([str(fixtures / "en_grid.txt")], None)
    project = new_project(arts, claims_for(arts[0]), get_template(None))
    out = tmp_path / f"brief{suffix}"
    old = os.umask(0o022)
    try:
        export_project(project, project.template, out)
    finally:
        os.umask(old)
    assert _mode(out) == 0o644
