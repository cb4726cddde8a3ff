"""A number as a check sees it: its value, how it was printed, whether it is exact, and where it is."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property, lru_cache

from pipeline.validate.intervals import Interval, Reading, decimals_of, printed
from pipeline.validate.number_sources import locate
from schemas.document import Document
from schemas.source_span import SourceSpan


@dataclass(frozen=True)
class Printed:
    value: Decimal
    raw: str
    role: str
    code: str | None
    spans: tuple[SourceSpan, ...]  # the statements of the row it belongs to
    document: Document | None
    exact: bool = False  # a maximum fixed by the framework ("điểm tối đa 12")

    @cached_property
    def span(self) -> SourceSpan | None:
        """The sentence that printed it; looked up only when a finding needs it (most numbers agree)."""
        return locate(self.raw, self.spans, self.document)

    @property
    def decimals(self) -> int:
        return decimals_of(self.raw)

    def interval(self, reading: Reading) -> Interval:
        return Interval.exact(self.value) if self.exact else _printed_interval(self.value, self.decimals, reading)


@lru_cache(maxsize=4096)
def _printed_interval(value: Decimal, decimals: int, reading: Reading) -> Interval:
    return printed(value, decimals, reading)
