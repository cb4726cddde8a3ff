"""A PDF page's text layer as lines with just enough geometry (pypdfium2, the fast path).

pdfium's text layer (`get_text_range`) costs ~1–5 ms a page; asking it about every character costs several
times that from Python. So the text comes from the text layer, and geometry is sampled: a line's ends,
its font size at a few characters, the weight at each word start (bold), and the size of digits glued to
a word (superscript footnote marks such as "kế hoạch¹;"). A line whose sampled x positions run backwards
(pdfium appended a fallback font's glyphs after the line) is rebuilt from every character's position.
"""

from __future__ import annotations

import ctypes
import itertools
import statistics
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import regex

from pipeline.read.normalise import Mark, Run

SUPERSCRIPT_RATIO = 0.8  # a digit this much smaller than its line is a footnote mark
BOLD_WEIGHT = 600
LINE_END_HYPHEN = "\ufffe"  # pdfium's mark for a hyphen where it joined a line to the next
WORD = regex.compile(r"\S+")
LETTER = regex.compile(r"\p{L}")
DIGIT_RUN = regex.compile(r"\d+")
GLUED_DIGITS = regex.compile(r"(?:^\s*|(?<=[^\s\d]))\K\d+")  # "kế hoạch¹;" -> "1"; a footnote's "¹ Quyết định"
CELL_GAP = 1.5  # a gap of this many font sizes between two runs of one line separates table cells
WORD_GAP = 0.1  # between advance boxes, a gap wider than this share of the font size is a space
# A line that ends in a hyphen, slash or backslash glued to a word broke inside a token, not at a space:
# "số 781/QĐ-" + "UBND", "1533/" + "SNV-CCHC". (Vietnamese words never break across lines otherwise.)
GLUED_BREAK = regex.compile(r"(?:[^\s-]-|[/\\])$")


@dataclass(frozen=True)
class PdfChar:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    baseline: float = 0.0  # y of the glyph's origin, top-down


@dataclass
class PdfLine:
    """One line of text on a page. Coordinates are PDF points from the page's top-left corner."""

    page: int
    pieces: list[Run | Mark]
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    baseline: float  # y of the text's origin (its baseline), top-down; fonts' descents differ, origins do not
    starts_with_mark: bool = False
    wide_gap: bool = False  # pdfium's runs on this line leave a gap of several letters: cells side by side
    chars: list[PdfChar] = field(default_factory=list, repr=False)  # kept on table pages only
    text: str = field(init=False)

    def __post_init__(self) -> None:
        self.text = "".join(p.text for p in self.pieces if isinstance(p, Run))


def broke_inside_token(line_text: str) -> bool:
    text = line_text.rstrip()
    return bool(text) and text[-1] in "-/\\" and bool(GLUED_BREAK.search(text))


class _Probe:
    """ctypes out-parameters reused for every call on one text page."""

    def __init__(self, textpage: pdfium.PdfTextPage, page_height: float) -> None:
        self.raw = textpage.raw
        self.height = page_height
        self._l, self._r, self._b, self._t = (ctypes.c_double() for _ in range(4))
        self._x, self._y = ctypes.c_double(), ctypes.c_double()
        self._rect = pdfium_c.FS_RECTF()

    def box(self, index: int) -> tuple[float, float, float, float]:
        """(x0, x1, top, bottom) of a character, top-down."""
        pdfium_c.FPDFText_GetCharBox(
            self.raw,
            index,
            ctypes.byref(self._l),
            ctypes.byref(self._r),
            ctypes.byref(self._b),
            ctypes.byref(self._t),
        )
        return self._l.value, self._r.value, self.height - self._t.value, self.height - self._b.value

    def loose_box(self, index: int) -> tuple[float, float, float, float]:
        """(x0, x1, top, bottom) of a character's advance box (font ascent to descent), top-down."""
        pdfium_c.FPDFText_GetLooseCharBox(self.raw, index, ctypes.byref(self._rect))
        rect = self._rect
        return rect.left, rect.right, self.height - rect.top, self.height - rect.bottom

    def origin(self, index: int) -> tuple[float, float]:
        pdfium_c.FPDFText_GetCharOrigin(self.raw, index, ctypes.byref(self._x), ctypes.byref(self._y))
        return self._x.value, self.height - self._y.value

    def rects(self, start: int, count: int) -> list[tuple[float, float, float, float]]:
        """(x0, x1, top, bottom) of each run rectangle pdfium makes for a range of characters."""
        out: list[tuple[float, float, float, float]] = []
        for k in range(pdfium_c.FPDFText_CountRects(self.raw, start, count)):
            pdfium_c.FPDFText_GetRect(
                self.raw,
                k,
                ctypes.byref(self._l),
                ctypes.byref(self._t),
                ctypes.byref(self._r),
                ctypes.byref(self._b),
            )
            out.append((self._l.value, self._r.value, self.height - self._t.value, self.height - self._b.value))
        return out

    def size(self, index: int) -> float:
        return float(pdfium_c.FPDFText_GetFontSize(self.raw, index))

    def bold(self, index: int) -> bool:
        return int(pdfium_c.FPDFText_GetFontWeight(self.raw, index)) >= BOLD_WEIGHT


