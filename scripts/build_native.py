"""Compile the claims engine's hot modules with mypyc, in place (optional; the .py files stay the source).

    .venv/bin/python scripts/build_native.py            # build (best effort: exits 0 when it cannot)
    .venv/bin/python scripts/build_native.py --strict   # build; exit 1 when it cannot
    .venv/bin/python scripts/build_native.py --clean    # remove the compiled modules and the manifest
    .venv/bin/python scripts/build_native.py --verbose  # show mypyc's and the C compiler's output

briefing/claims/{lang,scan,segment,attribution,stance,figures,pipeline}.py (``COMPILED`` in _loader.py) become
extension modules next to their sources, plus one shared library (``_native__mypyc``) holding
mypyc's runtime and the code. Work files (generated C, object files, mypy's cache) live in a
temporary folder; the compiled files
are moved into the package only after everything compiled, and ``_native.json`` (sha256 of
every source the build read, interpreter tag, mypy version) is written last. The package's
loader (briefing/claims/_loader.py) uses the compiled modules only while that manifest still
matches the sources, so after editing one of them, rebuild (or the pure-Python engine runs).

Needs mypy (``pip install -e '.[native]'``), setuptools, a C compiler and the Python headers.
When one is missing or the build fails, prints one line and exits 0 (``--strict``: exits 1);
a failed build also removes an older build, so the message is true: the pure engine runs.
"""
from __future__ import annotations

import argparse
import ast
import contextlib
import importlib.util
import json
import os
import shlex
import shutil
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PKG_DIR = ROOT / "briefing" / "claims"
GROUP = "briefing.claims._native"  # the shared library becomes briefing/claims/_native__mypyc.<suffix>

# mypy settings for the build only (kept out of pyproject.toml, so a plain ``mypy`` run is unaffected):
# the compiled modules are checked; what they import is read for types but its errors are not ours.
MYPY_CONFIG = """\
[mypy]
follow_imports = silent
ignore_missing_imports = True
disable_error_code = annotation-unchecked
cache_dir = {cache}

[mypy-briefing.model]
ignore_errors = True

[mypy-briefing._regex]
ignore_errors = True
"""


class BuildError(Exception):
    """The build cannot run or failed; the message is the reason, one line."""


