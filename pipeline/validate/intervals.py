"""Rounding-aware arithmetic on printed numbers (DOMAIN.md §5, after XBRL Calculations 1.1).

A number printed with d decimals stands for an interval: [v − ½·10^−d, v + ½·10^−d] if the author rounded,
[v, v + 10^−d] if they truncated (for v ≥ 0). Intervals add end to end; a stated value is consistent with
a computed one when their intervals meet. All arithmetic is exact (`Fraction`).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction


class Reading(StrEnum):
    ROUNDED = "rounded"
    TRUNCATED = "truncated"


@dataclass(frozen=True)
class Interval:
    low: Fraction
    high: Fraction

    @classmethod
    def exact(cls, value: Decimal | int) -> Interval:
        return cls(Fraction(value), Fraction(value))

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.low + other.low, self.high + other.high)

    def __sub__(self, other: Interval) -> Interval:
        return Interval(self.low - other.high, self.high - other.low)

    def meets(self, other: Interval) -> bool:
        return self.low <= other.high and other.low <= self.high

    def divided_by(self, other: Interval) -> Interval | None:
        """For positive intervals: every quotient of a value in self by a value in other; None if other may be 0."""
        if other.low <= 0 or self.low < 0:
            return None
        return Interval(self.low / other.high, self.high / other.low)

    def times(self, factor: int) -> Interval:
        return Interval(self.low * factor, self.high * factor)


def decimals_of(raw: str) -> int:
    """Decimals as printed: "12,89" -> 2, "0,5" -> 1, "12" -> 0 ("1.353" is a thousands separator: 0)."""
    digits = raw.strip().rstrip("%").strip()
    return len(digits.rsplit(",", 1)[1]) if "," in digits else 0


def printed(value: Decimal, decimals: int, reading: Reading) -> Interval:
    step = Fraction(1, 10**decimals)
    v = Fraction(value)
    if reading is Reading.ROUNDED:
        return Interval(v - step / 2, v + step / 2)
    return Interval(v, v + step) if v >= 0 else Interval(v - step, v)


def counted(value: Decimal, decimals: int, reading: Reading) -> Interval:
    """A number in a ratio or share: exact when printed without decimals (a count, "1.341 hồ sơ"), else as
    printed."""
    return printed(value, decimals, reading) if decimals else Interval.exact(value)


def total(intervals: list[Interval]) -> Interval:
    result = Interval.exact(0)
    for interval in intervals:
        result = result + interval
    return result


def show(value: Fraction | Decimal, decimals: int) -> str:
    """A value the way the documents print it: "0,61", "80,93", "12"."""
    quantum = Decimal(1).scaleb(-decimals)
    number = Decimal(value.numerator) / Decimal(value.denominator) if isinstance(value, Fraction) else value
    text = format(number.quantize(quantum), "f")
    return text.replace(".", ",")


def midpoint(interval: Interval) -> Fraction:
    return (interval.low + interval.high) / 2
