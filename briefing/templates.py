"""Built-in templates and the user's template library.

Templates are JSON data validated with pydantic: never code, never evaluated. Text fields may
use the placeholders ``{title}``, ``{date}``, ``{author}``, ``{organisation}`` and ``{source}``;
nothing else is substituted, and a template that uses any other ``{...}`` is refused.

A template file that comes from outside (``templates import``, ``templates validate``,
``--template PATH``) is untrusted. It is refused, with a one-line reason and nothing written,
when it is not JSON, is over :data:`MAX_TEMPLATE_BYTES`, has unknown fields or oversized
values, or names a style base that is not a plain file next to it (absolute paths, ``..``,
folders, links pointing elsewhere). A style base that passes is cleaned (see
:mod:`briefing.styles_base`) before it enters the library.

The library lives in ``user_data_dir()/templates`` (``BRIEFING_DATA_DIR`` overrides the
folder): ``<slug>.json`` per template and, when it has a style base, the cleaned Word file in
``<slug>.assets/``. Every file is written atomically; the JSON is written last, so a template
never appears in the library before its style base is complete.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import stat
import sys
from pathlib import Path

from pydantic import ValidationError

from .errors import TemplateError
from .model import Template
from .paths import templates_dir, user_data_dir

TEMPLATE_SUFFIXES = (".json", ".briefing-template")
STYLE_BASE_SUFFIXES = (".docx", ".dotx", ".docm", ".dotm")
DEFAULT_TEMPLATE = "analyst-brief"
MAX_TEMPLATE_BYTES = 256 * 1024
MAX_TERM_CHARS = 60
PLACEHOLDERS = ("title", "date", "author", "organisation", "source")

_PLACEHOLDER = re.compile(r"\{([^{}]{0,40})\}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")


# --------------------------------------------------------------------------- placeholders


def fill_placeholders(text: str, values: dict[str, str]) -> str:
    """Replace the whitelisted placeholders in ``text``; everything else stays as written.

    A whitelisted placeholder without a value becomes empty. No formatting mini-language, no
    attribute access, no evaluation: ``{title.upper}`` is not a placeholder and stays literal.
    """

    def sub(m: re.Match) -> str:
        key = m.group(1)
        if key in PLACEHOLDERS:
            return str(values.get(key) or "")
        return m.group(0)

    return _PLACEHOLDER.sub(sub, text)


def _text_fields(t: Template):
    """(where, text, multi_line) for every free-text field of a template."""
    yield "description", t.description, True
    if t.classification is not None:
        yield "classification", t.classification, False
    if t.default_title is not None:
        yield "default_title", t.default_title, False
    for i, s in enumerate(t.sections):
        yield f"sections.{i}.title", s.title, False
        yield f"sections.{i}.guidance", s.guidance, True
    for lang, phrase in t.claims.attribution.items():
        yield f"claims.attribution.{lang}", phrase, False
    for key in ("likelihood_terms", "confidence_terms"):
        for i, term in enumerate(getattr(t, key) or []):
            yield f"{key}.{i}", term, False


# --------------------------------------------------------------------------- validation


def _describe(exc: ValidationError) -> str:
    first = exc.errors()[0]
    loc = [str(p) for p in first["loc"]]
    where = ".".join(loc) or "template"
    kind = first.get("type", "")
    ctx = first.get("ctx") or {}
    if kind == "extra_forbidden":
        return f"unknown field '{where}'"
    if kind == "string_too_long":
        return f"{where} is too long (at most {ctx.get('max_length')} characters)"
    if kind == "too_long":
        return f"{where} has too many entries (at most {ctx.get('max_length')})"
    if kind == "missing":
        return f"missing field '{where}'"
    return f"{where}: {first['msg']}"


def check_style_base_name(value: str, name: str) -> None:
    """A style base is a bare file name next to the template: no folders, no absolute paths."""
    if (
        not value
        or value != value.strip()
        or "/" in value
        or "\\" in value
        or value in (".", "..")
        or value.startswith(".")
        or re.match(r"^[A-Za-z]:", value)
        or _CONTROL.search(value)
    ):
        raise TemplateError(f"style_base must be a file name next to the template, not a path ({value[:60]!r})",
                            name)
    if not value.lower().endswith(STYLE_BASE_SUFFIXES):
        raise TemplateError(f"style_base must be a Word file (.docx or .dotx), not {value[:60]!r}", name)


def check_template(t: Template, name: str) -> Template:
    """The checks beyond the schema that every template file passes; raises TemplateError."""
    for where, text, multi_line in _text_fields(t):
        bad = _CONTROL.search(text) or (not multi_line and ("\n" in text or "\r" in text))
        if bad:
            raise TemplateError(f"{where} contains control characters or line breaks", name)
        for m in _PLACEHOLDER.finditer(text):
            if m.group(1) not in PLACEHOLDERS:
                allowed = ", ".join("{" + p + "}" for p in PLACEHOLDERS)
                raise TemplateError(f"{where}: unknown placeholder {m.group(0)[:40]} (allowed: {allowed})", name)
    if not _LANGUAGE.match(t.language):
        raise TemplateError(f"language must be a language code such as 'en' or 'de', not {t.language[:20]!r}", name)
    for lang in t.claims.attribution:
        if not _LANGUAGE.match(lang):
            raise TemplateError(f"claims.attribution: {lang[:20]!r} is not a language code", name)
    for key in ("likelihood_terms", "confidence_terms"):
        for term in getattr(t, key) or []:
            if not term.strip() or len(term) > MAX_TERM_CHARS:
                raise TemplateError(f"{key}: each term must be 1 to {MAX_TERM_CHARS} characters", name)
    ids = [s.id for s in t.sections]
    dup = next((i for i in ids if ids.count(i) > 1), None)
    if dup:
        raise TemplateError(f"section id '{dup}' is used twice", name)
    if not t.sections:
        raise TemplateError("a template needs at least one section", name)
    if t.style_base is not None:
        check_style_base_name(t.style_base, name)
    return t


def parse_template(data: bytes | str, name: str) -> Template:
    """Parse and check template JSON (untrusted); raises TemplateError with a one-line reason."""
    size = len(data.encode("utf-8") if isinstance(data, str) else data)
    if size > MAX_TEMPLATE_BYTES:
        raise TemplateError(f"template file is over {MAX_TEMPLATE_BYTES // 1024} KB", name)
    try:
        raw = json.loads(data)
    except RecursionError:
        raise TemplateError("not a valid template file (JSON nested too deeply)", name) from None
    except (ValueError, UnicodeDecodeError) as exc:
        if isinstance(data, bytes) and not data.strip() or isinstance(data, str) and not data.strip():
            raise TemplateError("template file is empty", name) from None
        raise TemplateError(f"not a valid template file (JSON: {exc})", name) from None
    if not isinstance(raw, dict):
        raise TemplateError("not a valid template file (expected a JSON object)", name)
    try:
        template = Template.model_validate(raw)
    except ValidationError as exc:
        raise TemplateError(f"invalid template: {_describe(exc)}", name) from None
    except RecursionError:
        raise TemplateError("invalid template: nested too deeply", name) from None
    return check_template(template, name)


def _read_regular_file(path: Path, limit: int, what: str, name: str) -> bytes:
    """Read a regular file of at most ``limit`` bytes (no folders, devices or pipes)."""
    try:
        st = path.stat()
    except FileNotFoundError:
        raise TemplateError(f"no such {what}", name) from None
    except OSError as exc:
        raise TemplateError(f"cannot read {what} ({exc.strerror or exc})", name) from None
    if stat.S_ISDIR(st.st_mode):
        raise TemplateError(f"{what} is a folder, not a file", name)
    if not stat.S_ISREG(st.st_mode):
        raise TemplateError(f"{what} is not a regular file", name)
    if st.st_size > limit:
        raise TemplateError(f"{what} is over {limit // 1024} KB", name)
    try:
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise TemplateError(f"cannot read {what} ({exc.strerror or exc})", name) from None
    if len(data) > limit:
        raise TemplateError(f"{what} is over {limit // 1024} KB", name)
    return data


def load_template_file(path: str | Path) -> Template:
    """Read a template file (untrusted) and remember its folder for the style base."""
    p = Path(path)
    data = _read_regular_file(p, MAX_TEMPLATE_BYTES, "template file", str(path))
    t = parse_template(data, str(path))
    t._origin = str(p.resolve().parent)
    if t.style_base is not None:
        style_base_file(t, str(path))  # refuse a style base outside the folder now
    return t


def style_base_file(t: Template, name: str | None = None) -> Path | None:
    """The checked path of a template's style base, or None if it has none or it cannot be found.

    Raises TemplateError when the style base exists but is not a regular file inside the
    template's folder (a link pointing elsewhere, a folder, a device).
    """
    if t.style_base is None:
        return None
    name = name or t.name
    check_style_base_name(t.style_base, name)
    folder = t._origin
    if folder is None:  # e.g. read from a project file: look the template up by name
        try:
            known = _find(t.name)
        except TemplateError:
            return None
        folder = known._origin if known.style_base == t.style_base else None
    if folder is None:
        return None
    base = Path(folder).resolve()
    candidate = base / t.style_base
    if not os.path.lexists(candidate):
        raise TemplateError(f"style base {t.style_base} is missing next to the template", name)
    real = candidate.resolve()
    if real.parent != base:
        raise TemplateError(f"style base {t.style_base} points outside the template's folder", name)
    if not real.is_file():
        raise TemplateError(f"style base {t.style_base} is not a regular file", name)
    return real


def read_style_base(t: Template, name: str | None = None):
    """The cleaned style base of a template (a :class:`~briefing.styles_base.CleanResult`) or None.

    Renderers use this instead of opening ``style_base`` themselves, so a style base is never
    used uncleaned.
    """
    from .styles_base import MAX_STYLE_BASE_BYTES, clean_style_base

    path = style_base_file(t, name)
    if path is None:
        return None
    data = _read_regular_file(path, MAX_STYLE_BASE_BYTES, "style base", str(path))
    return clean_style_base(data, t.style_base or path.name)


# --------------------------------------------------------------------------- the library


def library_dir() -> Path:
    return user_data_dir() / "templates"


def slug(name: str) -> str:
    return re.sub(r"[^\w.-]+", "-", name.lower()).strip("-.") or "template"


def _builtin() -> list[Template]:
    out = []
    for f in sorted(templates_dir().glob("*.json")):
        try:
            t = load_template_file(f)
        except TemplateError as exc:  # a broken shipped file must not hide the others
            print(f"briefing: warning: {exc}", file=sys.stderr)
            continue
        out.append(t)
    return out


def _library() -> list[tuple[Template, Path]]:
    lib = library_dir()
    out: list[tuple[Template, Path]] = []
    if not lib.is_dir():
        return out
    for f in sorted(lib.glob("*.json")):
        try:
            t = parse_template(_read_regular_file(f, MAX_TEMPLATE_BYTES, "template file", str(f)), str(f))
        except TemplateError:
            continue  # a damaged library file is skipped, not fatal
        t._origin = str(_assets_dir(f.stem))
        out.append((t, f))
    return out


def _assets_dir(stem: str) -> Path:
    return library_dir() / f"{stem}.assets"


def builtin_names() -> set[str]:
    return {t.name for t in _builtin()}


def is_builtin(name: str) -> bool:
    return name.lower() in {n.lower() for n in builtin_names()}


def list_templates() -> list[Template]:
    """Built-in templates first, then the user's library (names are unique, case-insensitively)."""
    seen: dict[str, Template] = {}
    for t in _builtin():
        seen.setdefault(t.name.lower(), t)
    for t, _ in _library():
        seen.setdefault(t.name.lower(), t)
    return list(seen.values())


