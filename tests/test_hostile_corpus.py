"""Hostile and odd inputs, generated here (never downloaded), each with its expected outcome.

Every case goes through ``briefing claims`` and ``briefing build`` as a user would run them:
a subprocess with a 10 s timeout and a 1 GB address-space limit. For every case: no
traceback, no "internal error", nothing in the corpus folder or the data folder changed or
left half-written, no network attempt. Must-fail cases exit 1 with exactly one
``briefing: error:`` line naming the file; must-import cases give the right text;
may-import cases may do either but never expand entities or leak a local file.

Template cases run through ``build --template`` and ``templates import`` (``claims`` does not
read templates).
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest

from conftest import FIXTURES, ROOT

TIMEOUT_S = 10
MEMORY_LIMIT = 1 << 30
SECRET = "GEHEIM-7f3a9c-NICHT-LEAKEN"
ARTICLE = (FIXTURES / "de_hafen.txt").read_text(encoding="utf-8")
PHRASES = ["Getreideausfuhren", "Hafenbehörde", "11.000 Lkw", "Agerpres", "zurückgewiesen"]
MB = 1024 * 1024


# --------------------------------------------------------------------------- generators


def _docx_bytes(paragraphs: list[str]) -> bytes:
    import docx

    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _rezip(data: bytes, replace: dict[str, bytes], add: dict[str, bytes] | None = None) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            z.writestr(info.filename, replace.get(info.filename, src.read(info.filename)))
        for name, payload in (add or {}).items():
            z.writestr(name, payload)
    return out.getvalue()


def _pdf_bytes(paragraphs: list[str], pages: int = 1) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, invariant=1)
    style = getSampleStyleSheet()["BodyText"]
    flow = []
    for i in range(pages):
        flow += [Paragraph(p.replace("&", "&amp;").replace("<", "&lt;"), style) for p in paragraphs]
        if i < pages - 1:
            flow.append(PageBreak())
    doc.build(flow)
    return buf.getvalue()


def _raw_pdf(objects: list[bytes]) -> bytes:
    """A PDF from numbered object bodies (object 1 is the catalog), with a correct xref."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _encrypted_pdf(user_password: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    w = PdfWriter(clone_from=PdfReader(io.BytesIO(_pdf_bytes(ARTICLE.split("\n")))))
    w.encrypt(user_password=user_password, owner_password="besitzer-passwort", algorithm="AES-128")
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def _inflating_zeros(total: int) -> bytes:
    """A zlib stream that inflates to ``total`` zero bytes (a multiple of 64 MB), built
    from one compressed 64 MB block repeated (full flushes make the blocks identical)."""
    block = bytes(64 * MB)
    c = zlib.compressobj(9)
    head = c.compress(block) + c.flush(zlib.Z_FULL_FLUSH)
    chunk = c.compress(block) + c.flush(zlib.Z_FULL_FLUSH)
    n = total // len(block)
    adler = ((total % 65521) << 16) | 1  # adler32 of `total` zero bytes
    return head + chunk * (n - 1) + b"\x03\x00" + adler.to_bytes(4, "big")


def make_pdf_stream_bomb(folder: Path) -> Path:
    bomb = _inflating_zeros(4 * 1024 * MB)  # 4 GB of content stream from ~4 MB
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(bomb) + bomb + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    path = folder / "stream_bomb.pdf"
    path.write_bytes(_raw_pdf(objects))
    return path


def make_pdf_reference_loop(folder: Path) -> Path:
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 2 >>",
        # a page-tree node that lists its own parent and itself as children
        b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 3 0 R] /Count 2 >>",
        # and two objects that only refer to each other
        b"5 0 R",
        b"4 0 R",
    ]
    path = folder / "reference_loop.pdf"
    path.write_bytes(_raw_pdf(objects))
    return path


