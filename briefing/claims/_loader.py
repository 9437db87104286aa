"""Chooses, once at import, between the compiled claims engine and its Python source.

``scripts/build_native.py`` can compile the engine's modules (``COMPILED``: the language
tables, the scan, segmentation, attribution, stance, figures and the pipeline) with mypyc into
extension modules next to their ``.py`` files, and records in ``_native.json`` the sha256 of
every source the compiled code was built from (those modules and the in-package modules they
import). The ``.py`` files stay the source of truth: the compiled modules are used only when

- the manifest exists and was written for this interpreter (cache tag and extension suffix),
- every compiled file it names is present and every recorded source still has its recorded hash,
- ``BRIEFING_PURE_PYTHON`` is not set to a true value (``1``),
- and the compiled modules import without error.

Otherwise a finder placed first on ``sys.meta_path`` loads those modules from their ``.py``
files, so an edited source is never shadowed by an extension built from an older version (the
standard finder would prefer the extension). ``NATIVE`` tells which engine runs; ``REASON``
says why the compiled one does not (None when it does).

This module imports nothing from the package, so the build script can load it by file path.
"""
from __future__ import annotations

import importlib
import json
import os
import sys
from importlib.machinery import EXTENSION_SUFFIXES, SOURCE_SUFFIXES, FileFinder, SourceFileLoader

try:  # the interpreter's own sha256 (hashlib would load OpenSSL: ~3 ms at import)
    from _sha256 import sha256 as _sha256  # CPython 3.11
except ImportError:
    try:
        from _sha2 import sha256 as _sha256  # CPython 3.12+
    except ImportError:
        from hashlib import sha256 as _sha256

COMPILED = ("lang", "scan", "segment", "attribution", "stance", "figures", "pipeline")  # the modules scripts/build_native.py compiles
SHARED = "_native__mypyc"  # mypyc's runtime and the modules' code, one extension the shims load
MANIFEST = "_native.json"
PURE_ENV = "BRIEFING_PURE_PYTHON"
SCHEMA = 1

_HERE = os.path.dirname(os.path.abspath(__file__))
_PACKAGE = __name__.rpartition(".")[0] or "briefing.claims"


def digest(path: str) -> str:
    """sha256 of a file's bytes, as hex."""
    with open(path, "rb") as fh:
        return _sha256(fh.read()).hexdigest()


def forced_pure() -> bool:
    """True when the environment asks for the pure-Python engine."""
    return os.environ.get(PURE_ENV, "").strip().lower() not in ("", "0", "no", "false", "off")


def build_problem(folder: str = _HERE) -> str | None:
    """Why the compiled modules in ``folder`` must not be used, or None when they may."""
    path = os.path.join(folder, MANIFEST)
    try:
        with open(path, encoding="utf-8") as fh:
            manifest = json.load(fh)
    except FileNotFoundError:
        return "not built (scripts/build_native.py)"
    except (OSError, ValueError) as exc:
        return f"unreadable {MANIFEST}: {exc}"
    try:
        if manifest.get("schema") != SCHEMA:
            return f"{MANIFEST} has another schema"
        if manifest["cache_tag"] != sys.implementation.cache_tag or manifest["ext_suffix"] != EXTENSION_SUFFIXES[0]:
            return f"built for another interpreter ({manifest['cache_tag']})"
        for name in manifest["files"]:
            if not os.path.isfile(os.path.join(folder, name)):
                return f"compiled file missing: {name}"
        sources = manifest["sources"]
        if any(f"{m}.py" not in sources for m in COMPILED):
            return f"{MANIFEST} does not cover every compiled module"
        for rel, sha in sources.items():
            try:
                if digest(os.path.join(folder, rel)) != sha:
                    return f"stale: {rel} changed since the build (rerun scripts/build_native.py)"
            except OSError:
                return f"stale: {rel} is missing"
    except (KeyError, TypeError, AttributeError) as exc:
        return f"damaged {MANIFEST}: {exc!r}"
    return None


class SourceFirst:
    """Meta-path finder: the compiled modules' names load from their ``.py`` files."""

    def __init__(self, names: frozenset[str]) -> None:
        self.names = names

    def find_spec(self, fullname, path=None, target=None):
        if fullname not in self.names or not path:
            return None
        for entry in path:
            spec = FileFinder(entry, (SourceFileLoader, SOURCE_SUFFIXES)).find_spec(fullname)
            if spec is not None:
                return spec
        return None

    def invalidate_caches(self) -> None:
        pass

    def __repr__(self) -> str:
        return f"<{type(self).__name__} for {sorted(self.names)}>"


def _forget() -> None:
    for m in (*COMPILED, SHARED):
        sys.modules.pop(f"{_PACKAGE}.{m}", None)


def _import_all() -> bool:
    """Import the compiled modules' names; True when every one of them is an extension module."""
    mods = [importlib.import_module(f"{_PACKAGE}.{m}") for m in COMPILED]
    return all(str(getattr(mod, "__file__", "") or "").endswith(tuple(EXTENSION_SUFFIXES)) for mod in mods)


def _choose() -> tuple[bool, str | None]:
    reason = f"{PURE_ENV} is set" if forced_pure() else build_problem()
    if reason is None:
        try:
            if _import_all():
                return True, None
            reason = "the compiled modules were not picked up"
        except Exception as exc:  # noqa: BLE001 - a broken build falls back to the source
            reason = f"compiled modules failed to load: {exc}"
        _forget()
    if not any(isinstance(f, SourceFirst) for f in sys.meta_path):
        sys.meta_path.insert(0, SourceFirst(frozenset(f"{_PACKAGE}.{m}" for m in COMPILED)))
    return _import_all(), reason


def engine() -> str:
    """The name of the engine in use, for reports and benchmarks."""
    return "compiled (mypyc)" if NATIVE else "pure Python"


if __name__ == _PACKAGE + "._loader":
    NATIVE, REASON = _choose()
else:  # loaded by file path (the build script): no choice is made
    NATIVE, REASON = False, "not imported as part of the package"