def _find(name: str) -> Template:
    for t in list_templates():
        if t.name == name:
            return t
    for t in list_templates():
        if t.name.lower() == name.lower():
            return t
    raise TemplateError(f"no template named '{name}' (see 'briefing templates list')", name)


def _library_file(name: str) -> Path | None:
    for t, f in _library():
        if t.name.lower() == name.lower():
            return f
    return None


def looks_like_path(arg: str) -> bool:
    """A template argument is a path when it has a path separator or a template extension."""
    return os.sep in arg or "/" in arg or arg.lower().endswith(TEMPLATE_SUFFIXES)


def get_template(arg: str | None) -> Template:
    """A template by name (built-in or library) or by path."""
    arg = arg or DEFAULT_TEMPLATE
    if looks_like_path(arg):
        return load_template_file(arg)
    return _find(arg)


def template_json(t: Template) -> bytes:
    """The canonical file form of a template (what export writes and the library stores)."""
    return (json.dumps(t.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _write(path: Path, data: bytes) -> None:
    from .project import atomic_write_bytes

    atomic_write_bytes(path, data)


def _check_new_name(new_name: str, *, replace: bool = False, allow: str | None = None) -> None:
    try:
        Template(name=new_name, sections=[])
    except ValidationError:
        raise TemplateError("a template name uses letters, digits, spaces, '.', '_' or '-' (at most 64 characters)",
                            new_name) from None
    if is_builtin(new_name):
        raise TemplateError("a built-in template has this name; choose another", new_name)
    if allow is not None and new_name.lower() == allow.lower():
        return
    existing = _library_file(new_name)
    if existing is not None and not replace:
        raise TemplateError("a template with this name is already in your library "
                            "(give another name, or --replace to overwrite it)", new_name)
    # two names may map to the same file name ("My brief", "my-brief")
    clash = library_dir() / f"{slug(new_name)}.json"
    if clash.exists() and clash != existing and not replace:
        raise TemplateError(f"the library file {clash.name} is taken by another template", new_name)


def save_template(t: Template, *, style_base: bytes | None = None, replace: bool = False,
                  _allow: str | None = None) -> Path:
    """Store ``t`` in the library (with its cleaned style base bytes, if any); returns the file."""
    check_template(t, t.name)
    _check_new_name(t.name, replace=replace, allow=_allow)
    if t.style_base is not None and style_base is None:
        raise TemplateError(f"style base {t.style_base} is missing", t.name)
    lib = library_dir()
    lib.mkdir(parents=True, exist_ok=True)
    stem = slug(t.name)
    target = lib / f"{stem}.json"
    if style_base is not None and t.style_base is not None:
        assets = _assets_dir(stem)
        assets.mkdir(exist_ok=True)
        _write(assets / t.style_base, style_base)
    _write(target, template_json(t))
    return target


def _style_bytes_of(t: Template) -> tuple[bytes | None, list[str]]:
    res = read_style_base(t)
    if res is None:
        if t.style_base is not None:
            raise TemplateError(f"style base {t.style_base} cannot be found", t.name)
        return None, []
    return res.data, res.warnings


def save_as_template(project, name: str, description: str | None = None, *, replace: bool = False) -> Template:
    """Save the current brief's structure and styling as a library template named ``name``."""
    from .brief import layout_template

    t = layout_template(project).model_copy(deep=True)
    t._origin = project.template._origin if project.template is not None else None
    data, _ = _style_bytes_of(t) if t.style_base else (None, [])
    new = t.model_copy(update={"name": name, "description": t.description if description is None else description})
    new = Template.model_validate(new.model_dump())
    save_template(new, style_base=data, replace=replace)
    return _find(name)


def duplicate_template(name: str, new_name: str) -> Template:
    t = _find(name)
    _check_new_name(new_name)
    data, _ = _style_bytes_of(t)
    new = Template.model_validate({**t.model_dump(), "name": new_name})
    save_template(new, style_base=data)
    return _find(new_name)


def rename_template(name: str, new_name: str) -> Template:
    old_file = _library_file(name)
    if old_file is None:
        if is_builtin(name):
            raise TemplateError("built-in templates cannot be renamed; duplicate it instead", name)
        raise TemplateError(f"no template named '{name}' in your library", name)
    t = _find(name)
    _check_new_name(new_name, allow=name)
    data, _ = _style_bytes_of(t)
    new = Template.model_validate({**t.model_dump(), "name": new_name})
    new_file = save_template(new, style_base=data, _allow=name)
    if new_file != old_file:
        _remove_library_files(old_file)
    return _find(new_name)


def _remove_library_files(f: Path) -> None:
    f.unlink(missing_ok=True)
    assets = _assets_dir(f.stem)
    if assets.is_dir() and not assets.is_symlink():
        shutil.rmtree(assets, ignore_errors=True)


def delete_template(name: str) -> None:
    f = _library_file(name)
    if f is None:
        if is_builtin(name):
            raise TemplateError("built-in templates cannot be deleted", name)
        raise TemplateError(f"no template named '{name}' in your library", name)
    _remove_library_files(f)


def export_template(name_or_template: str | Template, file: str | Path) -> list[str]:
    """Write a template to ``file`` (and its style base next to it); returns warnings."""
    t = _find(name_or_template) if isinstance(name_or_template, str) else name_or_template
    out = Path(file)
    if not out.parent.is_dir():
        raise TemplateError("output folder does not exist", str(file))
    if out.is_dir():
        raise TemplateError("is a folder", str(file))
    data, warnings = _style_bytes_of(t)
    try:
        if data is not None and t.style_base is not None:
            target = out.parent / t.style_base
            if target.exists() and target.read_bytes() != data:
                raise TemplateError(f"{target.name} already exists next to it with other content", str(file))
            _write(target, data)
        _write(out, template_json(t))
    except OSError as exc:  # a folder without write permission, a full disk: no temporary file name shown
        raise TemplateError(f"cannot write the file ({exc.strerror or exc})", str(file)) from None
    return warnings


def import_template(file: str | Path, name: str | None = None, *, replace: bool = False
                    ) -> tuple[Template, list[str]]:
    """Add a template file from outside to the library; returns it and the cleaning warnings.

    Everything is checked and the style base cleaned in memory first; a refused template
    leaves the library untouched.
    """
    t = load_template_file(file)
    data, warnings = (None, [])
    if t.style_base is not None:
        res = read_style_base(t, str(file))
        if res is None:
            raise TemplateError(f"style base {t.style_base} is missing next to the template", str(file))
        data, warnings = res.data, res.warnings
    if name is not None:
        try:
            t = Template.model_validate({**t.model_dump(), "name": name})
        except ValidationError:
            _check_new_name(name)  # raises with the reason
            raise
    _check_new_name(t.name, replace=replace)
    save_template(t, style_base=data, replace=replace)
    return _find(t.name), warnings


def validate_template_file(file: str | Path) -> tuple[Template, list[str]]:
    """Check a template file as import would, without writing anything."""
    t = load_template_file(file)
    warnings: list[str] = []
    if t.style_base is not None:
        res = read_style_base(t, str(file))
        if res is None:
            raise TemplateError(f"style base {t.style_base} is missing next to the template", str(file))
        warnings = res.warnings
    return t, warnings


# --------------------------------------------------------------------------- command line


def _usage(text: str) -> int:
    print(f"usage: briefing templates {text}", file=sys.stderr)
    return 2


def cli_list(args: list[str], warn) -> int:
    for t in list_templates():
        print(f"{t.name}\t{t.description}")
    return 0


def cli_show(args: list[str], warn) -> int:
    if len(args) != 1:
        return _usage("show NAME|FILE")
    sys.stdout.write(template_json(get_template(args[0])).decode("utf-8"))
    return 0


def cli_export(args: list[str], warn) -> int:
    if len(args) != 2:
        return _usage("export NAME FILE")
    for w in export_template(get_template(args[0]), args[1]):
        warn(w)
    return 0


def cli_import(args: list[str], warn) -> int:
    replace = "--replace" in args
    rest = [a for a in args if a != "--replace"]
    if len(rest) not in (1, 2):
        return _usage("import FILE [NEW-NAME] [--replace]")
    t, warnings = import_template(rest[0], rest[1] if len(rest) == 2 else None, replace=replace)
    for w in warnings:
        warn(w)
    print(f"imported template '{t.name}'")
    return 0


def cli_validate(args: list[str], warn) -> int:
    if len(args) != 1:
        return _usage("validate FILE")
    t, warnings = validate_template_file(args[0])
    for w in warnings:
        warn(w)
    print(f"{args[0]}: valid template '{t.name}'")
    return 0


def cli_delete(args: list[str], warn) -> int:
    if len(args) != 1:
        return _usage("delete NAME")
    delete_template(args[0])
    return 0


def cli_rename(args: list[str], warn) -> int:
    if len(args) != 2:
        return _usage("rename NAME NEW-NAME")
    rename_template(args[0], args[1])
    return 0


def cli_duplicate(args: list[str], warn) -> int:
    if len(args) != 2:
        return _usage("duplicate NAME NEW-NAME")
    duplicate_template(args[0], args[1])
    return 0
