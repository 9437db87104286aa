"""The optional compiled claims engine (scripts/build_native.py, briefing/claims/_loader.py).

- compiled and pure engines give exactly the same claims on every fixture text and on seeded
  random and hostile texts (German, English and no language);
- a build whose sources changed since (a compiled module, or a module it imports), a build
  without its manifest, and BRIEFING_PURE_PYTHON=1 all run the .py sources, never the old build;
- the build script fails softly (one line, exit 0, nothing left) or, with --strict, with exit 1;
- the project's wheel never ships the machine-specific compiled files.

Tests that need a current build skip when there is none (``scripts/build_native.py``), and fail
instead when ``BRIEFING_EXPECT_NATIVE=1`` says there must be one (CI after scripts/setup.sh).
No test compiles anything.
"""
from __future__ import annotations

import importlib.util
import json
import os
import random
import shutil
import subprocess
import sys
import zipfile
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import pytest

import briefing.claims as claims
from briefing.claims import _loader
from conftest import ROOT

CLAIMS_DIR = ROOT / "briefing" / "claims"
BUILD_SCRIPT = ROOT / "scripts" / "build_native.py"
FIXTURE_TEXTS = sorted((ROOT / "tests" / "fixtures").glob("*.txt")) + sorted((ROOT / "resources" / "demo").glob("*.txt"))


def need_native() -> None:
    """Skip (or fail, when CI expects a build) unless the compiled engine is in use here."""
    if claims.NATIVE:
        return
    why = f"the compiled claims engine is not in use: {_loader.REASON}"
    if os.environ.get("BRIEFING_EXPECT_NATIVE") == "1":
        pytest.fail(f"BRIEFING_EXPECT_NATIVE=1 but {why}")
    pytest.skip(why)


# ----------------------------------------------------------------------------- test texts

_PIECES = [
    "Laut Angaben des Ministeriums", "sagte der Sprecher", "heißt es in dem Bericht", ", so Müller",
    "soll", "sei", "habe", "angeblich", "könnte", "offenbar", "according to the agency", "said", "reportedly",
    "may", "z. B.", "u. a.", "Nr.", "Dr.", "U.S.", "U.N.", "Gen.", "p.m.", "vgl.", "Mio.", "Mrd.", "11.000",
    "1.000.000", "am 1. März", "im 15. Jahrhundert", "03.11.", "13 %", "6,9 Mrd. Euro", "November 2024",
    "Ende April", "last week", "neun Millionen", "20.000 Container", "„", "“", "”", "»", "«", "‚", "‘", "’",
    "\"", "'", "(", ")", "[1]", "...", "…", ". . .", "!", "?", ".", ";", ":", "https://example.org/a.b?c=d",
    "info@example.org", "- ", "• ", "1. ", "a) ", "\n", "\n\n", "\t", "\r\n", " ", "  ", "\u00a0", "\u200b",
    "KCNA", "MSMT", "der Regierung", "dem Bericht zufolge", "wird von KCNA zitiert", "Zudem soll Moskau",
    "Сергей Шойгу", "حزب", "😀", "\x00", "\x0c", "ß", "ÄÖÜ", "äöü", "İ", "ﬁ",
]


def _words_of_fixtures() -> list[str]:
    words: list[str] = []
    for path in FIXTURE_TEXTS:
        words += path.read_text(encoding="utf-8").split()
    return words


def hostile_texts(n: int, seed: int = 4) -> list[str]:
    """Seeded texts: fixture words shuffled with cue words, punctuation, quotes and odd characters."""
    rng = random.Random(seed)
    words = _words_of_fixtures()
    texts = []
    for i in range(n):
        parts = []
        for _ in range(rng.randint(0, 160)):
            r = rng.random()
            if r < 0.55:
                parts.append(rng.choice(words))
            elif r < 0.9:
                parts.append(rng.choice(_PIECES))
            else:
                parts.append("".join(chr(rng.randint(1, 0x2FFF)) for _ in range(rng.randint(1, 6))))
            parts.append(rng.choice([" ", " ", " ", "", "\n"]))
        text = "".join(parts)
        if i % 3 == 0:
            text = "Schlagzeile ohne Punkt\n" + text
        texts.append(text)
    return texts + ["", " ", "\n\n\n", ".", "...", "„“", "Dr.", "1.", "•", "a" * 3000, ". " * 500]


