"""PDF through pypdf: text with page numbers, in a sensible reading order.

Lines are collected with their position and font size; two-column pages are read column by
column (full-width lines such as a title above the columns come first); running headers
and footers (the same line at the top or bottom of most pages) and page numbers are
dropped; lines are joined into paragraphs by line spacing, font size, a short last line
ending a sentence and a first-line indent (widths are estimated from the characters);
hyphenation at line ends is undone ("Hafen-" + "behörde" -> "Hafenbehörde"). Lines in a
larger font than the body become heading paragraphs; the first paragraph is the title.

A PDF encrypted only against copying or printing (empty user password) imports normally;
one that needs a password to open is refused with a clear message, and so is a scanned PDF
without a text layer. pypdf's own decompression limits are set to ``MAX_PDF_STREAM_BYTES``
and the whole parse runs in a child process with a time and memory limit.
"""
from __future__ import annotations

import contextlib
import io
import logging
import re
import statistics
from dataclasses import dataclass

from ..errors import ImportFailed, LimitExceeded
from ..model import Article, Source
from . import limits
from .text import build_article, clean_line, parse_date


@dataclass
class Line:
    text: str
    x: float
    y: float
    size: float
    page: int
    bold: bool = False


# ---------------------------------------------------------------- pypdf configuration


@contextlib.contextmanager
def _pypdf_limits():
    """pypdf's decompression limits set to ours (new Configuration API, or the old constants)."""
    import pypdf

    n = limits.MAX_PDF_STREAM_BYTES
    if hasattr(pypdf, "apply_configuration"):
        with pypdf.apply_configuration(
            maximum_declared_stream_length=n, array_based_stream_maximum_output_length=n,
            zlib_maximum_output_length=n, lzw_maximum_output_length=n, run_length_maximum_output_length=n,
            jbig2_maximum_output_length=n, image_maximum_buffer_size=n, jbig2dec_binary=None,
            disable_legacy_handling=True,
        ):
            yield
        return
    from pypdf import filters

    names = ("ZLIB_MAX_OUTPUT_LENGTH", "LZW_MAX_OUTPUT_LENGTH", "MAX_DECLARED_STREAM_LENGTH",
             "MAX_ARRAY_BASED_STREAM_OUTPUT_LENGTH", "JBIG2_MAX_OUTPUT_LENGTH", "RUN_LENGTH_MAX_OUTPUT_LENGTH")
    old = {k: getattr(filters, k) for k in names if hasattr(filters, k)}
    try:
        for k in old:
            setattr(filters, k, n)
        yield
    finally:
        for k, v in old.items():
            setattr(filters, k, v)


# ---------------------------------------------------------------- text with positions


def _is_bold(font) -> bool:
    """Whether a font dictionary names a bold face ("ABCDEF+Arial-BoldMT", "Helvetica-Bold")."""
    try:
        name = str(font.get("/BaseFont", "")) if font is not None else ""
    except Exception:  # noqa: BLE001 - a damaged font dictionary only loses the bold hint
        return False
    return bool(re.search(r"bold|black|heavy|semibold|demi", name, re.I))


def _page_lines(page, page_no: int) -> list[Line]:
    """The page's lines in content-stream order, each with the position of its first text."""
    lines: list[Line] = []
    cur: list[str] = []
    pos: list = [None, None, 0.0, False]

    def flush():
        text = "".join(cur)
        cur.clear()
        if text.strip():
            lines.append(Line(text, pos[0] or 0.0, pos[1] or 0.0, pos[2] or 0.0, page_no, bool(pos[3])))
        pos[0] = pos[1] = None

    def visit(text, cm, tm, font, size):
        if not text:
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = (abs(tm[0] * cm[0]) + abs(tm[3] * cm[3])) / 2 or 1.0
        pieces = text.split("\n")
        for i, piece in enumerate(pieces):
            if i > 0:
                flush()
            if piece:
                if pos[0] is None and piece.strip():
                    pos[0], pos[1], pos[2] = x, y, float(size or 0) * scale
                    pos[3] = _is_bold(font)
                cur.append(piece)

    text = page.extract_text(visitor_text=visit)
    flush()
    if not lines and text and text.strip():  # no usable positions: plain lines in stream order
        lines = [Line(t, 0.0, 0.0, 0.0, page_no) for t in text.split("\n") if t.strip()]
    return lines


