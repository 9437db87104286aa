"""Source metadata from and to reference managers: CSL-JSON, RIS and BibTeX.

A user exports an entry from Zotero or Citavi and applies it to an imported article, to fill
the metadata the file lacked or to replace it. A source's metadata can be written back as
CSL-JSON or RIS.

``Source.author`` holds people as "Given Family" joined with "; ". Dates are complete dates
only: an entry with just a year or a month leaves ``published`` empty rather than inventing
a day (a citation with a made-up day is worse than one the analyst completes).
"""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from .errors import BriefingError, ImportFailed, LimitExceeded
from .model import Source

MAX_BIB_BYTES = 5 * 1024 * 1024
MAX_BIB_ENTRIES = 10_000

# CSL type <-> RIS type
_CSL_TO_RIS = {
    "article-newspaper": "NEWS", "webpage": "ELEC", "post-weblog": "BLOG", "report": "RPRT",
    "article-journal": "JOUR", "article-magazine": "MGZN", "book": "BOOK", "chapter": "CHAP",
    "document": "GEN", "article": "GEN", "speech": "GEN", "interview": "GEN",
}
_RIS_TO_CSL = {
    "NEWS": "article-newspaper", "ELEC": "webpage", "WEB": "webpage", "BLOG": "post-weblog",
    "RPRT": "report", "JOUR": "article-journal", "JFULL": "article-journal", "MGZN": "article-magazine",
    "BOOK": "book", "CHAP": "chapter", "GEN": "document", "GOVDOC": "report", "CTLG": "document",
}
_BIB_TO_CSL = {
    "article": "article-journal", "online": "webpage", "www": "webpage", "electronic": "webpage",
    "techreport": "report", "report": "report", "book": "book", "inbook": "chapter", "incollection": "chapter",
    "misc": "document", "inproceedings": "paper-conference", "unpublished": "document",
}
# Types whose "publisher" is the periodical or site the piece appeared in.
_CONTAINER_TYPES = {"article-newspaper", "article-magazine", "article-journal", "webpage", "post-weblog"}


# --------------------------------------------------------------------------- helpers


def _clean(value: Any) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def _date(y: Any, m: Any = None, d: Any = None) -> dt.date | None:
    try:
        if y is None or m is None or d is None:
            return None
        return dt.date(int(y), int(m), int(d))
    except (TypeError, ValueError):
        return None


