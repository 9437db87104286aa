"""Import: one module per input format, one registry that picks the importer.

``load_article(path)`` returns an :class:`~briefing.model.Article` or raises
:class:`~briefing.errors.ImportFailed` with a one-line reason. Nothing is half-imported:
an importer either returns a complete article or raises.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
from pathlib import Path

from ..errors import ImportFailed, LimitExceeded
from ..model import Article
from . import text as _text
from .language import detect_language

MAX_FILE_BYTES = 100 * 1024 * 1024  # 100 MB
MAX_TEXT_CHARS = 20_000_000


def read_input(path: str | Path) -> bytes:
    """Read a file with the size limit applied; errors become ImportFailed."""
    p = Path(path)
    name = str(path)
    try:
        if p.is_dir():
            raise ImportFailed("is a directory, not a file", name)
        size = p.stat().st_size
    except FileNotFoundError:
        raise ImportFailed("no such file", name) from None
    except PermissionError:
        raise ImportFailed("permission denied", name) from None
    except OSError as exc:
        raise ImportFailed(f"cannot read file ({exc.strerror or exc})", name) from None
    if size > MAX_FILE_BYTES:
        raise LimitExceeded(
            f"file is {size / 1e6:.0f} MB, over the import size limit of {MAX_FILE_BYTES // (1024 * 1024)} MB", name
        )
    try:
        with open(p, "rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except PermissionError:
        raise ImportFailed("permission denied", name) from None
    except OSError as exc:
        raise ImportFailed(f"cannot read file ({exc.strerror or exc})", name) from None
    if len(data) > MAX_FILE_BYTES:
        raise LimitExceeded(f"file is over the import size limit of {MAX_FILE_BYTES // (1024 * 1024)} MB", name)
    return data


def load_bytes(data: bytes, name: str, *, language: str | None = None) -> Article:
    """Import the bytes of a file called ``name`` (the name picks nothing but the message)."""
    if not data.strip():
        raise ImportFailed("file is empty", name)
    article = _text.parse(data, name)
    return _finish(article, data, name, language)


def load_article(path: str | Path, *, language: str | None = None) -> Article:
    data = read_input(path)
    return load_bytes(data, str(path), language=language)


def _finish(article: Article, data: bytes, name: str, language: str | None) -> Article:
    if len(article.text) > MAX_TEXT_CHARS:
        raise LimitExceeded(f"text has {len(article.text):,} characters, over the limit of {MAX_TEXT_CHARS:,}", name)
    if not article.text.strip():
        raise ImportFailed("no text found in file", name)
    src = article.source
    src.sha256 = hashlib.sha256(data).hexdigest()
    src.file_name = Path(name).name if name != "-" else None
    src.imported = _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat()
    if language and language != "auto":
        src.language = language
    elif not src.language:
        src.language = detect_language(article.text)
    return article
