"""A plain (non-editable) install ships the templates, resources and entry points."""
from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest

from conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    r = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)],
        capture_output=True, text=True, timeout=300,
    )
    if r.returncode != 0:
        pytest.skip(f"cannot build a wheel here: {r.stderr.strip()[-200:]}")
    return next(out.glob("briefing-*.whl"))


def test_wheel_contains_app_templates_and_resources(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "main.py" in names
    assert "ui/main_window.py" in names
    assert "briefing/cli.py" in names
    assert any(n.startswith("briefing/_templates/") and n.endswith(".json") for n in names)
    assert "briefing/_resources/fonts/DejaVuSans.ttf" in names
    shipped = {n.split("/")[-1] for n in names if n.startswith("briefing/_templates/")}
    on_disk = {p.name for p in (ROOT / "templates").iterdir() if p.is_file()}
    assert on_disk <= shipped, f"templates missing from the wheel: {on_disk - shipped}"
    entry = [n for n in names if n.endswith("entry_points.txt")]
    text = zipfile.ZipFile(wheel).read(entry[0]).decode()
    assert "briefing = main:main" in text


def test_installed_wheel_finds_its_templates(wheel, tmp_path):
    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    code = "from briefing.templates import list_templates; print([t.name for t in list_templates()])"
    r = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                       env={"PYTHONPATH": str(target), "BRIEFING_DATA_DIR": str(tmp_path / "d")})
    assert r.returncode == 0, r.stderr
    assert "analyst-brief" in r.stdout
