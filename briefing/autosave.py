"""Autosave and crash recovery, for the GUI and for any other long-running editor.

Each editing session has an id (:func:`new_session_id`) and one autosave file
``<autosave_dir>/<session_id>.autosave``. The file is written atomically (temporary
file in the same folder, flush + fsync, rename), so after a crash or a kill it holds
either the previous or the latest autosave, never a torn one.

* :func:`write_autosave` writes one snapshot now.
* :class:`Autosaver` throttles: ``touch(project)`` after every edit writes at most every
  ``interval_s`` seconds; ``poll()`` (from a timer) writes a pending snapshot once it is
  due; ``flush()`` writes it now. With a timer calling ``poll()`` at least every
  ``interval_s`` seconds, a kill loses at most about ``interval_s`` seconds of edits.
* :func:`list_recoverable` lists what a crashed session left behind, newest first;
  :func:`load_autosave` reads one back; :func:`discard_autosave` removes a session's
  file once the work is saved or the user declines recovery.

The autosave file is a small JSON envelope around the project, so that the session id,
time and the project file the session was editing (``origin``) can be shown without
guessing.
"""
from __future__ import annotations

import datetime as _dt
import json
import os
import re
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from .errors import ProjectError
from .model import SCHEMA_VERSION, Project
from .paths import user_data_dir
from .project import atomic_write_bytes, migrate

SUFFIX = ".autosave"
ENVELOPE_APP = "briefing-autosave"
MAX_AUTOSAVE_BYTES = 512 * 1024 * 1024
_SESSION_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
# Temporary files older than this are leftovers of a killed writer and are removed.
_STALE_TMP_S = 600


@dataclass(frozen=True)
class RecoveryEntry:
    path: Path
    session_id: str
    modified: _dt.datetime  # timezone-aware (UTC)
    title: str
    origin: Path | None = None  # the project file the session was editing, if it had one


def autosave_dir() -> Path:
    """``user_data_dir()/autosave`` (BRIEFING_DATA_DIR overrides the data folder)."""
    return user_data_dir() / "autosave"


def new_session_id() -> str:
    """A fresh, file-name-safe session id (time-ordered, unique)."""
    stamp = _dt.datetime.now(_dt.timezone.utc).strftime("%Y%m%dT%H%M%S")
    return f"{stamp}-{os.getpid()}-{secrets.token_hex(4)}"


def _check_session_id(session_id: str) -> str:
    if not isinstance(session_id, str) or not _SESSION_RE.match(session_id):
        raise ValueError(f"invalid autosave session id {session_id!r}")
    return session_id


def _file_for(session_id: str) -> Path:
    return autosave_dir() / f"{_check_session_id(session_id)}{SUFFIX}"


def _title_of(project: Project) -> str:
    if project.brief.title:
        return project.brief.title
    for a in project.articles:
        if a.source.title:
            return a.source.title
    return "Untitled brief"


