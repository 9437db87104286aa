"""Users run Windows and macOS too: nothing in the code paths is Linux-only without a fallback."""
from __future__ import annotations

import ast
import sys

from conftest import ROOT

POSIX_ONLY = {"resource", "fcntl", "pwd", "grp", "termios", "tty", "pty", "posix", "crypt", "spwd", "syslog"}


def _guarded_imports(path):
    """POSIX-only imports that are not inside a try/except (the fallback)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    bad = []

    def visit(node, in_try):
        if isinstance(node, ast.Try):
            for child in node.body:
                visit(child, True)
            for child in [*node.handlers, *node.orelse, *node.finalbody]:
                visit(child, in_try)
            return
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            for n in names:
                if n.split(".")[0] in POSIX_ONLY and not in_try:
                    bad.append(f"{path.relative_to(ROOT)}:{node.lineno}: import {n}")
        for child in ast.iter_child_nodes(node):
            visit(child, in_try)

    visit(tree, False)
    return bad


def test_posix_only_modules_are_imported_with_a_fallback():
    files = [*ROOT.joinpath("briefing").rglob("*.py"), *ROOT.joinpath("ui").rglob("*.py"), ROOT / "main.py"]
    problems = [p for f in files for p in _guarded_imports(f)]
    assert problems == []


def test_the_import_guard_works_without_resource_limits(monkeypatch):
    """Where ``resource`` and /proc are missing (Windows, macOS), limits fall back to the timeout."""
    from briefing.ingest import limits

    monkeypatch.setitem(sys.modules, "resource", None)  # "import resource" now raises ImportError
    limits._apply_resource_limits(512 * 1024 * 1024, 5)

    def no_proc(*a, **k):
        raise FileNotFoundError("/proc")

    monkeypatch.setattr("builtins.open", no_proc)
    assert limits._vm_size() is None


def test_user_data_lives_in_the_platform_folder(monkeypatch):
    import platformdirs

    from briefing.autosave import autosave_dir
    from briefing.paths import user_data_dir

    monkeypatch.delenv("BRIEFING_DATA_DIR")
    expected = platformdirs.user_data_dir("Briefing", "Briefing")
    assert str(user_data_dir()) == expected
    assert autosave_dir().parent == user_data_dir()
