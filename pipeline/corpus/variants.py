"""One seed text and a random generator in, one variant text out: string-level edits on the seed's .txt.

The edits, in this order (each pass leaves what the earlier ones wrote alone):
1. tied numbers (`seeds.Tie`) move by one shared delta, printed with the seed's decimals and separator;
2. ranks 'r/n' get a new r in 1..n;
3. every year 20xx, in dates and in prose, shifts by the same −3..+1;
4. document numbers ('59/BC-UBND', '536/QĐ-UBND') get new numbers, the same citation the same number;
5. the unit, its communes, its province and its signer get other real names (`places`).
Only numbers whose arithmetic the recipe knows are changed, so a variant is exactly as consistent as its
seed (the seeds' own slips, such as a deduction that is not max − achieved, stay as they are).
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from pipeline.corpus.places import GIVEN_NAMES, MIDDLE_NAMES, PROVINCES, SURNAMES
from pipeline.corpus.seeds import Rank, SeedRecipe, Tie

YEAR_SHIFTS = range(-3, 2)
# A year: not part of a longer number or a decimal, not a document number ("2023/QĐ-UBND"), but the
# year inside one ("30/2020/NĐ-CP").
YEAR = re.compile(r"(?<![\d.,/])20[0-4]\d(?!\d|[.,]\d|/[A-ZĐ])|(?<=/)20[0-4]\d(?!\d|[.,]\d)")
# A document number and its code: "59/BC-UBND", "536/QĐ-UBND", "15/UBND"; not "29/2023/NĐ-CP" or dates.
DOCUMENT_NUMBER = re.compile(r"(?<![\w/.,])(\d{1,4})(/[A-ZĐ][\w-]*)")
RANK = re.compile(r"(\d+)/(\d+)")
# Combining tone marks and the one each becomes in a misspelling: dot below <-> acute, grave -> hook, …
ACUTE = "\u0301"
TONE_SWAP = {"\u0323": "\u0301", "\u0301": "\u0323", "\u0300": "\u0309", "\u0309": "\u0303", "\u0303": "\u0300"}


@dataclass(frozen=True)
class Variant:
    kind: str  # the recipe's
    text: str
    province: str
    unit: str  # the district or commune the document is about
    report_year: int


def seed_to_variant(recipe: SeedRecipe, text: str, rng: random.Random) -> Variant:
    province = rng.choice(sorted(PROVINCES))
    district = rng.choice(sorted(PROVINCES[province]))
    communes = PROVINCES[province][district]
    unit = rng.choice(communes) if recipe.level == "commune" else district
    names = spellings_to_names(recipe.unit_names, unit)
    others = [c for c in communes if c != unit]
    new_communes = rng.sample(others, min(len(others), len(recipe.communes)))
    for spellings, new in zip(recipe.communes, new_communes, strict=False):  # too few: the rest keep their names
        names.update(spellings_to_names(spellings, new))
    names.update(dict.fromkeys(recipe.provinces, province))
    names.update({person: random_person(rng) for person in recipe.people})
    shift = rng.choice(YEAR_SHIFTS)

    for tie in recipe.ties:
        text = apply_tie(text, tie, rng.randint(tie.low, tie.high), recipe.kind)
    for rank in recipe.ranks:
        text = apply_rank(text, rank, rng, recipe.kind)
    text = shift_years(text, shift)
    text = renumber_documents(text, rng)
    text = rename(text, names)
    return Variant(recipe.kind, text, province, unit, recipe.report_year + shift)


def shift_number(printed: str, delta: int) -> str:
    """'14,50' + 37 -> '14,87'; '05' + 3 -> '08'; the separator, decimals and zero padding as printed."""
    separator = "," if "," in printed else "." if "." in printed else ""
    whole, _, fraction = printed.partition(separator) if separator else (printed, "", "")
    value = int(whole + fraction) + delta
    if value < 0:
        raise ValueError(f"{printed} + {delta} units is negative")
    digits = str(value).rjust(len(fraction) + 1, "0")
    new_whole = digits[: len(digits) - len(fraction)]
    if len(whole) > 1 and whole.startswith("0"):
        new_whole = new_whole.rjust(len(whole), "0")
    return f"{new_whole}{separator}{digits[len(new_whole) :]}" if fraction else new_whole


def apply_tie(text: str, tie: Tie, delta: int, kind: str = "") -> str:
    for anchor, number, sign in tie.anchors:
        if anchor not in text:
            raise ValueError(f"recipe {kind}: anchor {anchor!r} not in the text (samples/*.txt changed?)")
        text = text.replace(anchor, anchor.replace(number, shift_number(number, sign * delta), 1))
    return text


def apply_rank(text: str, rank: Rank, rng: random.Random, kind: str = "") -> str:
    first = RANK.search(rank.anchors[0])
    if first is None:
        raise ValueError(f"recipe {kind}: rank anchor {rank.anchors[0]!r} has no 'r/n'")
    position, total = first.groups()
    new = str(rng.randint(1, int(total))).rjust(len(position), "0")
    for anchor in rank.anchors:
        if anchor not in text:
            raise ValueError(f"recipe {kind}: rank anchor {anchor!r} not in the text (samples/*.txt changed?)")
        text = text.replace(anchor, RANK.sub(f"{new}/{total}", anchor, count=1))
    return text


def shift_years(text: str, shift: int) -> str:
    return YEAR.sub(lambda m: str(int(m.group()) + shift), text)


def renumber_documents(text: str, rng: random.Random) -> str:
    """A new number for every document number; the same citation gets the same new number."""
    numbers: dict[str, str] = {}

    def renumber(match: re.Match[str]) -> str:
        if match.group() not in numbers:
            width = len(match.group(1))
            numbers[match.group()] = f"{rng.randint(1, 10**width - 1):02d}"
        return numbers[match.group()] + match.group(2)

    return DOCUMENT_NUMBER.sub(renumber, text)


def rename(text: str, names: Mapping[str, str]) -> str:
    """Replace whole-word names in one pass (a new name is never renamed again), capitals too."""
    table = {**names, **{old.upper(): new.upper() for old, new in names.items()}}
    if not table:
        return text
    alternatives = "|".join(re.escape(old) for old in sorted(table, key=len, reverse=True))
    return re.sub(rf"(?<!\w)(?:{alternatives})(?!\w)", lambda m: table[m.group()], text)


def spellings_to_names(spellings: tuple[str, ...], new: str) -> dict[str, str]:
    """The first spelling is right and becomes `new`; the seed's misspellings become a misspelt `new`."""
    return {old: new if i == 0 else misspell(new) for i, old in enumerate(spellings)}


def misspell(name: str) -> str:
    """Another tone on the last syllable, as in the seeds' slips: 'Triệu Trạch' -> 'Triệu Trách'."""
    head, _, last = name.rpartition(" ")
    letters = unicodedata.normalize("NFD", last)
    at = next((i for i, c in enumerate(letters) if c in TONE_SWAP), None)
    if at is not None:
        tone, letters = TONE_SWAP[letters[at]], letters[:at] + letters[at + 1 :]
    else:
        tone, at = ACUTE, max(i for i, c in enumerate(letters) if c.lower() in "aeiouy") + 1
    while at < len(letters) and unicodedata.combining(letters[at]):
        at += 1  # a tone goes after the vowel's own marks (ô, ơ, ă), or NFC cannot compose it
    return f"{head} {unicodedata.normalize('NFC', letters[:at] + tone + letters[at:])}".strip()


def random_person(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE_NAMES)} {rng.choice(GIVEN_NAMES)}"


def slug(name: str) -> str:
    """'Quảng Ngãi' -> 'quang-ngai'."""
    plain = unicodedata.normalize("NFD", name.replace("Đ", "D").replace("đ", "d"))
    ascii_only = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-")