def write_autosave(project: Project, session_id: str, *, origin: str | Path | None = None) -> Path:
    """Write a snapshot of ``project`` for ``session_id`` atomically; returns the file."""
    path = _file_for(session_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    saved_at = _dt.datetime.now(_dt.timezone.utc).isoformat()
    # The project JSON is produced by pydantic and embedded verbatim, so the envelope
    # costs no second serialisation of a large project.
    head = json.dumps(
        {
            "app": ENVELOPE_APP,
            "schema_version": SCHEMA_VERSION,
            "session_id": session_id,
            "saved_at": saved_at,
            "title": _title_of(project),
            "origin": str(origin) if origin is not None else None,
        },
        ensure_ascii=False,
    )
    data = head[:-1].encode("utf-8") + b', "project": ' + project.model_dump_json().encode("utf-8") + b"}"
    atomic_write_bytes(path, data)
    return path


def _read_envelope(path: Path) -> dict:
    name = str(path)
    try:
        if path.stat().st_size > MAX_AUTOSAVE_BYTES:
            raise ProjectError("autosave file is too large", name)
        raw = json.loads(path.read_bytes())
    except FileNotFoundError:
        raise ProjectError("no such file", name) from None
    except OSError as exc:
        raise ProjectError(f"cannot read file ({exc.strerror or exc})", name) from None
    except (ValueError, UnicodeDecodeError):
        raise ProjectError("damaged autosave file", name) from None
    if not isinstance(raw, dict) or raw.get("app") != ENVELOPE_APP or not isinstance(raw.get("project"), dict):
        raise ProjectError("not a Briefing autosave file", name)
    return raw


def _project_from(raw: dict, name: str) -> Project:
    proj = raw["project"]
    version = proj.get("schema_version")
    if not isinstance(version, int):
        raise ProjectError("autosave has no schema_version", name)
    if version > SCHEMA_VERSION:
        raise ProjectError(f"autosave is from a newer Briefing (schema {version})", name)
    try:
        return Project.model_validate(migrate(proj))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ProjectError(f"damaged autosave file: {where}: {first['msg']}", name) from None


def load_autosave(path: str | Path) -> Project:
    """The project stored in an autosave file; ProjectError if it is damaged."""
    p = Path(path)
    return _project_from(_read_envelope(p), str(p))


def _parse_time(value, fallback: float) -> _dt.datetime:
    if isinstance(value, str):
        try:
            t = _dt.datetime.fromisoformat(value)
            return t if t.tzinfo else t.replace(tzinfo=_dt.timezone.utc)
        except ValueError:
            pass
    return _dt.datetime.fromtimestamp(fallback, _dt.timezone.utc)


def list_recoverable() -> list[RecoveryEntry]:
    """Autosaves that can be recovered, newest first; damaged files are skipped."""
    folder = autosave_dir()
    if not folder.is_dir():
        return []
    now = time.time()
    entries: list[RecoveryEntry] = []
    for f in folder.iterdir():
        try:
            if f.name.endswith(".tmp") and f.name.startswith("."):
                if now - f.stat().st_mtime > _STALE_TMP_S:
                    f.unlink(missing_ok=True)
                continue
            if not f.name.endswith(SUFFIX) or not f.is_file():
                continue
            session_id = f.name[: -len(SUFFIX)]
            if not _SESSION_RE.match(session_id):
                continue
            raw = _read_envelope(f)
            _project_from(raw, str(f))  # skip files that would not load
            mtime = f.stat().st_mtime
        except (ProjectError, OSError):
            continue
        origin = raw.get("origin")
        title = raw.get("title")
        entries.append(
            RecoveryEntry(
                path=f,
                session_id=session_id,
                modified=_parse_time(raw.get("saved_at"), mtime),
                title=title if isinstance(title, str) and title else "Untitled brief",
                origin=Path(origin) if isinstance(origin, str) and origin else None,
            )
        )
    entries.sort(key=lambda e: (e.modified, e.session_id), reverse=True)
    return entries


def discard_autosave(session_id: str) -> None:
    """Remove the autosave of ``session_id`` (no error if there is none)."""
    path = _file_for(session_id)
    path.unlink(missing_ok=True)
    folder = path.parent
    if folder.is_dir():
        for tmp in folder.glob(f".{path.name}.*.tmp"):
            tmp.unlink(missing_ok=True)


class Autosaver:
    """Throttled autosave for one session, usable without Qt.

    ``touch(project)`` after each edit; it writes at once when the last write is at least
    ``interval_s`` seconds old, otherwise it remembers the project as pending. ``poll()``
    writes a pending project once it is due (call it from a timer); ``flush()`` writes it
    now; ``discard()`` removes the session's autosave (after a successful save).

    ``start()`` runs ``poll()`` on a background thread every ``interval_s / 2`` seconds for
    callers without an event loop. The thread serialises the project while holding
    :attr:`lock`; callers that mutate the project from another thread should hold the
    same lock while editing.
    """

    def __init__(
        self,
        session_id: str | None = None,
        interval_s: float = 3.0,
        *,
        origin: str | Path | None = None,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.session_id = _check_session_id(session_id) if session_id else new_session_id()
        self.interval_s = float(interval_s)
        self.origin = origin
        self.lock = threading.RLock()
        self.writes = 0
        self.last_error: Exception | None = None
        self._clock = clock
        self._pending: Project | None = None
        self._last_write: float | None = None
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()

    @property
    def path(self) -> Path:
        return _file_for(self.session_id)

    @property
    def pending(self) -> bool:
        return self._pending is not None

    def _due(self) -> bool:
        return self._last_write is None or self._clock() - self._last_write >= self.interval_s

    def _write(self) -> Path | None:
        project = self._pending
        if project is None:
            return None
        try:
            path = write_autosave(project, self.session_id, origin=self.origin)
        except OSError as exc:  # a full disk must not stop editing; the next write retries
            self.last_error = exc
            return None
        self._pending = None
        self._last_write = self._clock()
        self.writes += 1
        self.last_error = None
        return path

    def touch(self, project: Project) -> Path | None:
        """Record an edit; writes now if due. Returns the file when it wrote."""
        with self.lock:
            self._pending = project
            return self._write() if self._due() else None

    def poll(self) -> Path | None:
        """Write the pending project if the interval has passed."""
        with self.lock:
            return self._write() if self._pending is not None and self._due() else None

    def flush(self) -> Path | None:
        """Write the pending project now, if there is one."""
        with self.lock:
            return self._write()

    def discard(self) -> None:
        with self.lock:
            self._pending = None
            discard_autosave(self.session_id)

    def start(self) -> Autosaver:
        if self._thread is None:
            self._stop.clear()
            self._thread = threading.Thread(target=self._run, name="briefing-autosave", daemon=True)
            self._thread.start()
        return self

    def stop(self, *, flush: bool = True) -> None:
        if self._thread is not None:
            self._stop.set()
            self._thread.join()
            self._thread = None
        if flush:
            self.flush()

    def _run(self) -> None:
        step = max(self.interval_s / 2, 0.05)
        while not self._stop.wait(step):
            self.poll()

    def __enter__(self) -> Autosaver:
        return self

    def __exit__(self, *exc) -> None:
        self.stop(flush=True)
