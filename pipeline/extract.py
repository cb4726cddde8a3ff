"""Extract the `cchc extract` contract from a read document, or from a file (bad input becomes a
`parse-error` finding, so a batch goes on)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from extractors.actions import document_to_actions
from extractors.document_info import document_info
from extractors.references import document_to_references
from extractors.scores import extract_scores
from pipeline.errors import DocumentLoadError
from pipeline.read import read_document
from schemas.document import Document
from schemas.extraction import DocumentInfo, Extraction
from schemas.finding import Finding, Severity


def extract_document(document: Document) -> Extraction:
    info = document_info(document)
    return Extraction(
        document=info,
        scores=tuple(extract_scores(document, info.report_year)),
        references=tuple(document_to_references(document, own_number=info.number)),
        actions=tuple(document_to_actions(document, context_year=info.plan_year or info.report_year)),
    )


def extract_file(path: Path) -> Extraction:
    try:
        return extract_document(read_document(path))
    except DocumentLoadError as error:
        return parse_error_extraction(path, error)


def parse_error_extraction(path: Path, error: DocumentLoadError) -> Extraction:
    finding = Finding(
        rule_id="parse-error",
        severity=Severity.ERROR,
        message=f"Không đọc được tệp / Could not read the file: {error.reason}",
        source=str(path),
    )
    info = DocumentInfo(doc_id=_sha256_or_none(path), source=str(path), format=path.suffix.lower().lstrip("."))
    return Extraction(document=info, findings=(finding,))


def _sha256_or_none(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None
    except OSError:
        return None
