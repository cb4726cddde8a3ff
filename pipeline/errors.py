"""Errors a user can cause (bad input) as distinct from defects. Only the CLI turns them into one line."""

from __future__ import annotations

from pathlib import Path


class PipelineError(Exception):
    """Base class for errors caused by input or environment, never by a bug."""


class DocumentLoadError(PipelineError):
    """A file could not be read: `path` names it and `reason` says why, in Vietnamese and English."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class UnsupportedFormatError(DocumentLoadError):
    """The file's type is not one we read (or its content does not match its extension)."""


class MissingToolError(DocumentLoadError):
    """Reading needs a program that is not installed (e.g. LibreOffice for .doc/.odt)."""