def page_to_lines(page: pdfium.PdfPage, page_number: int, *, with_chars: bool = False) -> list[PdfLine]:
    """All text lines of one page, top to bottom as pdfium orders them. `with_chars` also keeps every
    character's position (needed to put text into table cells)."""
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
        probe = _Probe(textpage, page.get_height())
        if len(text) != textpage.count_chars():  # surrogate pairs: indices no longer line up; go slow
            with_chars = True
        lines: list[PdfLine] = []
        for start, end in _line_ranges(text):
            lines.extend(_line(text, start, end, probe, page_number, with_chars))
        return _merge_same_row(lines)
    finally:
        textpage.close()


def _merge_same_row(lines: list[PdfLine]) -> list[PdfLine]:
    """pdfium starts a new line at a raised character: "chỉ ra" / "1" / "." are one line with a footnote
    mark in it, and a footnote's small number opens the line of its text."""
    merged: list[PdfLine] = []
    for line in lines:
        previous = merged[-1] if merged else None
        if previous is not None and _same_row(previous, line):
            merged[-1] = _join_row(previous, line)
        else:
            merged.append(line)
    return merged


def _same_row(a: PdfLine, b: PdfLine) -> bool:
    overlap = min(a.bottom, b.bottom) - max(a.top, b.top)
    shorter = min(a.bottom - a.top, b.bottom - b.top)
    return overlap > 0.3 * shorter and b.x0 >= a.x1 - 1.0


def _is_small_number(line: PdfLine, other: PdfLine) -> bool:
    return line.text.strip().isdigit() and line.size < SUPERSCRIPT_RATIO * other.size


def _join_row(a: PdfLine, b: PdfLine) -> PdfLine:
    a_pieces: list[Run | Mark] = [Mark(a.text.strip())] if _is_small_number(a, b) else list(a.pieces)
    b_pieces: list[Run | Mark] = [Mark(b.text.strip())] if _is_small_number(b, a) else list(b.pieces)
    main = b if b.size > a.size else a
    gap = b.x0 - a.x1
    space: list[Run | Mark] = [Run(" ")] if gap > 0.2 * main.size and not isinstance(b_pieces[0], Mark) else []
    return PdfLine(
        page=a.page,
        pieces=_merge_marks([*a_pieces, *space, *b_pieces]),
        x0=a.x0,
        x1=b.x1,
        top=min(a.top, b.top),
        bottom=max(a.bottom, b.bottom),
        size=main.size,
        baseline=main.baseline,
        starts_with_mark=a.starts_with_mark or isinstance(a_pieces[0], Mark),
        chars=[*a.chars, *b.chars],
    )


