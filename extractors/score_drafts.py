"""A score statement before it becomes a row: what a clause or a table row says about one scored unit."""

from __future__ import annotations

from dataclasses import dataclass, field

from schemas.quantity import Quantity

VALUE_NAMES = ("max", "self", "achieved", "deducted")


@dataclass
class ScoreDraft:
    code: str | None
    name: str | None
    year: int | None
    block: str
    page: int | None
    start: int  # offsets into Document.text of the statement
    end: int
    values: dict[str, Quantity] = field(default_factory=dict)  # max, self, achieved, deducted
    source: str = "text"  # "text" (a sentence or list item) or "table" (a table row)
    rank: int | None = None
    rank_total: int | None = None
    reason: str | None = None
    unit: str | None = None  # the scored unit, when the document scores several; None: its own

    def has_numbers(self) -> bool:
        return bool(self.values) or self.rank is not None
