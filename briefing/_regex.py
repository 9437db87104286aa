"""Compiled regular expressions kept between runs, the way Python keeps compiled bytecode.

The claims engine builds a few large patterns from its word lists (cue words, month names,
units, number words). Python parses and compiles a pattern in pure Python, about 4 ms per KB of
pattern, which made compiling them a sixth of a cold ``briefing build``. ``compile`` keeps the
compiled program of such a pattern in a small file in the user's cache folder and, in later
processes, hands the stored program straight to the regex engine, which checks every program it
is given. The file is keyed to the Python build and the regex engine's version; a missing,
stale, damaged or foreign file, an unwritable folder or an interpreter without these internals
simply means the pattern is compiled the normal way. Nothing else is ever read from the cache.

``BRIEFING_CACHE_DIR`` overrides the folder; ``BRIEFING_CACHE_DIR=off`` turns the cache off.
"""
from __future__ import annotations

import atexit
import json
import os
import re
import sys
from array import array

try:  # the engine's own compiler: CPython 3.11+
    import _sre
    from re import _compiler, _parser

    _CODE_TYPE = next(t for t in "IL" if array(t).itemsize == _sre.CODESIZE)
    _TAG = f"{sys.implementation.cache_tag}-{_sre.MAGIC}-{_sre.CODESIZE}{sys.byteorder[0]}"
except Exception:  # noqa: BLE001 - another interpreter or version: plain re.compile
    _sre = None
    _TAG = ""

_MAGIC = b"BRIEFRX1"
_MAX_BYTES = 16 * 1024 * 1024
_MAX_ENTRIES = 200

_cache: dict[tuple[str, int], tuple] | None = None  # (pattern, flags) -> (flags, groups, groupindex, indexgroup, code)
_new: dict[tuple[str, int], tuple] = {}
_owner_pid = os.getpid()


def cache_file():
    """The cache file of this interpreter, or None when caching is off."""
    from pathlib import Path

    override = os.environ.get("BRIEFING_CACHE_DIR")
    if override is not None and override.strip().lower() in ("", "off", "0", "none"):
        return None
    if override:
        folder = Path(override)
    else:
        import platformdirs

        folder = Path(platformdirs.user_cache_dir("Briefing", "Briefing"))
    return folder / f"regex-{_TAG}.bin"


def _read(path) -> dict:
    try:
        with open(path, "rb") as fh:
            data = fh.read(_MAX_BYTES + 1)
    except OSError:
        return {}
    try:
        if len(data) > _MAX_BYTES or data[:8] != _MAGIC:
            return {}
        n = int.from_bytes(data[8:12], "little")
        index = json.loads(data[12 : 12 + n].decode("utf-8"))
        code = array(_CODE_TYPE)
        code.frombytes(data[12 + n : 12 + n + (len(data) - 12 - n) // code.itemsize * code.itemsize])
        out = {}
        for pattern, req, flags, groups, groupindex, indexgroup, off, count in index:
            if not (isinstance(pattern, str) and isinstance(groupindex, dict) and 0 <= off <= off + count <= len(code)):
                return {}
            out[(pattern, int(req))] = (int(flags), int(groups), groupindex, tuple(indexgroup), code[off : off + count])
        return out
    except Exception:  # noqa: BLE001 - damaged or foreign: start afresh
        return {}


def _write() -> None:
    if not _new or os.getpid() != _owner_pid:
        return
    path = cache_file()
    if path is None:
        return
    entries = dict(_read(path))
    if len(entries) + len(_new) > _MAX_ENTRIES:
        entries = {}
    entries.update(_new)
    index, blob = [], array(_CODE_TYPE)
    for (pattern, req), (flags, groups, groupindex, indexgroup, code) in entries.items():
        index.append([pattern, req, flags, groups, groupindex, list(indexgroup), len(blob), len(code)])
        blob.extend(code)
    head = json.dumps(index, ensure_ascii=False).encode("utf-8")
    data = _MAGIC + len(head).to_bytes(4, "little") + head + blob.tobytes()
    if len(data) > _MAX_BYTES:
        return
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
        tmp = None
    except OSError:
        pass  # a read-only or full disk: next time compiles again
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
    _new.clear()


def compile(pattern: str, flags: int = 0) -> re.Pattern:  # noqa: A001 - re.compile's name, on purpose
    """``re.compile(pattern, flags)``, from the cache when this pattern was compiled before."""
    global _cache
    if _sre is None or not isinstance(pattern, str):
        return re.compile(pattern, flags)
    if _cache is None:
        path = cache_file()
        _cache = _read(path) if path is not None else {}
        if path is not None:
            atexit.register(_write)
    key = (pattern, int(flags))
    hit = _cache.get(key)
    if hit is not None:
        cflags, groups, groupindex, indexgroup, code = hit
        try:
            return _sre.compile(pattern, cflags, code.tolist(), groups, groupindex, indexgroup)
        except Exception:  # noqa: BLE001 - the engine refused the stored program
            _cache.pop(key, None)
    try:
        # what re.compile does inside (parse, generate the program, hand it to the engine), with
        # the program kept for the cache
        parsed = _parser.parse(pattern, flags)
        code = _compiler._code(parsed, flags)
        state = parsed.state
        indexgroup = [None] * state.groups
        for name, i in state.groupdict.items():
            indexgroup[i] = name
        entry = (flags | state.flags, state.groups - 1, dict(state.groupdict), tuple(indexgroup), array(_CODE_TYPE, code))
        compiled = _sre.compile(pattern, entry[0], code, entry[1], entry[2], entry[3])
    except re.error:
        raise
    except Exception:  # noqa: BLE001 - internals differ here: no caching
        return re.compile(pattern, flags)
    _cache[key] = _new[key] = entry
    return compiled
