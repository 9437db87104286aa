"""The core never imports Qt or the GUI, not even inside a function."""
from __future__ import annotations

import ast
import subprocess
import sys
import textwrap

from conftest import ROOT


def test_no_module_in_the_core_imports_qt_or_ui():
    offenders = []
    for path in (ROOT / "briefing").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            elif isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) in (
                "import_module", "__import__"):
                names = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            for n in names:
                if n.split(".")[0] in ("PySide6", "PyQt5", "PyQt6", "shiboken6", "ui"):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}: {n}")
    assert offenders == []


def test_import_linter_contract_holds(monkeypatch):
    from importlinter.cli import lint_imports

    monkeypatch.chdir(ROOT)
    assert lint_imports(no_cache=True) == 0


def test_the_cli_runs_with_qt_unavailable(tmp_path):
    """Run the whole core path with PySide6 made unimportable."""
    script = textwrap.dedent(f"""
        import sys
        class Block:
            def find_spec(self, name, path=None, target=None):
                if name.split('.')[0] in ('PySide6', 'shiboken6', 'ui'):
                    raise ImportError('Qt is blocked in this test: ' + name)
        sys.meta_path.insert(0, Block())
        sys.path.insert(0, {str(ROOT)!r})
        from briefing.cli import main
        sys.exit(main(['build', {str(ROOT / 'tests/fixtures/de_hafen.txt')!r}, '-o', {str(tmp_path / 'b.pdf')!r}]))
    """)
    r = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "b.pdf").read_bytes().startswith(b"%PDF")
