"""Plain text and Markdown.

Plain text: the encoding is detected (UTF-8 with or without BOM, UTF-16/32 with or without
BOM, Windows-1252, Latin-1, others through charset-normalizer), line ends are normalised
and stray NUL bytes removed; otherwise the text is kept exactly as in the file, so a UTF-8
file with Unix line ends is its own article text. The first paragraph is the title.
Paragraphs are either one per line, or blocks of hard-wrapped lines between blank lines.

Markdown: the markup is removed (headings, emphasis, links, images, code, HTML tags, front
matter) and the article text is built as one paragraph per line, title first.
"""
from __future__ import annotations

import re
import unicodedata

from pydantic import TypeAdapter

from ..errors import ImportFailed
from ..model import Article, Paragraph, Source

# -------------------------------------------------------------------- decoding

_BOMS = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
)
# Valid multi-byte UTF-8 sequences (2-4 bytes).
_UTF8_MB = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
_WESTERN_PUNCT = set("„“”‘’‚‹›«»–—…€•·§°±×÷¼½¾©®™¹²³µ¶¿¡ªº¬¦¨´¸¯\u00a0\u00ad")
_CTRL_OK = {"\t", "\n", "\r", "\f", "\v"}


def _utf16_guess(data: bytes) -> str | None:
    """UTF-16 without BOM: ASCII-range text has a NUL in every other byte."""
    n = min(len(data), 8192) & ~1
    if n < 4:
        return None
    even = data[0:n:2].count(0)
    odd = data[1:n:2].count(0)
    half = n // 2
    if odd > 0.3 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _looks_western(text: str) -> bool:
    """Is this a plausible decoding of Western European text (few, sensible non-ASCII chars)?"""
    non_ascii = [c for c in text if ord(c) > 127]
    if not non_ascii:
        return True
    letters = sum(1 for c in text if c.isalpha())
    plausible = sum(1 for c in non_ascii if c.isalpha() or c in _WESTERN_PUNCT)
    if plausible < 0.95 * len(non_ascii):
        return False
    # In Western languages accented letters are a minority; a single-byte Cyrillic or Greek
    # file read as Windows-1252 turns almost every letter into an accented one.
    return sum(1 for c in non_ascii if c.isalpha()) <= 0.35 * max(letters, 1)


# Windows-1252 for 0x80-0x9F; its five undefined bytes stay C1 controls (removed later).
_CP1252_C1 = {0x80 + i: (bytes([0x80 + i]).decode("cp1252", errors="ignore") or chr(0x80 + i)) for i in range(32)}


def _cp1252(data: bytes) -> str:
    return data.decode("latin-1").translate(_CP1252_C1)


# Characters that do not occur in text: C0 controls other than whitespace, DEL and C1, U+FFFD.
_BINARY_CHARS = re.compile("[" + "".join(f"\\x{i:02x}" for i in range(32) if chr(i) not in _CTRL_OK)
                           + "\\x7f-\\x9f\\ufffd]")


def _control_ratio(text: str) -> float:
    sample = text[:200_000]
    if not sample:
        return 0.0
    return len(_BINARY_CHARS.findall(sample)) / len(sample)


_PARAGRAPHS = TypeAdapter(list[Paragraph])


def _paragraph_list(spans: list[dict]) -> list[Paragraph]:
    """Paragraph models from span dicts in one validation call (a 1 MB file has thousands of them;
    one call is about three times faster than a constructor call per paragraph)."""
    return _PARAGRAPHS.validate_python(spans)


