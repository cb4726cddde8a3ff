"""conflicting-values: a count that another section denies in words.

"Trong năm 2024, đã tiếp nhận và giải quyết 01 phản ánh kiến nghị" under "Kết quả tiếp nhận, xử lý phản
ánh, kiến nghị của người dân, tổ chức liên quan đến quy định TTHC", and later "Chưa tiếp nhận được phản
ánh, kiến nghị của người dân liên quan đến quy định TTHC": one quantity, 01 and none. A warning, since one
side is a zero in words.

The denial names what was not received ("chưa tiếp nhận (được) X", "không (tiếp nhận|phát sinh) X"); the
count is a positive count whose noun starts X, in a sentence that holds nearly all of X's words. Both must
speak of the same period: a count stated for another year than the report's is left alone.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from extractors.vietnamese_text import fold_accents
from pipeline.validate.document_scan import DocumentScan
from pipeline.validate.rule_registry import RULES_BY_ID
from pipeline.validate.text_rules import quantity_in_block
from schemas.document import Block, BlockKind, Document
from schemas.finding import Finding, Operand, Severity
from schemas.quantity import Quantity, QuantityKind
from schemas.source_span import SourceSpan

DENIAL = regex.compile(
    r"\b(?P<verb>(?:chưa|không)\s+(?:tiếp\s+nhận|nhận\s+được|phát\s+sinh))\s+(?:được\s+)?(?P<object>[^.;:]{12,160})",
    regex.IGNORECASE,
)
WORD = regex.compile(r"\w+")
STOP_WORDS = frozenset(
    [
        "cua",
        "va",
        "cac",
        "nhung",
        "duoc",
        "den",
        "lien",
        "quan",
        "toi",
        "ve",
        "doi",
        "voi",
        "tu",
        "trong",
        "nam",
        "the",
        "la",
    ]
)
MIN_WORDS = 4  # content words the denied object must have
SHARED = 0.8  # of them the count's sentence must hold
NOUN_WORDS = 2  # the count's noun starts with this many words of the object ("phản ánh")
YEAR = regex.compile(r"\bnăm\s+(?P<year>(?:19|20)\d{2})\b", regex.IGNORECASE)
SENTENCE_END = regex.compile(r"\.(?:\s|$)")


def check_denied_counts(
    document: Document, report_year: int | None, scan: DocumentScan | None = None
) -> Iterator[Finding]:
    scan = scan or DocumentScan()
    blocks = [b for b in document.blocks if b.kind not in (BlockKind.HEADER, BlockKind.FOOTER) and not b.cells]
    denials = [
        (block, m, words)
        for block in blocks
        if _may_deny(scan.lowered(block))
        for m in DENIAL.finditer(block.text)
        if len(words := _content_words(m.group("object"))) >= MIN_WORDS
    ]
    for block, denial, words in denials:
        written = WORD.findall(denial.group("object"))[:NOUN_WORDS]  # "phản ánh", as printed
        noun = regex.compile(r"\W+".join(map(regex.escape, written)), regex.IGNORECASE)
        candidates = (b for b in blocks if b is not block and noun.search(b.text))
        found = next(
            (c for other in candidates for c in _counts_of(other, scan.quantities(other), words, report_year)),
            None,
        )
        if found is not None:
            yield _finding(block, denial, *found)


def _may_deny(lowered: str) -> bool:
    return "chưa" in lowered or "không" in lowered


def _content_words(text: str) -> list[str]:
    return [w for w in WORD.findall(fold_accents(text)) if w not in STOP_WORDS]


def _counts_of(
    block: Block, quantities: list[Quantity], words: list[str], report_year: int | None
) -> Iterator[tuple[Block, Quantity]]:
    noun = " ".join(words[:NOUN_WORDS])
    folded = fold_accents(block.text)
    for quantity in quantities:
        if quantity.kind is not QuantityKind.COUNT or quantity.value <= 0 or quantity.denominator is not None:
            continue
        after = " ".join(WORD.findall(folded[quantity.start : quantity.end + 40]))
        if noun not in after:
            continue
        sentence_start = max((m.end() for m in SENTENCE_END.finditer(block.text, 0, quantity.start)), default=0)
        sentence = set(WORD.findall(folded[sentence_start : quantity.end + 80]))
        if sum(w in sentence for w in words) < SHARED * len(words):
            continue
        years = {int(m.group("year")) for m in YEAR.finditer(block.text, sentence_start, quantity.start)}
        if years and report_year not in years:
            continue  # another year's count
        yield block, quantity


def _finding(block: Block, denial: regex.Match[str], where: Block, count: Quantity) -> Finding:
    rule = RULES_BY_ID["conflicting-values"]
    denied = denial.group().strip()
    span = SourceSpan(
        block=block.block_id, page=block.page, start=block.start + denial.start(), end=block.start + denial.end()
    )
    return Finding(
        rule_id=rule.rule_id,
        severity=Severity.WARNING,  # one side is a zero in words
        message=f"“{count.raw}” ở một phần, “{denied}” ở phần khác / {count.raw} in one section, none in another",
        stated=f"0 ('{denial.group('verb')}')",
        expected=count.number_text,
        arithmetic=f"{count.number_text} ≠ 0 ✗",
        operands=(
            Operand(role="stated", raw=count.raw, span=quantity_in_block(count, where)),
            Operand(role="denied", raw=denied, span=span),
        ),
        span=span,
    )
