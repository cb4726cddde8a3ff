"""Plain text and Markdown-ish text, as pulled out of Word/PDF files (the seeds' shape).

What it undoes: `**bold**` and `*italic*` marks, tab-separated or Markdown pipe table rows (`| a | b |`) with
`<p>` inside cells,
superscript footnote marks (¹ ²) in the running text, and footnote paragraphs that landed between two
halves of a sentence where a page once broke. Footnotes become footnote blocks; the halves re-join.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import regex

from pipeline.errors import DocumentLoadError
from pipeline.read.assemble import DraftBlock, DraftCell, drafts_to_document
from pipeline.read.block_kinds import LIST_BULLET, NUMBERED_HEADING
from pipeline.read.normalise import Mark, Run
from schemas.document import BlockKind, Document, SourceFile

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
SUPERSCRIPT_TO_DIGIT = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")
FOOTNOTE_START = regex.compile(rf"^\s*(?P<marker>[{SUPERSCRIPT_DIGITS}]+)\s*(?=\S)")  # "¹⁰ Tổng cộng …"
REFERENCE_MARK = regex.compile(rf"(?<=\S)[{SUPERSCRIPT_DIGITS}]+")  # "kế hoạch¹;"
INLINE_MARKUP = regex.compile(rf"\*\*|\*|[{SUPERSCRIPT_DIGITS}]+")  # bold, italic, footnote mark
STAR_BULLET = regex.compile(r"^\*(?=\s|\*\*\s)")  # "* Về …", "*** Đối với …**" (bullet, then bold)
CELL_PARAGRAPH = regex.compile(r"</?p>")  # "<p>first</p> <p>second</p>"
DASH_ROW = regex.compile(r"^[-:\s]*$")  # a Markdown table rule "--\t---\t---"
PIPE_ROW = regex.compile(r"^\s*\|.*\|\s*$")  # "| 1.1 | 2 | 1,5 |"
PIPE_RULE = regex.compile(r"^[-:|\s]*$")  # "|---|:---:|"
PIPE = regex.compile(r"(?<!\\)\|")  # a cell border; "\|" is a bar inside a cell
SENTENCE_CLOSE = regex.compile(r"[.:;!?…)\]”\"]$")


def text_to_document(path: Path, source: SourceFile) -> Document:
    try:
        content = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise DocumentLoadError(
            path, f"tệp văn bản không phải UTF-8 (text file is not UTF-8: byte {error.start})"
        ) from None
    if "\x00" in content:
        raise DocumentLoadError(path, "tệp văn bản chứa byte NUL: có thể là tệp nhị phân (binary content)")
    if not content.strip():
        raise DocumentLoadError(path, "tệp không có nội dung (no text)")
    return drafts_to_document(source, text_to_drafts(content))


def text_to_drafts(content: str) -> list[DraftBlock]:
    units = list(_units(content))
    return _Layout().place(units)


# --- units: paragraphs and tables as they stand in the file -------------------------------------


@dataclass
class _Unit:
    lines: list[str]
    rows: list[list[str]] | None = None

    @property
    def raw(self) -> str:
        return "\n".join(self.lines)

    @property
    def marker(self) -> str | None:
        match = FOOTNOTE_START.match(self.lines[0])
        return match.group("marker") if match and self.rows is None else None

    @property
    def has_references(self) -> bool:
        return bool(REFERENCE_MARK.search(self.raw))

    @property
    def is_bullet(self) -> bool:
        return bool(LIST_BULLET.match(self.lines[0].lstrip()))


def _units(content: str) -> Iterator[_Unit]:
    table: _Unit | None = None
    for group in _blank_line_groups(content):
        rows = _table_rows(group)
        if rows is not None:
            if table is not None and table.rows and rows and len(rows[0]) == len(table.rows[0]):
                table.lines.extend(group)
                table.rows.extend(rows)
                continue
            if table is not None:
                yield table
            table = _Unit(lines=list(group), rows=rows) if rows else None
            continue
        if table is not None:
            yield table
            table = None
        yield from _paragraphs(group)
    if table is not None:
        yield table


def _table_rows(group: list[str]) -> list[list[str]] | None:
    """The cells of a group of tab-separated or pipe table lines, rule lines left out; None for prose."""
    if all("\t" in line for line in group):
        return [line.split("\t") for line in group if not DASH_ROW.match(line)]
    if all(PIPE_ROW.match(line) for line in group):
        rows = [PIPE.split(line.strip()[1:-1]) for line in group if not PIPE_RULE.match(line)]
        return [[cell.strip().replace("\\|", "|") for cell in row] for row in rows]
    return None


def _blank_line_groups(content: str) -> Iterator[list[str]]:
    group: list[str] = []
    for line in content.splitlines():
        if line.strip():
            group.append(line.rstrip(" \r"))
        elif group:
            yield group
            group = []
    if group:
        yield group


def _paragraphs(lines: list[str]) -> Iterator[_Unit]:
    """Split a blank-line group where a line clearly starts a new paragraph; other line breaks are soft."""
    current = [lines[0]]
    for line in lines[1:]:
        plain = _strip_markup(line)
        previous = _strip_markup(current[-1])
        if (
            FOOTNOTE_START.match(line)
            or LIST_BULLET.match(plain)
            or STAR_BULLET.match(line.lstrip())
            or NUMBERED_HEADING.match(plain)
            or regex.search(r"[.:;!?]$", previous)
        ):
            yield _Unit(lines=current)
            current = [line]
        else:
            current.append(line)
    yield _Unit(lines=current)


def _strip_markup(text: str) -> str:
    return str(INLINE_MARKUP.sub("", text)).strip()


def _is_open(text: str) -> bool:
    """A paragraph that stops without closing punctuation (a page break cut it)."""
    plain = _strip_markup(text)
    return bool(plain) and not SENTENCE_CLOSE.search(plain)


def _starts_lower(text: str) -> bool:
    """Starts with a lower-case letter, and not as a list item ("a) …", "- …")."""
    plain = _strip_markup(text)
    if LIST_BULLET.match(plain) or NUMBERED_HEADING.match(plain):
        return False
    plain = plain.lstrip("“\"'(")
    return bool(plain) and plain[0].islower()


# --- layout: which unit is body, which is footnote, which halves re-join ---------------------------


@dataclass
class _Entry:
    segments: list[tuple[str, str]] = field(default_factory=list)  # (joiner before, raw text)
    marker: str | None = None
    table: _Unit | None = None

    @property
    def raw(self) -> str:
        return "".join(joiner + text for joiner, text in self.segments)

    @property
    def last(self) -> str:
        return self.segments[-1][1]

    def add(self, joiner: str, text: str) -> None:
        self.segments.append((joiner if self.segments else "", text))


class _Layout:
    def __init__(self) -> None:
        self.body: list[_Entry] = []
        self.footnotes: list[_Entry] = []
        self.in_footnotes = False
        self.pending: _Entry | None = None  # an unfinished footnote waiting for its continuation

    def place(self, units: list[_Unit]) -> list[DraftBlock]:
        for i, unit in enumerate(units):
            following = units[i + 1] if i + 1 < len(units) else None
            self._place(unit, following)
        return [*map(_body_to_draft, self.body), *map(_footnote_to_draft, self.footnotes)]

    def _place(self, unit: _Unit, following: _Unit | None) -> None:
        if unit.rows is not None:
            self.in_footnotes = False
            self.body.append(_Entry(table=unit))
            return
        if unit.marker is not None:
            entry = _Entry(marker=unit.marker)
            entry.add("", unit.raw)
            self.footnotes.append(entry)
            self.in_footnotes, self.pending = True, None
            return
        if self.in_footnotes:
            current = self.footnotes[-1]
            expects_list = current.raw.rstrip().endswith(":") or _footnote_is_list(current)
            if expects_list and unit.is_bullet and not unit.has_references:
                current.add("\n", unit.raw)
                return
            self.in_footnotes = False
            self.pending = current if _is_open(current.last) else None
        if self.pending is not None and not unit.has_references:
            body_open = bool(self.body) and self.body[-1].table is None and _is_open(self.body[-1].last)
            if (following is not None and following.marker is not None) or (body_open and _starts_lower(unit.raw)):
                self.pending.add(" ", unit.raw)
                self.pending = self.pending if _is_open(unit.raw) else None
                return
        last = self.body[-1] if self.body else None
        if last is not None and last.table is None and _is_open(last.last) and _starts_lower(unit.raw):
            last.add(" ", unit.raw)
            return
        entry = _Entry()
        entry.add("", unit.raw)
        self.body.append(entry)


def _footnote_is_list(entry: _Entry) -> bool:
    return any(joiner == "\n" for joiner, _ in entry.segments)


# --- entries to draft blocks --------------------------------------------------------------------


def _body_to_draft(entry: _Entry) -> DraftBlock:
    if entry.table is not None:
        return _table_to_draft(entry.table)
    pieces: list[Run | Mark] = []
    for joiner, text in entry.segments:
        if joiner:
            pieces.append(Run(joiner))
        pieces.extend(markup_to_pieces(text))
    return DraftBlock(pieces=pieces, raw_text=entry.raw)


def _footnote_to_draft(entry: _Entry) -> DraftBlock:
    first = FOOTNOTE_START.sub("", entry.segments[0][1], count=1)
    pieces: list[Run | Mark] = list(markup_to_pieces(first))
    for joiner, text in entry.segments[1:]:
        pieces.append(Run(joiner))
        pieces.extend(markup_to_pieces(text))
    marker = (entry.marker or "").translate(SUPERSCRIPT_TO_DIGIT)
    return DraftBlock(pieces=pieces, raw_text=entry.raw, kind=BlockKind.FOOTNOTE, marker=marker)


def markup_to_pieces(text: str) -> list[Run | Mark]:
    """`**bold**` to bold runs, `*italic*` marks dropped, superscript digits to footnote marks;
    a leading "* " or "*** " is a bullet, kept as "* "."""
    pieces: list[Run | Mark] = []
    bold = False
    for line_number, line in enumerate(text.split("\n")):
        if line_number:
            pieces.append(Run("\n", bold))
        stripped = line.lstrip()
        if STAR_BULLET.match(stripped):
            pieces.append(Run("* "))
            line = stripped[1:]
        position = 0
        for match in INLINE_MARKUP.finditer(line):
            if match.start() > position:
                pieces.append(Run(line[position : match.start()], bold))
            token = match.group()
            if token == "**":
                bold = not bold
            elif token != "*":
                pieces.append(Mark(token.translate(SUPERSCRIPT_TO_DIGIT)))
            position = match.end()
        if position < len(line):
            pieces.append(Run(line[position:], bold))
    return pieces


def _plain(text: str) -> str:
    return "".join(p.text for p in markup_to_pieces(text) if isinstance(p, Run))


def _table_to_draft(unit: _Unit) -> DraftBlock:
    rows = unit.rows or []
    n_cols = max(len(row) for row in rows)
    cells: list[DraftCell] = []
    for r, row in enumerate(rows):
        values = [*row, *[""] * (n_cols - len(row))]
        if n_cols > 2 and values[0].strip() and not any(v.strip() for v in values[1:]):
            # A section row ("1. Công tác chỉ đạo …" and empty cells): one cell across the table.
            cells.append(DraftCell(row=r, col=0, col_span=n_cols, raw_text=values[0], text=_cell_text(values[0])))
            continue
        for c, value in enumerate(values):
            cells.append(DraftCell(row=r, col=c, raw_text=value, text=_cell_text(value)))
    return DraftBlock(cells=cells, raw_text=unit.raw, kind=BlockKind.TABLE)


def _cell_text(raw: str) -> str:
    paragraphs = [p.strip() for p in CELL_PARAGRAPH.split(raw) if p.strip()]
    return "\n".join(_plain(p) for p in paragraphs)
