"""The `Quantity` model: one number as printed in a document, with its exact value and what it counts.

A `Quantity` keeps the printed string (`raw`, `number_text`), the exact value (`Decimal`, never float), how
many decimals were printed (needed for the rounding-aware checks of DOMAIN §5), the kind chosen from the
unit or the context words, and the offsets of `raw` in the text it was found in
(`text[q.start:q.end] == q.raw`).

Kinds:

- POINTS, COUNT, MONEY, PERCENT: from the unit word ("điểm", "hồ sơ", "triệu đồng", "%").
  `"19/21 điểm"` and `"79,87 điểm/100 điểm"` are POINTS with `denominator` 21 / 100; `"26/26 nhiệm vụ"` is
  COUNT with `denominator` 26: with a unit, the kind follows the unit and `denominator` marks the ratio.
- FRACTION: a bare `a/b` with no unit ("26/26", "945/1083").
- RANK: `r/n` or `r` after "xếp thứ", "xếp vị thứ", "đứng thứ", ... (`value` = r, `denominator` = n).
- NUMBER: anything else (a bare "15", a table cell "0,88", a duration "8 giờ").
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

IntervalMode = Literal["round", "truncate", "exact"]
"""How a printed number relates to the true value (DOMAIN §5): rounded to its printed decimals, truncated
to them, or exact (a maximum fixed by the framework, "điểm tối đa 12")."""


class QuantityKind(StrEnum):
    POINTS = "points"
    COUNT = "count"
    MONEY = "money"
    PERCENT = "percent"
    FRACTION = "fraction"
    RANK = "rank"
    NUMBER = "number"


def printed_interval(value: Decimal, decimals: int, mode: IntervalMode = "round") -> tuple[Fraction, Fraction]:
    """The values a number printed as `value` with `decimals` decimals can stand for (DOMAIN §5).

    round:    [v - ½·10^-d, v + ½·10^-d]      "54,2" -> [54.15, 54.25]
    truncate: [v, v + 10^-d] for v >= 0      "23,43" -> [23.43, 23.44] (upper end open in truth)
              [v - 10^-d, v] for v < 0
    exact:    [v, v]
    """
    if decimals < 0:
        raise ValueError(f"decimals must be >= 0, got {decimals}")
    v = Fraction(value)
    unit = Fraction(1, 10**decimals)
    if mode == "exact":
        return v, v
    if mode == "round":
        return v - unit / 2, v + unit / 2
    if mode == "truncate":
        return (v, v + unit) if v >= 0 else (v - unit, v)
    raise ValueError(f"unknown interval mode {mode!r}")


class Quantity(BaseModel):
    """One printed quantity. See the module docstring for the meaning of `kind` and `denominator`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    raw: str = Field(description='The whole printed string as matched: "1.157.351 triệu đồng", "98,5%", "11/13"')
    number_text: str = Field(description='The numeral as printed: "1.157.351", "98,5", "11"')
    value: Decimal = Field(description="Exact value of the numeral (the numerator for a ratio or rank)")
    decimals: int = Field(ge=0, description='Decimals as printed: "79,87" -> 2, "0,00" -> 2, "1.353" -> 0')
    kind: QuantityKind
    unit: str | None = Field(default=None, description='Unit as written, lower case: "điểm", "hồ sơ", "%"')
    scale: Decimal = Field(default=Decimal(1), description='Unit multiplier to the base unit: "triệu đồng" -> 10^6')
    denominator: Decimal | None = None
    denominator_text: str | None = None
    denominator_decimals: int | None = Field(default=None, ge=0)
    ambiguous: bool = Field(
        default=False,
        description='A grouping/decimal choice was made ("1.353" read as 1353), or a count is not an integer',
    )
    start: int = Field(default=0, ge=0)
    end: int = Field(default=0, ge=0)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.end < self.start:
            raise ValueError(f"end ({self.end}) is before start ({self.start})")
        parts = (self.denominator, self.denominator_text, self.denominator_decimals)
        if any(p is None for p in parts) and any(p is not None for p in parts):
            raise ValueError("denominator, denominator_text and denominator_decimals go together")
        return self

    @property
    def base_value(self) -> Decimal:
        """`value` in the base unit: "2,34 triệu đồng" -> 2340000 (đồng)."""
        return self.value * self.scale

    def interval(self, mode: IntervalMode = "round") -> tuple[Fraction, Fraction]:
        """Interval of `value` (printed units, not scaled) under `mode`; see `printed_interval`."""
        return printed_interval(self.value, self.decimals, mode)

    def denominator_interval(self, mode: IntervalMode = "round") -> tuple[Fraction, Fraction] | None:
        """Interval of `denominator`, or None when there is none."""
        if self.denominator is None or self.denominator_decimals is None:
            return None
        return printed_interval(self.denominator, self.denominator_decimals, mode)

    def ratio_interval(
        self, mode: IntervalMode = "round", denominator_mode: IntervalMode | None = None
    ) -> tuple[Fraction, Fraction]:
        """Interval of value / denominator (DOMAIN §5 rule 4); multiply by 100 to compare with a percent.

        `denominator_mode` defaults to `mode`; pass "exact" for a framework maximum ("/100 điểm").
        Raises ValueError without a denominator or when the denominator interval is not positive.
        """
        numerator = self.interval(mode)
        denominator = self.denominator_interval(denominator_mode or mode)
        if denominator is None:
            raise ValueError(f"{self.raw!r} has no denominator")
        if denominator[0] <= 0:
            raise ValueError(f"denominator of {self.raw!r} may be zero or negative: {denominator}")
        corners = [n / d for n in numerator for d in denominator]
        return min(corners), max(corners)
