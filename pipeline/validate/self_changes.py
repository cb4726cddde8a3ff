"""change-mismatch for the appraisers' cut: "Hội đồng thẩm định 0,75 điểm, giảm 0,5 điểm so với điểm tự đánh
giá" where the same row's self score is 1,5 (1,5 − 0,75 = 0,75, not 0,5).

The change is read in the statements the row was built from; the two values it links are the row's own
self and appraised points, wherever the document printed them. Rounding-aware: an error only when no
reading of the printed numbers makes the stated change.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import regex

from pipeline.validate.intervals import Interval, Reading, decimals_of, printed, show
from pipeline.validate.printed_numbers import Printed
from pipeline.validate.rule_registry import RULES_BY_ID
from schemas.document import Document
from schemas.finding import Finding, Operand
from schemas.source_span import SourceSpan

# "giảm 0,5 điểm so với điểm tự đánh giá", "thấp hơn 6,29 điểm so với điểm tự đánh giá", "thấp hơn 03 điểm so
# với kết quả tự chấm"
SELF_CHANGE = regex.compile(
    r"\b(?P<direction>giảm|thấp\s+hơn|tăng|cao\s+hơn)\s+(?P<delta>\d+(?:,\d+)?)\s*điểm\s+so\s+với\s+"
    r"(?:điểm|kết\s+quả)\s+tự\s+(?:đánh\s+giá|chấm)\b",
    regex.IGNORECASE,
)


def check_self_change(
    own: Printed, appraised: Printed, statements: Sequence[SourceSpan], document: Document
) -> Finding | None:
    """The first statement of the row that states the change from its self score to its appraised score."""
    for span in statements:
        match = SELF_CHANGE.search(document.text, span.start, span.end)
        if match is not None:
            return _mismatch(own, appraised, match, span)
    return None


def _mismatch(own: Printed, appraised: Printed, match: regex.Match[str], span: SourceSpan) -> Finding | None:
    delta_text = match.group("delta")
    delta = Decimal(delta_text.replace(",", "."))
    falls = match.group("direction").lower().startswith(("giảm", "thấp"))
    for reading in Reading:
        computed = (
            own.interval(reading) - appraised.interval(reading)
            if falls
            else appraised.interval(reading) - own.interval(reading)
        )
        if computed.meets(printed(delta, decimals_of(delta_text), reading)):
            return None
    rule = RULES_BY_ID["change-mismatch"]
    rounded: Interval = own.interval(Reading.ROUNDED) - appraised.interval(Reading.ROUNDED)
    shown = show((rounded.low + rounded.high) / 2, max(own.decimals, appraised.decimals, decimals_of(delta_text)))
    word = match.group("direction")
    return Finding(
        rule_id=rule.rule_id,
        severity=rule.severity,
        message=f"{word} {delta_text} nhưng {own.raw} − {appraised.raw} = {shown} / the stated change {delta_text} "
        f"is not self − appraised = {shown}",
        code=own.code,
        stated=delta_text,
        expected=shown,
        arithmetic=f"{own.raw} − {appraised.raw} = {shown}, văn bản ghi {word} {delta_text} ✗",
        operands=(
            Operand(role="self", raw=own.raw, code=own.code, span=own.span),
            Operand(role="appraised", raw=appraised.raw, code=appraised.code, span=appraised.span),
        ),
        span=SourceSpan(block=span.block, page=span.page, start=match.start(), end=match.end()),
    )
