"""The command line: ``briefing claims|build|export|templates``.

Errors end with exit status 1 and one line ``briefing: error: FILE: reason`` on stderr;
wrong usage exits with 2; warnings are ``briefing: warning: ...`` lines. No traceback
unless ``--debug``.
"""
from __future__ import annotations

import argparse
import datetime as _dt
import json
import sys
from pathlib import Path
from typing import Any

from . import __version__
from .errors import BriefingError
from .model import Article, Claim

COMMANDS = ("claims", "build", "export", "templates")
OUTPUT_SUFFIXES = (".docx", ".pdf", ".brief")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # usage errors: exit 2 with the usage line
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def warn(message: str) -> None:
    print(f"briefing: warning: {' '.join(message.split())}", file=sys.stderr)


def error_line(exc: BaseException, file: str | None = None) -> str:
    if isinstance(exc, BriefingError):
        text = str(exc)
        if not exc.file and file:
            text = f"{file}: {text}"
    else:
        text = f"{file + ': ' if file else ''}internal error: {type(exc).__name__}: {exc}"
    return "briefing: error: " + " ".join(text.split())


# --------------------------------------------------------------------------- helpers


def load_inputs(files: list[str], language: str | None) -> list[Article]:
    """Import each FILE (``-`` = standard input) as an article; raises on the first failure."""
    return [load_one(f, language, index) for index, f in enumerate(files, start=1)]


def load_one(file: str, language: str | None, index: int) -> Article:
    from .ingest import MAX_FILE_BYTES, load_article, load_bytes

    lang = None if language in (None, "auto") else language
    if file == "-":
        data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            from .errors import LimitExceeded

            raise LimitExceeded("standard input is over the import size limit", "-")
        article = load_bytes(data, "-", language=lang)
    else:
        article = load_article(file, language=lang)
    article.source.id = f"s{index}"
    return article


def claims_for(article: Article) -> list[Claim]:
    from .claims import extract_claims

    return extract_claims(article, prefix=article.source.id)


def claim_json(claim: Claim) -> dict[str, Any]:
    att = claim.attribution
    return {
        "id": claim.id,
        "start": claim.start,
        "end": claim.end,
        "text": claim.text,
        "paragraph": claim.paragraph,
        "page": claim.page,
        "stance": claim.stance,
        "attribution": None
        if att is None
        else {
            "source": att.source,
            "normalized": att.normalized,
            "cue": att.cue,
            "via": att.via,
            "inherited": att.inherited,
        },
        "numbers": claim.numbers,
        "dates": claim.dates,
        "figures": [f.model_dump() for f in claim.figures],
    }


def article_json(file: str, article: Article, claims: list[Claim]) -> dict[str, Any]:
    s = article.source
    return {
        "file": file,
        "source": {
            "title": s.title,
            "publisher": s.publisher,
            "author": s.author,
            "published": s.published.isoformat() if s.published else None,
            "url": s.url,
            "language": s.language,
        },
        "text": article.text,
        "claims": [claim_json(c) for c in claims],
    }


def _claim_text_line(c: Claim) -> str:
    att = c.attribution
    who = ""
    if att:
        name = att.normalized or att.source or "?"
        who = f" [{name}{' via ' + att.via if att.via else ''}{' (' + att.cue + ')' if att.cue else ''}]"
    loc = f"¶{c.paragraph}" + (f" p.{c.page}" if c.page else "")
    return f"{c.id}\t{loc}\t{c.stance}{who}\t{c.text}"


# --------------------------------------------------------------------------- commands


def cmd_claims(args) -> int:
    status = 0
    for index, file in enumerate(args.files, start=1):
        try:
            article = load_one(file, args.lang, index)
            claims = claims_for(article)
        except Exception as exc:  # noqa: BLE001 - every failure becomes one line
            if args.debug:
                raise
            print(error_line(exc, file), file=sys.stderr)
            status = 1
            continue
        for w in article.warnings:
            warn(f"{file}: {w}")
        if args.format == "text":
            print(f"# {file}: {article.source.title or ''} ({article.source.language or '?'})")
            for c in claims:
                print(_claim_text_line(c))
        else:
            obj = article_json(file, article, claims)
            if len(args.files) == 1:
                print(json.dumps(obj, ensure_ascii=False, indent=2))
            else:
                print(json.dumps(obj, ensure_ascii=False))
        sys.stdout.flush()
    return status


