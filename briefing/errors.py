"""Errors the core raises for bad input; the CLI and GUI turn them into one-line messages."""
from __future__ import annotations


class BriefingError(Exception):
    """A problem with the user's input that stops the current operation."""

    def __init__(self, message: str, file: str | None = None):
        super().__init__(message)
        self.message = message
        self.file = file

    def __str__(self) -> str:  # one line, always
        text = " ".join(self.message.split())
        return f"{self.file}: {text}" if self.file else text


class ImportFailed(BriefingError):
    """An input file could not be imported (missing, unsupported, damaged, over a limit)."""


class LimitExceeded(ImportFailed):
    """An input went over one of the import limits; the message names the limit."""


class TemplateError(BriefingError):
    """A template file is invalid or untrusted content was refused."""


class ProjectError(BriefingError):
    """A project file could not be read or written."""