def cases() -> list[dict]:
    out = []
    for path in FIXTURE_TEXTS:
        text = path.read_text(encoding="utf-8")
        out += [{"name": path.name, "text": text, "lang": lang} for lang in ("de", "en", None)]
    for i, text in enumerate(hostile_texts(60)):
        out.append({"name": f"random-{i}", "text": text, "lang": ("de", "en", None)[i % 3]})
    return out


# Runs in the test process and in a subprocess: every case -> the claims as JSON, or the error.
RUN = r'''
import json, sys
from briefing.claims import NATIVE, extract_claims, split_sentences
from briefing.errors import BriefingError
from briefing.ingest.text import parse

def run(cases):
    out = []
    for case in cases:
        try:
            art = parse(case["text"].encode("utf-8", "surrogatepass"), case["name"] + ".txt")
        except BriefingError as exc:
            out.append({"name": case["name"], "error": str(exc)})
            continue
        art.source.language = case["lang"]
        text = case["text"]
        out.append({"name": case["name"], "claims": [c.model_dump(mode="json") for c in extract_claims(art)],
                    "raw": split_sentences(text, 0, len(text), case["lang"])})
    return out

if __name__ == "__main__":
    cases = json.load(open(sys.argv[1], encoding="utf-8"))
    json.dump({"native": NATIVE, "results": run(cases)}, open(sys.argv[2], "w", encoding="utf-8"))
'''


def run_here(cases_: list[dict]) -> list:
    ns: dict = {"__name__": "in_process"}
    exec(compile(RUN, "<run>", "exec"), ns)
    return json.loads(json.dumps(ns["run"](cases_)))  # the same JSON round trip as the subprocess


def run_elsewhere(tmp_path: Path, cases_: list[dict], cwd: Path = ROOT, **env: str) -> dict:
    (tmp_path / "cases.json").write_text(json.dumps(cases_), encoding="utf-8")
    (tmp_path / "run.py").write_text(RUN, encoding="utf-8")
    full = {k: v for k, v in os.environ.items() if k != "BRIEFING_PURE_PYTHON"}
    full.update(env)
    full["PYTHONPATH"] = str(cwd)
    r = subprocess.run([sys.executable, str(tmp_path / "run.py"), str(tmp_path / "cases.json"), str(tmp_path / "out.json")],
                       cwd=cwd, env=full, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr[-2000:]
    return json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))


# ----------------------------------------------------------------------------- same output


def test_compiled_engine_gives_exactly_the_pure_engines_claims(tmp_path):
    need_native()
    all_cases = cases()
    assert len(all_cases) >= 3 * 5 + 60
    native = run_here(all_cases)
    pure = run_elsewhere(tmp_path, all_cases, BRIEFING_PURE_PYTHON="1")
    assert pure["native"] is False
    assert len(pure["results"]) == len(native)
    for mine, ref in zip(native, pure["results"]):
        assert mine == ref, f"compiled and pure engines differ on {ref['name']}"
    # the comparison covered real work: attributions, hedges and figures
    flat = [c for r in native for c in r.get("claims", [])]
    assert {c["stance"] for c in flat} >= {"asserted", "reported", "hedged"}
    assert any(c["figures"] for c in flat) and any(c["attribution"] for c in flat)


def test_native_flag_names_the_modules_in_use():
    mods = [sys.modules[f"briefing.claims.{m}"] for m in _loader.COMPILED]
    compiled = [m.__file__.endswith(tuple(EXTENSION_SUFFIXES)) for m in mods]
    assert claims.NATIVE == all(compiled)
    assert claims.NATIVE or not any(compiled), "a mix of compiled and source modules"
    assert (_loader.REASON is None) == claims.NATIVE
    if os.environ.get("BRIEFING_EXPECT_NATIVE") == "1":
        assert claims.NATIVE, f"BRIEFING_EXPECT_NATIVE=1 but: {_loader.REASON}"


# ----------------------------------------------------------------------------- choosing the engine

PROBE = ("import briefing, briefing.claims as c, sys; "
         "print(c.NATIVE, c.segment.__file__, c._loader.REASON, briefing.__file__, sep='\\n')")


