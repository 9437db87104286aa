"""Import limits and the guard that runs risky parsers with a time and memory budget.

Every limit is a module constant so that the numbers are visible in one place and error
messages can name them. Parsers of untrusted formats (PDF, DOCX, HTML) run in a child
process: on POSIX through a fork server with resource limits (address space, CPU time) and
a wall-clock timeout; elsewhere (Windows) in a spawned process with the timeout only. A
child that goes over a limit is killed and the import fails with a one-line reason.
"""
from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from typing import Any, Callable

from ..errors import BriefingError, ImportFailed, LimitExceeded

MB = 1024 * 1024

# --- sizes of the input
MAX_FILE_BYTES = 100 * MB  # any input file
MAX_TEXT_CHARS = 20_000_000  # characters of text an article may have
MAX_HTML_BYTES = 25 * MB  # a saved web page (the page itself, not its folder)

# --- PDF
MAX_PDF_PAGES = 2_000
MAX_PDF_STREAM_BYTES = 64 * MB  # decompressed size of one stream (pypdf's own limit is set to this)
MAX_PDF_OBJECTS = 2_000_000  # objects named in the cross-reference table

# --- DOCX (a zip archive): checked from the central directory BEFORE anything is inflated
MAX_ZIP_ENTRIES = 5_000
MAX_ZIP_ENTRY_BYTES = 200 * MB  # declared uncompressed size of one entry
MAX_ZIP_TOTAL_BYTES = 400 * MB  # declared uncompressed size of all entries
MAX_ZIP_RATIO = 200  # uncompressed/compressed for an entry bigger than ZIP_RATIO_MIN_BYTES
ZIP_RATIO_MIN_BYTES = 1 * MB
MAX_XML_PART_BYTES = 64 * MB  # one XML part we parse (document.xml, footnotes.xml ...)

# --- time and memory of one parse in the child process
PARSE_TIMEOUT_S = 120.0
PARSE_MEMORY_BYTES = 1536 * MB  # extra address space a parser may take on top of its start size

# Run risky parsers in a child process. Turned off only for debugging (BRIEFING_INGEST_INPROCESS=1).
USE_CHILD_PROCESS = os.environ.get("BRIEFING_INGEST_INPROCESS", "") != "1"

# The fork server imports the parsers and their libraries once; see ``_warm``.
_PRELOAD = ["briefing.ingest._preload"]
# A single-threaded process on Linux (the command line) forks its parse children directly:
# no fork server to start, about 0.3-0.7 s less for the first import of a run.
FORK_WHEN_SINGLE_THREADED = True
_ctx_lock = threading.Lock()
_ctx: Any = None


def mb(n: int) -> str:
    return f"{n / MB:.0f} MB"


