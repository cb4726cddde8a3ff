from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.read.normalise import Mark, Run, normalise_runs, normalise_text


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
