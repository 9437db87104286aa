"""The compiled-pattern cache (briefing/_regex.py): same results as re.compile, never a crash."""
from __future__ import annotations

import dataclasses
import json
import os
import re
import subprocess
import sys

import pytest

from briefing import _regex
from conftest import FIXTURES, ROOT

PATTERN = r"(?<![\w-])(?P<cue>laut|nach Angaben|zufolge)(?![\w-])|(?P<num>\d{1,3}(?:\.\d{3})+)"
TEXT = "Laut Angaben der Behörde kamen 11.000 Menschen, laut Polizei 9.500; der Stadt zufolge weniger."


@pytest.fixture
def fresh(monkeypatch, tmp_path):
    """The module with an empty in-memory cache, its file in ``tmp_path``."""
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(_regex, "_cache", None)
    monkeypatch.setattr(_regex, "_new", {})
    return tmp_path


def _matches(p: re.Pattern) -> list:
    return [(m.span(), m.lastgroup, m.groupdict()) for m in p.finditer(TEXT)]


def test_a_stored_pattern_is_used_without_compiling_and_matches_the_same(fresh, monkeypatch):
    first = _regex.compile(PATTERN)
    expected = _matches(re.compile(PATTERN))
    _regex._write()
    files = list(fresh.iterdir())
    assert len(files) == 1 and files[0].stat().st_size > 0
    # a new process: nothing in memory, re.compile must not be needed
    monkeypatch.setattr(_regex, "_cache", None)

    def no_compile(*_a, **_k):
        raise AssertionError("compiled again")

    monkeypatch.setattr(_regex.re, "compile", no_compile)
    again = _regex.compile(PATTERN)
    assert again.pattern == PATTERN and again.groupindex == first.groupindex and again.groups == first.groups
    assert _matches(again) == _matches(first) == expected
    assert expected  # the test text has matches


def test_flags_are_part_of_the_key(fresh):
    plain = _regex.compile("laut")
    _regex._write()
    assert _regex.compile("laut", re.IGNORECASE).search("LAUT") is not None
    assert plain.search("LAUT") is None


@pytest.mark.parametrize("damage", [
    b"",
    b"garbage" * 100,
    b"BRIEFRX1" + (10**6).to_bytes(4, "little") + b"{",
    "truncated",
    "foreign-code",
])
def test_a_damaged_cache_file_means_compiling_normally(fresh, monkeypatch, damage):
    _regex.compile(PATTERN)
    _regex._write()
    path = _regex.cache_file()
    data = path.read_bytes()
    if damage == "truncated":
        data = data[: len(data) // 2]
    elif damage == "foreign-code":
        # valid index, but the program words replaced: the engine refuses it
        n = int.from_bytes(data[8:12], "little")
        data = data[: 12 + n] + b"\xff" * (len(data) - 12 - n)
    else:
        data = damage
    path.write_bytes(data)
    monkeypatch.setattr(_regex, "_cache", None)
    p = _regex.compile(PATTERN)
    assert _matches(p) == _matches(re.compile(PATTERN))


def test_off_and_unwritable_folders_write_nothing_and_still_work(monkeypatch, tmp_path):
    monkeypatch.setattr(_regex, "_cache", None)
    monkeypatch.setattr(_regex, "_new", {})
    monkeypatch.setenv("BRIEFING_CACHE_DIR", "off")
    assert _regex.cache_file() is None
    assert _matches(_regex.compile(PATTERN)) == _matches(re.compile(PATTERN))
    _regex._write()
    # a file where the folder should be: writing fails quietly
    blocker = tmp_path / "blocker"
    blocker.write_text("x")
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(blocker / "cache"))
    monkeypatch.setattr(_regex, "_cache", None)
    _regex.compile(PATTERN + "|neu")
    assert _regex._new  # something to write
    _regex._write()
    assert blocker.read_text() == "x" and sorted(p.name for p in tmp_path.iterdir()) == ["blocker"]


def _claims_json(env: dict) -> dict:
    r = subprocess.run([sys.executable, str(ROOT / "main.py"), "claims", str(FIXTURES / "de_hafen.txt")],
                       capture_output=True, timeout=120, cwd=ROOT, env=env)
    assert r.returncode == 0, r.stderr.decode()
    return json.loads(r.stdout)


def test_claims_are_the_same_with_a_cold_cache_a_warm_cache_and_none(tmp_path):
    base = dict(os.environ)
    cache = tmp_path / "cache"
    cold = _claims_json(dict(base, BRIEFING_CACHE_DIR=str(cache)))
    assert any(p.name.startswith("regex-") for p in cache.iterdir())  # the first run stored the patterns
    warm = _claims_json(dict(base, BRIEFING_CACHE_DIR=str(cache)))
    off = _claims_json(dict(base, BRIEFING_CACHE_DIR="off"))
    assert cold == warm == off
    assert any(c["attribution"] for c in cold["claims"]) and any(c["figures"] for c in cold["claims"])


def test_every_pattern_of_the_engine_matches_exactly_as_re_compile_does(fresh):
    from briefing.claims.attribution import tables
    from briefing.claims.figures import _tables

    texts = {lang: (FIXTURES / name).read_text(encoding="utf-8")
             for lang, name in (("de", "de_hafen.txt"), ("en", "en_grid.txt"))}
    checked = 0
    for lang, text in [*texts.items(), *texts.items()]:  # compiled afresh, then from the stored cache
        if checked and _regex._new:
            _regex._write()
            _regex._cache = None
        tables.cache_clear()
        _tables.cache_clear()
        try:
            objects = [tables(lang), _tables(lang)]
            for obj in objects:
                for value in (getattr(obj, f.name) for f in dataclasses.fields(obj)):
                    if isinstance(value, re.Pattern):
                        ref = re.compile(value.pattern, value.flags)
                        assert value.groupindex == ref.groupindex and value.groups == ref.groups
                        assert [(m.span(), m.groups()) for m in value.finditer(text)] == \
                               [(m.span(), m.groups()) for m in ref.finditer(text)]
                        checked += 1
        finally:
            tables.cache_clear()
            _tables.cache_clear()
    assert checked >= 20