def _date_from_text(text: str | None) -> dt.date | None:
    if not text:
        return None
    m = re.match(r"^\s*(\d{4})[-/](\d{1,2})[-/](\d{1,2})", text)
    if m:
        return _date(*m.groups())
    m = re.match(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$", text)
    if m:
        return _date(m.group(3), m.group(2), m.group(1))
    return None


def _lang(value: Any) -> str | None:
    text = _clean(value)
    if not text:
        return None
    names = {"german": "de", "deutsch": "de", "english": "en", "englisch": "en", "french": "fr",
             "französisch": "fr", "russian": "ru", "russisch": "ru", "ngerman": "de", "british": "en",
             "american": "en"}
    low = text.lower()
    if low in names:
        return names[low]
    m = re.match(r"^([a-z]{2})(?:[-_].*)?$", low)
    return m.group(1) if m else None


_ORG = re.compile(
    r"\b(?:AG|GmbH|Ltd|Inc|e\.V\.|SE|UN|EU|NATO)\b|behörde|ministeri|agentur|agency|ministry|institut|verband|"
    r"regierung|government|council|office|department|dienst|service|polizei|police|kommission|commission|"
    r"gesellschaft|association|university|universität|zentrum|centre|center|bank|rat\b|amt\b",
    re.IGNORECASE)


def split_names(author: str | None) -> list[tuple[str | None, str | None, str | None]]:
    """'Anna Muster; Ben Beispiel' -> [(given, family, literal)]; a one-word name stays literal."""
    out = []
    for name in re.split(r"\s*;\s*", author or ""):
        name = name.strip()
        if not name:
            continue
        if "," in name:
            family, given = (p.strip() for p in name.split(",", 1))
            out.append((given or None, family, None))
        elif " " in name and not _ORG.search(name):
            given, family = name.rsplit(" ", 1)
            out.append((given, family, None))
        else:
            out.append((None, None, name))
    return out


def _join_names(names: list[str]) -> str | None:
    names = [n for n in (_clean(x) for x in names) if n]
    return "; ".join(names) if names else None


def _read_text(path: str | Path) -> str:
    p = Path(path)
    name = str(path)
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise ImportFailed("no such file", name) from None
    except OSError as exc:
        raise ImportFailed(f"cannot read file ({exc.strerror or exc})", name) from None
    if size > MAX_BIB_BYTES:
        raise LimitExceeded(f"file is over the metadata file size limit of {MAX_BIB_BYTES // (1024 * 1024)} MB",
                            name)
    data = p.read_bytes()
    for enc in ("utf-8-sig", "utf-16") if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-8-sig", "cp1252"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


# --------------------------------------------------------------------------- CSL-JSON


def _csl_names(value: Any) -> str | None:
    if not isinstance(value, list):
        return None
    names = []
    for person in value:
        if not isinstance(person, dict):
            continue
        if person.get("literal"):
            names.append(str(person["literal"]))
        else:
            names.append(" ".join(str(person[k]) for k in ("given", "non-dropping-particle", "family")
                                  if person.get(k)))
    return _join_names(names)


def _csl_date(value: Any) -> dt.date | None:
    if not isinstance(value, dict):
        return None
    parts = value.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and len(parts[0]) >= 3:
        return _date(*parts[0][:3])
    return _date_from_text(value.get("raw") or value.get("literal"))


def source_from_csl(item: dict) -> Source:
    kind = str(item.get("type") or "article")[:40]
    publisher = item.get("container-title") if kind in _CONTAINER_TYPES else None
    return Source(
        title=_clean(item.get("title")),
        publisher=_clean(publisher or item.get("publisher") or item.get("container-title")),
        author=_csl_names(item.get("author")),
        published=_csl_date(item.get("issued")),
        url=_clean(item.get("URL")),
        language=_lang(item.get("language")),
        accessed=_csl_date(item.get("accessed")),
        kind=kind,
    )


def parse_csl_json(text: str, name: str = "metadata") -> list[Source]:
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise ImportFailed(f"not valid CSL-JSON ({exc})", name) from None
    items = data if isinstance(data, list) else [data]
    if len(items) > MAX_BIB_ENTRIES:
        raise LimitExceeded(f"{len(items):,} entries, over the limit of {MAX_BIB_ENTRIES:,} entries", name)
    out = [source_from_csl(i) for i in items if isinstance(i, dict)]
    if not out:
        raise ImportFailed("no CSL-JSON entries found", name)
    return out


def _csl_date_parts(d: dt.date) -> dict:
    return {"date-parts": [[d.year, d.month, d.day]]}


def to_csl(source: Source) -> dict[str, Any]:
    item: dict[str, Any] = {"id": source.id or "source", "type": source.kind or "article"}
    if source.title:
        item["title"] = source.title
    if source.author:
        authors = []
        for given, family, literal in split_names(source.author):
            authors.append({"literal": literal} if literal else {"family": family, "given": given})
        item["author"] = authors
    if source.publisher:
        item["container-title" if item["type"] in _CONTAINER_TYPES else "publisher"] = source.publisher
    if source.published:
        item["issued"] = _csl_date_parts(source.published)
    if source.accessed:
        item["accessed"] = _csl_date_parts(source.accessed)
    if source.url:
        item["URL"] = source.url
    if source.language:
        item["language"] = source.language
    return item


# --------------------------------------------------------------------------- RIS

_RIS_LINE = re.compile(r"^([A-Z][A-Z0-9])\s{1,2}-\s?(.*)$")


def parse_ris(text: str, name: str = "metadata") -> list[Source]:
    entries: list[dict[str, list[str]]] = []
    cur: dict[str, list[str]] | None = None
    for raw in text.splitlines():
        m = _RIS_LINE.match(raw.strip("\ufeff").rstrip())
        if not m:
            continue
        tag, value = m.group(1), m.group(2).strip()
        if tag == "TY":
            cur = {"TY": [value]}
            entries.append(cur)
            if len(entries) > MAX_BIB_ENTRIES:
                raise LimitExceeded(f"over the limit of {MAX_BIB_ENTRIES:,} entries", name)
        elif tag == "ER":
            cur = None
        elif cur is not None:
            cur.setdefault(tag, []).append(value)
    out = []
    for e in entries:
        def first(*tags):
            for t in tags:
                if e.get(t) and e[t][0]:
                    return e[t][0]
            return None

        kind = _RIS_TO_CSL.get((first("TY") or "").upper(), "document")
        date = None
        for tag in ("DA", "PY", "Y1"):
            date = _date_from_text(first(tag))
            if date:
                break
        container = first("T2", "JO", "JF", "JA")
        publisher = container if kind in _CONTAINER_TYPES and container else first("PB") or container
        out.append(Source(
            title=_clean(first("TI", "T1", "CT", "BT")),
            author=_join_names(_ris_name(a) for t in ("AU", "A1") for a in e.get(t, [])),
            publisher=_clean(publisher),
            published=date,
            url=_clean(first("UR", "L2")),
            language=_lang(first("LA")),
            accessed=_date_from_text(first("Y2")),
            kind=kind,
        ))
    if not out:
        raise ImportFailed("no RIS entries found (no 'TY  - ' line)", name)
    return out


def _ris_name(value: str) -> str:
    if "," in value:
        family, given = (p.strip() for p in value.split(",", 1))
        given = given.split(",")[0].strip()  # "Family, Given, Suffix"
        return f"{given} {family}".strip()
    return value


def to_ris(source: Source) -> str:
    kind = source.kind or "document"
    lines = [f"TY  - {_CSL_TO_RIS.get(kind, 'GEN')}"]
    if source.title:
        lines.append(f"TI  - {source.title}")
    for given, family, literal in split_names(source.author):
        lines.append(f"AU  - {literal}" if literal else f"AU  - {family}, {given}")
    if source.publisher:
        lines.append(f"{'T2' if kind in _CONTAINER_TYPES else 'PB'}  - {source.publisher}")
    if source.published:
        p = source.published
        lines.append(f"PY  - {p.year}")
        lines.append(f"DA  - {p.year:04d}/{p.month:02d}/{p.day:02d}")
    if source.url:
        lines.append(f"UR  - {source.url}")
    if source.accessed:
        a = source.accessed
        lines.append(f"Y2  - {a.year:04d}/{a.month:02d}/{a.day:02d}")
    if source.language:
        lines.append(f"LA  - {source.language}")
    lines.append("ER  - ")
    return "\n".join(" ".join(line.split("\n")) for line in lines) + "\n"


# --------------------------------------------------------------------------- BibTeX

_ACCENTS = {
    '"': {"a": "ä", "o": "ö", "u": "ü", "A": "Ä", "O": "Ö", "U": "Ü", "e": "ë", "i": "ï", "I": "Ï", "E": "Ë"},
    "'": {"a": "á", "e": "é", "i": "í", "o": "ó", "u": "ú", "E": "É", "c": "ć", "n": "ń", "s": "ś", "z": "ź"},
    "`": {"a": "à", "e": "è", "i": "ì", "o": "ò", "u": "ù", "E": "È"},
    "^": {"a": "â", "e": "ê", "i": "î", "o": "ô", "u": "û"},
    "~": {"n": "ñ", "a": "ã", "o": "õ", "N": "Ñ"},
    "c": {"c": "ç", "C": "Ç", "s": "ş", "S": "Ş", "t": "ţ", "T": "Ţ"},
    "v": {"c": "č", "s": "š", "z": "ž", "C": "Č", "S": "Š", "Z": "Ž", "r": "ř", "e": "ě"},
    "u": {"a": "ă", "A": "Ă", "g": "ğ"},
}
_SYMBOLS = {r"\ss": "ß", r"\o": "ø", r"\O": "Ø", r"\ae": "æ", r"\AE": "Æ", r"\aa": "å", r"\AA": "Å",
            r"\l": "ł", r"\L": "Ł", r"\oe": "œ", r"\i": "ı"}
_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}


