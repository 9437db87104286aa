"""Collect the UI's strings into briefing_de.ts (keeping existing translations) and compile .qm.

Run after changing UI text:  .venv/bin/python resources/translations/update.py
All strings go through ``ui.i18n.tr`` or ``N_`` in one context, so a literal scan finds them.
"""
from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CONTEXT = "Briefing"
CALL = re.compile(r"\b(?:tr|N_)\(\s*((?:\"(?:[^\"\\\n]|\\.)*\"\s*)+|'(?:[^'\\\n]|\\.)*')[,)]")


def collect() -> list[str]:
    seen: dict[str, None] = {}
    for path in sorted((ROOT / "ui").glob("*.py")):
        for m in CALL.finditer(path.read_text(encoding="utf-8")):
            seen.setdefault(ast.literal_eval("(" + m.group(1) + ")"), None)
    return list(seen)


def read_ts(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    out = {}
    for msg in ET.parse(path).getroot().iter("message"):
        src, tr = msg.findtext("source"), msg.find("translation")
        if src is not None and tr is not None:
            forms = tr.findall("numerusform")
            out[src] = [f.text or "" for f in forms] if forms else (tr.text or "")
    return out


def write_ts(path: Path, strings: list[str], known: dict, lang: str) -> int:
    root = ET.Element("TS", version="2.1", language=lang)
    ctx = ET.SubElement(root, "context")
    ET.SubElement(ctx, "name").text = CONTEXT
    missing = 0
    for s in strings:
        plural = "%n" in s
        msg = ET.SubElement(ctx, "message", numerus="yes") if plural else ET.SubElement(ctx, "message")
        ET.SubElement(msg, "source").text = s
        value = known.get(s)
        tr = ET.SubElement(msg, "translation")
        if not value:
            tr.set("type", "unfinished")
            missing += 1
        if plural:
            forms = value if isinstance(value, list) else [value or "", value or ""]
            for f in forms:
                ET.SubElement(tr, "numerusform").text = f
        else:
            tr.text = value if isinstance(value, str) else (value[0] if value else "")
    ET.indent(root)
    path.write_bytes(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + ET.tostring(root, encoding="utf-8"))
    return missing


def main() -> int:
    strings = collect()
    ts = HERE / "briefing_de.ts"
    missing = write_ts(ts, strings, read_ts(ts), "de_DE")
    lrelease = shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent)) or shutil.which("pyside6-lrelease")
    if lrelease:
        subprocess.run([lrelease, str(ts), "-qm", str(HERE / "briefing_de.qm")], check=True)
    print(f"{len(strings)} strings, {missing} without German translation")
    return 0


if __name__ == "__main__":
    sys.exit(main())