# ---------------------------------------------------------------- reading order


def _order_columns(lines: list[Line], width: float) -> list[Line]:
    """Two-column pages: full-width lines above, then the left column, then the right one."""
    if len(lines) < 6 or width <= 0 or all(ln.y == 0 for ln in lines):
        return lines
    mid = width / 2

    def est_right(ln: Line) -> float:
        return ln.x + len(ln.text.strip()) * max(ln.size, 4) * 0.45

    left = [ln for ln in lines if ln.x < mid - 5 and est_right(ln) < mid + 10]
    right = [ln for ln in lines if ln.x >= mid - 5]
    if len(left) < 3 or len(right) < 3:
        return lines
    col_lines = {id(ln) for ln in left} | {id(ln) for ln in right}
    full = [ln for ln in lines if id(ln) not in col_lines]
    col_top = max(ln.y for ln in left + right)
    above = [ln for ln in full if ln.y > col_top]
    below = [ln for ln in full if ln.y <= col_top]
    key = (lambda ln: -ln.y)
    return sorted(above, key=key) + sorted(left, key=key) + sorted(right, key=key) + sorted(below, key=key)


_PAGE_NUMBER = re.compile(r"^\W*(?:(?:page|seite|s\.|p\.)\s*)?\d{1,4}(?:\s*(?:/|of|von|de)\s*\d{1,4})?\W*$", re.I)


def _norm_repeat(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split()).lower())


def _drop_running_lines(pages: list[list[Line]], heights: list[float]) -> list[list[Line]]:
    """Remove page numbers and headers/footers that repeat at the top or bottom of most pages.

    Only lines in the page's top or bottom margin (the outer 9 % of its height) count; without
    positions, the first and last line of the page.
    """
    def edges(lines: list[Line], height: float) -> list[Line]:
        if not lines:
            return []
        if all(ln.y == 0 for ln in lines) or height <= 0:
            return lines[:1] + lines[-1:]
        by_y = sorted(lines, key=lambda ln: -ln.y)
        top = [ln for ln in by_y[:2] if ln.y > 0.91 * height]
        bottom = [ln for ln in by_y[-2:] if ln.y < 0.09 * height]
        return top + bottom

    counts: dict[str, int] = {}
    for lines, height in zip(pages, heights):
        for key in {_norm_repeat(ln.text) for ln in edges(lines, height)}:
            counts[key] = counts.get(key, 0) + 1
    n = len([p for p in pages if p])
    repeated = {k for k, c in counts.items() if n >= 3 and c >= max(3, 0.5 * n)}
    out = []
    for lines, height in zip(pages, heights):
        edge_ids = {id(ln) for ln in edges(lines, height)}
        out.append([
            ln for ln in lines
            if not (id(ln) in edge_ids and (_PAGE_NUMBER.match(ln.text.strip()) or _norm_repeat(ln.text) in repeated))
        ])
    return out


# ---------------------------------------------------------------- paragraphs

_SENTENCE_END = re.compile(r"[.!?:…\"“”»«)]\s*$")


def _join(a: str, b: str) -> str:
    """Join two lines of one paragraph, undoing end-of-line hyphenation."""
    a = a.rstrip()
    b = b.lstrip()
    if a.endswith("\u00ad"):
        return a[:-1] + b
    if a.endswith("-") and len(a) > 1 and a[-2].isalpha() and b[:1].islower():
        return a[:-1] + b
    if a.endswith(("-", "/")) and b[:1].isalnum() and len(a) > 1 and a[-2].isalpha():
        return a + b  # "Nord-" + "Stream" keeps its hyphen, without a space
    return a + " " + b


# Rough advance widths in em of a proportional sans or serif face, to tell a short last line
# from a full one (pypdf gives where a line starts, not where it ends).
_NARROW = set("ijlI.,;:!'|`‚‘’ı")
_SEMI = set("ftr()[]{}-/\"\u201e\u201c\u201d\u00ab\u00bb*\u00ad")
_WIDE = set("mwMW@%—")