def latex_to_text(value: str) -> str:
    def accent(m):
        table = _ACCENTS.get(m.group(1), {})
        return table.get(m.group(2), m.group(2))

    s = value
    s = re.sub(r"\{?\\([\"'`^~])\s*\{?([A-Za-z])\}?\}?", accent, s)
    s = re.sub(r"\{?\\([cvu])\s*\{([A-Za-z])\}\}?", accent, s)
    s = re.sub(r"\{?\\([cvu])\s+([A-Za-z])\}?", accent, s)
    for k in sorted(_SYMBOLS, key=len, reverse=True):
        s = re.sub(r"\{?" + re.escape(k) + r"(?![A-Za-z])\s?\}?", _SYMBOLS[k], s)
    s = s.replace("---", "—").replace("--", "–").replace("\\&", "&").replace("\\%", "%").replace("\\_", "_")
    s = s.replace("\\$", "$").replace("\\#", "#").replace("~", "\u00a0").replace("``", "“").replace("''", "”")
    s = re.sub(r"\\(?:emph|textit|textbf|textsc|mkbibquote|enquote|url)\s*", "", s)
    s = s.replace("{", "").replace("}", "")
    return " ".join(s.split())


def _bib_entries(text: str, name: str) -> list[tuple[str, dict[str, str]]]:
    strings: dict[str, str] = {}
    entries = []
    i, n = 0, len(text)
    while True:
        at = text.find("@", i)
        if at < 0:
            break
        m = re.compile(r"@\s*([A-Za-z]+)\s*([{(])").match(text, at)
        if not m:
            i = at + 1
            continue
        etype = m.group(1).lower()
        close = "}" if m.group(2) == "{" else ")"
        j = m.end()
        if etype in ("comment", "preamble"):
            j = _skip_balanced(text, m.end() - 1, name)
            i = j
            continue
        fields: dict[str, str] = {}
        if etype != "string":
            km = re.compile(r"\s*([^,\s]*)\s*,").match(text, j)
            if not km:
                i = j
                continue
            j = km.end()
        while j < n:
            fm = re.compile(r"\s*([A-Za-z][\w:-]*)\s*=\s*").match(text, j)
            if not fm:
                break
            key = fm.group(1).lower()
            j = fm.end()
            parts = []
            while True:
                while j < n and text[j].isspace():
                    j += 1
                if j >= n:
                    break
                if text[j] == "{":
                    end = _skip_balanced(text, j, name)
                    parts.append(text[j + 1:end - 1])
                    j = end
                elif text[j] == '"':
                    k = j + 1
                    depth = 0
                    while k < n and not (text[k] == '"' and depth == 0):
                        depth += (text[k] == "{") - (text[k] == "}")
                        k += 1
                    parts.append(text[j + 1:k])
                    j = k + 1
                else:
                    wm = re.compile(r"[^\s,#})]+").match(text, j)
                    if not wm:
                        break
                    word = wm.group(0)
                    low = word.lower()
                    parts.append(strings.get(low, str(_MONTHS[low[:3]]) if low[:3] in _MONTHS and not low.isdigit()
                                             else word))
                    j = wm.end()
                while j < n and text[j].isspace():
                    j += 1
                if j < n and text[j] == "#":
                    j += 1
                    continue
                break
            fields[key] = "".join(parts)
            while j < n and text[j].isspace():
                j += 1
            if j < n and text[j] == ",":
                j += 1
        while j < n and text[j] != close:
            j += 1
        i = j + 1
        if etype == "string":
            strings.update({k: v for k, v in fields.items()})
            continue
        entries.append((etype, fields))
        if len(entries) > MAX_BIB_ENTRIES:
            raise LimitExceeded(f"over the limit of {MAX_BIB_ENTRIES:,} entries", name)
    return entries


