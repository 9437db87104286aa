from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared"
SAMPLE = SHARED / "samples" / "msmt-pantsir-de.txt"


@pytest.fixture(scope="session")
def _session_cache_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory, monkeypatch, _session_cache_dir):
    """Never touch the user's real data or cache folder (the cache is shared by the session)."""
    monkeypatch.setenv("BRIEFING_DATA_DIR", str(tmp_path_factory.mktemp("data")))
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(_session_cache_dir))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764028800")


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


def run_cli(*args: str, stdin: bytes | None = None, timeout: float = 120, env: dict | None = None):
    """Run ``python main.py ARGS`` as a user would; returns the CompletedProcess."""
    full_env = dict(os.environ)
    full_env.update(env or {})
    r = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        input=stdin,
        capture_output=True,
        timeout=timeout,
        cwd=ROOT,
        env=full_env,
    )
    r.stdout = r.stdout.decode("utf-8")
    r.stderr = r.stderr.decode("utf-8")
    return r


@pytest.fixture
def cli():
    return run_cli
