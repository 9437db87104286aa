"""Project files (.brief): one self-contained JSON file, written atomically."""
from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from pathlib import Path

from pydantic import ValidationError

from .errors import ProjectError
from .model import SCHEMA_VERSION, Project

MAX_PROJECT_BYTES = 512 * 1024 * 1024


def atomic_write_bytes(path: str | Path, data: bytes, *, backup: bool = False) -> None:
    """Write ``data`` to ``path`` so that ``path`` always holds a complete version.

    The data goes to a temporary file in the same folder, is flushed and fsynced, and is
    renamed over ``path`` with :func:`os.replace` (atomic on POSIX and Windows). With
    ``backup`` the previous version is kept as ``path~``: it is copied (or hard-linked,
    where the file system allows) to a second temporary file that is renamed over the old
    backup, so neither ``path`` nor ``path~`` is ever missing or half-written. A killed
    writer leaves at most a hidden ``.NAME.*.tmp`` file behind, never a damaged ``path``.
    """
    path = Path(path)
    folder = path.parent
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    bak_tmp: str | None = None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if backup and path.is_file():
            bak_tmp = _snapshot(path)
            if bak_tmp is not None:
                _replace(bak_tmp, path.with_name(path.name + "~"))
                bak_tmp = None
        _replace(tmp, path)
        _fsync_dir(folder)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        if bak_tmp is not None:
            Path(bak_tmp).unlink(missing_ok=True)
        raise


def _snapshot(path: Path) -> str | None:
    """A complete, fsynced copy of ``path`` under a temporary name in the same folder.

    Hard links cost nothing where they exist; elsewhere (FAT, some network shares,
    Windows without privileges) the file is copied. None if neither is possible: the save
    then goes ahead without refreshing the backup rather than failing.
    """
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}~.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        os.unlink(tmp)
        os.link(path, tmp)
        return tmp
    except (OSError, AttributeError, NotImplementedError):
        pass
    try:
        with open(path, "rb") as src, open(tmp, "wb") as dst:
            shutil.copyfileobj(src, dst, 1024 * 1024)
            dst.flush()
            os.fsync(dst.fileno())
        return tmp
    except OSError:
        Path(tmp).unlink(missing_ok=True)
        return None


def _replace(src: str, dst: Path) -> None:
    """os.replace, retried briefly on Windows where a reader (indexer, virus scanner)
    may hold the target open for a moment."""
    for attempt in range(20 if os.name == "nt" else 1):
        try:
            os.replace(src, dst)
            return
        except PermissionError:
            if os.name != "nt" or attempt == 19:
                raise
            time.sleep(0.05 * (attempt + 1))


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def dumps(project: Project) -> bytes:
    return project.model_dump_json(indent=1).encode("utf-8")


def loads(data: bytes, name: str = "project") -> Project:
    try:
        raw = json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ProjectError(f"not a Briefing project file ({exc})", name) from None
    if not isinstance(raw, dict) or raw.get("app") != "briefing":
        raise ProjectError("not a Briefing project file", name)
    version = raw.get("schema_version")
    if not isinstance(version, int):
        raise ProjectError("project file has no schema_version", name)
    if version > SCHEMA_VERSION:
        raise ProjectError(f"project file is from a newer Briefing (schema {version})", name)
    raw = migrate(raw)
    try:
        return Project.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ProjectError(f"damaged project file: {where}: {first['msg']}", name) from None


def migrate(raw: dict) -> dict:
    """Bring an older project dict up to the current schema (none older than 1 yet)."""
    return raw


def save_project(project: Project, path: str | Path) -> None:
    """Save atomically; the previous version stays as ``path~``."""
    data = dumps(project)
    try:
        atomic_write_bytes(path, data, backup=True)
    except OSError as exc:
        raise ProjectError(f"cannot write file ({exc.strerror or exc})", str(path)) from None


def load_project(path: str | Path) -> Project:
    p = Path(path)
    try:
        if p.stat().st_size > MAX_PROJECT_BYTES:
            raise ProjectError("project file is too large", str(path))
        data = p.read_bytes()
    except FileNotFoundError:
        raise ProjectError("no such file", str(path)) from None
    except IsADirectoryError:
        raise ProjectError("is a directory, not a file", str(path)) from None
    except OSError as exc:
        raise ProjectError(f"cannot read file ({exc.strerror or exc})", str(path)) from None
    try:
        return loads(data, str(path))
    except ProjectError as exc:
        bak = p.with_name(p.name + "~")
        if bak.is_file():
            exc.message += f" (the previous version is kept in {bak.name})"
        raise