def _skip_balanced(text: str, start: int, name: str) -> int:
    """Index after the brace group that opens at ``start``."""
    depth = 0
    for k in range(start, len(text)):
        ch = text[k]
        if ch == "\\":
            continue
        if ch in "{(":
            depth += 1
        elif ch in "})":
            depth -= 1
            if depth == 0:
                return k + 1
    raise ImportFailed("BibTeX entry is not closed (unbalanced braces)", name)


def _bib_names(value: str | None) -> str | None:
    if not value:
        return None
    names = []
    for part in re.split(r"\s+and\s+", value.strip()):
        part = part.strip()
        if part.startswith("{") and part.endswith("}"):
            names.append(latex_to_text(part))  # {{Hafenbehörde Konstanza}}: an organisation
            continue
        part = latex_to_text(part)
        if "," in part:
            family, given = (p.strip() for p in part.split(",", 1))
            names.append(f"{given} {family}".strip())
        else:
            names.append(part)
    return _join_names(names)


def parse_bibtex(text: str, name: str = "metadata") -> list[Source]:
    out = []
    for etype, f in _bib_entries(text, name):
        kind = _BIB_TO_CSL.get(etype, "document")
        date = _date_from_text(f.get("date"))
        if date is None and f.get("year"):
            month = f.get("month")
            if month and not month.strip().isdigit():
                month = _MONTHS.get(month.strip().lower()[:3])
            date = _date(f.get("year"), month, f.get("day"))
        container = f.get("journaltitle") or f.get("journal")
        publisher = (container if kind in _CONTAINER_TYPES and container else
                     f.get("publisher") or f.get("institution") or f.get("organization") or container)
        if kind == "article-journal" and container and re.search(r"zeitung|times|post|news|tagblatt|anzeiger",
                                                                 container, re.I):
            kind = "article-newspaper"
        out.append(Source(
            title=_clean(latex_to_text(f["title"])) if f.get("title") else None,
            author=_bib_names(f.get("author") or f.get("editor")),
            publisher=_clean(latex_to_text(publisher)) if publisher else None,
            published=date,
            url=_clean(f.get("url")),
            language=_lang(f.get("langid") or f.get("language")),
            accessed=_date_from_text(f.get("urldate")),
            kind=kind,
        ))
    if not out:
        raise ImportFailed("no BibTeX entries found", name)
    return out