def _os_threads() -> int | None:
    """Threads of this process as the OS sees them (Qt's native threads included); None if unknown."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return None


def _fork_directly() -> bool:
    """Fork only where it is safe: Linux, and no other thread (Python's or a library's) exists."""
    return (FORK_WHEN_SINGLE_THREADED and sys.platform.startswith("linux")
            and "fork" in multiprocessing.get_all_start_methods() and _os_threads() == 1)


def prestart() -> None:
    """Start the parser fork server now, without waiting for it (the GUI calls this at launch).

    The fork server loads every parser library once (about a second); started early, that
    happens while the user is still choosing a file instead of during the first import.
    Nothing happens where children are forked directly or spawned.
    """
    if not USE_CHILD_PROCESS or _context().get_start_method() != "forkserver":
        return
    from multiprocessing import forkserver

    forkserver.ensure_running()


def start_method() -> str:
    """How the next parse child will be started: "fork", "forkserver" or "spawn"."""
    return _context().get_start_method()


def _context():
    global _ctx
    if _fork_directly():
        return multiprocessing.get_context("fork")
    with _ctx_lock:
        if _ctx is None:
            if sys.platform != "win32" and "forkserver" in multiprocessing.get_all_start_methods():
                # A fork server is started once (single-threaded, so safe next to a Qt GUI) and
                # forks a fresh child for every parse with the parser modules already imported.
                ctx = multiprocessing.get_context("forkserver")
                ctx.set_forkserver_preload(_PRELOAD)
            else:
                ctx = multiprocessing.get_context("spawn")
            _ctx = ctx
        return _ctx


def _vm_size() -> int | None:
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        return None


def _apply_resource_limits(memory: int, cpu_seconds: float) -> None:
    try:
        import resource
    except ImportError:  # Windows: the parent's timeout is the only guard
        return
    base = _vm_size()
    if base is not None:
        limit = base + memory
        try:
            soft, hard = resource.getrlimit(resource.RLIMIT_AS)
            if hard != resource.RLIM_INFINITY:
                limit = min(limit, hard)
            resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
        except (ValueError, OSError):  # macOS does not enforce RLIMIT_AS; the timeout still applies
            pass
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
        cpu = int(cpu_seconds) + 5
        if hard != resource.RLIM_INFINITY:
            cpu = min(cpu, hard)
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, hard))
    except (ValueError, OSError):
        pass


def _child_main(conn, func, args, memory, cpu_seconds) -> None:
    try:
        _apply_resource_limits(memory, cpu_seconds)
        result: tuple = ("ok", func(*args))
    except BriefingError as exc:
        result = ("error", type(exc).__name__, exc.message, exc.file)
    except MemoryError:
        result = ("memory",)
    except RecursionError:
        result = ("error", "ImportFailed", "the document is nested too deeply to read", None)
    except Exception as exc:  # noqa: BLE001 - reported as one line in the parent
        result = ("error", "ImportFailed", f"could not read the file ({type(exc).__name__}: {exc})"[:300], None)
    try:
        conn.send(result)
    except MemoryError:
        conn.send(("memory",))
    finally:
        conn.close()


def run_guarded(func: Callable[..., Any], *args: Any, name: str, timeout: float | None = None,
                memory: int | None = None) -> Any:
    """Call ``func(*args)`` with a time and memory budget; failures become ImportFailed.

    ``func`` must be a module-level function (it is called in a child process).
    """
    timeout = PARSE_TIMEOUT_S if timeout is None else timeout
    memory = PARSE_MEMORY_BYTES if memory is None else memory
    if not USE_CHILD_PROCESS:
        try:
            return func(*args)
        except BriefingError:
            raise
        except MemoryError:
            raise LimitExceeded(f"parsing needed more memory than the limit of {mb(memory)}", name) from None
        except RecursionError:
            raise ImportFailed("the document is nested too deeply to read", name) from None
    ctx = _context()
    if ctx.get_start_method() == "fork":
        # The child is a copy of this process: import the parser's libraries here once, so that
        # every later child of this run has them too (as children of the fork server do).
        from . import _warm

        _warm.prepare(func)
    receiver, sender = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child_main, args=(sender, func, args, memory, timeout), daemon=True)
    proc.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            raise LimitExceeded(f"reading the file took longer than the time limit of {timeout:g} s", name)
        try:
            msg = receiver.recv()
        except (EOFError, OSError):
            msg = None
    finally:
        receiver.close()
        if proc.is_alive():
            proc.kill()
        proc.join(5)
    if msg is None:
        code = proc.exitcode
        if code is not None and code < 0 and -code in (9, 24):  # SIGKILL (out of memory), SIGXCPU
            raise LimitExceeded(f"reading the file went over the memory or CPU limit ({mb(memory)}, "
                                f"{timeout:g} s)", name)
        raise ImportFailed(f"the file could not be read (the parser stopped, exit code {code})", name)
    if msg[0] == "ok":
        return msg[1]
    if msg[0] == "memory":
        raise LimitExceeded(f"reading the file needed more memory than the limit of {mb(memory)}", name)
    _, cls_name, message, file = msg
    cls = LimitExceeded if cls_name == "LimitExceeded" else ImportFailed
    raise cls(message, file or name)