def _loader():
    """briefing/claims/_loader.py loaded by path: module names, manifest name, hashing (one source)."""
    spec = importlib.util.spec_from_file_location("_briefing_native_loader", PKG_DIR / "_loader.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def compiled_artifacts(folder: Path, modules) -> list[Path]:
    """Compiled files of ``modules`` and the shared library in ``folder``, for any interpreter."""
    found: list[Path] = []
    for stem in (*modules, GROUP.rpartition(".")[2] + "__mypyc"):
        for pattern in (f"{stem}.*.so", f"{stem}.so", f"{stem}.*.pyd", f"{stem}.pyd"):
            found.extend(folder.glob(pattern))
    return sorted(set(found))


def clean(ld) -> list[Path]:
    gone = []
    manifest = PKG_DIR / ld.MANIFEST
    if manifest.exists():
        manifest.unlink()  # first: without it the loader never uses what is left
        gone.append(manifest)
    for path in compiled_artifacts(PKG_DIR, ld.COMPILED):
        path.unlink()
        gone.append(path)
    return gone


def in_package_deps(ld) -> list[Path]:
    """The briefing modules the compiled modules import (transitively), not compiled themselves.

    Their hashes go into the manifest as well: mypyc reads their types (and may inline their
    constants), so the compiled code is only trusted with the versions it was built against.
    """
    compiled = {PKG_DIR / f"{m}.py" for m in ld.COMPILED}
    todo, seen = list(compiled), set(compiled)
    while todo:
        path = todo.pop()
        package = ["briefing", *path.parent.relative_to(ROOT / "briefing").parts]
        tree = ast.parse(path.read_bytes(), str(path))
        for node in ast.walk(tree):
            names: list[list[str]] = []
            if isinstance(node, ast.ImportFrom):
                base = package[: len(package) - node.level + 1] if node.level else []
                mod = [*base, *(node.module.split(".") if node.module else [])]
                names = [mod] + [[*mod, a.name] for a in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name.split(".") for a in node.names]
            for parts in names:
                if not parts or parts[0] != "briefing":
                    continue
                rel = Path(*parts[1:]) if len(parts) > 1 else Path()
                for cand in (ROOT / "briefing" / rel.with_suffix(".py") if parts[1:] else None,
                             ROOT / "briefing" / rel / "__init__.py"):
                    if cand is not None and cand.is_file() and cand not in seen:
                        seen.add(cand)
                        todo.append(cand)
    return sorted(seen - compiled)


def check_tools() -> None:
    """Raise BuildError naming the first missing prerequisite."""
    try:
        import mypy.version  # noqa: F401
        import mypyc.build  # noqa: F401
    except ImportError:
        raise BuildError("mypy is not installed (pip install -e '.[native]')") from None
    try:
        import setuptools  # noqa: F401
    except ImportError:
        raise BuildError("setuptools is not installed") from None
    cc = os.environ.get("CC") or sysconfig.get_config_var("CC") or "cc"
    try:
        exe = shlex.split(cc)[0]
    except (ValueError, IndexError):
        raise BuildError(f"unusable C compiler setting {cc!r}") from None
    if shutil.which(exe) is None:
        raise BuildError(f"no C compiler ({exe} not found; on Debian: apt-get install gcc libc6-dev)")
    include = sysconfig.get_paths()["include"]
    if not (Path(include) / "Python.h").is_file():
        raise BuildError(f"the Python headers are missing ({include}/Python.h; on Debian: apt-get install python3-dev)")


@contextlib.contextmanager
def captured(log: Path, quiet: bool):
    """Send stdout and stderr, including the C compiler's, to ``log`` (file-descriptor level)."""
    if not quiet:
        yield
        return
    sys.stdout.flush()
    sys.stderr.flush()
    saved = os.dup(1), os.dup(2)
    with open(log, "wb") as fh:
        os.dup2(fh.fileno(), 1)
        os.dup2(fh.fileno(), 2)
        try:
            yield
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            os.close(saved[0])
            os.close(saved[1])


def first_error(log: Path) -> str:
    try:
        lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return ""
    for marker in (": error:", "error:", "Error"):
        for line in lines:
            if marker in line:
                return line.strip()[:300]
    return next((ln.strip()[:300] for ln in reversed(lines) if ln.strip()), "")


def compile_into(work: Path, ld, quiet: bool) -> list[tuple[Path, Path]]:
    """Run mypyc and the C compiler in ``work``; (built file, destination) pairs."""
    from mypyc.build import mypycify
    from setuptools import Distribution

    (work / "c").mkdir()
    config = work / "mypy.ini"
    config.write_text(MYPY_CONFIG.format(cache=work / "mypy_cache"), encoding="utf-8")
    sources = [str(Path("briefing") / "claims" / f"{m}.py") for m in ld.COMPILED]
    log = work / "build.log"
    cwd = os.getcwd()
    os.chdir(ROOT)  # mypy names the modules from their paths under the repository root
    try:
        with captured(log, quiet):
            try:
                exts = mypycify(["--config-file", str(config), *sources], target_dir=str(work / "c"),
                                group_name=GROUP, opt_level="3", verbose=not quiet)
            except SystemExit as exc:
                raise BuildError(f"mypyc rejected the sources: {first_error(log) or exc}") from None
            # a bare Distribution: setuptools' setup() would read the project's pyproject.toml
            dist = Distribution({"name": "briefing-native", "ext_modules": exts, "script_args": []})
            cmd = dist.get_command_obj("build_ext")
            cmd.build_lib = str(work / "lib")
            cmd.build_temp = str(work / "tmp")
            cmd.inplace = False
            try:
                dist.run_command("build_ext")
            except (Exception, SystemExit) as exc:  # noqa: BLE001 - distutils raises many kinds
                raise BuildError(f"the C compiler failed: {first_error(log) or exc}") from None
            outputs = [Path(p) for p in cmd.get_outputs()]
    finally:
        os.chdir(cwd)
    pairs = []
    for out in outputs:
        rel = out.relative_to(work / "lib")
        dest = ROOT / rel
        if dest.parent != PKG_DIR:
            raise BuildError(f"mypyc put {rel} outside briefing/claims")
        pairs.append((out, dest))
    return pairs


def install(pairs, ld, deps) -> Path:
    """Move the compiled files into the package, then write the manifest (last)."""
    import mypy.version

    manifest = PKG_DIR / ld.MANIFEST
    manifest.unlink(missing_ok=True)
    for old in compiled_artifacts(PKG_DIR, ld.COMPILED):
        if old not in {dest for _src, dest in pairs}:
            old.unlink()  # e.g. a build for another Python version
    for src, dest in pairs:
        part = dest.with_name(dest.name + f".part{os.getpid()}")
        shutil.copyfile(src, part)
        os.chmod(part, 0o755)
        os.replace(part, dest)  # a running process keeps its mapped copy of the old file
    sources = {f"{m}.py": ld.digest(str(PKG_DIR / f"{m}.py")) for m in ld.COMPILED}
    for dep in deps:
        sources[os.path.relpath(dep, PKG_DIR).replace(os.sep, "/")] = ld.digest(str(dep))
    data = {
        "schema": ld.SCHEMA,
        "tool": f"mypyc (mypy {mypy.version.__version__})",
        "cache_tag": sys.implementation.cache_tag,
        "soabi": sysconfig.get_config_var("SOABI"),
        "ext_suffix": sysconfig.get_config_var("EXT_SUFFIX"),
        "python": sys.version.split()[0],
        "built": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "files": sorted(dest.name for _src, dest in pairs),
        "sources": sources,
    }
    part = manifest.with_name(manifest.name + f".part{os.getpid()}")
    part.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(part, manifest)
    return manifest


def build(ld, quiet: bool) -> tuple[int, float]:
    check_tools()
    deps = in_package_deps(ld)
    # hashes are taken before compiling: a source edited during the build makes the result stale
    before = {p: ld.digest(str(p)) for p in [*(PKG_DIR / f"{m}.py" for m in ld.COMPILED), *deps]}
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="briefing-native-") as tmp:
        pairs = compile_into(Path(tmp), ld, quiet)
        if any(ld.digest(str(p)) != sha for p, sha in before.items()):
            raise BuildError("a source changed during the build; run it again")
        install(pairs, ld, deps)
    return len(pairs), time.perf_counter() - t0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clean", action="store_true", help="remove the compiled modules and the manifest")
    ap.add_argument("--strict", action="store_true", help="exit 1 when the build cannot be made")
    ap.add_argument("--verbose", action="store_true", help="show mypyc's and the C compiler's output")
    args = ap.parse_args(argv)
    ld = _loader()
    if args.clean:
        gone = clean(ld)
        print(f"native claims engine: removed {len(gone)} file(s); the pure-Python engine is used")
        return 0
    try:
        n, secs = build(ld, quiet=not args.verbose)
    except BuildError as exc:
        clean(ld)
        print(f"native claims engine not built: {exc}; the pure-Python engine is used", file=sys.stderr)
        return 1 if args.strict else 0
    except KeyboardInterrupt:
        clean(ld)
        raise
    print(f"native claims engine built in {secs:.0f} s: {n} extension modules in briefing/claims "
          f"(rebuild after editing {', '.join(m + '.py' for m in ld.COMPILED)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
