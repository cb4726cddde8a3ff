"""The `cchc extract` contract (schema_version 1): what users, the warehouse and the evaluation read.

Numbers are exact `Decimal`s, written to JSON as JSON numbers; beside each, `*_raw` keeps the string as
printed ("10,51"), so the decimals shown are never lost. Every row points at its source: `span` is the
first statement it came from (`block` id, `page`, `start`/`end` into `Document.text`) and `sources`
every statement merged into it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer

from schemas.finding import Finding
from schemas.source_span import SourceSpan as SourceSpan  # re-exported: records and findings share it

EXTRACTION_SCHEMA_VERSION: Literal[1] = 1
Date = date  # a field below is called `date`


def _json_number(value: Decimal) -> int | float:
    """12 -> 12, 10.51 -> 10.51: a JSON number whose text is the value (the printed form is in `*_raw`)."""
    return int(value) if value == value.to_integral_value() else float(value)


JsonDecimal = Annotated[Decimal, PlainSerializer(_json_number, return_type=int | float, when_used="json")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ScoreLevel(StrEnum):
    TOTAL = "total"
    COMPONENT = "component"
    FIELD = "field"
    CRITERION = "criterion"
    SUBCRITERION = "subcriterion"


class ScoreRow(_Strict):
    code: str | None = Field(description="'total', 'assessment', 'survey', '1'..'8', or a criterion code as written")
    level: ScoreLevel
    name: str | None = None
    unit: str | None = Field(
        default=None,
        description="The scored unit, when the document scores several (a results table of many units); "
        "None: the document's own unit",
    )
    max_points: JsonDecimal | None = None
    self_points: JsonDecimal | None = None
    achieved_points: JsonDecimal | None = None
    deducted_points: JsonDecimal | None = Field(default=None, description="As the document states it, never computed")
    max_raw: str | None = None
    self_raw: str | None = None
    achieved_raw: str | None = None
    deducted_raw: str | None = None
    rank: int | None = Field(default=None, ge=0)
    rank_total: int | None = Field(default=None, ge=0)
    year: int | None = None
    reason: str | None = None
    span: SourceSpan
    sources: tuple[SourceSpan, ...] = ()


class DocType(StrEnum):
    BAO_CAO = "BAO_CAO"
    KE_HOACH = "KE_HOACH"
    THONG_BAO = "THONG_BAO"
    CONG_VAN = "CONG_VAN"
    QUYET_DINH = "QUYET_DINH"
    TO_TRINH = "TO_TRINH"
    OTHER = "OTHER"


class AgencyRef(_Strict):
    """An agency as named in the text, and its canonical name in the gazetteer (None: not in it)."""

    text: str
    canonical: str | None = None
    group: bool = Field(default=False, description="A group mention: 'UBND các xã, thị trấn'")
    level: str | None = Field(default=None, description="province|district|commune, from the gazetteer")


class ActionRow(_Strict):
    """One remediation item: what must be done for which criterion, by whom, by when."""

    code: str | None = Field(description="The criterion or field code the action answers, as in scores")
    level: ScoreLevel | None = None
    name: str | None = None
    measure: str | None = Field(default=None, description="'Chỉ tiêu khắc phục', 'biện pháp', 'Phân công nhiệm vụ …'")
    target: JsonDecimal | None = Field(default=None, description="A numeric target: 97 for '97%', 3 for '03 sáng kiến'")
    target_raw: str | None = None
    target_unit: str | None = None
    lead_agencies: tuple[AgencyRef, ...] = ()
    partner_agencies: tuple[AgencyRef, ...] = ()
    monitor_agencies: tuple[AgencyRef, ...] = ()
    deadline_text: str | None = None
    deadline_start: date | None = None
    deadline_end: date | None = None
    deadline_kind: str | None = Field(
        default=None, description="range|deadline|continuous|recurring|open|event|unknown"
    )
    deadline_ambiguous: bool = Field(default=False, description="'Trước Quý II': the day before, or by the end of it?")
    deadline_note: str | None = None
    span: SourceSpan


class ReferenceRow(_Strict):
    """A document the text cites: "Quyết định số 536/QĐ-UBND ngày 25/7/2024 của UBND tỉnh Quảng Ngãi"."""

    doc_type: DocType | str | None = None
    number: str | None = None
    date: Date | None = None
    issuer: str | None = None
    text: str = Field(description="The citation as written")
    in_footnote: bool = False
    span: SourceSpan


class DocumentInfo(_Strict):
    doc_id: str | None = Field(description="sha256 of the file; None when the file could not be read at all")
    source: str
    format: str
    doc_type: DocType | None = None
    number: str | None = None
    issuer: str | None = None
    locality: str | None = None
    admin_level: Literal["province", "district", "commune"] | None = None
    issue_place: str | None = None
    issue_date: date | None = None
    report_year: int | None = None
    plan_year: int | None = None
    title: str | None = None
    signer: str | None = None
    signer_title: str | None = None
    recipients: tuple[str, ...] = ()


class Extraction(_Strict):
    schema_version: Literal[1] = EXTRACTION_SCHEMA_VERSION
    document: DocumentInfo
    scores: tuple[ScoreRow, ...] = ()
    actions: tuple[ActionRow, ...] = ()
    references: tuple[ReferenceRow, ...] = ()
    findings: tuple[Finding, ...] = ()
