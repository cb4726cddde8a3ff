"""What the report shows, read from the warehouse's DuckDB database into plain typed rows.

Only the warehouse is read (never a document), so a report can be rebuilt at any time. Documents are the
present ones (`documents.present`); a file that could not be read is a document with status `parse-error`.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import duckdb
import pyarrow as pa

from pipeline.report.errors import ReportError
from pipeline.report.quotes import DocumentText, Operand, Passage, SourceBlock, Span, finding_to_passages
from pipeline.store import StoreError, open_database
from pipeline.store.manifest import read_manifest

_Row = TypeVar("_Row", "ScoreRow", "ActionRow")
KEY_CHARS = 12  # doc_id and row_key prefixes used as anchors (#d-…, #f-…)


@dataclass(frozen=True)
class DocumentRow:
    doc_id: str
    status: str
    error: str | None
    source: str
    format: str | None
    doc_type: str | None
    number: str | None
    issuer: str | None
    unit: str | None
    admin_level: str | None
    report_year: int | None
    plan_year: int | None
    title: str | None
    issue_date: date | None
    signer: str | None
    signer_title: str | None
    pages: int | None
    score_count: int
    action_count: int
    finding_count: int

    @property
    def key(self) -> str:
        return self.doc_id[:KEY_CHARS]

    @property
    def file_name(self) -> str:
        return Path(self.source).name


@dataclass(frozen=True)
class ScoreRow:
    doc_id: str
    ordinal: int
    code: str | None
    level: str
    name: str | None
    unit: str | None  # the scored unit when the document scores several; None: the document's own
    max_points: Decimal | None
    self_points: Decimal | None
    achieved_points: Decimal | None
    deducted_points: Decimal | None
    max_raw: str | None
    self_raw: str | None
    achieved_raw: str | None
    deducted_raw: str | None
    rank: int | None
    rank_total: int | None
    year: int | None
    reason: str | None
    span: Span | None

    @property
    def points_lost(self) -> Decimal | None:
        """The stated deduction, else max − achieved (as the warehouse's views compute it)."""
        if self.deducted_points is not None:
            return self.deducted_points
        if self.max_points is None or self.achieved_points is None:
            return None
        return self.max_points - self.achieved_points


@dataclass(frozen=True)
class ActionRow:
    doc_id: str
    ordinal: int
    code: str | None
    name: str | None
    measure: str | None
    target: Decimal | None
    target_raw: str | None
    target_unit: str | None
    lead: tuple[str, ...]  # as written; canonical names are in `lead_canonical`
    lead_canonical: tuple[str, ...]
    partners: str | None
    monitors: str | None
    deadline_text: str | None
    deadline_start: date | None
    deadline_end: date | None
    deadline_kind: str | None
    deadline_ambiguous: bool
    span: Span | None


@dataclass(frozen=True)
class FindingRow:
    row_key: str
    doc_id: str
    ordinal: int
    rule_id: str
    severity: str
    message: str
    code: str | None
    stated: str | None
    expected: str | None
    expected_low: Decimal | None
    expected_high: Decimal | None
    arithmetic: str | None
    operands: tuple[Operand, ...]
    span: Span | None
    source: str | None
    passages: tuple[Passage, ...] = ()

    @property
    def key(self) -> str:
        return self.row_key[:KEY_CHARS]

    @property
    def quote(self) -> str:
        """The finding's own sentence (the first passage), or ''."""
        primary = [p for p in self.passages if p.primary]
        return primary[0].text if primary else ""


@dataclass(frozen=True)
class FieldScore:
    """One cell of the units × fields comparison: a unit's field score for a year, as the documents
    state it (several documents may state it; `values` holds each distinct appraised value)."""

    unit: str | None
    year: int | None
    code: str
    name: str | None
    max_points: Decimal | None
    achieved_points: Decimal | None
    max_raw: str | None
    achieved_raw: str | None
    documents: int
    values: tuple[str, ...]


@dataclass(frozen=True)
class AgencyDeadline:
    unit: str | None
    report_year: int | None
    agency: str | None
    deadline_end: date | None
    deadline_text: str | None
    codes: str | None
    actions: int
    documents: int
    points_lost: Decimal | None


@dataclass(frozen=True)
class ReportData:
    warehouse: str
    generated_at: datetime
    generation: int | None
    documents: tuple[DocumentRow, ...]
    scores: dict[str, tuple[ScoreRow, ...]]
    actions: dict[str, tuple[ActionRow, ...]]
    findings: tuple[FindingRow, ...]
    field_scores: tuple[FieldScore, ...]
    deadlines: tuple[AgencyDeadline, ...]
    field_names: dict[str, str] = field(default_factory=dict)

    def findings_of(self, doc_id: str) -> list[FindingRow]:
        return [f for f in self.findings if f.doc_id == doc_id]

    @property
    def failed(self) -> list[DocumentRow]:
        return [d for d in self.documents if d.status != "ok"]


def load_report(warehouse: Path | str) -> ReportData:
    """Everything the HTML report and the workbook show, from the warehouse at `warehouse`."""
    root = Path(warehouse)
    if not root.is_dir():
        raise ReportError(root, "không có thư mục kho dữ liệu / no such warehouse folder; run `cchc ingest` first")
    try:
        connection = open_database(root)
    except StoreError as error:
        raise ReportError(root, error.reason) from None
    manifest = read_manifest(root)
    with connection:
        return connection_to_report(connection, str(root), None if manifest is None else manifest.generation)


def connection_to_report(connection: duckdb.DuckDBPyConnection, warehouse: str, generation: int | None) -> ReportData:
    documents = tuple(DocumentRow(**row) for row in _rows(connection, DOCUMENTS_SQL))
    scores = _by_doc(_score_row(row) for row in _rows(connection, SCORES_SQL))
    actions = _by_doc(_action_row(row) for row in _rows(connection, ACTIONS_SQL))
    findings = [_finding_row(row) for row in _rows(connection, FINDINGS_SQL)]
    texts = _document_texts(connection, findings)
    findings = [_with_passages(f, texts.get(f.doc_id)) for f in sorted(findings, key=lambda f: (f.doc_id, f.ordinal))]
    field_rows = _rows(connection, FIELD_SCORES_SQL)
    return ReportData(
        warehouse=warehouse,
        generated_at=datetime.now(UTC),
        generation=generation,
        documents=documents,
        scores=scores,
        actions=actions,
        findings=tuple(findings),
        field_scores=tuple(_field_scores(field_rows)),
        deadlines=tuple(AgencyDeadline(**row) for row in _rows(connection, DEADLINES_SQL)),
        field_names=_field_names(field_rows),
    )


DOCUMENTS_SQL = """
SELECT doc_id, status, error, source, format, doc_type, number, issuer, locality AS unit, admin_level,
       report_year, plan_year, title, issue_date, signer, signer_title, pages,
       score_count, action_count, finding_count
FROM documents WHERE present
ORDER BY locality NULLS LAST, report_year NULLS LAST, doc_type, source
"""

SCORES_SQL = """
SELECT s.doc_id, s.ordinal, s.code, s.level, s.name, s.unit, s.max_points, s.self_points, s.achieved_points,
       s.deducted_points, s.max_raw, s.self_raw, s.achieved_raw, s.deducted_raw, s.rank, s.rank_total,
       s.year, s.reason, s.span_block, s.span_page, s.span_start, s.span_end
FROM scores s JOIN documents d USING (doc_id)
WHERE d.present
ORDER BY s.doc_id, s.ordinal
"""

ACTIONS_SQL = """
SELECT a.doc_id, a.ordinal, a.code, a.name, a.measure, a.target, a.target_raw, a.target_unit,
       coalesce((SELECT list(g.text ORDER BY g.position) FROM agencies g
                  WHERE g.action_key = a.row_key AND g.role = 'lead'), []) AS lead,
       coalesce((SELECT list(coalesce(g.canonical, g.text) ORDER BY g.position) FROM agencies g
                  WHERE g.action_key = a.row_key AND g.role = 'lead'), []) AS lead_canonical,
       a.lead_agencies, a.partner_agencies AS partners, a.monitor_agencies AS monitors,
       a.deadline_text, a.deadline_start, a.deadline_end, a.deadline_kind, a.deadline_ambiguous,
       a.span_block, a.span_page, a.span_start, a.span_end
FROM actions a JOIN documents d USING (doc_id)
WHERE d.present
ORDER BY a.doc_id, a.ordinal
"""

FINDINGS_SQL = """
SELECT f.row_key, f.doc_id, f.ordinal, f.rule_id, f.severity, f.message, f.code, f.stated, f.expected,
       f.expected_low, f.expected_high, f.arithmetic, f.operands_json, f.source,
       f.span_block, f.span_page, f.span_start, f.span_end
FROM findings f JOIN documents d USING (doc_id)
WHERE d.present
"""

FIELD_SCORES_SQL = """
SELECT unit, year, code, name, max_points, achieved_points, max_raw, achieved_raw, doc_id
FROM field_scores
WHERE code IS NOT NULL
"""

# What each lead agency must fix by when, per unit and report year: the warehouse view (views.sql).
DEADLINES_SQL = """
SELECT unit, report_year, agency, deadline_end, deadline_text, codes, actions, documents, points_lost
FROM deductions_by_agency
ORDER BY unit NULLS LAST, report_year NULLS LAST, agency NULLS LAST, deadline_end NULLS LAST, deadline_text
"""


def _rows(connection: duckdb.DuckDBPyConnection, sql: str) -> list[dict[str, Any]]:
    relation = connection.sql(sql)
    columns = relation.columns
    return [dict(zip(columns, row, strict=True)) for row in relation.fetchall()]


def _span(row: dict[str, Any]) -> Span | None:
    if row.get("span_start") is None or row.get("span_end") is None:
        return None
    return Span(row["span_block"], row["span_page"], int(row["span_start"]), int(row["span_end"]))


def _without_span(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if not k.startswith("span_")}


def _score_row(row: dict[str, Any]) -> ScoreRow:
    return ScoreRow(**_without_span(row), span=_span(row))


def _action_row(row: dict[str, Any]) -> ActionRow:
    values = _without_span(row)
    written = values.pop("lead_agencies")
    lead = tuple(values.pop("lead")) or tuple(a for a in (written or "").split("; ") if a)
    canonical = tuple(values.pop("lead_canonical")) or lead
    return ActionRow(**values, lead=lead, lead_canonical=canonical, span=_span(row))


def _finding_row(row: dict[str, Any]) -> FindingRow:
    values = _without_span(row)
    operands = tuple(_operand(o) for o in json.loads(values.pop("operands_json") or "[]"))
    return FindingRow(**values, operands=operands, span=_span(row))


def _operand(data: dict[str, Any]) -> Operand:
    span = data.get("span")
    return Operand(
        role=str(data.get("role") or ""),
        raw=str(data.get("raw") or ""),
        code=data.get("code"),
        span=None if not span else Span(span.get("block"), span.get("page"), int(span["start"]), int(span["end"])),
    )


def _by_doc(rows: Iterable[_Row]) -> dict[str, tuple[_Row, ...]]:
    grouped: dict[str, list[_Row]] = defaultdict(list)
    for row in rows:
        grouped[row.doc_id].append(row)
    return {doc_id: tuple(items) for doc_id, items in grouped.items()}


def _document_texts(connection: duckdb.DuckDBPyConnection, findings: Sequence[FindingRow]) -> dict[str, DocumentText]:
    """The stored blocks every finding and operand span touches, one query for all of them."""
    spans = [(f.doc_id, s.start, s.end) for f in findings for s in _spans_of(f)]
    if not spans:
        return {}
    wanted = pa.table(
        {
            "doc_id": [s[0] for s in spans],
            "span_start": pa.array([s[1] for s in spans], pa.int64()),
            "span_end": pa.array([s[2] for s in spans], pa.int64()),
        }
    )
    connection.register("report_spans", wanted)
    try:
        rows = connection.sql(
            """
            SELECT DISTINCT b.doc_id, b.block_id, b.page, b.text_start, b.text_end, b.text
            FROM blocks b JOIN report_spans s
              ON b.doc_id = s.doc_id AND b.text_start < greatest(s.span_end, s.span_start + 1)
             AND b.text_end > s.span_start
            """
        ).fetchall()
    finally:
        connection.unregister("report_spans")
    blocks: dict[str, list[SourceBlock]] = defaultdict(list)
    for doc_id, block_id, page, start, end, text in rows:
        blocks[doc_id].append(SourceBlock(block_id, page, int(start), int(end), text))
    return {doc_id: DocumentText(items) for doc_id, items in blocks.items()}


def _spans_of(finding: FindingRow) -> Iterable[Span]:
    if finding.span is not None:
        yield finding.span
    for operand in finding.operands:
        if operand.span is not None:
            yield operand.span


def _with_passages(finding: FindingRow, text: DocumentText | None) -> FindingRow:
    if text is None:
        return finding
    passages = finding_to_passages(text, finding.span, finding.operands, finding.stated)
    return replace(finding, passages=passages)


def _field_scores(rows: Sequence[dict[str, Any]]) -> Iterable[FieldScore]:
    """One cell per unit, year and field: the value most documents state (ties: the first document)."""
    grouped: dict[tuple[str | None, int | None, str], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        grouped[(row["unit"], row["year"], row["code"])].append(row)
    for (unit, year, code), items in grouped.items():
        counts: dict[tuple[Decimal | None, Decimal | None], int] = defaultdict(int)
        for item in items:
            counts[(item["max_points"], item["achieved_points"])] += 1
        best = max(counts, key=lambda k: counts[k])
        chosen = next(i for i in items if (i["max_points"], i["achieved_points"]) == best)
        values = tuple(dict.fromkeys(i["achieved_raw"] or "" for i in items))
        yield FieldScore(
            unit=unit,
            year=year,
            code=code,
            name=chosen["name"],
            max_points=chosen["max_points"],
            achieved_points=chosen["achieved_points"],
            max_raw=chosen["max_raw"],
            achieved_raw=chosen["achieved_raw"],
            documents=len({i["doc_id"] for i in items}),
            values=values,
        )


def _field_names(rows: Sequence[dict[str, Any]]) -> dict[str, str]:
    """The catalogue's first (current) name of each field code the warehouse holds."""
    from extractors.field_catalogue import FIELD_NAMES

    codes = {str(r["code"]) for r in rows}
    return {code: FIELD_NAMES[code][0] for code in sorted(codes) if code in FIELD_NAMES}
