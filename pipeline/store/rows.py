"""One processed file → the warehouse rows of its document (`schemas/warehouse.py`), as plain dicts.

Every row's `row_key` is the sha256 of its natural key: the document, the table, the row's own key
(code and level for scores and actions, rule and code for findings, …) and its occurrence among rows
with the same key in that document, so keys are stable across runs and unique within a document.
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from schemas.document import Block, Document
from schemas.extraction import ActionRow, AgencyRef, ReferenceRow, ScoreRow, SourceSpan
from schemas.finding import Finding

if TYPE_CHECKING:  # the store reads ProcessedFile's fields; importing it would load every extractor
    from pipeline.processed import ProcessedFile

Row = dict[str, Any]

DECIMAL_QUANTUM = Decimal("0.000001")  # schemas.warehouse.DECIMAL is decimal(18, 6)
DECIMAL_LIMIT = Decimal(10) ** 12
AGENCY_ROLES = ("lead", "partner", "monitor")


@dataclass(frozen=True)
class DocumentRows:
    """Everything stored for one document. `documents[0]` lacks `present` and `run_id`, which the commit
    sets; `content_sha256` covers every other value of every row."""

    doc_id: str
    report_year: int | None
    status: str
    content_sha256: str
    tables: dict[str, list[Row]]


def row_key(*parts: object) -> str:
    text = "\x1f".join("" if part is None else str(part) for part in parts)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def path_doc_id(path: str) -> str:
    """The id of a document whose bytes could not be read: the hash of its path."""
    return row_key("path", path)


def processed_file_to_rows(processed: ProcessedFile, path: str) -> DocumentRows:
    """`path` is the file's absolute path (the id of an unreadable file is derived from it)."""
    extraction = processed.extraction
    doc_id = extraction.document.doc_id or path_doc_id(path)
    status = "ok" if processed.document is not None else "parse-error"
    scores = score_rows(doc_id, extraction.scores)
    actions, agencies = action_rows(doc_id, extraction.actions)
    references = reference_rows(doc_id, extraction.references)
    findings = finding_rows(doc_id, extraction.findings)
    blocks = block_rows(
        doc_id,
        processed.document,
        _spans(extraction.scores, extraction.actions, extraction.references, extraction.findings),
    )
    document = document_row(
        processed, doc_id, status, counts=(len(scores), len(actions), len(references), len(findings))
    )
    tables = {
        "documents": [document],
        "scores": scores,
        "actions": actions,
        "agencies": agencies,
        "references": references,
        "findings": findings,
        "blocks": blocks,
    }
    content = rows_to_sha256(tables)
    document["content_sha256"] = content  # set after hashing: not part of the hash
    return DocumentRows(doc_id, extraction.document.report_year, status, content, tables)


