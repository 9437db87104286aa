"""Repack the installed, tested environment into wheels (used by scripts/wheelhouse.sh --from-venv).

    python scripts/wheelhouse_repack.py OUT_DIR [DIST ...]

Writes one wheel per installed distribution that ``briefing`` needs at run time (its
requirements, recursively, without extras) into OUT_DIR, from the files each distribution's
RECORD lists, with a fresh RECORD. Files outside site-packages (console scripts) are left
out: pip recreates them from entry_points.txt. No network is used.
"""
from __future__ import annotations

import base64
import csv
import hashlib
import io
import re
import sys
import zipfile
from importlib.metadata import Distribution, PackageNotFoundError, distribution
from pathlib import Path

try:
    from packaging.requirements import Requirement
except ImportError:  # a bare environment: pip always vendors it
    from pip._vendor.packaging.requirements import Requirement

_NORMAL = re.compile(r"[-_.]+")


def norm(name: str) -> str:
    return _NORMAL.sub("-", name).lower()


def _wheel_requirements(out: Path, root: str) -> list[str] | None:
    """Requires-Dist of the freshly built project wheel in ``out`` (newer than any install)."""
    from email.parser import Parser

    for whl in sorted(out.glob(f"{root}-*.whl")):
        with zipfile.ZipFile(whl) as z:
            meta = next(n for n in z.namelist() if n.endswith(".dist-info/METADATA"))
            return Parser().parsestr(z.read(meta).decode("utf-8")).get_all("Requires-Dist") or []
    return None


def runtime_closure(root: str, out: Path | None = None) -> list[Distribution]:
    """Installed distributions ``root`` needs at run time, following extras such as lxml[html_clean]."""
    seen: dict[str, Distribution] = {}
    done: set[tuple[str, str]] = set()
    first = _wheel_requirements(out, root) if out is not None else None
    todo: list[tuple[str, str]] = [(root, "")]
    if first is not None:
        todo = [(r.name, e) for r in map(Requirement, first) if r.marker is None or r.marker.evaluate({"extra": ""})
                for e in ("", *r.extras)]
    while todo:
        name, extra = todo.pop()
        if (norm(name), extra) in done:
            continue
        done.add((norm(name), extra))
        try:
            dist = seen.get(norm(name)) or distribution(name)
        except PackageNotFoundError:
            raise SystemExit(f"wheelhouse: {name} is required but not installed in this environment") from None
        seen[norm(name)] = dist
        for spec in dist.requires or []:
            req = Requirement(spec)
            if req.marker is not None and not req.marker.evaluate({"extra": extra}):
                continue
            if extra and (req.marker is None or "extra" not in str(req.marker)):
                continue  # the base requirements were followed with extra ""
            todo += [(req.name, e) for e in ("", *req.extras)]
    return [d for k, d in seen.items() if k != norm(root)]


def _hash(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def repack(dist: Distribution, out: Path) -> Path:
    files = dist.files or []
    info_dir = next((str(f).split("/")[0] for f in files if str(f).split("/")[0].endswith(".dist-info")), None)
    if info_dir is None:
        raise SystemExit(f"wheelhouse: {dist.metadata['Name']} has no .dist-info (not installed from a wheel?)")
    wheel_meta = dist.read_text("WHEEL") or ""
    tags = [line.split(":", 1)[1].strip() for line in wheel_meta.splitlines() if line.startswith("Tag:")]
    tag = tags[0] if tags else "py3-none-any"
    if len(tags) > 1:  # compressed tag set, e.g. py2.py3-none-any
        parts = [t.split("-") for t in tags]
        tag = "-".join(".".join(dict.fromkeys(p[i] for p in parts)) for i in range(3))
    name = re.sub(r"[^\w\d.]+", "_", dist.metadata["Name"])
    version = dist.version.replace("-", "_")
    target = out / f"{name}-{version}-{tag}.whl"
    record_name = f"{info_dir}/RECORD"
    rows = []
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for f in files:
            rel = str(f)
            if rel.startswith("..") or rel == record_name or rel.endswith(".pyc") or "/__pycache__/" in f"/{rel}":
                continue
            src = Path(dist.locate_file(f))
            if not src.is_file():
                continue
            data = src.read_bytes()
            z.writestr(rel, data)
            rows.append((rel, _hash(data), str(len(data))))
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerows(rows)
        writer.writerow((record_name, "", ""))
        z.writestr(record_name, buf.getvalue())
    return target


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    dists = runtime_closure("briefing", out) if len(argv) == 1 else [distribution(n) for n in argv[1:]]
    for d in sorted(dists, key=lambda d: norm(d.metadata["Name"])):
        print(f"wheelhouse: {repack(d, out).name}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
