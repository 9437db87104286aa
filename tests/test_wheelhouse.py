"""Offline installation: a folder of wheels installs Briefing with ``pip install --no-index``."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT

pytestmark = pytest.mark.slow


@pytest.mark.skipif(os.name != "posix" or shutil.which("sh") is None, reason="the build script is POSIX sh")
def test_wheelhouse_installs_on_a_machine_without_network(tmp_path):
    house = tmp_path / "wheelhouse"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    env["PIP_CONFIG_FILE"] = os.devnull  # no index or find-links from this machine's pip config
    r = subprocess.run(["sh", str(ROOT / "scripts" / "wheelhouse.sh"), "--from-venv", str(house)],
                       cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    wheels = sorted(p.name for p in house.glob("*.whl"))
    assert any(w.startswith("briefing-") for w in wheels)
    assert any(w.lower().startswith("pyside6_essentials") for w in wheels)
    assert (house / "INSTALL.txt").exists()

    venv = tmp_path / "env"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    py = venv / "bin" / "python"
    # pip itself comes from the standard library's bundled wheel (ensurepip), never from an index
    subprocess.run([str(py), "-m", "ensurepip", "--default-pip"], check=True, capture_output=True, env=env,
                   timeout=180)
    r = subprocess.run([str(py), "-m", "pip", "install", "--no-index", "--find-links", str(house), "briefing"],
                       env=env, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout[-1500:] + r.stderr[-1500:]
    r = subprocess.run([str(py), "-m", "pip", "check"], env=env, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout

    work = tmp_path / "work"
    work.mkdir()
    briefing = venv / "bin" / "briefing"
    run_env = dict(env, BRIEFING_DATA_DIR=str(tmp_path / "data"), QT_QPA_PLATFORM="offscreen")
    r = subprocess.run([str(briefing), "claims", "--format", "text", str(FIXTURES / "de_hafen.txt")],
                       cwd=work, env=run_env, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert "Hafenbehörde" in r.stdout
    r = subprocess.run([str(briefing), "build", str(FIXTURES / "en_grid.txt"), "-o", str(work / "brief.pdf")],
                       cwd=work, env=run_env, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert (work / "brief.pdf").read_bytes().startswith(b"%PDF")
    # the installed application runs from the venv, not from this checkout
    r = subprocess.run([str(py), "-c", "import briefing; print(briefing.__file__)"], cwd=work, env=run_env,
                       capture_output=True, text=True, timeout=60)
    assert str(venv) in r.stdout