def rows_to_sha256(tables: dict[str, list[Row]]) -> str:
    """The hash of a document's rows, without the path it was read from (`source`): a copy of the file
    elsewhere, or the same file named by another path, is the same document with the same rows."""
    content = {name: [{k: v for k, v in row.items() if k != "source"} for row in rows] for name, rows in tables.items()}
    payload = json.dumps(content, sort_keys=True, default=str, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def document_row(processed: ProcessedFile, doc_id: str, status: str, counts: tuple[int, int, int, int]) -> Row:
    info = processed.extraction.document
    document = processed.document
    errors = [f.message for f in processed.extraction.findings if f.rule_id == "parse-error"]
    return {
        "row_key": row_key(doc_id, "documents"),
        "doc_id": doc_id,
        "status": status,
        "error": errors[0] if errors else None,
        "source": info.source,
        "format": info.format,
        "doc_type": info.doc_type.value if info.doc_type else None,
        "number": info.number,
        "issuer": info.issuer,
        "locality": info.locality,
        "admin_level": info.admin_level,
        "issue_place": info.issue_place,
        "issue_date": info.issue_date,
        "plan_year": info.plan_year,
        "title": info.title,
        "signer": info.signer,
        "signer_title": info.signer_title,
        "recipients_json": to_json(list(info.recipients)),
        "size_bytes": document.source.size_bytes if document else None,
        "pages": document.source.pages if document else None,
        "block_count": len(document.blocks) if document else None,
        "text_chars": len(document.text) if document else None,
        "warnings_json": to_json(list(document.warnings)) if document else None,
        "score_count": counts[0],
        "action_count": counts[1],
        "reference_count": counts[2],
        "finding_count": counts[3],
    }


def score_rows(doc_id: str, scores: Sequence[ScoreRow]) -> list[Row]:
    keys = _occurrences((s.code or s.name, s.level.value, *((s.unit,) if s.unit else ())) for s in scores)
    return [
        {
            "row_key": row_key(doc_id, "scores", *key),
            "doc_id": doc_id,
            "ordinal": ordinal,
            "code": s.code,
            "level": s.level.value,
            "name": s.name,
            "unit": s.unit,
            "max_points": decimal_or_none(s.max_points),
            "self_points": decimal_or_none(s.self_points),
            "achieved_points": decimal_or_none(s.achieved_points),
            "deducted_points": decimal_or_none(s.deducted_points),
            "max_raw": s.max_raw,
            "self_raw": s.self_raw,
            "achieved_raw": s.achieved_raw,
            "deducted_raw": s.deducted_raw,
            "rank": s.rank,
            "rank_total": s.rank_total,
            "year": s.year,
            "reason": s.reason,
            **span_columns(s.span),
            "sources_json": to_json([span.model_dump(mode="json") for span in s.sources]),
        }
        for ordinal, (s, key) in enumerate(zip(scores, keys, strict=True))
    ]


def action_rows(doc_id: str, actions: Sequence[ActionRow]) -> tuple[list[Row], list[Row]]:
    """The actions, and one `agencies` row per agency an action names."""
    keys = _occurrences((a.code or a.name, a.level.value if a.level else None) for a in actions)
    rows: list[Row] = []
    agencies: list[Row] = []
    for ordinal, (action, key) in enumerate(zip(actions, keys, strict=True)):
        action_key = row_key(doc_id, "actions", *key)
        by_role = dict(zip(AGENCY_ROLES, _agency_lists(action), strict=True))
        rows.append(
            {
                "row_key": action_key,
                "doc_id": doc_id,
                "ordinal": ordinal,
                "code": action.code,
                "level": action.level.value if action.level else None,
                "name": action.name,
                "measure": action.measure,
                "target": decimal_or_none(action.target),
                "target_raw": action.target_raw,
                "target_unit": action.target_unit,
                **{f"{role}_agencies": _joined(a.text for a in refs) for role, refs in by_role.items()},
                "deadline_text": action.deadline_text,
                "deadline_start": action.deadline_start,
                "deadline_end": action.deadline_end,
                "deadline_kind": action.deadline_kind,
                "deadline_ambiguous": action.deadline_ambiguous,
                "deadline_note": action.deadline_note,
                **span_columns(action.span),
            }
        )
        agencies.extend(agency_rows(doc_id, action_key, by_role))
    return rows, agencies


def agency_rows(doc_id: str, action_key: str, by_role: dict[str, tuple[AgencyRef, ...]]) -> Iterator[Row]:
    for role, refs in by_role.items():
        for position, ref in enumerate(refs):
            yield {
                "row_key": row_key(action_key, "agencies", role, position),
                "doc_id": doc_id,
                "action_key": action_key,
                "role": role,
                "position": position,
                "text": ref.text,
                "canonical": ref.canonical,
                "level": ref.level,
                "is_group": ref.group,
            }


def reference_rows(doc_id: str, references: Sequence[ReferenceRow]) -> list[Row]:
    keys = _occurrences((r.number or r.text, r.date) for r in references)
    return [
        {
            "row_key": row_key(doc_id, "references", *key),
            "doc_id": doc_id,
            "ordinal": ordinal,
            "doc_type": str(r.doc_type) if r.doc_type is not None else None,
            "number": r.number,
            "date": r.date,
            "issuer": r.issuer,
            "text": r.text,
            "in_footnote": r.in_footnote,
            **span_columns(r.span),
        }
        for ordinal, (r, key) in enumerate(zip(references, keys, strict=True))
    ]


def finding_rows(doc_id: str, findings: Sequence[Finding]) -> list[Row]:
    keys = _occurrences((f.rule_id, f.code, ",".join(f.codes)) for f in findings)
    return [
        {
            "row_key": row_key(doc_id, "findings", *key),
            "doc_id": doc_id,
            "ordinal": ordinal,
            "rule_id": f.rule_id,
            "severity": f.severity.value,
            "message": f.message,
            "code": f.code,
            "codes_json": to_json(list(f.codes)),
            "stated": f.stated,
            "expected": f.expected,
            "expected_low": decimal_or_none(f.expected_low),
            "expected_high": decimal_or_none(f.expected_high),
            "arithmetic": f.arithmetic,
            "operands_json": to_json([o.model_dump(mode="json") for o in f.operands]),
            **span_columns(f.span),
            "source": f.source,
        }
        for ordinal, (f, key) in enumerate(zip(findings, keys, strict=True))
    ]


def block_rows(doc_id: str, document: Document | None, spans: Iterable[SourceSpan]) -> list[Row]:
    """Every block a span of a row, finding or operand touches (an action's span may run over several
    paragraphs), so the report can quote and highlight the source: blocks are separated by a blank line
    in the document's text, so the blocks of a span, joined by "\n\n", hold `text[span_start:span_end]`."""
    if document is None:
        return []
    intervals = sorted({(s.start, max(s.end, s.start + 1)) for s in spans})
    named = {s.block for s in spans}
    starts = [start for start, _ in intervals]
    reach = list(itertools.accumulate((end for _, end in intervals), max))  # furthest end among spans so far
    kept = []
    for block in document.blocks:
        before = bisect.bisect_left(starts, max(block.end, block.start + 1))  # spans starting before the block ends
        if block.block_id in named or (before and reach[before - 1] > block.start):
            kept.append(_block_row(doc_id, block))
    return kept


def _block_row(doc_id: str, block: Block) -> Row:
    return {
        "row_key": row_key(doc_id, "blocks", block.block_id),
        "doc_id": doc_id,
        "block_id": block.block_id,
        "block_index": block.index,
        "kind": block.kind.value,
        "page": block.page,
        "page_end": block.page_end,
        "text_start": block.start,
        "text_end": block.end,
        "text": block.text,
    }


def span_columns(span: SourceSpan | None) -> Row:
    if span is None:
        return {"span_block": None, "span_page": None, "span_start": None, "span_end": None}
    return {"span_block": span.block, "span_page": span.page, "span_start": span.start, "span_end": span.end}


def decimal_or_none(value: Decimal | None) -> Decimal | None:
    """The value if `decimal(18, 6)` holds it exactly, else None (the printed `*_raw` string is kept)."""
    if value is None or not value.is_finite() or abs(value) >= DECIMAL_LIMIT:
        return None
    return value if value.quantize(DECIMAL_QUANTUM) == value else None


def to_json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _agency_lists(action: ActionRow) -> tuple[tuple[AgencyRef, ...], ...]:
    return action.lead_agencies, action.partner_agencies, action.monitor_agencies


def _joined(texts: Iterable[str]) -> str | None:
    return "; ".join(texts) or None


def _occurrences(keys: Iterable[tuple[object, ...]]) -> list[tuple[object, ...]]:
    """Each key with its occurrence among equal keys, in order: (a, b) → (a, b, 0), then (a, b, 1), …"""
    seen: Counter[tuple[object, ...]] = Counter()
    result = []
    for key in keys:
        result.append((*key, seen[key]))
        seen[key] += 1
    return result


def _spans(
    scores: Sequence[ScoreRow],
    actions: Sequence[ActionRow],
    references: Sequence[ReferenceRow],
    findings: Sequence[Finding],
) -> list[SourceSpan]:
    spans: list[SourceSpan | None] = [s.span for s in scores]
    spans += [source for s in scores for source in s.sources]
    spans += [a.span for a in actions] + [r.span for r in references]
    spans += [f.span for f in findings] + [o.span for f in findings for o in f.operands]
    return [span for span in spans if span is not None]