def _line_ranges(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line of pdfium's text, between its generated "\r\n" breaks."""
    ranges: list[tuple[int, int]] = []
    start = 0
    while (end := text.find("\r\n", start)) >= 0:
        ranges.append((start, end))
        start = end + 2
    ranges.append((start, len(text)))
    return ranges


def _line(text: str, start: int, end: int, probe: _Probe, page: int, with_chars: bool) -> list[PdfLine]:
    segment = text[start:end]
    hyphen = segment.find(LINE_END_HYPHEN)
    if 0 <= hyphen < len(segment.rstrip()) - 1:  # pdfium joined a line ending in a hyphen to the next
        cut = start + hyphen + 1
        return [
            *_line(text, start, cut, probe, page, with_chars),
            *_line(text, cut, end, probe, page, with_chars),
        ]
    segment = segment.replace(LINE_END_HYPHEN, "-")
    first_offset = len(segment) - len(segment.lstrip())
    if first_offset == len(segment):
        return []
    last_offset = len(segment.rstrip()) - 1
    first, last = start + first_offset, start + last_offset
    rects = probe.rects(first, last + 1 - first)
    if with_chars or _out_of_order(rects):
        return _lines_from_chars(text, range(first, end), probe, page)
    if len(rects) == 1:  # one run of one font and size: no footnote mark inside, one weight
        size = probe.size(first)
        pieces: list[Run | Mark] = [Run(segment, probe.bold(first))]
        starts_with_mark = False
    else:
        size = _line_size(segment, start, probe)
        pieces, starts_with_mark = _pieces(segment, start, probe, size)
    line = PdfLine(
        page=page,
        pieces=pieces,
        x0=rects[0][0],
        x1=max(rect[1] for rect in rects),
        top=min(rect[2] for rect in rects),
        bottom=max(rect[3] for rect in rects),
        size=size,
        baseline=probe.origin(_first_letter(segment, start, first))[1],
        starts_with_mark=starts_with_mark,
        wide_gap=any(b[0] - a[1] > CELL_GAP * size for a, b in itertools.pairwise(rects)),
    )
    return [line]


def _first_letter(segment: str, offset: int, default: int) -> int:
    """The baseline is read at a letter: a bullet or a raised mark does not sit on it."""
    letter = LETTER.search(segment)
    return offset + letter.start() if letter is not None else default


def _out_of_order(rects: list[tuple[float, float, float, float]]) -> bool:
    """pdfium's rectangles for the line's characters: one per run of a text object. A run that starts
    left of where the previous one ended (a fallback font's glyphs appended after the line) or on
    another row (pdfium joined a line ending in a hyphen to the next) means the text order is wrong."""
    return any(b[0] < a[1] - 1.0 or b[2] >= a[3] or b[3] <= a[2] for a, b in itertools.pairwise(rects))


def _line_size(segment: str, offset: int, probe: _Probe) -> float:
    """The line's font size: the median at three letters, so a leading superscript mark does not count."""
    first = LETTER.search(segment)
    if first is None:
        return probe.size(offset + len(segment) - len(segment.lstrip()))
    middle = LETTER.search(segment, len(segment) // 2) or first
    last = LETTER.search(segment[::-1])
    last_index = len(segment) - 1 - last.start() if last is not None else first.start()
    return sorted(probe.size(offset + i) for i in (first.start(), middle.start(), last_index))[1]


def _pieces(segment: str, offset: int, probe: _Probe, size: float) -> tuple[list[Run | Mark], bool]:
    """Runs (bold decided at each word's first character) and footnote marks (small digits glued to a
    word, or opening the line)."""
    small = SUPERSCRIPT_RATIO * size
    marks = [m.span() for m in GLUED_DIGITS.finditer(segment) if probe.size(offset + m.start()) < small]
    for run in DIGIT_RUN.finditer(segment):
        # a mark glued to a number's last digit ("xếp thứ 5/21¹" reads "5/211"): the small digits at its end
        if any(start <= run.start() < end for start, end in marks) or len(run.group()) < 2:
            continue
        cut = run.end()
        while cut > run.start() + 1 and probe.size(offset + cut - 1) < small:
            cut -= 1
        if cut < run.end():
            marks.append((cut, run.end()))
    marks.sort()
    pieces: list[Run | Mark] = []
    bold = False
    position = 0
    mark_index = 0
    for word in WORD.finditer(segment):
        word_bold = probe.bold(offset + word.start())
        if word_bold != bold:
            if word.start() > position:
                pieces.append(Run(segment[position : word.start()], bold))
                position = word.start()
            bold = word_bold
        while mark_index < len(marks) and marks[mark_index][0] < word.end():
            mark_start, mark_end = marks[mark_index]
            if mark_start > position:
                pieces.append(Run(segment[position:mark_start], bold))
            pieces.append(Mark(segment[mark_start:mark_end]))
            position = mark_end
            mark_index += 1
    if position < len(segment):
        pieces.append(Run(segment[position:], bold))
    starts_with_mark = bool(marks) and not segment[: marks[0][0]].strip()
    return pieces, starts_with_mark


def _lines_from_chars(text: str, indices: range, probe: _Probe, page: int) -> list[PdfLine]:
    """The slow path: every character's position. pdfium's "line" may hold two rows (it joins a line
    that ends in a hyphen to the next) or glyphs of a fallback font appended out of order, so characters
    are first put in rows by height, then sorted left to right. Spaces that the PDF holds are kept;
    where pdfium only guessed one (a generated space), the gap between glyphs decides."""
    chars: list[PdfChar] = []
    for i in indices:
        if text[i].isspace() and (text[i] in "\r\n" or pdfium_c.FPDFText_IsGenerated(probe.raw, i)):
            continue
        x0, x1, top, bottom = probe.loose_box(i)
        ch = "-" if text[i] == LINE_END_HYPHEN else text[i]
        chars.append(PdfChar(ch, x0, x1, top, bottom, probe.size(i), probe.origin(i)[1]))
    return [row_to_line(row, page) for row in chars_to_rows(chars) if any(not c.text.isspace() for c in row)]


def chars_to_rows(chars: list[PdfChar]) -> list[list[PdfChar]]:
    rows: list[list[PdfChar]] = []
    for ch in sorted(chars, key=lambda c: c.bottom):
        if rows and ch.bottom - rows[-1][-1].bottom < 0.5 * max(ch.size, rows[-1][-1].size):
            rows[-1].append(ch)
        else:
            rows.append([ch])
    return rows


def row_to_line(row: list[PdfChar], page: int) -> PdfLine:
    row.sort(key=lambda c: c.x0)
    visible = [c for c in row if not c.text.isspace()]
    size = statistics.median(c.size for c in visible)
    gap_limit = WORD_GAP * size
    pieces: list[Run | Mark] = []
    previous: PdfChar | None = None
    for ch in row:
        if ch.text.isspace():
            pieces.append(Run(" "))
        elif ch.text.isdigit() and ch.size < SUPERSCRIPT_RATIO * size:
            pieces.append(Mark(ch.text))
        else:
            glued = previous is None or previous.text.isspace() or ch.x0 - previous.x1 <= gap_limit
            pieces.append(Run(ch.text if glued else " " + ch.text))
        previous = ch
    first = visible[0]
    return PdfLine(
        page=page,
        pieces=_merge_marks(pieces),
        x0=first.x0,
        x1=max(c.x1 for c in visible),
        top=min(c.top for c in visible),
        bottom=max(c.bottom for c in visible),
        size=size,
        baseline=statistics.median(c.baseline for c in visible),
        starts_with_mark=first.text.isdigit() and first.size < SUPERSCRIPT_RATIO * size,
        chars=row,
    )


def _merge_marks(pieces: list[Run | Mark]) -> list[Run | Mark]:
    """Adjacent one-digit marks ("1", "0") are one mark ("10")."""
    merged: list[Run | Mark] = []
    for piece in pieces:
        if isinstance(piece, Mark) and merged and isinstance(merged[-1], Mark):
            merged[-1] = Mark(merged[-1].marker + piece.marker)
        else:
            merged.append(piece)
    return merged
