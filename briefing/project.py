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
        give_output_mode(tmp, path)
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


def give_output_mode(tmp: str | os.PathLike, path: str | Path) -> None:
    """Give the temporary file ``tmp`` the permissions ``path`` will need once renamed.

    :func:`tempfile.mkstemp` creates files readable by their owner only (0600); a brief or
    project replacing an existing file keeps that file's mode, a new one gets the usual
    mode of a new file under the process umask (0644 with umask 022), as any other
    program's output would. POSIX only (Windows has no such modes).
    """
    if os.name != "posix":
        return
    try:
        mode = os.stat(path).st_mode & 0o7777
    except OSError:
        mask = os.umask(0o022)
        os.umask(mask)
        mode = 0o666 & ~mask
    os.chmod(tmp, mode)


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
    version = raw.get("schema_version", 0 if "sources" in raw else None)
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise ProjectError("project file has no schema_version", name)
    if version > SCHEMA_VERSION:
        raise ProjectError(f"project file is from a newer Briefing (schema {version})", name)
    raw = migrate(raw, name)
    try:
        project = Project.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ProjectError(f"damaged project file: {where}: {first['msg']}", name) from None
    if project.template is not None:  # a template inside a project file is as untrusted as any other
        from .errors import TemplateError
        from .templates import check_template

        try:
            check_template(project.template, name)
        except TemplateError as exc:
            raise ProjectError(f"template in project file: {exc.message}", name) from None
    return project


def migrate(raw: dict, name: str = "project") -> dict:
    """Bring an older project dict up to the current schema, one version step at a time."""
    version = raw.get("schema_version", 0)
    while version < SCHEMA_VERSION:
        step = _MIGRATIONS.get(version)
        if step is None:
            raise ProjectError(f"cannot read project files of schema {version}", name)
        try:
            raw = step(raw)
        except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
            raise ProjectError(f"damaged project file (schema {version}): {type(exc).__name__} {exc}", name) from None
        version = raw["schema_version"]
    return raw


def _v0_to_v1(raw: dict) -> dict:
    """Schema 0, the draft format of the first prototype, to schema 1.

    Schema 0 kept the article text inside each entry of ``sources`` (``lang``, ``file``,
    ``hash`` and ``paragraphs`` as ``[start, end]`` pairs); claims named their article in
    ``source``, their paragraph in ``para``, the attribution in flat ``speaker``/``cue``
    fields and the analyst's choice in ``selected``; brief sections listed claim ids under
    ``claims`` and the analyst's text under ``notes``; the template was stored by name only.
    """
    articles = []
    for s in raw.get("sources", []):
        articles.append({
            "schema_version": 1,
            "source": {k: v for k, v in {
                "id": s.get("id", ""), "title": s.get("title"), "publisher": s.get("publisher"),
                "author": s.get("author"), "published": s.get("published"), "url": s.get("url"),
                "language": s.get("lang"), "file_name": s.get("file"), "sha256": s.get("hash"),
                "imported": s.get("imported"),
            }.items() if v is not None},
            "text": s["text"],
            "paragraphs": [{"start": a, "end": b} for a, b in s.get("paragraphs", [])],
        })
    claims = []
    for c in raw.get("claims", []):
        new = {"id": c["id"], "source_id": c.get("source", ""), "start": c["start"], "end": c["end"],
               "text": c["text"], "paragraph": c.get("para", 0), "stance": c.get("stance", "asserted"),
               "included": bool(c.get("selected", False))}
        if c.get("speaker") or c.get("cue"):
            new["attribution"] = {"source": c.get("speaker"), "cue": c.get("cue")}
        for key in ("paraphrase", "note", "tags"):
            if c.get(key) is not None:
                new[key] = c[key]
        claims.append(new)
    old_brief = raw.get("brief", {})
    sections = []
    for sec in old_brief.get("sections", []):
        items = [{"kind": "claim", "claim_id": cid} for cid in sec.get("claims", [])]
        if sec.get("notes"):
            items.append({"kind": "text", "text": sec["notes"]})
        sections.append({"id": sec["id"], "title": sec.get("title", sec["id"]), "items": items})
    brief = {k: old_brief[k] for k in ("title", "subtitle", "author", "organisation", "date") if k in old_brief}
    brief["sections"] = sections
    template = raw.get("template")
    if isinstance(template, str):
        template = _template_by_name(template)
    return {"schema_version": 1, "app": "briefing", "articles": articles, "claims": claims, "brief": brief,
            "template": template}


def _template_by_name(name: str) -> dict | None:
    from .errors import TemplateError
    from .templates import get_template, looks_like_path

    if looks_like_path(name):
        return None  # never follow a path stored in a file
    try:
        return get_template(name).model_dump(mode="json")
    except TemplateError:
        return None


_MIGRATIONS = {0: _v0_to_v1}


def verify_quotes(project: Project) -> list[str]:
    """Ids of the claims whose quote no longer matches the stored text of their article."""
    from .brief import quote_is_verbatim

    return [c.id for c in project.claims if not quote_is_verbatim(c, project.article_for(c))]


def verify_original(project: Project, source_id: str, path: str | Path) -> bool:
    """Whether the file at ``path`` is the original the source was imported from (SHA-256)."""
    import hashlib

    src = next((a.source for a in project.articles if a.source.id == source_id), None)
    if src is None or not src.sha256:
        return False
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest() == src.sha256


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
