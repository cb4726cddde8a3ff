"""What can stop a report that a user can fix: a folder that is not a warehouse, an output that cannot be
written."""

from __future__ import annotations

from pathlib import Path

from pipeline.errors import PipelineError


class ReportError(PipelineError):
    """`path` names the warehouse or output file and `reason` says what is wrong, in Vietnamese and English."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")
