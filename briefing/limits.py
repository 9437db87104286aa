"""Run untrusted work (parsing a hostile file) in a child process with hard limits.

``run_limited(func, *args, timeout_s=..., memory_mb=...)`` calls ``func(*args)`` in a
child process and returns its result. The child gets an address-space limit (POSIX
``RLIMIT_AS``, counted on top of what the child already uses) and is killed when it
runs longer than ``timeout_s``. Errors come back as the core's one-line errors:

* a :class:`~briefing.errors.BriefingError` raised in the child is re-raised as is
  (same class, message and file name);
* running out of the memory budget -> :class:`~briefing.errors.LimitExceeded`
  "needs more than N MB of memory";
* the time limit -> :class:`~briefing.errors.LimitExceeded` "took longer than N s";
* a crash of the child (segfault in a C library, killed) -> :class:`ImportFailed`.

Portability: the memory limit needs ``resource`` (Linux, BSD; macOS does not enforce
``RLIMIT_AS``). Where it is unavailable the time limit still applies, and the caller's
own size/page/character limits stay the first line of defence. On Windows and macOS
the child is started with ``spawn``; on Linux with ``fork`` when the caller has no other
threads (fast), else ``forkserver``. ``func`` must be a module-level function (picklable).

``BRIEFING_NO_SUBPROCESS=1`` runs the function in-process (debugging only).
"""
from __future__ import annotations

import multiprocessing as mp
import os
import sys
import threading
import traceback
from collections.abc import Callable
from typing import Any, TypeVar

from . import errors as _errors
from .errors import BriefingError, ImportFailed, LimitExceeded

T = TypeVar("T")

DEFAULT_TIMEOUT_S = 30.0
DEFAULT_MEMORY_MB = 768


def memory_limits_supported() -> bool:
    """True where a child's address space can be capped (Linux and the BSDs)."""
    if sys.platform == "darwin" or os.name != "posix":
        return False
    try:
        import resource  # noqa: F401
    except ImportError:
        return False
    return True


def _current_address_space() -> int:
    """Bytes of virtual memory this process already maps (0 if unknown)."""
    try:
        with open("/proc/self/statm", "rb") as fh:
            pages = int(fh.read().split()[0])
        return pages * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        return 0


def _apply_memory_limit(memory_mb: float | None) -> None:
    if not memory_mb or not memory_limits_supported():
        return
    import resource

    budget = int(memory_mb * 1024 * 1024) + _current_address_space()
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            budget = min(budget, hard)
        resource.setrlimit(resource.RLIMIT_AS, (budget, hard))
    except (ValueError, OSError):
        pass


def _child(conn, func, args, kwargs, memory_mb) -> None:
    try:
        _apply_memory_limit(memory_mb)
        result = func(*args, **kwargs)
        conn.send(("ok", result))
    except MemoryError:
        conn.send(("memory", None))
    except BriefingError as exc:
        conn.send(("briefing", (type(exc).__name__, exc.message, exc.file)))
    except RecursionError:
        conn.send(("error", ("RecursionError", "input is nested too deeply")))
    except BaseException as exc:  # noqa: BLE001 - reported to the parent as one line
        conn.send(("error", (type(exc).__name__, str(exc), traceback.format_exc())))
    finally:
        conn.close()


def _context() -> mp.context.BaseContext:
    methods = mp.get_all_start_methods()
    if sys.platform.startswith("linux"):
        if threading.active_count() == 1 and "fork" in methods:
            return mp.get_context("fork")
        if "forkserver" in methods:
            return mp.get_context("forkserver")
    return mp.get_context("spawn")


def _rebuild(kind: str, payload: Any, name: str | None) -> BaseException:
    if kind == "briefing":
        cls_name, message, file = payload
        cls = getattr(_errors, cls_name, None)
        if not (isinstance(cls, type) and issubclass(cls, BriefingError)):
            cls = ImportFailed
        return cls(message, file)
    cls_name, message = payload[0], payload[1]
    if cls_name == "RecursionError":
        return ImportFailed(message, name)
    return ImportFailed(f"could not be read ({cls_name}: {' '.join(str(message).split())[:200]})", name)


def run_limited(
    func: Callable[..., T],
    *args: Any,
    timeout_s: float = DEFAULT_TIMEOUT_S,
    memory_mb: float | None = DEFAULT_MEMORY_MB,
    name: str | None = None,
    **kwargs: Any,
) -> T:
    """``func(*args, **kwargs)`` in a child process under a time and memory limit.

    ``name`` (usually the input file name) goes into the error messages.
    """
    if os.environ.get("BRIEFING_NO_SUBPROCESS") == "1":
        try:
            return func(*args, **kwargs)
        except MemoryError:
            raise LimitExceeded(f"needs more than {memory_mb:.0f} MB of memory", name) from None
    ctx = _context()
    recv, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(send, func, args, kwargs, memory_mb), daemon=True)
    proc.start()
    send.close()
    try:
        if not recv.poll(timeout_s):
            raise LimitExceeded(f"took longer than {timeout_s:g} s to read, stopped", name)
        try:
            kind, payload = recv.recv()
        except (EOFError, OSError):
            proc.join(5)
            code = proc.exitcode
            raise ImportFailed(f"could not be read (the reader stopped with code {code})", name) from None
        except MemoryError:
            raise LimitExceeded("result is too large", name) from None
    finally:
        recv.close()
        if proc.is_alive():
            proc.kill()
        proc.join(5)
    if kind == "ok":
        return payload
    if kind == "memory":
        raise LimitExceeded(f"needs more than {memory_mb:.0f} MB of memory to read, stopped", name)
    raise _rebuild(kind, payload, name)
