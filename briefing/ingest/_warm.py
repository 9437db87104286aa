"""Parser libraries loaded ahead of time, so that every parse child starts warm.

The fork server imports ``_preload``, which calls ``warm()``.

Children are forked from the fork server; whatever it has imported they share for free.
Without this, each PDF import paid for importing pypdf and its text-extraction modules in
the child (0.1-0.2 s of CPU for every PDF), each web page for importing
trafilatura. Nothing here reads a file or opens a socket (trafilatura is imported with
urllib3's IPv6 probe switched off, see ``html.load_trafilatura``).

Where the parse children are forked straight from a single-threaded process (the command
line), ``prepare`` imports only the libraries of the parser about to run, in that process.

A failure is ignored: the fork server must start even if a library is broken, and the
child then imports (and reports) it itself.
"""
from __future__ import annotations

from typing import Callable


def warm() -> None:
    """Everything, for the fork server (which serves every kind of file for the whole session)."""
    for step in (_pdf, _docx, _html):
        _quietly(step)


def prepare(func: Callable) -> None:
    """Import the libraries ``func`` (a parser's extract function) needs, before forking."""
    step = {"briefing.ingest.pdf": _pdf, "briefing.ingest.docx": _docx,
            "briefing.ingest.html": _html}.get(getattr(func, "__module__", ""))
    if step is not None:
        _quietly(step)


def _quietly(step: Callable[[], None]) -> None:
    try:
        step()
    except Exception:  # noqa: BLE001 - see the module docstring
        pass


def _pdf() -> None:
    import pypdf  # noqa: F401
    import pypdf._cmap  # noqa: F401
    import pypdf._text_extraction  # noqa: F401
    import pypdf.filters  # noqa: F401
    from pypdf._codecs import _codecs  # noqa: F401

    from . import pdf  # noqa: F401


def _docx() -> None:
    import docx  # noqa: F401
    import docx.table  # noqa: F401
    import lxml.etree  # noqa: F401

    from . import docx as _ours  # noqa: F401


def _html() -> None:
    import lxml.html  # noqa: F401

    from . import html

    html.load_trafilatura()