def _check_output(parser, out: str, allowed=OUTPUT_SUFFIXES) -> str:
    suffix = Path(out).suffix.lower()
    if suffix not in allowed:
        parser.error(f"-o/--output: unsupported output format {suffix or '(none)'!r}; use " + ", ".join(allowed))
    return suffix


def write_output(project, out: str, suffix: str) -> None:
    """Write a project or its rendering to ``out``; ``out`` is replaced only when complete."""
    if suffix == ".brief":
        from .project import save_project

        try:
            save_project(project, out)
        except OSError as exc:
            raise BriefingError(f"cannot write the file ({exc.strerror or exc})", out) from None
        return
    from .brief import prepare_export
    from .compose import compose
    from .render import export_warnings, render

    document = compose(prepare_export(project))  # the brief's section layout, placeholders filled
    for line in export_warnings(document):  # before writing: characters the fonts lack, style base
        warn(line)
    try:
        render(document, out)
    except OSError as exc:  # a folder without write permission, a full disk: no temporary file name shown
        raise BriefingError(f"cannot write the file ({exc.strerror or exc})", out) from None


def _report_findings(project, strict: bool) -> bool:
    """Print pre-export findings as warnings; True when export may go ahead."""
    try:
        from .checks import check_project
    except ImportError:  # checks arrive with the briefs-and-templates work
        return True
    findings = check_project(project)
    for f in findings:
        warn(str(f))
    return not (strict and findings)


def cmd_build(args, parser) -> int:
    from .brief import new_project, select_claims
    from .templates import get_template

    suffix = _check_output(parser, args.output)
    try:
        template = get_template(args.template)
        articles = load_inputs(args.files, args.lang)
        all_claims: list[Claim] = []
        for a in articles:
            for w in a.warnings:
                warn(f"{a.source.file_name or '-'}: {w}")
            all_claims.extend(claims_for(a))
        selected = select_claims(all_claims, args.select, articles)
        project = new_project(articles, all_claims, template, selected=selected, title=args.title,
                              author=args.author, date=args.date)
        return _checked_write(project, args, suffix)
    except Exception as exc:  # noqa: BLE001
        if args.debug:
            raise
        print(error_line(exc, args.output if not isinstance(exc, BriefingError) else None), file=sys.stderr)
        return 1


def _checked_write(project, args, suffix: str) -> int:
    """Print the findings, then write ``args.output`` unless ``--strict`` and findings stop it."""
    if not _report_findings(project, args.strict):
        print(f"briefing: error: {args.output}: not written, the brief has findings (--strict)", file=sys.stderr)
        return 1
    _ensure_parent(args.output)
    write_output(project, args.output, suffix)
    return 0


def _ensure_parent(out: str) -> None:
    if Path(out).is_dir():
        raise BriefingError("is a directory, not a file", out)
    parent = Path(out).resolve().parent
    if not parent.is_dir():
        raise BriefingError("output folder does not exist", out)


def cmd_export(args, parser) -> int:
    from .project import load_project
    from .templates import get_template

    suffix = _check_output(parser, args.output, (".docx", ".pdf"))
    try:
        project = load_project(args.project)
        if args.template:
            from .brief import apply_template

            apply_template(project, get_template(args.template))  # keeps every item of the brief
        elif project.template is None:
            project.template = get_template(None)
        return _checked_write(project, args, suffix)
    except Exception as exc:  # noqa: BLE001
        if args.debug:
            raise
        print(error_line(exc, None if isinstance(exc, BriefingError) else args.project), file=sys.stderr)
        return 1


