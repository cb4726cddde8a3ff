"""One number scan per block for a whole validation: the checks that read a block's quantities, or those of a
sentence, clause or window of it, share one `find_quantities` of the block instead of each scanning again;
and the block lower-cased once for the checks' trigger words.

A span's quantities are the block's that lie wholly inside it, with offsets into the block. Scanning the span
on its own could read its edges otherwise (a section number "1." at a sentence start is then a line start; a
number cut by a window's end is another number), but not, on any of 201 files (seeds, held-out sets, the
generated corpus), a count, a percentage or a ratio inside it: the only quantities the checks that ask for
spans use (`tests/test_validate_scan.py` keeps that true for the seeds). The block's reading is the better
one where they would differ. A scan lives for one `validate_extraction` call: nothing is kept between
documents.
"""

from __future__ import annotations

from bisect import bisect_left

from extractors.vietnamese_numbers import find_quantities
from schemas.document import Block
from schemas.quantity import Quantity


class DocumentScan:
    def __init__(self) -> None:
        self._found: dict[int, tuple[list[Quantity], list[int]]] = {}  # block index -> quantities, their starts
        self._lowered: dict[int, str] = {}

    def lowered(self, block: Block) -> str:
        """`block.text.lower()`, for the checks' word tests (made on first asking)."""
        lowered = self._lowered.get(block.index)
        if lowered is None:
            lowered = self._lowered[block.index] = block.text.lower()
        return lowered

    def quantities(self, block: Block) -> list[Quantity]:
        """Every quantity in `block.text`, offsets into it (found on first asking)."""
        return self._scanned(block)[0]

    def quantities_between(self, block: Block, start: int, end: int) -> list[Quantity]:
        """The block's quantities that lie wholly in `block.text[start:end]`, offsets into the block."""
        quantities, starts = self._scanned(block)
        inside = quantities[bisect_left(starts, start) : bisect_left(starts, end)]
        return inside if not inside or inside[-1].end <= end else inside[:-1]

    def _scanned(self, block: Block) -> tuple[list[Quantity], list[int]]:
        found = self._found.get(block.index)
        if found is None:
            quantities = find_quantities(block.text)
            found = self._found[block.index] = (quantities, [q.start for q in quantities])
        return found
