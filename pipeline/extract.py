"""Extract the `cchc extract` contract from a read document."""

from __future__ import annotations

from extractors.document_info import document_info
from extractors.scores import extract_scores
from schemas.document import Document
from schemas.extraction import Extraction


def extract_document(document: Document) -> Extraction:
    info = document_info(document)
    return Extraction(document=info, scores=tuple(extract_scores(document, info.report_year)))
