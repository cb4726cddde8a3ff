"""One file through the whole pipeline: read, extract, validate. The unit of work of `cchc extract`,
`cchc check` and the ingest flow; a file that cannot be read becomes a `parse-error` finding."""

from __future__ import annotations

from pathlib import Path

from pipeline.errors import DocumentLoadError
from pipeline.extract import extract_document, parse_error_extraction
from pipeline.processed import ProcessedFile
from pipeline.read import read_document
from pipeline.validate import validate_extraction

__all__ = ["ProcessedFile", "process_file"]


def process_file(path: Path) -> ProcessedFile:
    """Read, extract and validate one file. Validation gets the document, so text rules and source
    sentences work in every command."""
    try:
        document = read_document(path)
    except DocumentLoadError as error:
        return ProcessedFile(path, parse_error_extraction(path, error), None)
    return ProcessedFile(path, validate_extraction(extract_document(document), document), document)