def decode(data: bytes, name: str) -> tuple[str, str, list[str]]:
    """Decode text bytes; returns (text, encoding, warnings). Binary data raises ImportFailed."""
    warnings: list[str] = []
    encoding = None
    text = None
    for bom, enc in _BOMS:
        if data.startswith(bom):
            encoding = enc
            try:
                text = data[len(bom):].decode(enc)
            except UnicodeDecodeError:
                text = data[len(bom):].decode(enc, errors="replace")
                warnings.append(f"invalid {enc.upper()} bytes were replaced by \ufffd")
            break
    if text is None:
        enc16 = _utf16_guess(data)
        if enc16:
            encoding = enc16
            try:
                text = data.decode(enc16)
            except UnicodeDecodeError:
                text = data.decode(enc16, errors="replace")
                warnings.append(f"invalid {enc16.upper()} bytes were replaced by \ufffd")
    if text is None:
        try:
            text = data.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError as exc:
            text, encoding = _decode_non_utf8(data, exc, warnings)
    nuls = text.count("\x00")
    if nuls:
        if nuls > max(16, len(text) // 100):
            raise ImportFailed("file looks binary, not text (it contains many NUL bytes)", name)
        text = text.replace("\x00", "")
        warnings.append(f"{nuls} stray NUL byte{'s' if nuls > 1 else ''} removed")
    if _control_ratio(text) > 0.02:
        raise ImportFailed("file looks binary, not text (unsupported format or damaged file)", name)
    # C1 controls and other stray control characters carry no meaning in an article.
    text = _STRAY_CTRL.sub("", text)
    return text, encoding or "utf-8", warnings


_STRAY_CTRL = re.compile(r"[\x01-\x08\x0e-\x1f\x7f-\x9f]")


def _decode_non_utf8(data: bytes, exc: UnicodeDecodeError, warnings: list[str]) -> tuple[str, str]:
    valid_mb = len(_UTF8_MB.findall(data[:2_000_000]))
    high = sum(1 for b in data[:2_000_000] if b >= 0x80)
    replaced = data.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    # UTF-8 with a few damaged bytes: most high bytes form valid sequences.
    if valid_mb and bad <= max(3, valid_mb // 4) and bad * 2 <= high:
        warnings.append(f"{bad} invalid UTF-8 byte sequence{'s were' if bad > 1 else ' was'} replaced by \ufffd")
        return replaced, "utf-8"
    western = _cp1252(data)
    if _looks_western(western):
        has_c1 = any(0x80 <= b <= 0x9F for b in data)
        return western, "windows-1252" if has_c1 else "iso-8859-1"
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:1_000_000]).best()
    except Exception:  # noqa: BLE001 - detection is best effort
        best = None
    if best is not None and best.encoding:
        try:
            return data.decode(best.encoding), best.encoding
        except (UnicodeDecodeError, LookupError):
            pass
    warnings.append("the text encoding could not be determined; read as Windows-1252")
    return western, "windows-1252"


def normalise_newlines(text: str) -> str:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Unicode line and paragraph separators, vertical tab and form feed end a line too.
    for ch in ("\u2028", "\u2029", "\x0b", "\x0c", "\x85"):
        if ch in text:
            text = text.replace(ch, "\n")
    return text


# -------------------------------------------------------------------- paragraphs of plain text

_WRAP_MAX = 120  # hard-wrapped text has lines of at most this many characters ...
_WRAP_MIN = 40  # ... and at least this many (shorter lines are a list, not a wrapped paragraph)
_LIST_START = re.compile(r"^\s*(?:[-*•–]\s|\d{1,3}[.)]\s)")


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    for line in text.split("\n"):
        s, e = pos, pos + len(line)
        pos = e + 1
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        spans.append((s, e))
    return spans


def _is_wrapped_block(text: str, block: list[tuple[int, int]]) -> bool:
    """A block of lines is one hard-wrapped paragraph if each line break was forced by width."""
    if len(block) < 2:
        return False
    widths = [e - s for s, e in block]
    width = max(widths)
    if width > _WRAP_MAX or width < _WRAP_MIN:
        return False
    for (s, e), (ns, ne) in zip(block, block[1:]):
        nxt = text[ns:ne]
        if _LIST_START.match(nxt):
            return False
        first_word = len(nxt.split(None, 1)[0]) if nxt.strip() else 0
        if (e - s) + 1 + first_word <= width - 1 and (e - s) < 0.6 * width:
            return False
    return True


def paragraphs_of(text: str) -> list[Paragraph]:
    """Paragraph spans: one per line, or one per block of hard-wrapped lines between blank lines."""
    lines = _line_spans(text)
    blocks: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    for s, e in lines:
        if e > s:
            current.append((s, e))
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    uses_blank_lines = len(blocks) > 1
    spans: list[dict] = []
    for block in blocks:
        if uses_blank_lines and _is_wrapped_block(text, block):
            spans.append({"start": block[0][0], "end": block[-1][1]})
        else:
            spans.extend({"start": s, "end": e} for s, e in block)
    return _paragraph_list(spans)