# --------------------------------------------------------------------------- files


def parse_metadata(text: str, name: str = "metadata") -> list[Source]:
    """Entries from CSL-JSON, RIS or BibTeX text (the format is recognised from the content)."""
    head = text.lstrip("\ufeff \t\r\n")
    if head and head[0] in "[{":
        return parse_csl_json(head, name)
    if re.match(r"^TY\s{1,2}-", head):
        return parse_ris(head, name)
    if head.startswith("@") or re.search(r"^\s*@\s*[A-Za-z]+\s*\{", head, re.M):
        return parse_bibtex(head, name)
    raise ImportFailed("not a CSL-JSON, RIS or BibTeX file", name)


def read_metadata(path: str | Path) -> list[Source]:
    """Entries of a CSL-JSON (.json), RIS (.ris) or BibTeX (.bib) file."""
    return parse_metadata(_read_text(path), str(path))


_GENERIC_KINDS = ("", "article", "document")
_FIELDS = ("title", "publisher", "author", "published", "url", "language", "accessed", "kind")


def apply_metadata(source: Source, entry: Source, *, replace: bool = False) -> Source:
    """A copy of ``source`` with ``entry``'s metadata: filling gaps, or replacing (``replace=True``).

    The import's own facts (id, file name, checksum, import time) are always kept.
    """
    merged = source.model_copy()
    for field in _FIELDS:
        value = getattr(entry, field)
        if value in (None, ""):
            continue
        current = getattr(source, field)
        if field == "kind":  # a specific type ("article-newspaper") beats a generic one
            take = replace or (current in _GENERIC_KINDS and value not in _GENERIC_KINDS)
        else:
            take = replace or current in (None, "")
        if take:
            setattr(merged, field, value)
    return merged


def _atomic_write(path: str | Path, text: str) -> None:
    from .project import atomic_write_bytes

    atomic_write_bytes(Path(path), text.encode("utf-8"))


def write_csl_json(sources: list[Source], path: str | Path) -> None:
    try:
        _atomic_write(path, json.dumps([to_csl(s) for s in sources], ensure_ascii=False, indent=2) + "\n")
    except OSError as exc:
        raise BriefingError(f"cannot write file ({exc.strerror or exc})", str(path)) from None


def write_ris(sources: list[Source], path: str | Path) -> None:
    try:
        _atomic_write(path, "\n".join(to_ris(s) for s in sources))
    except OSError as exc:
        raise BriefingError(f"cannot write file ({exc.strerror or exc})", str(path)) from None
