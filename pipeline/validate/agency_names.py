"""name-variant for agencies: one body's name spelt two ways in one document ("Sở Xây dụng" in the prose,
"Sở Xây dựng" in the table and the tasks).

An agency is named by a head word ("Sở", "Phòng", "Ban", "Trung tâm", …) and the capitalised name after it.
Two spellings of the first two syllables of that name that are equal without marks, ignoring case, but not
with them are one name spelt two ways. Old and new tone placement ("hoá"/"hóa") is made one by the reader
before this runs. The spelling used most often is taken as the name; one warning per other spelling, with
every place it occurs."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from extractors.vietnamese_text import fold_accents
from pipeline.validate.rule_registry import RULES_BY_ID
from schemas.document import BlockKind, Document
from schemas.finding import Finding, Operand
from schemas.source_span import SourceSpan

HEAD = r"(?:Sở|Phòng|Ban|Văn\s+phòng|Trung\s+tâm|Chi\s+cục|Cục|Bộ|Thanh\s+tra)"
# The head, then two syllables of the name, the first capitalised: "Sở Xây dựng", "Phòng Văn hóa".
AGENCY = regex.compile(rf"\b(?P<head>{HEAD})\s+(?P<name>\p{{Lu}}\p{{L}}*\s+\p{{L}}+)\b")
SKIPPED = (BlockKind.HEADER, BlockKind.FOOTER)


def check_agency_names(document: Document) -> Iterator[Finding]:
    spellings: dict[str, dict[str, list[SourceSpan]]] = {}  # folded name -> spelling -> where
    for block in document.blocks:
        if block.kind in SKIPPED:
            continue
        for match in AGENCY.finditer(block.text):
            name = f"{' '.join(match.group('head').split())} {' '.join(match.group('name').split())}"
            start = block.start + match.start()
            span = SourceSpan(block=block.block_id, page=block.page, start=start, end=block.start + match.end())
            spellings.setdefault(fold_accents(name), {}).setdefault(name.lower(), []).append(span)
    rule = RULES_BY_ID["name-variant"]
    for variants in spellings.values():
        if len(variants) < 2:
            continue
        ranked = sorted(variants.items(), key=lambda item: (-len(item[1]), item[1][0].start))
        _, usual_spans = ranked[0]
        usual_text = document.text[usual_spans[0].start : usual_spans[0].end]
        for _, spans in ranked[1:]:
            written = document.text[spans[0].start : spans[0].end]
            yield Finding(
                rule_id=rule.rule_id,
                severity=rule.severity,
                message=f"“{written}” ({len(spans)} lần) khác “{usual_text}” ({len(usual_spans)} lần) / the agency "
                f"spelt “{written}” ({len(spans)}×), elsewhere “{usual_text}” ({len(usual_spans)}×)",
                stated=written,
                expected=usual_text,
                operands=(
                    *(Operand(role="name", raw=written, span=span) for span in spans),
                    Operand(role="usual", raw=usual_text, span=usual_spans[0]),
                ),
                span=spans[0],
            )
