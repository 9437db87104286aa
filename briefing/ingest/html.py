"""Web pages saved from a browser (.html/.htm, also "web page, complete").

trafilatura (offline: it only ever sees the bytes we pass) finds the article body without
navigation, cookie notices, captions and related links, and reads title, site name, author,
date and canonical URL from the page's metadata. Nothing the page points to is read: not
the ``_files`` folder, not external entities, not linked resources.

Before parsing, any DTD internal subset (``<!DOCTYPE x [...]>``) and entity declarations
are cut out, so entity tricks (billion laughs, external entities) have nothing to expand.
Parsing runs in a child process with a time and memory limit (see ``limits``).
"""
from __future__ import annotations

import importlib
import re
import sys

from ..errors import ImportFailed, LimitExceeded
from ..model import Article, Source
from . import limits
from .text import build_article, clean_line, decode, parse_date

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_DOCTYPE_SUBSET = re.compile(r"<!DOCTYPE[^\[>]*\[.*?\]\s*>", re.IGNORECASE | re.DOTALL)
_DECL = re.compile(r"<!(?:ENTITY|ELEMENT|ATTLIST|NOTATION)\b[^>]*>", re.IGNORECASE)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})", re.IGNORECASE)
_OG_TYPE = re.compile(r"""<meta[^>]+property\s*=\s*["']og:type["'][^>]*content\s*=\s*["']([^"']+)""", re.IGNORECASE)


def _decode_html(data: bytes, name: str) -> tuple[str, list[str]]:
    if not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        m = _META_CHARSET.search(data[:4096])
        if m:
            enc = m.group(1).decode("ascii", "ignore").lower()
            if enc in ("iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii"):
                enc = "cp1252"  # what browsers do
            try:
                return data.decode(enc), []
            except (LookupError, UnicodeDecodeError):
                pass
    text, _enc, warnings = decode(data, name)
    return text, warnings


def sanitize(html: str) -> str:
    """Remove what could make a parser expand or fetch anything (DTD subsets, entity declarations)."""
    html = _XML_DECL.sub("", html, count=1)
    html = _DOCTYPE_SUBSET.sub("<!DOCTYPE html>", html)
    html = _DECL.sub("", html)
    return html


def _block_text(el) -> str:
    return clean_line(" ".join(el.itertext()))


def _blocks_from_body(body) -> list[tuple[str, bool]]:
    blocks: list[tuple[str, bool]] = []
    for el in body:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "head":
            blocks.append((_block_text(el), True))
        elif tag == "list":
            for item in el.iter("item"):
                blocks.append((_block_text(item), False))
        elif tag == "table":
            for row in el.iter("row"):
                cells = [_block_text(c) for c in row if isinstance(c.tag, str)]
                blocks.append((" | ".join(c for c in cells if c), False))
        elif tag in ("graphic", "ref"):
            continue
        else:
            blocks.append((_block_text(el), False))
    return [(t, h) for t, h in blocks if t]


def _fallback_blocks(html: str) -> list[tuple[str, bool]]:
    """Headings, paragraphs and list items of the page when trafilatura finds no main text."""
    import lxml.html
    from lxml import etree

    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
    try:
        root = lxml.html.document_fromstring(html, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):  # "Document is empty": nothing to read
        return []
    for bad in root.xpath("//script|//style|//nav|//header|//footer|//aside|//figure|//form|//noscript"):
        bad.drop_tree()
    blocks = []
    for el in root.iter("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote"):
        t = clean_line(el.text_content())
        if t:
            blocks.append((t, el.tag.startswith("h")))
    return blocks


def load_trafilatura():
    """Import trafilatura without letting urllib3 open a socket while it is imported.

    trafilatura imports urllib3 (for its downloader, which we never call). At import time
    urllib3 probes for IPv6 by binding a socket to ``::1`` unless ``socket.has_ipv6`` is false.
    The flag is switched off for the duration of that first import only, so the probe is
    skipped: no socket is created (urllib3 then assumes no IPv6, which nothing of ours uses).
    The socket module is only looked up here to change that flag; nothing here connects.
    """
    loaded = sys.modules.get("trafilatura")
    if loaded is not None:
        return loaded
    if "urllib3.util.connection" in sys.modules:  # the probe has already run (not through us)
        return importlib.import_module("trafilatura")
    sock = sys.modules.get("socket") or importlib.import_module("socket")
    had_ipv6 = sock.has_ipv6
    sock.has_ipv6 = False
    try:
        return importlib.import_module("trafilatura")
    finally:
        sock.has_ipv6 = had_ipv6


def extract(html: str) -> dict:
    """Run trafilatura on sanitised HTML; returns plain data (runs in the guarded child process)."""
    trafilatura = load_trafilatura()

    doc = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=True, include_images=False,
        include_links=False, include_formatting=False, deduplicate=False,
    )
    meta: dict = {}
    blocks: list[tuple[str, bool]] = []
    if doc is not None:
        for key in ("title", "author", "url", "hostname", "sitename", "date", "pagetype", "description"):
            value = getattr(doc, key, None)
            meta[key] = value if isinstance(value, str) else None
        if getattr(doc, "body", None) is not None:
            blocks = _blocks_from_body(doc.body)
        if not blocks and getattr(doc, "text", None):
            blocks = [(line, False) for line in doc.text.split("\n")]
    if not blocks:
        blocks = _fallback_blocks(html)
        if not meta.get("title"):
            m = re.search(r"<title[^>]*>(.*?)</title>", html, re.IGNORECASE | re.DOTALL)
            if m:
                meta["title"] = clean_line(re.sub(r"<[^>]+>", "", m.group(1)))
    return {"blocks": blocks, "meta": meta}


def parse(data: bytes, name: str) -> Article:
    if len(data) > limits.MAX_HTML_BYTES:
        raise LimitExceeded(f"web page is {len(data) / limits.MB:.0f} MB, over the HTML size limit of "
                            f"{limits.mb(limits.MAX_HTML_BYTES)}", name)
    html, warnings = _decode_html(data, name)
    html = sanitize(html)
    result = limits.run_guarded(extract, html, name=name)
    blocks: list[tuple[str, bool]] = result["blocks"]
    meta: dict = result["meta"]
    if not blocks:
        raise ImportFailed("no article text found in the web page: it has no readable text", name)
    title = clean_line(meta.get("title") or "") or None
    if title and not blocks[0][1] and blocks[0][0] != title:
        blocks.insert(0, (title, True))
    src = Source(kind="webpage")
    src.title = title or blocks[0][0][:500]
    src.author = clean_line(meta.get("author") or "") or None
    src.publisher = clean_line(meta.get("sitename") or "") or None
    src.published = parse_date(meta.get("date"))
    url = meta.get("url") or ""
    if url.startswith(("http://", "https://")):
        src.url = url
    head = html[:20000]
    m = _HTML_LANG.search(head)
    if m:
        src.language = m.group(1).lower()[:2]
    og = _OG_TYPE.search(head)
    if (og and og.group(1).lower() == "article") or (meta.get("pagetype") or "").lower() == "article":
        src.kind = "article-newspaper"
    return build_article(blocks, src, warnings)
