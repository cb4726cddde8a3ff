"""A number as a check sees it: its value, how it was printed, whether it is exact, and where it is."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from pipeline.validate.intervals import Interval, Reading, decimals_of, printed
from schemas.source_span import SourceSpan


@dataclass(frozen=True)
class Printed:
    value: Decimal
    raw: str
    role: str
    code: str | None
    span: SourceSpan | None
    exact: bool = False  # a maximum fixed by the framework ("điểm tối đa 12")

    @property
    def decimals(self) -> int:
        return decimals_of(self.raw)

    def interval(self, reading: Reading) -> Interval:
        return Interval.exact(self.value) if self.exact else printed(self.value, self.decimals, reading)
