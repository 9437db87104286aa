"""Which names refer to the same source, and which articles carry the same agency copy.

Used by the single-source check: "MSMT", "Multilateral Sanctions Monitoring Team" and "der
Bericht" after it are one source; two articles that both carry "(dpa)" copy are one line of
reporting, not independent corroboration.

* :func:`normalise_name` folds case, articles, German case endings and punctuation, so
  "des südkoreanischen Geheimdienstes" and "südkoreanischer Geheimdienst" compare equal.
* :func:`acronym_pairs` reads "Long Name (ACR)" and "ACR (Long Name)" definitions from the text.
* :func:`is_generic` recognises back-references such as "der Bericht", "the report",
  "die Behörde"; :class:`SourceRegistry` resolves them to the most recent named source before
  them in the same article (preferring one whose name contains the same head noun).
* :func:`detect_agencies` finds agency copy in an article: a dateline or sign-off "(dpa)",
  "(Reuters) -", "AFP/…" and the publisher/author metadata.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from . import _regex
from .model import Article, Claim

# --------------------------------------------------------------------------- names

_ARTICLES = {
    "der", "die", "das", "des", "dem", "den", "ein", "eine", "einer", "eines", "einem", "einen",
    "the", "a", "an", "von", "vom", "of",
}
_FUNCTION = _ARTICLES | {"und", "and", "für", "fuer", "for", "zur", "zum", "in", "im", "on", "on", "at", "am"}

# Generic back-references: the head noun (normalised) -> nothing else needed.
GENERIC_HEADS = {
    # German
    "bericht", "berichts", "behörde", "ministerium", "ministeriums", "regierung", "verband", "verbands",
    "agentur", "dienst", "geheimdienst", "sprecher", "sprecherin", "gremium", "gremiums", "team",
    "untersuchung", "studie", "quelle", "quellen", "organisation", "unternehmen", "konzern", "gruppe",
    "kommission", "experten", "expertin", "experte", "papier", "dokument", "analyse",
    # English
    "report", "agency", "ministry", "government", "association", "service", "spokesman", "spokeswoman",
    "spokesperson", "panel", "team", "study", "investigation", "source", "sources", "organisation",
    "organization", "company", "group", "commission", "experts", "document", "paper", "analysis",
    "operator", "regulator", "authority", "authorities", "statement",
}
_GENERIC_LEAD = {"der", "die", "das", "des", "dem", "den", "the", "this", "that", "these", "dieser", "diese",
                 "dieses", "diesem", "diesen", "jener", "its", "their", "dessen", "deren"}


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.replace("’", "'").replace("ß", "ss")
    return text


def _tokens(text: str) -> list[str]:
    return re.findall(r"[\w]+(?:[-'][\w]+)*", _fold(text))


def _stem(tok: str) -> str:
    """Strip one German/English inflection ending from longer words (a deliberately rough stem)."""
    if tok.isdigit() or len(tok) <= 4:
        return tok
    for end in ("ern", "es", "en", "er", "em", "e", "s"):
        if tok.endswith(end) and len(tok) - len(end) >= 4:
            return tok[: -len(end)]
    return tok


def normalise_name(name: str) -> str:
    """A comparison key for a source name; "" when nothing is left."""
    toks = [t for t in _tokens(name) if t not in _ARTICLES]
    toks = [t[:-2] if t.endswith("'s") else t for t in toks]
    return " ".join(_stem(t) for t in toks)


def initials(name: str) -> set[str]:
    """Acronyms a long name may be abbreviated to (with and without its function words)."""
    words = re.findall(r"[^\W\d_][\w'-]*", unicodedata.normalize("NFKC", name))
    if len(words) < 2:
        return set()
    full = "".join(w[0] for w in words).upper()
    content = "".join(w[0] for w in words if _fold(w) not in _FUNCTION).upper()
    out = {full, content}
    # hyphenated parts count as words too: "Nord-Atlantik-Rat" -> NAR
    parts = [p for w in words for p in w.split("-") if p]
    out.add("".join(p[0] for p in parts if _fold(p) not in _FUNCTION).upper())
    return {a for a in out if len(a) >= 2}


def is_acronym(name: str) -> bool:
    s = name.strip()
    return bool(re.fullmatch(r"[A-ZÄÖÜ][A-ZÄÖÜ0-9&.-]{1,11}", s)) and sum(ch.isupper() for ch in s) >= 2


def is_generic(name: str) -> bool:
    """A back-reference such as "der Bericht", "the report", "dem Ministerium", "die Behörde"."""
    toks = _tokens(name)
    if not toks or len(toks) > 3:
        return False
    if toks[0] not in _GENERIC_LEAD:
        return False
    rest = toks[1:]
    # "der Bericht", "the agency", "the same report", "dem genannten Bericht"
    return bool(rest) and rest[-1] in GENERIC_HEADS and all(t in GENERIC_HEADS or len(t) <= 10 for t in rest)


def generic_head(name: str) -> str:
    toks = _tokens(name)
    return _stem(toks[-1]) if toks else ""


_DEF_LONG_ACR = _regex.compile(r"((?:[A-ZÄÖÜ][\w'-]+\s+(?:(?:of|for|the|and|der|des|für|und|zur|zum)\s+)*){1,8})"
                           r"\(([A-ZÄÖÜ][A-ZÄÖÜ0-9&.-]{1,11})\)")
_DEF_ACR_LONG = _regex.compile(r"\b([A-ZÄÖÜ][A-ZÄÖÜ0-9&.-]{1,11})\s+\(((?:[\w'-]+\s*){2,10})\)")


def acronym_pairs(text: str) -> list[tuple[str, str]]:
    """(long name, acronym) definitions written in ``text``."""
    out: list[tuple[str, str]] = []
    for m in _DEF_LONG_ACR.finditer(text):
        long, acr = m.group(1).strip(), m.group(2)
        words = long.split()
        # keep the shortest tail of the capitalised run whose initials fit the acronym
        for k in range(len(words)):
            if _fold(words[k]) in _FUNCTION:
                continue
            cand = " ".join(words[k:])
            if acr.replace(".", "").upper() in initials(cand):
                out.append((cand, acr))
                break
        else:
            # German compounds rarely fit their acronym ("Sanktionsüberwachungsteam (MSMT)"):
            # take the words after the last function word, at most four
            tail: list[str] = []
            for w in reversed(words):
                if _fold(w) in _FUNCTION or len(tail) == 4:
                    break
                tail.insert(0, w)
            if tail and not (len(tail) == 1 and _fold(tail[0]) in {"laut", "according"}):
                out.append((" ".join(tail), acr))
    for m in _DEF_ACR_LONG.finditer(text):
        acr, long = m.group(1), m.group(2).strip()
        if acr.replace(".", "").upper() in initials(long):
            out.append((long, acr))
    return out


# --------------------------------------------------------------------------- agencies

AGENCIES = {
    "dpa": ["dpa", "deutsche presse-agentur", "dpa-afx"],
    "Reuters": ["reuters", "rtr", "thomson reuters"],
    "AFP": ["afp", "agence france-presse", "agence france presse"],
    "AP": ["ap", "associated press"],
    "KNA": ["kna", "katholische nachrichten-agentur"],
    "epd": ["epd", "evangelischer pressedienst"],
    "APA": ["apa", "austria presse agentur"],
    "SDA": ["sda", "keystone-sda"],
    "ANSA": ["ansa"],
    "EFE": ["efe"],
    "Bloomberg": ["bloomberg"],
}
_ALIAS = {alias: canon for canon, aliases in AGENCIES.items() for alias in aliases}
_AGENCY_ALT = "|".join(sorted((re.escape(a) for a in _ALIAS), key=len, reverse=True))
# "(dpa)", "(dpa/AFP)", "(Reuters) -", "(AP) —"
_PAREN_TAG = _regex.compile(rf"\(\s*((?:{_AGENCY_ALT})(?:\s*[/,]\s*(?:{_AGENCY_ALT}))*)\s*\)", re.IGNORECASE)
# "BERLIN, 3. April (dpa) -" dateline near the start or "dpa/ab", "AFP/rtr/xy" sign-off at the end
_SIGN_OFF = _regex.compile(rf"(?:^|\s)((?:{_AGENCY_ALT})(?:\s*/\s*(?:{_AGENCY_ALT}))*)(?:\s*/\s*[a-z]{{2,4}})?\s*$",
                       re.IGNORECASE)
_CREDIT = _regex.compile(rf"(?:mit material (?:von|der)|quelle:|©|\(c\)|with reporting by|additional reporting by)\s+"
                     rf"((?:{_AGENCY_ALT})(?:\s*(?:/|,|und|and)\s*(?:{_AGENCY_ALT}))*)\b", re.IGNORECASE)


def _canon(names: str) -> set[str]:
    out = set()
    for part in re.split(r"\s*(?:/|,|\bund\b|\band\b)\s*", names, flags=re.IGNORECASE):
        canon = _ALIAS.get(_fold(part.strip()))
        if canon:
            out.add(canon)
    return out


def detect_agencies(article: Article) -> set[str]:
    """News agencies whose copy the article carries (dateline, sign-off, credit line, metadata)."""
    found: set[str] = set()
    text = article.text
    head, tail = text[:600], text[-300:]
    for m in _PAREN_TAG.finditer(head):
        found |= _canon(m.group(1))
    for m in _PAREN_TAG.finditer(tail):
        found |= _canon(m.group(1))
    last_line = tail.strip().split("\n")[-1].strip() if tail.strip() else ""
    if len(last_line) <= 40:
        m = _SIGN_OFF.search(last_line)
        if m:
            found |= _canon(m.group(1))
    for m in _CREDIT.finditer(text):
        found |= _canon(m.group(1))
    src = article.source
    for meta in (src.publisher, src.author):
        if meta:
            whole = _ALIAS.get(_fold(meta.strip()))
            if whole:
                found.add(whole)
            elif re.fullmatch(rf"\s*(?:{_AGENCY_ALT})(?:\s*[/,]\s*(?:{_AGENCY_ALT}|[a-z]{{2,4}}))*\s*", meta,
                              re.IGNORECASE):
                found |= _canon(meta)
    return found


# --------------------------------------------------------------------------- the registry


@dataclass
class _Mention:
    article_id: str
    offset: int
    name: str


@dataclass
class SourceRegistry:
    """Clusters of source names across the articles of one project."""

    _parent: dict[str, str] = field(default_factory=dict)
    _display: dict[str, str] = field(default_factory=dict)
    _mentions: dict[str, list[_Mention]] = field(default_factory=dict)  # article id -> named mentions

    # union-find over normalised keys
    def _find(self, k: str) -> str:
        self._parent.setdefault(k, k)
        while self._parent[k] != k:
            self._parent[k] = self._parent[self._parent[k]]
            k = self._parent[k]
        return k

    def _union(self, a: str, b: str) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            self._parent[rb] = ra

    def add_name(self, name: str) -> str | None:
        key = normalise_name(name)
        if not key:
            return None
        self._find(key)
        cur = self._display.get(key)
        if cur is None or (is_acronym(cur) and not is_acronym(name)):
            self._display[key] = name.strip()
        return key

    def link(self, a: str, b: str) -> None:
        ka, kb = self.add_name(a), self.add_name(b)
        if ka and kb:
            self._union(ka, kb)

    def finish(self) -> None:
        """Join acronyms with the long names whose initials they are."""
        by_acr: dict[str, list[str]] = {}
        for key, disp in self._display.items():
            for acr in initials(disp):
                by_acr.setdefault(acr, []).append(key)
        for key, disp in list(self._display.items()):
            if is_acronym(disp):
                for other in by_acr.get(disp.replace(".", "").upper(), []):
                    self._union(key, other)

    def key(self, name: str) -> str | None:
        k = normalise_name(name)
        if not k:
            return None
        if k not in self._parent:
            return k
        return self._find(k)

    def display(self, key: str) -> str:
        root = self._find(key) if key in self._parent else key
        names = [d for k, d in self._display.items() if self._find(k) == root]
        long = [n for n in names if not is_acronym(n)]
        return max(long or names or [key], key=len)

    def resolve(self, name: str, article_id: str, offset: int) -> str | None:
        """The cluster key for a name as written at ``offset``; generic names refer back."""
        if is_generic(name):
            head = generic_head(name)
            earlier = [m for m in self._mentions.get(article_id, []) if m.offset < offset]
            for m in reversed(earlier):
                if head and head in normalise_name(m.name).split():
                    return self.key(m.name)
            for m in reversed(earlier):
                return self.key(m.name)
            return self.key(name)
        return self.key(name)


def claim_source_name(claim: Claim) -> str | None:
    att = claim.attribution
    if att is None:
        return None
    return att.normalized or att.source


def build_registry(articles: list[Article], claims: list[Claim]) -> SourceRegistry:
    reg = SourceRegistry()
    for a in articles:
        for long, acr in acronym_pairs(a.text):
            reg.link(long, acr)
    for c in sorted(claims, key=lambda c: (c.source_id, c.start)):
        att = c.attribution
        if att is None:
            continue
        names = [n for n in (att.source, att.normalized) if n]
        specific = [n for n in names if not is_generic(n)]
        for n in specific:
            reg.add_name(n)
        if len(specific) == 2:
            reg.link(*specific)
        if specific:
            reg._mentions.setdefault(c.source_id, []).append(
                _Mention(c.source_id, att.source_start if att.source_start is not None else c.start, specific[0]))
    reg.finish()
    return reg