def _est_width(text: str, size: float) -> float:
    em = 0.0
    for ch in text:
        if ch == " ":
            em += 0.28
        elif ch in _NARROW:
            em += 0.25
        elif ch in _SEMI:
            em += 0.35
        elif ch in _WIDE:
            em += 0.85
        elif ch.isupper():
            em += 0.68
        else:
            em += 0.54
    return em * max(size, 1)


def _quantile(values: list[float], q: float) -> float:
    v = sorted(values)
    return v[min(len(v) - 1, int(q * len(v)))]


def _column_geometry(lines: list[Line], body: float) -> list[tuple[float, float]]:
    """For each line, the (left, right) edge of its text block.

    A block is a run of lines on one page without a jump upwards (the next column starts
    higher up). Its left edge is the leftmost x that several body lines share (a first-line
    indent is not it); its right edge is where most lines end (the 80th percentile).
    """
    segments: list[list[int]] = [[0]]
    for i in range(1, len(lines)):
        prev, ln = lines[i - 1], lines[i]
        if ln.page != prev.page or ln.y > prev.y + 2 * max(ln.size, 1):
            segments.append([])
        segments[-1].append(i)
    geo: list[tuple[float, float]] = [(0.0, 0.0)] * len(lines)
    for seg in segments:
        seg_lines = [lines[i] for i in seg]
        main = [ln for ln in seg_lines if not body or abs(ln.size - body) < 0.6] or seg_lines
        counts: dict[int, int] = {}
        for ln in main:
            counts[round(ln.x)] = counts.get(round(ln.x), 0) + 1
        shared = [x for x, c in counts.items() if c >= 2]
        left = float(min(shared)) if shared else min(ln.x for ln in main)
        right = _quantile([ln.x + _est_width(ln.text.strip(), ln.size) for ln in main], 0.8)
        for i in seg:
            geo[i] = (left, right)
    return geo


def _starts_paragraph(text: str) -> bool:
    """A new paragraph does not start with a small letter (that is a continued sentence)."""
    first = text.lstrip()[:1]
    return bool(first) and not first.islower()


def _paragraphs(lines: list[Line]) -> list[tuple[str, bool, int]]:
    if not lines:
        return []
    sizes = [round(ln.size, 1) for ln in lines if ln.size > 0]
    body = statistics.median(sizes) if sizes else 0.0
    heading_min = body * 1.15 if body else float("inf")
    # Line spacing relative to the font size, so a title's wider leading is no paragraph break.
    gaps = [(a.y - b.y) / max(b.size, 1) for a, b in zip(lines, lines[1:])
            if a.page == b.page and 0 < a.y - b.y < 4 * max(a.size, 1) and abs(a.size - b.size) < 0.5]
    gap = statistics.median(gaps) if gaps else 0.0
    positioned = not all(ln.x == 0 and ln.y == 0 for ln in lines)
    geo = _column_geometry(lines, body) if positioned else []
    widths: dict[int, float] = {}
    for ln in lines:
        widths[ln.page] = max(widths.get(ln.page, 0), len(ln.text.strip()))

    def short(i: int) -> bool:
        """The line ends clearly before the right edge of its text block."""
        ln = lines[i]
        if not positioned:
            return len(ln.text.strip()) < 0.7 * widths.get(ln.page, 0)
        left, right = geo[i]
        end = ln.x + _est_width(ln.text.strip(), ln.size)
        return right > left and end - left < 0.85 * (right - left)

    def first_word_fits(i: int) -> bool:
        """The first word of line i would have fitted at the end of the line before: so the
        line before ended by choice, not because the word was too long (narrow columns)."""
        prev, ln = lines[i - 1], lines[i]
        left, right = geo[i - 1]
        room = right - (prev.x + _est_width(prev.text.strip(), prev.size))
        word = ln.text.split()[0] if ln.text.split() else ""
        return room > _est_width(" " + word, ln.size)

    def indented(i: int) -> bool:
        """The line starts to the right of its block's left edge (and of the line before)."""
        ln, prev = lines[i], lines[i - 1]
        left, right = geo[i]
        tol = 0.8 * max(ln.size, 1)
        return ln.x > left + tol and ln.x > prev.x + tol and ln.x < left + 0.3 * max(right - left, 0)

    paras: list[tuple[str, bool, int]] = []
    cur = lines[0].text.strip()
    cur_page = lines[0].page
    cur_head = lines[0].size >= heading_min
    for i in range(1, len(lines)):
        prev, ln = lines[i - 1], lines[i]
        text = ln.text.strip()
        is_head = ln.size >= heading_min
        same_page = ln.page == prev.page
        new = False
        if is_head != cur_head or (abs(ln.size - prev.size) > 0.8 and prev.size and ln.size):
            new = True
        elif not same_page:
            # A paragraph continues on the next page if it did not end a sentence.
            new = bool(_SENTENCE_END.search(prev.text)) or text[:1].isupper() and prev.text.rstrip()[-1:] in ".!?"
        elif gap and prev.y and ln.y:
            dy = (prev.y - ln.y) / max(ln.size, 1)
            if dy > gap * 1.3 or dy < -gap * 0.5:  # a wider gap, or a jump up (next column)
                new = True
        if not new and same_page and i == 1 and not cur_head:
            # The title: a bold first line over a regular body, or a first line without final
            # punctuation that ends short (the next word would have fitted) above a longer one.
            if prev.bold and not ln.bold:
                new = True
            elif (not _SENTENCE_END.search(prev.text) and _starts_paragraph(text) and positioned
                  and first_word_fits(1) and ln.x + _est_width(text, ln.size) > prev.x + _est_width(
                      prev.text.strip(), prev.size)):
                new = True
        if not new and not is_head and same_page and _starts_paragraph(text):
            ended = bool(_SENTENCE_END.search(prev.text))
            if not positioned:
                new = ended and short(i - 1)
            elif ended and short(i - 1) and first_word_fits(i):
                new = True  # a short last line ended the paragraph
            elif indented(i):
                new = True  # a first-line indent starts one
        if new:
            paras.append((cur, cur_head, cur_page))
            cur, cur_page, cur_head = text, ln.page, is_head
        else:
            cur = _join(cur, text)
    paras.append((cur, cur_head, cur_page))
    return paras


