"""Briefing's entry point: no subcommand opens the window, a subcommand runs the command line.

The console script ``briefing`` enters here. The core (``briefing/``) never imports the GUI;
only this module decides which of the two to start.
"""
from __future__ import annotations

import sys

CLI_COMMANDS = ("claims", "build", "export", "templates")
CLI_FLAGS = ("-h", "--help", "--version")


def wants_cli(argv: list[str]) -> bool:
    """The GUI starts with no arguments or with files to open; anything else is the CLI."""
    args = [a for a in argv if a != "--debug"]
    if not args:
        return False
    if args[0] in CLI_COMMANDS or args[0] in CLI_FLAGS:
        return True
    from pathlib import Path

    return not all(Path(a).exists() for a in args if not a.startswith("-"))


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if wants_cli(argv):
        from briefing.cli import main as cli_main

        return cli_main(argv)
    from ui.app import run

    return run(argv)


if __name__ == "__main__":
    sys.exit(main())