def parse(data: bytes, name: str) -> Article:
    text, encoding, warnings = decode(data, name)
    text = normalise_newlines(text)
    paras = paragraphs_of(text)
    title = None
    if paras:
        paras[0].heading = True
        title = title_from(text[paras[0].start : paras[0].end])
    src = Source(title=title, kind="article")
    return Article(source=src, text=text, paragraphs=paras, warnings=warnings)


# -------------------------------------------------------------------- Markdown

_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_ATX = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+\s*)?$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_HR = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_LIST = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+(?:\[[ xX]\]\s+)?")
_QUOTE = re.compile(r"^\s{0,3}>\s?")
_FOOTDEF = re.compile(r"^\s{0,3}\[\^([^\]]+)\]:\s*(.*)$")
_REFDEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_IMG = re.compile(r"!\[([^\]]*)\]\([^)]*\)|!\[([^\]]*)\]\[[^\]]*\]")
_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)|\[([^\]]+)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_FOOTREF = re.compile(r"\[\^[^\]]+\]")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|<!--.*?-->")
_CODE = re.compile(r"(`+)(.+?)\1")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EM = re.compile(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?!\*)|(?<![\w_])_(?=\S)([^_]+?)(?<=\S)_(?![\w_])")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~\"'])")


def _inline(s: str) -> str:
    s = _CODE.sub(lambda m: m.group(2).strip(), s)
    s = _IMG.sub("", s)
    s = _LINK.sub(lambda m: m.group(1) or m.group(2), s)
    s = _AUTOLINK.sub(r"\1", s)
    s = _FOOTREF.sub("", s)
    s = _TAG.sub("", s)
    for _ in range(3):
        s2 = _STRIKE.sub(r"\1", _EM.sub(lambda m: m.group(1) or m.group(2), _STRONG.sub(r"\2", s)))
        if s2 == s:
            break
        s = s2
    s = _ESCAPE.sub(r"\1", s)
    s = s.replace("&nbsp;", "\u00a0").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
    return " ".join(s.split())


