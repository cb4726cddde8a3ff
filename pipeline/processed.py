"""The result of one file through the pipeline. Kept apart from `pipeline.process` so that a process that
only receives results (the ingest flow, which commits them) never imports the readers and extractors."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from schemas.document import Document
from schemas.extraction import Extraction


@dataclass(frozen=True)
class ProcessedFile:
    path: Path
    extraction: Extraction
    document: Document | None  # None: the file could not be read (the extraction holds a parse-error finding)

    @property
    def failed(self) -> bool:
        return self.document is None