def cmd_templates(args, parser) -> int:
    from . import templates as tl

    try:
        if args.action == "list":
            for t in tl.list_templates():
                print(f"{t.name}\t{t.description}")
            return 0
        handler = getattr(tl, f"cli_{args.action}", None)
        if handler is None:
            parser.error(f"templates: unknown action {args.action!r}")
        return handler(args.args + (["--replace"] if getattr(args, "replace", False) else []), warn=warn)
    except Exception as exc:  # noqa: BLE001
        if args.debug:
            raise
        print(error_line(exc), file=sys.stderr)
        return 1


# --------------------------------------------------------------------------- parser


def _date(value: str) -> _dt.date:
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid date {value!r}, expected YYYY-MM-DD") from None


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="briefing", description="Turn articles into sourced briefs.")
    p.add_argument("--version", action="version", version=f"briefing {__version__}")
    p.add_argument("--debug", action="store_true", help="show tracebacks")
    sub = p.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")

    common = _Parser(add_help=False)
    common.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help="show tracebacks")
    common.add_argument("--lang", choices=("auto", "de", "en"), default="auto", help="language of the articles")

    c = sub.add_parser("claims", parents=[common], help="split articles into claims (JSON)")
    c.add_argument("files", nargs="+", metavar="FILE", help="article file, '-' for standard input")
    c.add_argument("--format", choices=("json", "text"), default="json",
                   help="JSON (JSON Lines for several files) or one tab-separated line per claim")

    b = sub.add_parser("build", parents=[common], help="make a brief (.docx, .pdf or .brief) from articles")
    b.add_argument("files", nargs="+", metavar="FILE", help="article file, '-' for standard input")
    b.add_argument("-o", "--output", required=True, metavar="OUT", help="the brief: .docx, .pdf or .brief")
    b.add_argument("--template", metavar="NAME|PATH", help="template name or file (default: analyst-brief)")
    b.add_argument("--select", default="all", metavar="all|reported|ID,ID,...",
                   help="claims to put in the brief, ids as printed by 'briefing claims' (default: all)")
    b.add_argument("--title", help="title of the brief")
    b.add_argument("--author", help="author of the brief")
    b.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="date of the brief (default: today)")
    b.add_argument("--strict", action="store_true", help="fail (exit 1, no file) when the checks find problems")

    e = sub.add_parser("export", help="export a project file to .docx or .pdf")
    e.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help="show tracebacks")
    e.add_argument("project", metavar="PROJECT.brief", help="a project file made by the application or 'build'")
    e.add_argument("-o", "--output", required=True, metavar="OUT", help="the brief: .docx or .pdf")
    e.add_argument("--template", metavar="NAME|PATH", help="lay the brief out with another template")
    e.add_argument("--strict", action="store_true", help="fail (exit 1, no file) when the checks find problems")

    t = sub.add_parser("templates", help="list, show, export, import or validate templates")
    t.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help="show tracebacks")
    t.add_argument("action", choices=("list", "show", "export", "import", "validate", "delete", "rename",
                                      "duplicate"))
    t.add_argument("args", nargs="*", metavar="ARG", help="NAME, FILE or NEW-NAME, as the action needs")
    t.add_argument("--replace", action="store_true", help="import: replace a library template of that name")
    return p


def sub_parser(parser: argparse.ArgumentParser, name: str) -> argparse.ArgumentParser:
    """The parser of subcommand ``name``, so its usage errors show that command's usage line."""
    for action in parser._subparsers._group_actions if parser._subparsers else ():
        if isinstance(action, argparse._SubParsersAction) and name in action.choices:
            return action.choices[name]
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "debug", False):
        args.debug = False
    if args.command is None:
        parser.print_usage(sys.stderr)
        return 2
    try:
        if args.command == "claims":
            return cmd_claims(args)
        if args.command == "build":
            return cmd_build(args, sub_parser(parser, "build"))
        if args.command == "export":
            return cmd_export(args, sub_parser(parser, "export"))
        if args.command == "templates":
            return cmd_templates(args, parser)
    except KeyboardInterrupt:
        print("briefing: error: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1
    return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