def probe(cwd: Path, **env: str) -> tuple[bool, str, str]:
    full = {k: v for k, v in os.environ.items() if k != "BRIEFING_PURE_PYTHON"}
    full.update(env)
    full["PYTHONPATH"] = str(cwd)
    r = subprocess.run([sys.executable, "-c", PROBE], cwd=cwd, env=full, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr[-2000:]
    native, seg_file, reason, pkg_file = r.stdout.splitlines()
    assert Path(pkg_file).resolve().is_relative_to(cwd.resolve()), "the probe imported another briefing"
    return native == "True", seg_file, reason


def test_pure_python_is_forced_by_the_environment():
    native, seg_file, reason = probe(ROOT, BRIEFING_PURE_PYTHON="1")
    assert native is False
    assert seg_file.endswith("segment.py")
    assert "BRIEFING_PURE_PYTHON" in reason


@pytest.mark.parametrize("value, forced", [("1", True), ("yes", True), ("0", False), ("", False), ("off", False)])
def test_pure_python_switch_values(monkeypatch, value, forced):
    monkeypatch.setenv("BRIEFING_PURE_PYTHON", value)
    assert _loader.forced_pure() is forced


@pytest.fixture
def copied_tree(tmp_path) -> Path:
    """A copy of the briefing package with the current build, to change without touching the repo."""
    need_native()
    dest = tmp_path / "tree"
    shutil.copytree(ROOT / "briefing", dest / "briefing", ignore=shutil.ignore_patterns("__pycache__"))
    return dest


def _claims_json(cwd: Path) -> str:
    code = ("import json; from briefing.ingest.text import parse; from briefing.claims import extract_claims; "
            "a = parse(open('art.txt', 'rb').read(), 'art.txt'); a.source.language = 'de'; "
            "print(json.dumps([c.model_dump(mode='json') for c in extract_claims(a)]))")
    shutil.copyfile(ROOT / "tests" / "fixtures" / "de_hafen.txt", cwd / "art.txt")
    env = {k: v for k, v in os.environ.items() if k != "BRIEFING_PURE_PYTHON"}
    env["PYTHONPATH"] = str(cwd)
    r = subprocess.run([sys.executable, "-c", code], cwd=cwd, env=env, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr[-2000:]
    return r.stdout


def test_an_unchanged_copy_uses_the_compiled_engine(copied_tree):
    native, seg_file, reason = probe(copied_tree)
    assert native is True, reason
    assert Path(seg_file).resolve().is_relative_to(copied_tree.resolve())
    assert seg_file.endswith(tuple(EXTENSION_SUFFIXES))


def test_an_edited_source_is_never_shadowed_by_the_old_build(copied_tree):
    reference = _claims_json(copied_tree)  # compiled
    with open(copied_tree / "briefing" / "claims" / "stance.py", "a", encoding="utf-8") as fh:
        fh.write("\n# edited after the build\n")
    native, seg_file, reason = probe(copied_tree)
    assert native is False
    assert seg_file.endswith("segment.py")
    assert "stance.py" in reason and "stale" in reason
    assert _claims_json(copied_tree) == reference  # the claims still work, from the .py sources


@pytest.mark.parametrize("change", ["edit lang.py (imported by the compiled code)", "remove the manifest",
                                    "damage the manifest", "remove a compiled file"])
def test_a_build_that_cannot_be_trusted_is_not_used(copied_tree, change):
    folder = copied_tree / "briefing" / "claims"
    if change.startswith("edit"):
        with open(folder / "lang.py", "a", encoding="utf-8") as fh:
            fh.write("\n# edited after the build\n")
    elif change == "remove the manifest":
        (folder / _loader.MANIFEST).unlink()
    elif change == "damage the manifest":
        (folder / _loader.MANIFEST).write_text('{"schema": 1, "files": 3', encoding="utf-8")
    else:
        next(folder.glob("_native__mypyc.*")).unlink()
    native, seg_file, reason = probe(copied_tree)
    assert native is False, change
    assert seg_file.endswith("segment.py")
    assert reason and reason != "None"


# ----------------------------------------------------------------------------- the build script


@pytest.fixture
def script_copy(tmp_path) -> Path:
    """The build script and the package sources (no build) in a scratch folder, with a fake old build."""
    dest = tmp_path / "repo"
    (dest / "scripts").mkdir(parents=True)
    shutil.copyfile(BUILD_SCRIPT, dest / "scripts" / "build_native.py")
    shutil.copytree(ROOT / "briefing", dest / "briefing",
                    ignore=shutil.ignore_patterns("__pycache__", "*.so", "*.pyd", _loader.MANIFEST))
    folder = dest / "briefing" / "claims"
    for name in ("stance.cpython-311-x86_64-linux-gnu.so", "_native__mypyc.cpython-311-x86_64-linux-gnu.so", _loader.MANIFEST):
        (folder / name).write_bytes(b"old build")
    return dest


def leftovers(repo: Path) -> list[str]:
    folder = repo / "briefing" / "claims"
    found = [p.name for p in folder.iterdir() if p.suffix in (".so", ".pyd") or p.name.startswith(_loader.MANIFEST)]
    return sorted(found + [p.name for p in repo.iterdir() if p.name in ("build", ".mypy_cache")])


def run_script(repo: Path, *args: str, python_flags: tuple[str, ...] = (), **env: str):
    full = dict(os.environ)
    full.update(env)
    return subprocess.run([sys.executable, *python_flags, str(repo / "scripts" / "build_native.py"), *args],
                          cwd=repo, env=full, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("strict", [False, True])
def test_build_without_a_compiler_says_so_in_one_line(script_copy, strict):
    if importlib.util.find_spec("mypyc") is None:
        pytest.skip("mypy is not installed here (pip install -e '.[native]'): the compiler check comes after it")
    r = run_script(script_copy, *(["--strict"] if strict else []), CC="/nonexistent/bin/cc")
    assert r.returncode == (1 if strict else 0)
    lines = r.stderr.strip().splitlines()
    assert lines == [lines[0]] and r.stdout == ""
    assert lines[0].startswith("native claims engine not built: no C compiler")
    assert "/nonexistent/bin/cc" in lines[0] and lines[0].endswith("the pure-Python engine is used")
    assert leftovers(script_copy) == []  # the old build went with the failed one


def test_build_without_mypy_says_so_in_one_line(script_copy):
    r = run_script(script_copy, python_flags=("-S",))  # no site-packages: no mypy, no setuptools
    assert r.returncode == 0
    assert r.stderr.strip() == ("native claims engine not built: mypy is not installed (pip install -e '.[native]'); "
                                "the pure-Python engine is used")
    assert leftovers(script_copy) == []


def test_clean_removes_only_the_build(script_copy):
    before = sorted(p.name for p in (script_copy / "briefing" / "claims").iterdir())
    r = run_script(script_copy, "--clean")
    assert r.returncode == 0, r.stderr
    assert "removed 3 file(s)" in r.stdout
    after = sorted(p.name for p in (script_copy / "briefing" / "claims").iterdir())
    assert sorted(set(before) - set(after)) == sorted(["stance.cpython-311-x86_64-linux-gnu.so",
                                                       "_native__mypyc.cpython-311-x86_64-linux-gnu.so", _loader.MANIFEST])


def test_the_manifest_covers_what_the_compiled_code_imports():
    need_native()
    manifest = json.loads((CLAIMS_DIR / _loader.MANIFEST).read_text(encoding="utf-8"))
    sources = manifest["sources"]
    assert {f"{m}.py" for m in _loader.COMPILED} <= set(sources)
    for m in _loader.COMPILED:  # every in-package module a compiled module imports is hashed too
        text = (CLAIMS_DIR / f"{m}.py").read_text(encoding="utf-8")
        for dep in ("lang", "_fast", "attribution"):
            if f"from .{dep} import" in text:
                assert f"{dep}.py" in sources
        if "from ..model import" in text:
            assert "../model.py" in sources
    assert manifest["cache_tag"] == sys.implementation.cache_tag


def test_the_wheel_ships_no_compiled_files(tmp_path):
    """Compiled files are per machine: a wheel (and the offline wheelhouse) installs the pure engine."""
    if not list(CLAIMS_DIR.glob("*.so")) and not list(CLAIMS_DIR.glob("*.pyd")):
        need_native()
    r = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path), str(ROOT)],
                       capture_output=True, text=True, timeout=300)
    if r.returncode != 0:
        pytest.skip(f"cannot build a wheel here: {r.stderr.strip()[-200:]}")
    names = zipfile.ZipFile(next(tmp_path.glob("briefing-*.whl"))).namelist()
    assert "briefing/claims/_loader.py" in names and "briefing/claims/stance.py" in names
    assert not [n for n in names if n.endswith((".so", ".pyd")) or n.endswith(_loader.MANIFEST)]