# ---------------------------------------------------------------- the import


def _check_bytes(data: bytes, name: str) -> None:
    start = data.find(b"%PDF-")
    if start < 0 or start > 1024:
        raise ImportFailed("not a PDF file (no %PDF header)", name)
    if b"%%EOF" not in data[-2048:]:
        raise ImportFailed("PDF is truncated or damaged (no end-of-file marker); download or save it again", name)


def _reason(exc: BaseException, limit: int = 80) -> str:
    """pypdf's message, short and printable (its parser messages quote raw bytes after an '@')."""
    text = str(exc).split(" @", 1)[0]
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    text = " ".join(text.split())
    return (text[: limit - 1] + "…") if len(text) > limit else text


def _open(data: bytes, name: str):
    import pypdf
    from pypdf.errors import DependencyError, PyPdfError

    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
    except (PyPdfError, RecursionError, ValueError, KeyError, TypeError, IndexError, AttributeError, AssertionError) as exc:
        raise ImportFailed(f"damaged PDF ({type(exc).__name__}: {_reason(exc)})", name) from None
    if reader.is_encrypted:
        try:
            ok = reader.decrypt("")
        except DependencyError:
            raise ImportFailed("PDF uses AES encryption, which needs the 'cryptography' package", name) from None
        except (PyPdfError, NotImplementedError, ValueError, KeyError) as exc:
            raise ImportFailed(f"encrypted PDF that cannot be opened ({_reason(exc)})", name) from None
        if not ok:
            raise ImportFailed("PDF is password-protected; open it with the password and save an unprotected "
                               "copy, then import that", name)
    return reader


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        if len(self.messages) < 20:
            self.messages.append(record.getMessage())


def extract(data: bytes, name: str) -> dict:
    """Read a PDF into plain data (runs in the guarded child process)."""
    logger = logging.getLogger("pypdf")
    collect = _Collect()
    logger.addHandler(collect)
    old_propagate, logger.propagate = logger.propagate, False  # no stray log lines on stderr
    try:
        result = _extract(data, name)
    finally:
        logger.removeHandler(collect)
        logger.propagate = old_propagate
    if collect.messages:
        result["warnings"] = ["the PDF has damaged or unusual parts; check the text for gaps "
                              f"({collect.messages[0][:100]})"]
    return result


