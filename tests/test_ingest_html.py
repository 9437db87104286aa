"""Saved web pages: the article without clutter, metadata, encodings, and hostile markup."""
from __future__ import annotations

import sys
import time

import pytest

from briefing.errors import ImportFailed, LimitExceeded
from briefing.ingest import limits, load_article, load_bytes
from test_ingest_support import DE, EN, article_lines, make_html


def test_saved_page_gives_the_article_and_its_metadata(tmp_path):
    lines = article_lines(DE)
    path = tmp_path / "Hafenbericht.html"
    path.write_text(make_html(lines), encoding="utf-8")
    a = load_article(path)
    assert [a.text[p.start:p.end] for p in a.paragraphs] == lines
    assert a.paragraphs[0].heading
    for clutter in ("Startseite", "Cookies", "Akzeptieren", "Foto: Redaktionsarchiv", "Mehr zum Thema",
                    "Fährverkehr", "Impressum"):
        assert clutter not in a.text
    s = a.source
    assert s.title == lines[0]  # without the " | site" suffix of the <title>
    assert s.publisher == "Küstenzeitung" and s.author == "Anna Muster"
    assert s.published.isoformat() == "2025-04-04"
    assert s.url == "https://kuestenzeitung.example/hafen-engpaesse"
    assert s.language == "de" and s.kind == "article-newspaper"


def test_web_page_complete_folder_imports_its_page_and_reads_nothing_inside(tmp_path):
    lines = article_lines(EN)
    (tmp_path / "Seite.html").write_text(make_html(lines, lang="en"), encoding="utf-8")
    folder = tmp_path / "Seite_files"
    folder.mkdir()
    (folder / "style.css").write_text("body { color: red }")
    (folder / "lkw.jpg").write_bytes(b"\xff\xd8\xff not really a picture")
    a = load_article(folder)
    assert a.source.file_name == "Seite.html" and a.source.language == "en"
    assert a.text.split("\n") == lines


def test_html_in_windows_1252_with_a_meta_charset():
    lines = article_lines(DE)
    data = make_html(lines, charset="windows-1252").encode("cp1252")
    a = load_bytes(data, "alt.htm")
    assert a.text.split("\n")[0] == lines[0] and "„Wir stoßen" in a.text


def test_html_detected_by_content_without_extension():
    lines = article_lines(EN)
    a = load_bytes(make_html(lines, lang="en").encode(), "-")
    assert a.text.split("\n") == lines and a.source.kind == "article-newspaper"


def test_simple_page_without_article_markup_falls_back():
    html = ("<html><head><title>Kurzmeldung</title></head><body><h1>Kurzmeldung</h1>"
            "<p>Die Fähre nach Sulina fährt wieder.</p></body></html>")
    a = load_bytes(html.encode(), "kurz.html")
    assert a.text.split("\n")[0] == "Kurzmeldung" and "Sulina" in a.text


def test_page_without_text_fails_cleanly():
    with pytest.raises(ImportFailed, match="no article text"):
        load_bytes(b"<html><head><script>var x = 1;</script></head><body><img src='a.png'></body></html>", "leer.html")


def _laughs(levels: int = 10) -> str:
    ents = ['<!ENTITY e0 "lol">'] + [f'<!ENTITY e{i} "{("&e%d;" % (i - 1)) * 10}">' for i in range(1, levels)]
    return "<!DOCTYPE html [\n" + "\n".join(ents) + "\n]>\n"


def test_billion_laughs_in_html_is_never_expanded():
    html = (_laughs() + '<html lang="de"><head><title>Lachen</title></head><body><article><h1>Lachen</h1>'
            "<p>Die Hafenbehörde meldet &e9; neue Zahlen zum Umschlag im ersten Quartal.</p>"
            "<p>Der Verband bestätigte die Angaben am Montag in Bukarest.</p></article></body></html>")
    t = time.monotonic()
    try:
        a = load_bytes(html.encode(), "lachen.html")
    except ImportFailed:
        pass
    else:
        assert "lollol" not in a.text and len(a.text) < 5000
    assert time.monotonic() - t < 5


def test_external_entities_in_html_never_read_the_file(tmp_path):
    secret = tmp_path / "passwort.txt"
    secret.write_text("GEHEIM-0815", encoding="utf-8")
    html = (f'<!DOCTYPE html [<!ENTITY x SYSTEM "file://{secret}">]><html><head><title>XXE</title></head><body>'
            "<article><h1>XXE</h1><p>Inhalt: &x; und weiterer Text über den Hafen von Konstanza.</p>"
            "<p>Ein zweiter Absatz mit genug Text für die Erkennung des Artikels.</p></article></body></html>")
    try:
        a = load_bytes(html.encode(), "xxe.html")
    except ImportFailed as exc:
        assert "GEHEIM" not in str(exc)
    else:
        assert "GEHEIM" not in a.text


