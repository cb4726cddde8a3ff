"""What may change in each seed of `samples/`, as data: names, printed numbers that move together, ranks.

A `Tie` lists printed numbers that must move together to keep the document's arithmetic true: each
anchor is a piece of the seed's text, the number in it, and the sign with which the shared delta (counted
in units of the last printed decimal) is added. "Survey points" and "total" both go up by 0,37; a
"previous year" total goes down by what the "increase" goes up. A tie of one anchor is a free number.
Every anchor and name must occur in its seed: that is how `recipes_with_seeds` finds the seed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@dataclass(frozen=True)
class Tie:
    anchors: tuple[tuple[str, str, int], ...]  # (text as printed, the number in it, sign)
    low: int  # delta range, in units of the last printed decimal
    high: int


@dataclass(frozen=True)
class Rank:
    """One rank 'r/n', printed in each anchor; a variant draws a new r in 1..n."""

    anchors: tuple[str, ...]


@dataclass(frozen=True)
class SeedRecipe:
    kind: str  # names the recipe and the files made from it
    level: Literal["district", "commune"]
    report_year: int
    unit_names: tuple[str, ...]  # the unit's name as printed, then the seed's misspellings of it
    communes: tuple[tuple[str, ...], ...] = ()  # communes a district's document names, each with its spellings
    provinces: tuple[str, ...] = ()
    people: tuple[str, ...] = ()  # signer and chair
    ties: tuple[Tie, ...] = ()
    ranks: tuple[Rank, ...] = ()

    def quoted(self) -> tuple[str, ...]:
        """Every piece of seed text the recipe names: they must all be in its seed, and find it."""
        ties = (anchor for tie in self.ties for anchor, _, _ in tie.anchors)
        ranks = (anchor for rank in self.ranks for anchor in rank.anchors)
        names = (name for spellings in self.communes for name in spellings)
        return (*ties, *ranks, *self.unit_names, *names, *self.provinces, *self.people)


def recipes_with_seeds(samples: Path = SAMPLES) -> list[tuple[SeedRecipe, str]]:
    """Each recipe with its seed: the one text in `samples` that holds everything the recipe quotes. (Found by
    content, so no sample's file name is written in the code.)"""
    texts = [path.read_text(encoding="utf-8") for path in sorted(samples.glob("*.txt"))]
    pairs = []
    for recipe in RECIPES:
        found = [text for text in texts if all(piece in text for piece in recipe.quoted())]
        if len(found) != 1:
            raise ValueError(f"recipe {recipe.kind}: {len(found)} texts in {samples} hold all it quotes, not 1")
        pairs.append((recipe, found[0]))
    return pairs


def one_spelling(*names: str) -> tuple[tuple[str, ...], ...]:
    return tuple((name,) for name in names)


RECIPES: tuple[SeedRecipe, ...] = (
    SeedRecipe(
        kind="bao-cao-chi-so",
        level="district",
        report_year=2024,
        unit_names=("Sơn Tịnh",),
        communes=one_spelling("Tịnh Bắc", "Tịnh Minh", "Tịnh Sơn"),
        provinces=("Quảng Ngãi",),
        people=("Phạm Xuân Vinh",),
        # total = assessment (65,37, the sum of the fields) + survey: move survey and total together
        ties=(Tie((("đạt được 79,87 điểm", "79,87", 1), ("học: 14,50 điểm", "14,50", 1)), -300, 300),),
        ranks=(Rank(("xếp vị thứ 11/13",)), Rank(("xếp vị trí thứ 05/13",)), Rank(("xếp vị trí thứ 12/13",))),
    ),
    SeedRecipe(
        kind="bao-cao-tong-ket",
        level="district",
        report_year=2024,
        unit_names=("Ba Tơ", "Ba Tư"),
        communes=(
            ("Ba Lê", "Ba Lẽ"),
            *one_spelling("Ba Bích", "Ba Cung", "Ba Dinh", "Ba Giang", "Ba Khâm", "Ba Nam", "Ba Ngạc", "Ba Thành"),
            *one_spelling("Ba Tiêu", "Ba Trang", "Ba Vinh", "Ba Vì", "Ba Xa"),
        ),
        provinces=("Quảng Ngãi",),
        people=("Phạm Giang Nam",),
        # self-assessed and appraised points move together, so self stays above appraised
        ties=(Tie((("tự chấm đạt 70.78 điểm", "70.78", 1), ("huyện đạt 61.28 điểm", "61.28", 1)), -500, 500),),
        ranks=(Rank(("đúng thứ 12/13", "xếp 12/13 huyện")),),
    ),
    SeedRecipe(
        kind="ke-hoach",
        level="district",
        report_year=2023,
        unit_names=("Sơn Hà",),
        provinces=("Quảng Ngãi",),
        people=("Đinh Thị Trà",),
        # a plan has no scores; its numeric targets are free
        ties=(
            Tie((("trên 30% số", "30", 1),), -10, 20),
            Tie((("tối thiểu 97%", "97", 1),), -7, 2),
            Tie((("tối thiểu trên 70%", "70", 1),), -10, 20),
            Tie((("tối thiểu tỷ lệ 60%", "60", 1),), -10, 30),
        ),
    ),
    SeedRecipe(
        kind="cong-van-phu-luc",
        level="commune",
        report_year=2024,
        unit_names=("Triệu Trạch", "Triệu Trách"),
        people=("Lê Văn Mẫn",),
        # "tăng 0,65 điểm … (từ 93,99 … lên 94,64)": last year's total moves against the increase
        ties=(
            Tie((("tăng 0,65 điểm", "0,65", 1), ("từ 93,99 điểm", "93,99", -1)), -60, 300),
            Tie((("giảm 1,21 điểm", "1,21", 1),), -100, 100),
        ),
        # its rank is also written in words ("đứng thứ nhất", "từ thứ 03 lên thứ 01"): left as it is
    ),
    SeedRecipe(
        kind="thong-bao-ket-luan",
        level="district",
        report_year=2024,
        unit_names=(),  # the notice never names its district
        people=("Đinh Xuân Sâm",),
        # "đạt 84,76/100 điểm tăng 3,18 điểm so với năm 2023": last year's total stays put
        ties=(Tie((("đạt 84,76/100", "84,76", 1), ("tăng 3,18 điểm", "3,18", 1)), -300, 300),),
        ranks=(Rank(("xếp vị thứ 2/13",)), Rank(("xếp thứ 6/13",))),
    ),
)
