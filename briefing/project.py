"""Project files (.brief): one self-contained JSON file, written atomically."""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from pydantic import ValidationError

from .errors import ProjectError
from .model import SCHEMA_VERSION, Project

MAX_PROJECT_BYTES = 512 * 1024 * 1024


def atomic_write_bytes(path: str | Path, data: bytes, *, backup: bool = False) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder, fsync, rename.

    With ``backup`` the previous version is kept as ``path~``.
    """
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if backup and path.exists():
            bak = path.with_name(path.name + "~")
            try:
                # hard-link the current version as the backup, so ``path`` exists at every moment
                if bak.exists():
                    bak.unlink()
                os.link(path, bak)
            except OSError:
                try:
                    import shutil

                    shutil.copy2(path, bak)
                except OSError:
                    pass
        os.replace(tmp, path)
        _fsync_dir(path.parent)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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
    atomic_write_bytes(path, dumps(project), backup=True)


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
    return loads(data, str(path))