def test_200000_nested_elements_import_or_fail_quickly():
    n = 200_000
    html = "<html><body>" + "<div>" * n + "<p>Tief verschachtelter Absatz über den Hafen.</p>" + "</div>" * n
    t = time.monotonic()
    try:
        a = load_bytes((html + "</body></html>").encode(), "tief.html")
    except ImportFailed as exc:
        assert "\n" not in str(exc)
    else:
        assert "Hafen" in a.text
    assert time.monotonic() - t < 10


def test_html_over_the_size_limit_is_refused(monkeypatch):
    monkeypatch.setattr(limits, "MAX_HTML_BYTES", 1000)
    with pytest.raises(LimitExceeded, match="over the HTML size limit"):
        load_bytes(make_html(article_lines(DE)).encode(), "gross.html")


def test_slow_parse_hits_the_time_limit(monkeypatch):
    monkeypatch.setattr(limits, "PARSE_TIMEOUT_S", 0.001)
    t = time.monotonic()
    with pytest.raises(LimitExceeded, match="time limit of 0.001 s"):
        load_bytes(make_html(article_lines(DE)).encode(), "langsam.html")
    assert time.monotonic() - t < 10


@pytest.mark.parametrize("data", [b"<!D", b"<!DOCTYPE html>", b'<!D"""OCTYPE html>', b"<html><body>\n</body></html>"])
def test_a_page_that_parses_to_nothing_is_a_clear_error_in_and_out_of_the_guard(monkeypatch, data):
    for in_child in (True, False):
        monkeypatch.setattr(limits, "USE_CHILD_PROCESS", in_child)
        with pytest.raises(ImportFailed) as exc:
            load_bytes(data, "leer.html")
        assert str(exc.value) == "leer.html: no article text found in the web page: it has no readable text"


# ------------------------------------------------------------------ no sockets, not even at import time

# Installed in every Python process of the run (the parent, a fork server and its children)
# through sitecustomize: records every socket a process creates and refuses network ones,
# like pytest-socket does in the suite.
SOCKET_GUARD = '''
import os, sys

def _guard(event, args):
    if event == "socket.__new__":
        family = int(args[1])
        with open(os.environ["SOCKET_LOG"], "a", encoding="ascii") as fh:
            fh.write(f"{os.getpid()} {family}\\n")
        if family != 1:  # AF_UNIX (multiprocessing's own plumbing) is not network
            raise OSError("network socket refused by the test guard")

sys.addaudithook(_guard)
'''

IMPORT_PAGE = '''
import sys
from briefing.ingest import limits, load_article
mode = sys.argv[2]
limits.USE_CHILD_PROCESS = mode != "in-process"
limits.FORK_WHEN_SINGLE_THREADED = mode == "fork"
if __name__ == "__main__":
    article = load_article(sys.argv[1])
    print(article.source.title)
'''


def _sockets_created(tmp_path, mode: str, script: str = IMPORT_PAGE) -> tuple[list[tuple[int, int]], str]:
    import os
    import subprocess

    from conftest import ROOT

    guard = tmp_path / "guard"
    guard.mkdir(exist_ok=True)
    (guard / "sitecustomize.py").write_text(SOCKET_GUARD, encoding="utf-8")
    page = tmp_path / "Hafenbericht.html"
    page.write_text(make_html(article_lines(DE)), encoding="utf-8")
    run = tmp_path / "run.py"
    run.write_text(script, encoding="utf-8")
    log = tmp_path / f"sockets-{mode}.log"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(guard), str(ROOT)]), "SOCKET_LOG": str(log),
           "BRIEFING_INGEST_INPROCESS": ""}
    r = subprocess.run([sys.executable, str(run), str(page), mode], capture_output=True, text=True, env=env,
                       timeout=120, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    created = [tuple(int(x) for x in line.split()) for line in log.read_text().splitlines()] if log.exists() else []
    return created, r.stdout.strip()


def test_the_guard_sees_the_socket_that_importing_trafilatura_alone_would_open(tmp_path):
    """The check below can fail: a bare ``import trafilatura`` makes urllib3 probe IPv6 with a socket."""
    created, _ = _sockets_created(tmp_path, "bare", "import trafilatura\nprint('x')\n")
    assert [family for _pid, family in created] == [10]  # AF_INET6, refused by the guard


@pytest.mark.parametrize("mode", ["in-process", "fork", "forkserver"])
def test_importing_a_web_page_creates_no_network_socket_at_all(tmp_path, mode):
    created, title = _sockets_created(tmp_path, mode)
    assert title == article_lines(DE)[0]  # the page was really imported
    if mode == "forkserver":  # multiprocessing talks to its fork server over Unix sockets only
        assert created and {family for _pid, family in created} == {1}
    else:
        assert created == []
