"""The warehouse's tables as explicit Arrow schemas: the contract with DuckDB, the PostgreSQL loader and the
report. Column types stay simple (decimals, strings, ints, dates, bools, timestamps); lists and nested
things are JSON strings in `*_json` columns.

Points and other exact numbers are `decimal(18, 6)`, never floats, with the printed string beside them
(`max_raw`, …). Every per-document table ends with `report_year`, the hive partition column: it lives in
the folder name (`report_year=2024`, `report_year=__HIVE_DEFAULT_PARTITION__` for an unknown year), not in
the Parquet files. `row_key` is the hex sha256 of the row's natural key, stable across runs.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

import pyarrow as pa
from pydantic import BaseModel, ConfigDict, Field

WAREHOUSE_FORMAT: Literal["cchc.warehouse"] = "cchc.warehouse"
WAREHOUSE_VERSION: Literal[1] = 1

DECIMAL = pa.decimal128(18, 6)  # 12 integer digits, 6 decimals: points, intervals, targets
PARTITION_COLUMN = "report_year"
NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__"  # hive's null, read back as NULL by DuckDB and pyarrow


def _field(name: str, kind: pa.DataType, description: str, *, nullable: bool = True) -> pa.Field:
    return pa.field(name, kind, nullable=nullable, metadata={"description": description})


def _key() -> pa.Field:
    return _field("row_key", pa.string(), "hex sha256 of the row's natural key; stable across runs", nullable=False)


def _doc_id() -> pa.Field:
    return _field("doc_id", pa.string(), "sha256 of the file's bytes (of its path when unreadable)", nullable=False)


def _ordinal() -> pa.Field:
    return _field("ordinal", pa.int32(), "position of the row in its document's extraction", nullable=False)


def _report_year() -> pa.Field:
    return _field(PARTITION_COLUMN, pa.int32(), "the document's report year; hive partition column (folder name)")


def _span() -> list[pa.Field]:
    return [
        _field("span_block", pa.string(), "block id of the source statement ('b12'); see blocks"),
        _field("span_page", pa.int32(), "1-based page (PDF only)"),
        _field("span_start", pa.int64(), "start offset into the document's normalised text"),
        _field("span_end", pa.int64(), "end offset (exclusive) into the document's normalised text"),
    ]


FILES = pa.schema(
    [
        _key(),
        _field("path", pa.string(), "absolute path of the file", nullable=False),
        _doc_id(),
        _field("size_bytes", pa.int64(), "file size when it was read", nullable=False),
        _field("mtime_ns", pa.int64(), "modification time (ns) when it was read; 0 forces a re-read", nullable=False),
        _field("present", pa.bool_(), "false once a run over its folder no longer finds it", nullable=False),
        _field("first_seen_run", pa.string(), "run that first recorded the file"),
        _field("last_seen_run", pa.string(), "last run that found the file"),
    ]
)

DOCUMENTS = pa.schema(
    [
        _key(),
        _doc_id(),
        _field("status", pa.string(), "ok | parse-error", nullable=False),
        _field("present", pa.bool_(), "some present file holds this document", nullable=False),
        _field("error", pa.string(), "why the file could not be read (status parse-error)"),
        _field("source", pa.string(), "path as given to the pipeline when the rows were written", nullable=False),
        _field("format", pa.string(), "txt | docx | pdf | doc | odt"),
        _field("doc_type", pa.string(), "BAO_CAO, KE_HOACH, …"),
        _field("number", pa.string(), "the document's own number ('59/BC-UBND')"),
        _field("issuer", pa.string(), "issuing body"),
        _field("locality", pa.string(), "the unit the document is about ('Sơn Tịnh')"),
        _field("admin_level", pa.string(), "province | district | commune"),
        _field("issue_place", pa.string(), "place of issue"),
        _field("issue_date", pa.date32(), "date of issue"),
        _field("plan_year", pa.int32(), "the year a plan is for"),
        _field("title", pa.string(), "title or subject line"),
        _field("signer", pa.string(), "who signed"),
        _field("signer_title", pa.string(), "the signer's title"),
        _field("recipients_json", pa.string(), "JSON list of recipients ('Nơi nhận')"),
        _field("size_bytes", pa.int64(), "file size in bytes"),
        _field("pages", pa.int32(), "page count (PDF only)"),
        _field("block_count", pa.int32(), "blocks the reader found"),
        _field("text_chars", pa.int64(), "length of the normalised text"),
        _field("warnings_json", pa.string(), "JSON list of reader warnings (scanned pages, …)"),
        _field("score_count", pa.int32(), "rows in scores", nullable=False),
        _field("action_count", pa.int32(), "rows in actions", nullable=False),
        _field("reference_count", pa.int32(), "rows in references", nullable=False),
        _field("finding_count", pa.int32(), "rows in findings", nullable=False),
        _field("content_sha256", pa.string(), "hash of every row stored for the document", nullable=False),
        _field("run_id", pa.string(), "run that wrote these rows"),
        _report_year(),
    ]
)

SCORES = pa.schema(
    [
        _key(),
        _doc_id(),
        _ordinal(),
        _field("code", pa.string(), "'total', 'assessment', 'survey', '1'..'8' or a criterion code"),
        _field("level", pa.string(), "total | component | field | criterion | subcriterion", nullable=False),
        _field("name", pa.string(), "the unit's name as written"),
        _field("unit", pa.string(), "the scored unit when the document scores several; null: the document's own"),
        _field("max_points", DECIMAL, "maximum points"),
        _field("self_points", DECIMAL, "self-assessed points"),
        _field("achieved_points", DECIMAL, "appraised (achieved) points"),
        _field("deducted_points", DECIMAL, "deduction as the document states it (never computed)"),
        _field("max_raw", pa.string(), "max_points as printed"),
        _field("self_raw", pa.string(), "self_points as printed"),
        _field("achieved_raw", pa.string(), "achieved_points as printed"),
        _field("deducted_raw", pa.string(), "deducted_points as printed"),
        _field("rank", pa.int32(), "rank ('xếp thứ 11/13' → 11)"),
        _field("rank_total", pa.int32(), "units ranked ('xếp thứ 11/13' → 13)"),
        _field("year", pa.int32(), "the year the figure is for"),
        _field("reason", pa.string(), "stated reason for a deduction"),
        *_span(),
        _field("sources_json", pa.string(), "JSON list of every statement merged into the row (block/page/start/end)"),
        _report_year(),
    ]
)

ACTIONS = pa.schema(
    [
        _key(),
        _doc_id(),
        _ordinal(),
        _field("code", pa.string(), "criterion or field code the action answers"),
        _field("level", pa.string(), "level of that code"),
        _field("name", pa.string(), "criterion name as written"),
        _field("measure", pa.string(), "what must be done"),
        _field("target", DECIMAL, "numeric target (97 for '97%')"),
        _field("target_raw", pa.string(), "target as printed"),
        _field("target_unit", pa.string(), "'%', 'sáng kiến', …"),
        _field("lead_agencies", pa.string(), "lead agencies as written, '; '-separated (one row each in agencies)"),
        _field("partner_agencies", pa.string(), "partner agencies as written, '; '-separated"),
        _field("monitor_agencies", pa.string(), "monitoring agencies as written, '; '-separated"),
        _field("deadline_text", pa.string(), "deadline as written"),
        _field("deadline_start", pa.date32(), "start of the period"),
        _field("deadline_end", pa.date32(), "the date it must be done by"),
        _field("deadline_kind", pa.string(), "range | deadline | continuous | recurring | open | event | unknown"),
        _field("deadline_ambiguous", pa.bool_(), "'Trước Quý II': the reading is uncertain", nullable=False),
        _field("deadline_note", pa.string(), "how the deadline was read"),
        *_span(),
        _report_year(),
    ]
)

AGENCIES = pa.schema(
    [
        _key(),
        _doc_id(),
        _field("action_key", pa.string(), "row_key of the action in actions", nullable=False),
        _field("role", pa.string(), "lead | partner | monitor", nullable=False),
        _field("position", pa.int32(), "order among the action's agencies in that role", nullable=False),
        _field("text", pa.string(), "the agency as written", nullable=False),
        _field("canonical", pa.string(), "canonical name in the gazetteer (null: not in it)"),
        _field("level", pa.string(), "province | district | commune, from the gazetteer"),
        _field("is_group", pa.bool_(), "a group mention: 'UBND các xã, thị trấn'", nullable=False),
        _report_year(),
    ]
)

REFERENCES = pa.schema(
    [
        _key(),
        _doc_id(),
        _ordinal(),
        _field("doc_type", pa.string(), "type of the cited document (QUYET_DINH, …)"),
        _field("number", pa.string(), "its number ('536/QĐ-UBND')"),
        _field("date", pa.date32(), "its date"),
        _field("issuer", pa.string(), "its issuer"),
        _field("text", pa.string(), "the citation as written", nullable=False),
        _field("in_footnote", pa.bool_(), "cited in a footnote", nullable=False),
        *_span(),
        _report_year(),
    ]
)

FINDINGS = pa.schema(
    [
        _key(),
        _doc_id(),
        _ordinal(),
        _field("rule_id", pa.string(), "'sum-mismatch', 'deduction-mismatch', 'parse-error', …", nullable=False),
        _field("severity", pa.string(), "error | warning | info", nullable=False),
        _field("message", pa.string(), "Vietnamese, then English after ' / '", nullable=False),
        _field("code", pa.string(), "the code the finding is about"),
        _field("codes_json", pa.string(), "JSON list of the codes involved"),
        _field("stated", pa.string(), "the value the document states, as printed"),
        _field("expected", pa.string(), "what the arithmetic gives, printed like the stated value"),
        _field("expected_low", DECIMAL, "low end of the expected interval"),
        _field("expected_high", DECIMAL, "high end of the expected interval"),
        _field("arithmetic", pa.string(), "the arithmetic shown"),
        _field("operands_json", pa.string(), "JSON list of operands: role, raw, code, span (block/page/start/end)"),
        *_span(),
        _field("source", pa.string(), "the file, for findings about a whole file"),
        _report_year(),
    ]
)

BLOCKS = pa.schema(
    [
        _key(),
        _doc_id(),
        _field("block_id", pa.string(), "'b12', as in span_block", nullable=False),
        _field("block_index", pa.int32(), "position in the document", nullable=False),
        _field("kind", pa.string(), "heading | paragraph | list_item | table | footnote | header | footer"),
        _field("page", pa.int32(), "1-based page where the block starts (PDF only)"),
        _field("page_end", pa.int32(), "last page of a block that crosses a page break"),
        _field("text_start", pa.int64(), "offset of the block in the normalised text", nullable=False),
        _field("text_end", pa.int64(), "end offset (exclusive)", nullable=False),
        _field("text", pa.string(), "the block's normalised text: text[span_start - text_start:…]", nullable=False),
        _report_year(),
    ]
)

RUNS = pa.schema(
    [
        _field("run_id", pa.string(), "the run", nullable=False),
        _field("started_at", pa.timestamp("us", tz="UTC"), "when it started", nullable=False),
        _field("finished_at", pa.timestamp("us", tz="UTC"), "when it finished (null while running)"),
        _field("roots_json", pa.string(), "JSON list of the folders or files the run read", nullable=False),
        _field("files_seen", pa.int64(), "files found under the roots", nullable=False),
        _field("files_skipped", pa.int64(), "files skipped as unchanged (same size and mtime)", nullable=False),
        _field("files_processed", pa.int64(), "files read and committed", nullable=False),
        _field("files_failed", pa.int64(), "files that could not be read (parse-error)", nullable=False),
        _field("files_marked_absent", pa.int64(), "known files no longer found", nullable=False),
        _field("status", pa.string(), "running | completed | failed", nullable=False),
        _field("note", pa.string(), "free text, e.g. the error that stopped the run"),
    ]
)

TABLES: dict[str, pa.Schema] = {
    "files": FILES,
    "documents": DOCUMENTS,
    "scores": SCORES,
    "actions": ACTIONS,
    "agencies": AGENCIES,
    "references": REFERENCES,
    "findings": FINDINGS,
    "blocks": BLOCKS,
    "runs": RUNS,
}
DOCUMENT_TABLES = ("documents", "scores", "actions", "agencies", "references", "findings", "blocks")
"""Tables whose rows belong to one document: stored in segments, hive-partitioned by report_year."""


def stored_schema(table: str) -> pa.Schema:
    """The schema of the Parquet files: the table's schema without the partition column."""
    schema = TABLES[table]
    index = schema.get_field_index(PARTITION_COLUMN)
    return schema if index < 0 else schema.remove(index)


class RunRecord(BaseModel):
    """One row of the run manifest (`runs`); recording a run again with the same `run_id` replaces it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    run_id: str
    started_at: datetime
    finished_at: datetime | None = None
    roots: tuple[str, ...] = ()
    files_seen: int = Field(default=0, ge=0)
    files_skipped: int = Field(default=0, ge=0)
    files_processed: int = Field(default=0, ge=0)
    files_failed: int = Field(default=0, ge=0)
    files_marked_absent: int = Field(default=0, ge=0)
    status: Literal["running", "completed", "failed"] = "running"
    note: str | None = None
