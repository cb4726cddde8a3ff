"""A validation finding (issue #5), modelled on how XBRL calculation validators report: a stable rule id, a
severity, the stated value and what the arithmetic gives (as printed and as an interval), the arithmetic
shown, and a pointer to the source text of every operand, so a person can check it in seconds."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from schemas.source_span import SourceSpan


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Operand(BaseModel):
    """One number a check used, as printed, and where it is."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    role: str = Field(description="'part', 'whole', 'max', 'achieved', 'deducted', 'numerator', …")
    raw: str = Field(description="As printed: '12,89'")
    code: str | None = None
    span: SourceSpan | None = None


class Finding(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    rule_id: str = Field(description="Stable id users filter on: 'sum-mismatch', 'deduction-mismatch', …")
    severity: Severity
    message: str = Field(description="Vietnamese, then English after ' / '")
    code: str | None = None
    codes: tuple[str, ...] = ()
    stated: str | None = Field(default=None, description="The value the document states, as printed")
    expected: str | None = Field(default=None, description="What the arithmetic gives, printed like the stated value")
    expected_low: Decimal | None = None
    expected_high: Decimal | None = None
    arithmetic: str | None = Field(default=None, description="'13,5 − 12,89 = 0,61, văn bản ghi 2,77 ✗'")
    operands: tuple[Operand, ...] = ()
    span: SourceSpan | None = Field(default=None, description="The stated value's source")
    source: str | None = Field(default=None, description="The file, for findings about a whole file")