def _extract(data: bytes, name: str) -> dict:
    from pypdf.errors import FileNotDecryptedError, LimitReachedError, PyPdfError

    with _pypdf_limits():
        reader = _open(data, name)
        try:
            n_pages = len(reader.pages)
        except FileNotDecryptedError:
            raise ImportFailed("PDF is password-protected", name) from None
        except LimitReachedError as exc:
            raise LimitExceeded(f"PDF page tree is over pypdf's limits ({_reason(exc)})", name) from None
        except (PyPdfError, RecursionError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ImportFailed(f"damaged PDF: its page tree cannot be read ({type(exc).__name__})", name) from None
        if n_pages > limits.MAX_PDF_PAGES:
            raise LimitExceeded(f"PDF has {n_pages:,} pages, over the page limit of {limits.MAX_PDF_PAGES:,}", name)
        if n_pages == 0:
            raise ImportFailed("PDF has no pages", name)
        pages: list[list[Line]] = []
        heights: list[float] = []
        total_chars = 0
        for i in range(n_pages):
            try:
                page = reader.pages[i]
                width = float(page.mediabox.width)
                heights.append(float(page.mediabox.top))
                lines = _page_lines(page, i + 1)
                if not lines and page.get("/Contents") is not None:
                    page.get_contents()  # pypdf's text extraction hides errors; this raises them
            except LimitReachedError as exc:
                raise LimitExceeded(f"page {i + 1}: its content inflates beyond the stream limit of "
                                    f"{limits.mb(limits.MAX_PDF_STREAM_BYTES)} ({_reason(exc)})", name) from None
            except PyPdfError as exc:
                raise ImportFailed(f"damaged PDF: page {i + 1} cannot be read ({_reason(exc)})", name) from None
            except RecursionError:
                raise ImportFailed(f"damaged PDF: page {i + 1} refers to itself in a loop", name) from None
            except NotImplementedError as exc:  # pypdf: "Unsupported filter /X" (damaged or exotic encoding)
                raise ImportFailed(f"damaged PDF: page {i + 1} cannot be decoded ({_reason(exc)})", name) from None
            except (ValueError, KeyError, TypeError, AttributeError, IndexError, AssertionError, ZeroDivisionError,
                    OverflowError) as exc:
                raise ImportFailed(f"damaged PDF: page {i + 1} cannot be read ({type(exc).__name__})", name) from None
            total_chars += sum(len(ln.text) for ln in lines)
            if total_chars > limits.MAX_TEXT_CHARS:
                raise LimitExceeded(f"PDF text is over the limit of {limits.MAX_TEXT_CHARS:,} characters", name)
            pages.append(_order_columns(lines, width))
        meta = {}
        try:
            info = reader.metadata or {}
            for key in ("/Title", "/Author", "/CreationDate", "/Subject", "/Lang"):
                value = info.get(key)
                meta[key[1:].lower()] = str(value) if value is not None else None
            lang = reader.trailer["/Root"].get("/Lang")
            if lang and not meta.get("lang"):
                meta["lang"] = str(lang)
        except Exception:  # noqa: BLE001 - metadata is optional; damaged info must not stop the import
            pass
    if not any(pages):
        raise ImportFailed("PDF has no text layer (a scanned document?); run text recognition (OCR) on it "
                           "first", name)
    pages = _drop_running_lines(pages, heights)
    lines = [ln for page in pages for ln in page]
    return {"paragraphs": _paragraphs(lines), "meta": meta, "pages": n_pages}


def parse(data: bytes, name: str) -> Article:
    _check_bytes(data, name)
    result = limits.run_guarded(extract, data, name, name=name)
    meta = result["meta"]
    src = Source(kind="report")
    title = clean_line(meta.get("title") or "")
    if title and title.lower() not in ("untitled", "(unspecified)", "unknown", "(anonymous)") and not title.lower().startswith(
            "microsoft word - "):
        src.title = title
    author = clean_line(meta.get("author") or "")
    if author and author.lower() not in ("(unspecified)", "unknown", "anonymous", "(anonymous)"):
        src.author = author
    src.published = parse_date(meta.get("creationdate"))
    if meta.get("lang"):
        src.language = str(meta["lang"])[:2].lower()
    return build_article(result["paragraphs"], src, result.get("warnings"))