def make_truncated_pdf(folder: Path) -> Path:
    data = _pdf_bytes(ARTICLE.split("\n"), pages=3)
    path = folder / "truncated.pdf"
    path.write_bytes(data[: len(data) * 3 // 10])
    return path


def make_password_pdf(folder: Path) -> Path:
    path = folder / "password.pdf"
    path.write_bytes(_encrypted_pdf("geheim"))
    return path


def make_empty_password_pdf(folder: Path) -> Path:
    path = folder / "empty_password.pdf"
    path.write_bytes(_encrypted_pdf(""))
    return path


def make_docx_ratio_bomb(folder: Path) -> Path:
    path = folder / "ratio_bomb.docx"
    base = zipfile.ZipFile(io.BytesIO(_docx_bytes(["Kurz."])))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for info in base.infolist():
            if info.filename == "word/document.xml":
                continue
            z.writestr(info.filename, base.read(info.filename))
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(b'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w='
                     b'"http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>')
            chunk = b"A" * MB
            for _ in range(300):  # 300 MB of text from about 300 KB
                fh.write(chunk)
            fh.write(b"</w:t></w:r></w:p></w:body></w:document>")
    return path


def make_docx_overlapping_bomb(folder: Path) -> Path:
    """Many central-directory entries share one 5 MB local file (stored, so no entry
    looks compressed): the declared sizes stay under every per-entry limit, only overlap
    detection (or the sum of declared sizes) sees that 60 entries are the same bytes."""
    base = zipfile.ZipFile(io.BytesIO(_docx_bytes(["Kurz."])))
    body = b"<w:p><w:r><w:t>" + b"Wiederholung " * 20 + b"</w:t></w:r></w:p>"
    xml = (b'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w='
           b'"http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
           + body * (5 * MB // len(body)) + b"</w:body></w:document>")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        for info in base.infolist():
            if info.filename != "word/document.xml":
                z.writestr(info.filename, base.read(info.filename))
        z.writestr("word/document.xml", xml)
    data = bytearray(buf.getvalue())
    # find the central directory record of word/document.xml and clone it 60 times
    eocd = data.rfind(b"PK\x05\x06")
    cd_size = int.from_bytes(data[eocd + 12 : eocd + 16], "little")
    cd_off = int.from_bytes(data[eocd + 16 : eocd + 20], "little")
    records, pos = [], cd_off
    while pos < cd_off + cd_size:
        n, m, k = (int.from_bytes(data[pos + o : pos + o + 2], "little") for o in (28, 30, 32))
        records.append(bytes(data[pos : pos + 46 + n + m + k]))
        pos += 46 + n + m + k
    target = next(r for r in records if r[46:].startswith(b"word/document.xml"))
    clones = []
    for i in range(60):
        name = b"word/document%02d.xml" % i
        rec = bytearray(target[:46]) + name
        rec[28:30] = len(name).to_bytes(2, "little")
        rec[30:32] = rec[32:34] = b"\x00\x00"
        clones.append(bytes(rec))
    central = b"".join(records + clones)
    count = len(records) + len(clones)
    end = (b"PK\x05\x06" + b"\x00" * 4 + count.to_bytes(2, "little") * 2
           + len(central).to_bytes(4, "little") + cd_off.to_bytes(4, "little") + b"\x00\x00")
    path = folder / "overlap_bomb.docx"
    path.write_bytes(bytes(data[:cd_off]) + central + end)
    return path


_LAUGHS = "".join(
    f'<!ENTITY lol{i} "{("&lol%d;" % (i - 1)) * 10}">' for i in range(1, 10)
)


def _doctype(root: str, secret: Path | None) -> str:
    ext = f'<!ENTITY geheim SYSTEM "{secret.as_uri()}">' if secret else ""
    return f'<!DOCTYPE {root} [<!ENTITY lol0 "lol">{_LAUGHS}{ext}]>'


def make_docx_entities(folder: Path, external: bool) -> Path:
    secret = folder / "secret.txt"
    data = _docx_bytes(ARTICLE.split("\n"))
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    decl_end = xml.index("?>") + 2
    ref = "&geheim;" if external else "&lol9;"
    xml = xml[:decl_end] + _doctype("w:document", secret if external else None) + xml[decl_end:]
    xml = xml.replace("<w:body>", f"<w:body><w:p><w:r><w:t>Anfang {ref} Ende</w:t></w:r></w:p>", 1)
    path = folder / ("xxe_external.docx" if external else "xxe_laughs.docx")
    path.write_bytes(_rezip(data, {"word/document.xml": xml.encode("utf-8")}))
    return path


def make_html_entities(folder: Path, external: bool) -> Path:
    secret = folder / "secret.txt"
    ref = "&geheim;" if external else "&lol9;"
    body = "".join(f"<p>{line}</p>" for line in ARTICLE.split("\n") if line)
    html = (f'<?xml version="1.0"?>{_doctype("html", secret if external else None)}'
            f'<html><head><title>Hafenbericht</title></head><body><article>'
            f'<p>Anfang {ref} Ende</p>{body}</article></body></html>')
    path = folder / ("xxe_external.html" if external else "xxe_laughs.html")
    path.write_text(html, encoding="utf-8")
    return path


def make_deep_html(folder: Path) -> Path:
    depth = 200_000
    html = ("<!DOCTYPE html><html><head><title>Tief</title></head><body>" + "<div>" * depth
            + "<p>Laut Angaben der Behörde sei der Text tief verschachtelt.</p>" + "</div>" * depth
            + "</body></html>")
    path = folder / "deep.html"
    path.write_text(html, encoding="utf-8")
    return path


def make_style_base_with_macros(folder: Path) -> Path:
    """A Word file with a remote attached template and a macro project, as an article."""
    data = _docx_bytes(ARTICLE.split("\n"))
    z = zipfile.ZipFile(io.BytesIO(data))
    ct = z.read("[Content_Types].xml").decode()
    ct = ct.replace(
        "</Types>",
        '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>',
    ).replace("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
              "application/vnd.ms-word.document.macroEnabled.main+xml")
    rels = z.read("word/_rels/document.xml.rels").decode().replace(
        "</Relationships>",
        '<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" '
        'Target="vbaProject.bin"/></Relationships>',
    )
    settings = z.read("word/settings.xml").decode()
    settings = settings.replace("<w:zoom", '<w:attachedTemplate r:id="rIdTpl"/><w:zoom', 1)
    if 'xmlns:r="' not in settings:
        settings = settings.replace("<w:settings ", '<w:settings xmlns:r="http://schemas.openxmlformats.org/'
                                    'officeDocument/2006/relationships" ', 1)
    settings_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rIdTpl" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/attachedTemplate" Target="http://vorlagen.example.invalid/haus.dotm" '
        'TargetMode="External"/></Relationships>'
    )
    out = _rezip(
        data,
        {"[Content_Types].xml": ct.encode(), "word/_rels/document.xml.rels": rels.encode(),
         "word/settings.xml": settings.encode()},
        {"word/vbaProject.bin": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"Attribute VB_Name = \"Modul1\"" * 50,
         "word/_rels/settings.xml.rels": settings_rels.encode()},
    )
    path = folder / "haus-stil.docx"
    path.write_bytes(out)
    return path


def _template(**overrides) -> dict:
    t = {
        "name": "Hostile Test",
        "sections": [{"id": "key-points", "title": "Key points", "kind": "claims"}],
    }
    t.update(overrides)
    return t


def make_template(folder: Path, name: str, content: dict | str) -> Path:
    path = folder / name
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return path


# --------------------------------------------------------------------------- cases


@dataclass
class Case:
    name: str
    make: Callable[[Path], Path]
    expect: str  # "fail" | "ok" | "any"
    template: bool = False  # the file is a template, not an article
    error_has: tuple[str, ...] = ()  # words the error line must contain (fail cases)
    warning_has: tuple[str, ...] = ()  # a warning line must contain these (ok cases)
    check_text: Callable[[str], None] | None = None
    posix_only: bool = False
    xfail: str | None = None
    marks: list = field(default_factory=list)


def _write(name: str, data: bytes) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        p = folder / name
        p.write_bytes(data)
        return p

    return make


def _garbage() -> bytes:
    import random

    rng = random.Random(1234)
    return bytes(rng.randrange(256) for _ in range(64 * 1024))


def _huge_text(folder: Path) -> Path:
    path = folder / "huge.txt"
    line = (ARTICLE.replace("\n", " ") + "\n").encode("utf-8")
    block = line * (MB // len(line) + 1)
    with open(path, "wb") as fh:
        while fh.tell() < 200 * MB:
            fh.write(block)
    return path


def _unreadable(folder: Path) -> Path:
    path = folder / "unreadable.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    path.chmod(0)
    return path


def _directory(folder: Path) -> Path:
    path = folder / "ordner.txt"
    path.mkdir()
    (path / "inhalt.txt").write_text(ARTICLE, encoding="utf-8")
    return path


def _with_invalid_utf8() -> bytes:
    data = ARTICLE.encode("utf-8")
    # a lone 0xFF after the first sentence, a broken two-byte sequence in the third line
    first = data.index(b". ") + 2
    third = data.index(b"\n", data.index(b"\n") + 1) + 1
    return data[:first] + b"\xff" + data[first:third] + b"\xc3\x28 " + data[third:]


def _with_nuls() -> bytes:
    data = ARTICLE.encode("utf-8")
    out = bytearray()
    for i, line in enumerate(data.split(b"\n")):
        out += (b"\x00" if i % 2 else b"") + line + b"\n" + (b"\x00\x00" if i == 2 else b"")
    return bytes(out)


def _text_is_the_article(text: str) -> None:
    assert "\x00" not in text
    for phrase in PHRASES:
        assert phrase in text, phrase
    assert "„Wir stoßen an die Grenzen" in text


def _text_has_the_article(text: str) -> None:
    assert "\x00" not in text
    for phrase in PHRASES:
        assert phrase in text, phrase


def _pdf_text_ok(text: str) -> None:
    for phrase in ["Getreideausfuhren", "Hafenbehörde", "Agerpres"]:
        assert phrase in text, phrase


CASES = [
    # ---- must fail with exit 1 and a one-line reason
    Case("empty file", _write("empty.txt", b""), "fail", error_has=("empty",)),
    Case("binary garbage", _write("garbage.bin", _garbage()), "fail", error_has=("binary",)),
    Case("docx that is no zip", _write("kein_zip.docx", b"Das ist kein Word-Dokument.\n" * 20), "fail",
         error_has=("zip",)),
    Case("docx zip bomb (ratio)", make_docx_ratio_bomb, "fail", error_has=("limit",)),
    Case("docx zip bomb (overlapping entries)", make_docx_overlapping_bomb, "fail", error_has=("overlap",)),
    Case("pdf stream inflating to gigabytes", make_pdf_stream_bomb, "fail", error_has=("limit",)),
    Case("pdf reference loop", make_pdf_reference_loop, "fail", error_has=("damaged",)),
    Case("truncated pdf", make_truncated_pdf, "fail", error_has=("truncated",)),
    Case("password-protected pdf", make_password_pdf, "fail", error_has=("password",)),
    Case("200 MB text file", _huge_text, "fail", error_has=("limit", "100 MB")),
    Case("directory", _directory, "fail", error_has=("directory",)),
    Case("unreadable file", _unreadable, "fail", error_has=("permission",), posix_only=True),
    Case("template with oversized fields", lambda f: make_template(
        f, "tpl_oversized.json", _template(sections=[{"id": "a", "title": "A", "guidance": "x" * 50_000}])),
        "fail", template=True, error_has=("guidance", "too long")),
    Case("template with unknown keys", lambda f: make_template(
        f, "tpl_unknown.json", _template(on_open="import os; os.system('rm -rf ~')")), "fail", template=True,
        error_has=("on_open",)),
    Case("template with path traversal", lambda f: make_template(
        f, "tpl_traversal.json", _template(style_base="../../../../etc/passwd.docx")), "fail", template=True,
        error_has=("style_base",)),
    Case("template with an absolute style base", lambda f: make_template(
        f, "tpl_absolute.json", _template(style_base="/etc/haus.docx")), "fail", template=True,
        error_has=("style_base",)),
    Case("template that is not JSON", lambda f: make_template(f, "tpl_garbage.json", "{name: ]]"), "fail",
         template=True),
    # ---- must import correctly
    Case("UTF-16 without BOM", _write("utf16.txt", ARTICLE.encode("utf-16-le")), "ok",
         check_text=_text_is_the_article),
    Case("Windows-1252", _write("cp1252.txt", ARTICLE.encode("cp1252")), "ok", check_text=_text_is_the_article),
    Case("UTF-8 with invalid bytes", _write("kaputt_utf8.txt", _with_invalid_utf8()), "ok",
         check_text=_text_has_the_article),
    Case("stray NUL bytes", _write("nul.txt", _with_nuls()), "ok", check_text=_text_is_the_article),
    Case("pdf with an empty user password", make_empty_password_pdf, "ok", check_text=_pdf_text_ok),
    # ---- may import or fail, but never expand or leak
    Case("docx external entity", lambda f: make_docx_entities(f, True), "any"),
    Case("docx entity expansion", lambda f: make_docx_entities(f, False), "any"),
    Case("html external entity", lambda f: make_html_entities(f, True), "any"),
    Case("html entity expansion", lambda f: make_html_entities(f, False), "any"),
    Case("200,000 nested html elements", make_deep_html, "any"),
    Case("docx with remote template and macros", make_style_base_with_macros, "any"),
]

# sitecustomize for the child processes: any attempt to open a network connection is
# recorded in a log file and refused (Unix sockets, which multiprocessing uses, are allowed).
NET_GUARD = textwrap.dedent('''
    import os, socket
    _log = os.environ.get("BRIEFING_TEST_NET_LOG")
    def _refuse(what):
        if _log:
            with open(_log, "a") as fh:
                fh.write(what + "\\n")
        raise OSError("network access is disabled in this test")
    _connect = socket.socket.connect
    def connect(self, address):
        if self.family != getattr(socket, "AF_UNIX", None):
            _refuse(f"connect {address!r}")
        return _connect(self, address)
    socket.socket.connect = connect
    def getaddrinfo(*a, **k):
        _refuse(f"getaddrinfo {a!r}")
    socket.getaddrinfo = getaddrinfo
''')


# --------------------------------------------------------------------------- harness


def _limit_memory() -> None:  # runs in the child before exec
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    os.setsid()


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


def _live_group_members(pgid: int) -> list[int]:
    """Processes of group ``pgid`` that are still running (zombies do not count). Linux
    reads /proc; elsewhere only the group's existence can be checked."""
    proc = Path("/proc")
    if not (proc / "self" / "stat").exists():
        try:
            os.killpg(pgid, 0)
        except (ProcessLookupError, PermissionError):
            return []
        return [pgid]
    alive = []
    for d in proc.iterdir():
        if not d.name.isdigit():
            continue
        try:
            stat = (d / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[2]) == pgid and fields[0] not in ("Z", "X"):
            alive.append(int(d.name))
    return alive


def run_briefing(args: list[str], env: dict[str, str], cwd: Path) -> Result:
    posix = os.name == "posix"
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
        cwd=cwd, env=env, preexec_fn=_limit_memory if posix else None,
    )
    try:
        out, err = proc.communicate(timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        if posix:
            os.killpg(proc.pid, signal.SIGKILL)  # the whole group, importer children included
        else:
            proc.kill()
        proc.communicate()
        pytest.fail(f"briefing {' '.join(args)} did not end within {TIMEOUT_S} s")
    if posix:
        for _ in range(30):  # no child process may outlive the command (grace: 3 s)
            alive = _live_group_members(proc.pid)
            if not alive:
                break
            time.sleep(0.1)
        else:
            os.killpg(proc.pid, signal.SIGKILL)
            pytest.fail(f"briefing {' '.join(args)} left processes running: {alive}")
    return Result(proc.returncode, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"))


def snapshot(folder: Path) -> dict[str, tuple]:
    """Names, kinds, sizes and (for files under 16 MB) contents of everything in ``folder``."""
    state: dict[str, tuple] = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for d in dirnames:
            state[os.path.relpath(os.path.join(dirpath, d), folder)] = ("dir",)
        for f in filenames:
            p = os.path.join(dirpath, f)
            st = os.lstat(p)
            digest = None
            if st.st_size < 16 * MB and os.access(p, os.R_OK):
                with open(p, "rb") as fh:
                    digest = hashlib.sha256(fh.read()).hexdigest()
            state[os.path.relpath(p, folder)] = ("file", st.st_size, st.st_mtime_ns, digest)
    return state


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    (folder / "secret.txt").write_text(SECRET + "\n", encoding="utf-8")
    shutil_copy = (FIXTURES / "de_hafen.txt").read_bytes()
    (folder / "artikel.txt").write_bytes(shutil_copy)
    guard = tmp_path_factory.mktemp("netguard")
    (guard / "sitecustomize.py").write_text(NET_GUARD, encoding="utf-8")
    paths = {}
    for case in CASES:
        if case.posix_only and os.name != "posix":
            continue
        paths[case.name] = case.make(folder)
    yield folder, paths, guard
    for p in folder.rglob("*"):  # let pytest clean up the unreadable file
        try:
            p.chmod(0o700 if p.is_dir() else 0o600)
        except OSError:
            pass


def _case_params():
    out = []
    for case in CASES:
        for command in ("claims", "build"):
            if case.template and command == "claims":
                command = "templates-import"
            marks = list(case.marks)
            if case.xfail:
                marks.append(pytest.mark.xfail(strict=True, reason=case.xfail))
            out.append(pytest.param(case, command, id=f"{case.name}-{command}", marks=marks))
    return out


def _error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("briefing: error:")]


@pytest.mark.parametrize(("case", "command"), _case_params())
def test_hostile_input(case: Case, command: str, corpus, tmp_path):
    folder, paths, guard = corpus
    if case.posix_only and os.name != "posix":
        pytest.skip("POSIX permissions")
    if case.name == "unreadable file" and os.name == "posix" and os.geteuid() == 0:
        pytest.skip("root can read any file")
    path = paths[case.name]
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    net_log = tmp_path / "net.log"
    env = dict(os.environ)
    env.update(
        BRIEFING_DATA_DIR=str(data_dir),
        BRIEFING_TEST_NET_LOG=str(net_log),
        PYTHONPATH=os.pathsep.join([str(guard), env.get("PYTHONPATH", "")]).rstrip(os.pathsep),
    )
    out_suffix = ".brief" if case.expect != "fail" else ".pdf"
    out = folder / f"out-{path.stem}{out_suffix}"
    if command == "claims":
        args = ["claims", str(path)]
    elif command == "templates-import":
        args = ["templates", "import", str(path)]
    elif case.template:
        args = ["build", str(folder / "artikel.txt"), "--template", str(path), "-o", str(out)]
    else:
        args = ["build", str(path), "-o", str(out)]

    before, data_before = snapshot(folder), snapshot(data_dir)
    r = run_briefing(args, env, folder)
    after, data_after = snapshot(folder), snapshot(data_dir)
    created = sorted(set(after) - set(before))

    assert "Traceback" not in r.stderr, r.stderr[-2000:]
    assert "internal error" not in r.stderr, r.stderr
    assert not net_log.exists(), net_log.read_text()
    for stream in (r.stdout, r.stderr):
        assert SECRET not in stream
        assert "lollollollollollollollollollollollol" not in stream
    assert len(r.stdout) < 2 * MB, "output expanded far beyond the input"

    if r.returncode == 0 and command == "build":
        assert created == [out.name], created
        out_bytes = out.read_bytes()
        assert SECRET.encode() not in out_bytes
        if out_suffix == ".brief":
            from briefing.project import load_project

            project = load_project(out)
            assert len(project.articles) == 1
        out.unlink()
        for backup in folder.glob(out.name + "~"):
            backup.unlink()
        after = snapshot(folder)
    assert after == before, f"files changed or left behind: {sorted(set(after) ^ set(before))}"
    if not (r.returncode == 0 and command == "templates-import"):
        assert data_after == data_before, "the data folder changed"

    if case.expect == "fail":
        assert r.returncode == 1, (r.returncode, r.stdout[:500], r.stderr)
        errors = _error_lines(r.stderr)
        assert len(errors) == 1, r.stderr
        assert path.name in errors[0], errors[0]
        for word in case.error_has:
            assert word.lower() in errors[0].lower(), errors[0]
        assert r.stdout.strip() == "" or command != "claims"
    elif case.expect == "ok":
        assert r.returncode == 0, r.stderr
        assert _error_lines(r.stderr) == []
        if command == "claims":
            obj = json.loads(r.stdout)
            case.check_text(obj["text"])
            assert obj["claims"], "no claims found"
            for c in obj["claims"]:
                assert obj["text"][c["start"] : c["end"]] == c["text"]
        for word in case.warning_has:
            assert word in r.stderr
    else:  # may import or fail
        assert r.returncode in (0, 1), r.stderr
        if r.returncode == 1:
            assert len(_error_lines(r.stderr)) == 1, r.stderr
        elif command == "claims":
            text = json.loads(r.stdout)["text"]
            assert SECRET not in text
            assert len(text) < 100_000, "entities were expanded"


# --------------------------------------------------------------------------- style base


def test_a_style_base_with_a_remote_template_and_macros_is_cleaned_with_a_warning(corpus, tmp_path):
    """A template whose Word style base has macros and a remote template: the brief is
    written, with a warning, and the DOCX has neither."""
    folder, paths, guard = corpus
    work = tmp_path / "work"
    work.mkdir()
    (work / "haus-stil.docx").write_bytes(paths["docx with remote template and macros"].read_bytes())
    make_template(work, "haus.json", _template(name="Haus", style_base="haus-stil.docx"))
    out = work / "brief.docx"
    env = dict(os.environ)
    env["BRIEFING_DATA_DIR"] = str(tmp_path / "data")
    env["BRIEFING_TEST_NET_LOG"] = str(tmp_path / "net.log")
    env["PYTHONPATH"] = os.pathsep.join([str(guard), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    r = run_briefing(["build", str(folder / "artikel.txt"), "--template", str(work / "haus.json"),
                      "-o", str(out)], env, work)
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    assert not (tmp_path / "net.log").exists()
    warnings = [line for line in r.stderr.splitlines() if line.startswith("briefing: warning:")]
    assert any("macro" in w.lower() for w in warnings), r.stderr
    assert any("template" in w.lower() for w in warnings), r.stderr
    z = zipfile.ZipFile(out)
    names = z.namelist()
    assert not any("vbaProject" in n for n in names)
    blob = b"".join(z.read(n) for n in names if n.endswith((".xml", ".rels")))
    assert b"attachedTemplate" not in blob
    assert b"vorlagen.example.invalid" not in blob
    assert b"macroEnabled" not in blob
