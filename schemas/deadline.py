"""The `Deadline` model: a "Thời gian thực hiện" phrase read into dates (DOMAIN.md §3.5).

An action's deadline cell ("Trong Quý I năm 2025", "Thường xuyên trong năm 2024", "trước 30/10") becomes
a `Deadline` with the raw text, a kind, and the first and last day it covers. The year comes from the text
when it is written, else from context (the plan's year, else the document's year), and `year_from_context`
says so.

Kinds:

- RANGE: the work happens within [start, end] ("Quý II năm 2024", "Tháng 12/2025", "Cả năm",
  "Giai đoạn 2021-2025"). Vague spans ("Tuần đầu tháng 1", "Đầu năm") are ranges with
  `precision="approximate"`.
- DEADLINE: done by `end`; `start` is None ("trước ngày 30/10/2025", "Hoàn thành trong tháng 12/2025").
  "Trước Quý II năm 2024" ends the day before the quarter starts and is flagged `ambiguous`, because some
  authors mean "by the end of Q2".
- CONTINUOUS: ongoing through the year ("Thường xuyên", "Thường xuyên, liên tục"); never overdue.
- RECURRING: repeats every `period` ("Hằng năm", "Định kỳ hằng quý"); annual ones cover the context year,
  shorter periods carry no dates.
- OPEN: starts at `start` with no written end ("Từ tháng 2 năm 2025", "Trong năm 2025 và những năm tiếp
  theo"); `end` is None and `assumed_end` is the end of the context year (or of the start year if later).
- EVENT: triggered by something other than a date ("Theo yêu cầu", "Theo chỉ đạo của UBND tỉnh",
  "Theo kế hoạch"). "Theo Kế hoạch CCHC năm 2024" stays an event, with the plan's year-end as
  `assumed_end`.
- UNKNOWN: empty, "-", a status ("Đã hoàn thành"), an invalid date (31/02), or no rule matched; `note`
  says which.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, model_validator

DeadlinePrecision = Literal["day", "month", "quarter", "half", "year", "multi_year", "approximate", "none"]
"""How finely the written phrase pins its dates down."""

RECURRENCE_PERIODS: tuple[str, ...] = ("annual", "half_yearly", "quarterly", "monthly", "weekly")
"""Values of `Deadline.period` for recurring deadlines."""


class DeadlineKind(StrEnum):
    RANGE = "range"
    DEADLINE = "deadline"
    CONTINUOUS = "continuous"
    RECURRING = "recurring"
    OPEN = "open"
    EVENT = "event"
    UNKNOWN = "unknown"


class Deadline(BaseModel):
    """One deadline phrase as written, with the dates it stands for."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    raw: str
    """The text as given to the normaliser, unchanged."""
    kind: DeadlineKind
    start: date | None = None
    """First day covered; None for a plain deadline, an event or an unknown."""
    end: date | None = None
    """Last day covered or due date; None for open ranges, events and unknowns."""
    assumed_end: date | None = None
    """For open ranges (and plan-bound events): the end of the context year, to use when an end is needed."""
    precision: DeadlinePrecision = "none"
    period: str | None = None
    """For recurring deadlines: one of RECURRENCE_PERIODS ("annual", "quarterly", ...); None if not written."""
    ambiguous: bool = False
    note: str | None = None
    year_from_context: bool = False
    """True when a year of the dates was not written and came from the context year."""

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.start is not None and self.end is not None and self.start > self.end:
            raise ValueError(f"deadline starts after it ends: {self.start} > {self.end}")
        if self.period is not None and self.period not in RECURRENCE_PERIODS:
            raise ValueError(f"unknown recurrence period {self.period!r}")
        return self