def _front_matter(lines: list[str]) -> tuple[dict[str, str], int]:
    if not lines or lines[0].strip() != "---":
        return {}, 0
    meta: dict[str, str] = {}
    for i, line in enumerate(lines[1:200], start=1):
        if line.strip() in ("---", "..."):
            return meta, i + 1
        m = re.match(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$", line)
        if m:
            meta[m.group(1).lower()] = m.group(2).strip().strip("\"'")
    return {}, 0


def markdown_blocks(text: str) -> tuple[list[tuple[str, bool]], dict[str, str]]:
    """(paragraph text, is_heading) for each block of a Markdown document, and its front matter."""
    lines = text.split("\n")
    meta, i = _front_matter(lines)
    out: list[tuple[str, bool]] = []
    buf: list[str] = []

    def flush():
        if buf:
            para = _inline(" ".join(buf))
            if para:
                out.append((para, False))
            buf.clear()

    in_fence = None
    while i < len(lines):
        line = lines[i]
        i += 1
        fence = _FENCE.match(line)
        if in_fence:
            if fence and fence.group(1) == in_fence:
                in_fence = None
            continue
        if fence:
            flush()
            in_fence = fence.group(1)
            continue
        fn = _FOOTDEF.match(line)
        if fn:
            flush()
            note = _inline(fn.group(2))
            if note:
                out.append((f"[{fn.group(1)}] {note}", False))
            continue
        if not line.strip() or _REFDEF.match(line) or _TABLE_SEP.match(line):
            flush()
            continue
        m = _ATX.match(line)
        if m:
            flush()
            h = _inline(m.group(2))
            if h:
                out.append((h, True))
            continue
        if buf and _SETEXT.match(line) and not _LIST.match(buf[0]):
            h = _inline(" ".join(buf))
            buf.clear()
            if h:
                out.append((h, True))
            continue
        if _HR.match(line):
            flush()
            continue
        while _QUOTE.match(line):
            line = _QUOTE.sub("", line, count=1)
        if _LIST.match(line):
            flush()
            line = _LIST.sub("", line, count=1)
        if line.lstrip().startswith("|") or (line.count("|") >= 2 and "|" in line.strip()[1:-1]):
            flush()
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            row = _inline(" | ".join(c for c in cells if c))
            if row:
                out.append((row, False))
            continue
        if line.startswith("    ") and not buf:
            continue  # indented code block
        buf.append(line.strip())
        if line.endswith("  ") or line.endswith("\\"):
            buf[-1] = buf[-1].rstrip("\\")
    flush()
    return out, meta


def parse_markdown(data: bytes, name: str) -> Article:
    raw, encoding, warnings = decode(data, name)
    blocks, meta = markdown_blocks(normalise_newlines(raw))
    title = meta.get("title")
    if title:
        title = _inline(title)
        if not blocks or blocks[0][0] != title:
            blocks.insert(0, (title, True))
    article = build_article(blocks, Source(kind="article"), warnings)
    src = article.source
    if meta.get("author"):
        src.author = _inline(meta["author"])
    if meta.get("date"):
        src.published = parse_date(meta["date"])
    for key in ("url", "canonical", "link"):
        if meta.get(key, "").startswith(("http://", "https://")):
            src.url = meta[key]
            break
    if meta.get("publisher") or meta.get("source"):
        src.publisher = _inline(meta.get("publisher") or meta.get("source"))
    if meta.get("lang") or meta.get("language"):
        src.language = (meta.get("lang") or meta.get("language"))[:2].lower()
    return article


# -------------------------------------------------------------------- shared helpers

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def clean_line(s: str) -> str:
    """One paragraph as one line: whitespace collapsed, soft hyphens and zero-width chars removed."""
    s = s.replace("\u00ad", "").replace("\u200b", "").replace("\ufeff", "").replace("\x00", "")
    s = _STRAY_CTRL.sub("", s)
    s = s.replace("\n", " ").replace("\r", " ")
    return _SPACES.sub(lambda m: "\u00a0" if m.group(0) == "\u00a0" else " ", s).strip()


def build_article(blocks: list[tuple[str, bool]] | list[tuple[str, bool, int | None]], source: Source,
                  warnings: list[str] | None = None) -> Article:
    """Article text from paragraphs: one paragraph per line joined with "\\n"; the first is the title."""
    parts: list[str] = []
    spans: list[dict] = []
    pos = 0
    for block in blocks:
        text, heading = block[0], block[1]
        page = block[2] if len(block) > 2 else None
        text = clean_line(unicodedata.normalize("NFC", text))
        if not text:
            continue
        if parts:
            pos += 1
        spans.append({"start": pos, "end": pos + len(text), "heading": bool(heading), "page": page})
        parts.append(text)
        pos += len(text)
    paras = _paragraph_list(spans)
    if paras:
        paras[0].heading = True
        if not source.title:
            source.title = title_from(parts[0])
    return Article(source=source, text="\n".join(parts), paragraphs=paras, warnings=list(warnings or []))


TITLE_MAX = 200


def title_from(first: str) -> str:
    """The source title from a file's first paragraph: a headline as it is; a long first
    paragraph (no headline) cut at a word boundary, so citations stay readable."""
    first = " ".join(first.split())
    if len(first) <= TITLE_MAX:
        return first
    cut = first.rfind(" ", 0, TITLE_MAX - 40)
    return first[: cut if cut > 40 else TITLE_MAX - 40].rstrip(" ,;:–-") + " …"


_MONTHS = {m: i for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}
_MONTHS.update({"mär": 3, "mrz": 3, "mai": 5, "okt": 10, "dez": 12, "januar": 1, "februar": 2, "märz": 3,
                "juni": 6, "juli": 7})


def parse_date(value: str | None):
    """A date from ISO 8601, PDF (D:YYYYMMDD...), '4. April 2025' or 'April 4, 2025'; None if unclear."""
    import datetime as dt

    if not value:
        return None
    v = str(value).strip()
    m = re.match(r"^(?:D:)?(\d{4})-?(\d{2})-?(\d{2})", v)
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    m = re.match(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$", v)
    if m:
        try:
            return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        except ValueError:
            return None
    m = re.match(r"^(\d{1,2})\.?\s+([A-Za-zäÄ]+)\.?\s+(\d{4})$", v) or None
    if m:
        mon = _MONTHS.get(m.group(2).lower()[:3]) or _MONTHS.get(m.group(2).lower())
        if mon:
            try:
                return dt.date(int(m.group(3)), mon, int(m.group(1)))
            except ValueError:
                return None
    m = re.match(r"^([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})$", v)
    if m:
        mon = _MONTHS.get(m.group(1).lower()[:3])
        if mon:
            try:
                return dt.date(int(m.group(3)), mon, int(m.group(2)))
            except ValueError:
                return None
    return None
