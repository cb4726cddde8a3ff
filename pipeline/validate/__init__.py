"""Validate stage: findings about an extraction's numbers (issue #5). Rules and their ids are in
`rule_registry.py`; each `check_*` yields findings and stays silent when an operand is missing."""

from __future__ import annotations

from pipeline.validate.agency_names import check_agency_names
from pipeline.validate.count_shares import check_count_shares, check_table_shares
from pipeline.validate.difference_columns import check_difference_columns
from pipeline.validate.document_scan import DocumentScan
from pipeline.validate.listed_rules import check_footnoted_people, check_listed_counts
from pipeline.validate.rank_changes import check_rank_changes
from pipeline.validate.restated_rules import check_class_splits, check_outcome_splits, check_restated_rates
from pipeline.validate.score_rules import check_dates, check_deadline_years, check_scores, check_years
from pipeline.validate.table_totals import check_table_totals
from pipeline.validate.text_rules import (
    check_changes,
    check_footnote_totals,
    check_parts,
    check_percentages,
    check_unit_name,
)
from pipeline.validate.verbal_zero import check_denied_counts
from pipeline.validate.year_rules import (
    check_header_years,
    check_listed_document_years,
    check_meeting_dates,
    check_same_year_comparisons,
    check_task_years,
)
from schemas.document import Document
from schemas.extraction import Extraction


def validate_extraction(extraction: Extraction, document: Document | None = None) -> Extraction:
    """The extraction with its findings; with the document, each operand points at its own sentence."""
    findings = [*extraction.findings, *check_scores(extraction.scores, extraction.actions, document)]
    findings.extend(check_years(extraction.scores, extraction.document.report_year))
    findings.extend(check_deadline_years(extraction))
    findings.extend(check_dates(extraction, document))
    if document is not None:
        scan = DocumentScan()  # each block's numbers, found once for every check below
        findings.extend(check_percentages(document, scan))
        findings.extend(check_count_shares(document, scan))
        findings.extend(check_table_shares(document))
        findings.extend(check_changes(document))
        findings.extend(check_difference_columns(document))
        findings.extend(check_rank_changes(extraction.scores, document))
        findings.extend(check_table_totals(document, extraction.scores))
        findings.extend(check_parts(document, scan))
        findings.extend(check_footnote_totals(document))
        findings.extend(check_outcome_splits(document, scan))
        findings.extend(check_class_splits(document, scan))
        findings.extend(check_restated_rates(document, extraction.document.report_year, scan))
        findings.extend(check_denied_counts(document, extraction.document.report_year, scan))
        findings.extend(check_listed_counts(document))
        findings.extend(check_footnoted_people(document))
        findings.extend(check_listed_document_years(extraction, document))
        findings.extend(check_header_years(document))
        findings.extend(check_task_years(document))
        findings.extend(check_meeting_dates(document))
        findings.extend(check_same_year_comparisons(document))
        info = extraction.document
        findings.extend(check_unit_name(document, info.locality, info.admin_level, info.issue_place))
        findings.extend(check_agency_names(document))
    return extraction.model_copy(update={"findings": tuple(findings)})
