"""Offline language identification for imported text."""
from __future__ import annotations

import re

_WORDS = {
    "de": set("der die das und ist nicht mit von zu den des dem sich auch ein eine einer im für auf wurde sei habe nach laut".split()),
    "en": set("the and of to is in that was for on with as by it said from has have are were be this".split()),
}
_TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language ('de', 'en'), or None when unsure."""
    sample = text[:20000]
    counts = {lang: 0 for lang in _WORDS}
    total = 0
    for m in _TOKEN.finditer(sample):
        w = m.group(0).lower()
        total += 1
        for lang, words in _WORDS.items():
            if w in words:
                counts[lang] += 1
    if total == 0:
        return None
    lang, best = max(counts.items(), key=lambda kv: kv[1])
    if best < max(2, total * 0.05):
        return None
    return lang
