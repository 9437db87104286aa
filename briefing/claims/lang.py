"""Per-language data (cue words, abbreviations, verbs, months ...) loaded from ``data/<code>.json``.

The algorithm in segment/attribution/stance/figures only reads the tables built here, so a
language is added by writing one data file. ``load(None)`` (or an unknown code) gives the
generic tables: the union of all known abbreviations and month names, and no cue words.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

_DATA = "data"


def _folder() -> Any:
    """The data folder: a plain folder next to this module, else the package's resources (a zip)."""
    here = Path(__file__).with_name(_DATA)
    if here.is_dir():
        return here
    from importlib import resources

    return resources.files(__package__).joinpath(_DATA)


@lru_cache(maxsize=1)
def _codes() -> tuple[str, ...]:
    return tuple(sorted(p.name[:-5] for p in _folder().iterdir() if p.name.endswith(".json")))


def available() -> list[str]:
    return list(_codes())


def _read(code: str) -> dict:
    return json.loads(_folder().joinpath(f"{code}.json").read_text(encoding="utf-8"))


def _alt(words, flags_word=True) -> str:
    """A regex alternation of ``words`` (longest first), each escaped; spaces match any blank."""
    items = sorted({w for w in words if w}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items)


@dataclass
class Lang:
    code: str | None
    raw: dict = field(repr=False)
    abbreviations: frozenset[str] = frozenset()
    final_abbreviations: frozenset[str] = frozenset()
    months: dict = field(default_factory=dict)
    starters: frozenset[str] = frozenset()  # words that typically open a sentence (for "etc. The")
    ordinal_before: frozenset[str] = frozenset()
    ordinal_nouns: frozenset[str] = frozenset()
    strong_starters: frozenset[str] = frozenset()  # pronouns and articles that cannot follow an abbreviation
    titles: frozenset[str] = frozenset()  # abbreviations that never end a sentence (Dr., Nr.)
    time_abbreviations: frozenset[str] = frozenset()  # "p.m": a capitalised word after it opens a sentence ...
    time_zones: frozenset[str] = frozenset()  # ... unless it names a time zone ("p.m. Eastern")

    def words(self, key: str) -> list:
        return self.raw.get(key) or []

    def set(self, key: str, lower: bool = True) -> frozenset:
        vals = self.words(key)
        return frozenset(v.lower() for v in vals) if lower else frozenset(vals)


def _build(code: str | None, raw: dict) -> Lang:
    lg = Lang(code=code, raw=raw)
    lg.abbreviations = frozenset(a.lower() for a in raw.get("abbreviations", []))
    lg.final_abbreviations = frozenset(a.lower() for a in raw.get("sentence_final_abbreviations", []))
    lg.months = {k.lower(): v for k, v in (raw.get("months") or {}).items()}
    starters: set[str] = set()
    for key in ("determiners", "pronouns", "clause_start_adverbs", "sentence_starters"):
        starters.update(w.lower() for w in raw.get(key, []))
    lg.starters = frozenset(starters)
    lg.strong_starters = frozenset(w.lower() for w in raw.get("sentence_starters", []))
    lg.titles = frozenset(w.lower() for w in raw.get("title_abbreviations", []))
    lg.ordinal_before = frozenset(w.lower() for w in raw.get("ordinal_before", []))
    lg.ordinal_nouns = frozenset(w.lower() for w in raw.get("ordinal_nouns", []))
    lg.time_abbreviations = frozenset(w.lower() for w in raw.get("time_abbreviations", []))
    lg.time_zones = frozenset(w.lower() for w in raw.get("time_zone_words", []))
    return lg


@lru_cache(maxsize=16)
def load(code: str | None) -> Lang:
    """Tables for language ``code``; unknown codes and ``None`` give the generic tables."""
    code = (code or "").lower().split("-")[0].split("_")[0] or None
    if code in _codes():
        return _build(code, _read(code))
    merged: dict = {}
    for c in available():
        raw = _read(c)
        for key in ("abbreviations", "sentence_final_abbreviations", "ordinal_before", "ordinal_nouns", "determiners", "pronouns", "title_abbreviations"):
            merged.setdefault(key, []).extend(raw.get(key, []))
        merged.setdefault("months", {}).update(raw.get("months", {}))
    return _build(None, merged)


def is_known(code: str | None) -> bool:
    code = (code or "").lower().split("-")[0].split("_")[0]
    return bool(code) and code in _codes()
