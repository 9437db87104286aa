"""No network, proved: the suite runs with sockets disabled, and the whole workflow works so.

pytest-socket is switched on for every test in pyproject's ``addopts``
(``--disable-socket --allow-unix-socket``; Unix sockets stay allowed for multiprocessing).
The command-line runs in the hostile corpus use a sitecustomize guard that records and
refuses any network connection in the child processes as well.
"""
from __future__ import annotations

import ast
import io
import socket
import sys
import tomllib
import urllib.request
import zipfile
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT

NETWORK_MODULES = {"socket", "ssl", "urllib.request", "urllib3", "http.client", "requests", "httpx", "aiohttp",
                   "ftplib", "smtplib", "poplib", "imaplib", "telnetlib", "xmlrpc.client", "webbrowser",
                   "socketserver", "asyncio"}


def test_addopts_disable_sockets_for_the_whole_suite():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    addopts = config["tool"]["pytest"]["ini_options"]["addopts"].split()
    assert "--disable-socket" in addopts
    assert "pytest_socket" in sys.modules


def test_a_network_connection_attempt_fails():
    from pytest_socket import SocketBlockedError

    with pytest.raises(SocketBlockedError):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    with pytest.raises(SocketBlockedError):
        socket.create_connection(("127.0.0.1", 9), timeout=1)
    with pytest.raises((SocketBlockedError, OSError)):
        urllib.request.urlopen("http://briefing.example.invalid/", timeout=1)


def test_unix_sockets_still_work():
    if not hasattr(socket, "AF_UNIX"):
        pytest.skip("no Unix sockets")
    a, b = socket.socketpair(socket.AF_UNIX)
    with a, b:
        a.sendall(b"ok")
        assert b.recv(2) == b"ok"


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{a.name}" for a in node.names)
    return names


def test_no_module_of_the_application_imports_a_network_library():
    offenders = []
    files = [*ROOT.joinpath("briefing").rglob("*.py"), *ROOT.joinpath("ui").rglob("*.py"), ROOT / "main.py"]
    for f in files:
        bad = {m for m in _imported_modules(f) if m in NETWORK_MODULES or m.split(".")[0] in
               {"requests", "httpx", "aiohttp", "urllib3"}}
        if bad:
            offenders.append(f"{f.relative_to(ROOT)}: {sorted(bad)}")
    assert offenders == []


def _html_with_remote_resources() -> bytes:
    text = (FIXTURES / "de_hafen.txt").read_text(encoding="utf-8").split("\n")
    body = "".join(f"<p>{line}</p>" for line in text[1:] if line)
    return (
        '<!DOCTYPE html><html><head><title>Hafenbericht</title>'
        '<link rel="stylesheet" href="http://cdn.example.invalid/style.css">'
        '<script src="https://tracker.example.invalid/t.js"></script></head><body>'
        f'<article><h1>{text[0]}</h1><img src="http://bilder.example.invalid/hafen.jpg">{body}</article>'
        '<iframe src="http://werbung.example.invalid/"></iframe></body></html>'
    ).encode("utf-8")


def _docx_with_remote_image() -> bytes:
    import docx

    d = docx.Document()
    for line in (FIXTURES / "en_grid.txt").read_text(encoding="utf-8").split("\n"):
        if line:
            d.add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/_rels/document.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdRemote" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    b'relationships/image" Target="http://bilder.example.invalid/netz.png" TargetMode="External"/>'
                    b"</Relationships>",
                )
            z.writestr(info.filename, data)
    return out.getvalue()


@pytest.mark.parametrize("in_process", [True, False], ids=["parsers-in-process", "parsers-in-child"])
def test_import_claims_compose_and_export_work_without_network(tmp_path, monkeypatch, in_process):
    """The whole workflow, in this process with sockets disabled: import every format
    (with remote references in the files), split claims, save, export DOCX and PDF."""
    from briefing.brief import new_project
    from briefing.claims import extract_claims
    from briefing.compose import compose
    from briefing.ingest import load_article
    from briefing.project import load_project, save_project
    from briefing.render import render
    from briefing.templates import get_template

    if in_process:
        try:
            from briefing.ingest import limits
        except ImportError:
            pass
        else:
            monkeypatch.setattr(limits, "USE_CHILD_PROCESS", False, raising=False)
    (tmp_path / "hafen.html").write_bytes(_html_with_remote_resources())
    (tmp_path / "grid.docx").write_bytes(_docx_with_remote_image())
    inputs = [FIXTURES / "de_hafen.txt", tmp_path / "hafen.html", tmp_path / "grid.docx"]
    articles, claims = [], []
    for i, path in enumerate(inputs, start=1):
        article = load_article(path)
        article.source.id = f"s{i}"
        assert len(article.text) > 200, path.name
        assert "example.invalid" not in article.text
        articles.append(article)
        claims += extract_claims(article, prefix=article.source.id)
    project = new_project(articles, claims, get_template(None), title="Lage ohne Netz")
    save_project(project, tmp_path / "lage.brief")
    assert load_project(tmp_path / "lage.brief") == project
    document = compose(project)
    render(document, tmp_path / "lage.docx")
    render(document, tmp_path / "lage.pdf")
    assert zipfile.is_zipfile(tmp_path / "lage.docx")
    assert (tmp_path / "lage.pdf").read_bytes().startswith(b"%PDF")
