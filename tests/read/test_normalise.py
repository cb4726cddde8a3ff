from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.read.normalise import Mark, NormalisedText, Run, normalise_runs, normalise_text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Uỷ ban nhân dân", "Ủy ban nhân dân"),
        ("CỘNG HOÀ XÃ HỘI", "CỘNG HÒA XÃ HỘI"),
        ("Văn hoá và Thông tin", "Văn hóa và Thông tin"),
        ("thuỷ lợi, tuỳ theo, luỹ kế, khoẻ", "thủy lợi, tùy theo, lũy kế, khỏe"),
        ("quý II, hoàn thành, toàn trình, Quảng Ngãi", "quý II, hoàn thành, toàn trình, Quảng Ngãi"),
        ("775/QÐ-BVHTTDL", "775/QĐ-BVHTTDL"),
        ("Tài chính – Kế hoạch — Sở", "Tài chính - Kế hoạch - Sở"),
        ("1\u00a0353\u00a0hồ sơ", "1 353 hồ sơ"),
        ("  nhiều   khoảng \t trắng  ", "nhiều khoảng trắng"),
        ("dòng một   \n   dòng hai", "dòng một\ndòng hai"),
        ("mềm\u00ad\u200bmại", "mềmmại"),
    ],
)
def test_normalise_text_maps_vietnamese_variants(raw: str, expected: str) -> None:
    assert normalise_text(raw) == expected


def test_normalise_text_composes_decomposed_letters() -> None:
    decomposed = unicodedata.normalize("NFD", "Ủy ban nhân dân huyện Ba Tơ")
    assert normalise_text(decomposed) == "Ủy ban nhân dân huyện Ba Tơ"


def test_normalise_runs_keeps_bold_and_marks_on_the_right_characters() -> None:
    result = normalise_runs([Run("Điểm  chấm đạt "), Run("10,51 điểm", bold=True), Mark("2"), Run(" . Hết")])
    assert result.text == "Điểm chấm đạt 10,51 điểm . Hết"
    ((start, end),) = result.bold
    assert result.text[start:end] == "10,51 điểm"
    assert result.marks == (("2", end),)


@given(st.lists(st.tuples(st.text(alphabet="ab ỦủÐđ\n\t", max_size=8), st.booleans()), max_size=8))
def test_normalise_runs_bold_spans_stay_inside_the_text(runs: list[tuple[str, bool]]) -> None:
    result = normalise_runs([Run(text, bold) for text, bold in runs])
    assert result.text == result.text.strip()
    assert "  " not in result.text
    for start, end in result.bold:
        assert 0 <= start < end <= len(result.text)
        assert not result.text[start].isspace()


def _reference_normalise_runs(pieces: list[Run | Mark]) -> NormalisedText:
    """The first, character-at-a-time implementation: slow and obviously right, kept as the oracle."""
    from pipeline.read.normalise import _before_spaces, normalise_chars

    chars: list[tuple[str, bool]] = []
    mark_at: list[tuple[str, int]] = []
    for piece in pieces:
        if isinstance(piece, Mark):
            mark_at.append((piece.marker, len(chars)))
        else:
            chars.extend((ch, piece.bold) for ch in normalise_chars(piece.text))
    out: list[str] = []
    flags: list[bool] = []
    new_index: list[int] = []
    for ch, bold in chars:
        new_index.append(len(out))
        if ch in " \r":
            if out and out[-1] not in " \n":
                out.append(" ")
                flags.append(bold)
            continue
        if ch == "\n":
            while out and out[-1] == " ":
                out.pop()
                flags.pop()
            if out and out[-1] != "\n":
                out.append("\n")
                flags.append(bold)
            continue
        out.append(ch)
        flags.append(bold)
    new_index.append(len(out))
    while out and out[-1] in " \n":
        out.pop()
        flags.pop()
    text = "".join(out)
    spans: list[tuple[int, int]] = []
    start: int | None = None
    for i, flag in enumerate([*flags, False]):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            end = i
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if end > start:
                spans.append((start, end))
            start = None
    marks = tuple((m, _before_spaces(text, new_index[i])) for m, i in mark_at)
    return NormalisedText(text=text, bold=tuple(spans), marks=marks)


PIECES = st.lists(
    st.one_of(
        st.builds(Run, st.text(alphabet="ab Ủ\n\t\r", max_size=6), st.booleans()),
        st.builds(Mark, st.sampled_from(["1", "12"])),
    ),
    max_size=10,
)


@settings(max_examples=1000)
@given(PIECES)
def test_normalise_runs_matches_the_character_at_a_time_oracle(pieces: list[Run | Mark]) -> None:
    assert normalise_runs(pieces) == _reference_normalise_runs(pieces)
