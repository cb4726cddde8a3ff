"""The benchmark corpus generator (issue 6): distinct, readable, varied, reproducible; and the modifier."""

from __future__ import annotations

import hashlib
import logging
import random
import re
import shutil
import unicodedata
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import pytest

from extractors.vietnamese_text import fold_accents
from pipeline.corpus import CorpusError, CorpusStats, generate_corpus, modify_corpus
from pipeline.corpus.__main__ import main
from pipeline.corpus.places import PROVINCES
from pipeline.corpus.seeds import RECIPES, Rank, SeedRecipe, recipes_with_seeds
from pipeline.corpus.variants import (
    apply_rank,
    misspell,
    rename,
    renumber_documents,
    seed_to_variant,
    shift_number,
    shift_years,
)
from pipeline.corpus.writers import docx_to_pdf, text_to_docx
from pipeline.process import process_file
from pipeline.read import read_document
from schemas.extraction import ScoreRow
from schemas.finding import Finding

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
PLACE_NAMES = sorted({name for districts in PROVINCES.values() for d, cs in districts.items() for name in (d, *cs)})
PLAN = "ke-hoach"  # the KẾ HOẠCH seed (002) states no score at all: its variants hold actions instead


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def score_keys(scores: Sequence[ScoreRow]) -> list[str]:
    return sorted(str((s.code, s.level, s.max_raw, s.self_raw, s.achieved_raw, s.deducted_raw, s.rank)) for s in scores)


def rule_ids(findings: Sequence[Finding]) -> Counter[str]:
    return Counter(f.rule_id for f in findings)


SEEDS = dict(recipes_with_seeds())


def seed_text(recipe: SeedRecipe) -> str:
    return SEEDS[recipe]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> CorpusStats:
    return generate_corpus(tmp_path_factory.mktemp("corpus") / "out", 24, seed=0, pdf_share=0)


# --- the corpus -------------------------------------------------------------------------------------------


def test_corpus_files_are_distinct_and_sorted_into_province_and_year(corpus: CorpusStats) -> None:
    files = sorted(p for p in corpus.out.rglob("*") if p.is_file())
    assert sorted(corpus.paths) == files
    assert len(files) == corpus.count == 24
    assert len({sha256(p) for p in files}) == 24
    assert corpus.by_format == {"txt": 13, "docx": 11, "pdf": 0}  # round(24 × 0.45) = 11
    assert Counter(p.suffix[1:] for p in files) == Counter({"txt": 13, "docx": 11})
    for path in files:
        province, year, _ = path.relative_to(corpus.out).parts
        assert province in {"quang-ngai", "quang-tri", "quang-nam", "binh-dinh", "nghe-an"}
        assert 2020 <= int(year) <= 2025


def test_corpus_documents_read_and_yield_records(corpus: CorpusStats) -> None:
    for path in corpus.paths:
        read_document(path)  # raises on a file the pipeline cannot read
        processed = process_file(path)
        assert not processed.failed, path
        if PLAN in path.name:
            assert processed.extraction.actions, path
        else:
            assert processed.extraction.scores, path


def test_corpus_varies_years_units_and_scores(corpus: CorpusStats) -> None:
    infos = [process_file(path).extraction for path in corpus.paths]
    assert len({e.document.report_year for e in infos}) >= 4
    assert len({e.document.locality for e in infos if e.document.locality}) >= 10
    assert len({e.document.signer for e in infos if e.document.signer}) >= 10
    totals = [s.achieved_raw for e in infos for s in e.scores if s.code == "total" and s.max_raw == "100"]
    assert len(set(totals)) >= 5, totals


def test_same_seed_gives_the_same_bytes_and_another_seed_other_documents(tmp_path: Path) -> None:
    first = generate_corpus(tmp_path / "a", 10, seed=7, pdf_share=0)
    second = generate_corpus(tmp_path / "b", 10, seed=7, pdf_share=0)
    other = generate_corpus(tmp_path / "c", 10, seed=8, pdf_share=0)
    names = [p.relative_to(first.out) for p in first.paths]
    assert names == [p.relative_to(second.out) for p in second.paths]
    assert {p.suffix for p in first.paths} == {".txt", ".docx"}
    for name in names:
        assert (first.out / name).read_bytes() == (second.out / name).read_bytes(), name
    assert not {sha256(p) for p in first.paths} & {sha256(p) for p in other.paths}


def test_generate_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "old.txt").write_text("x", encoding="utf-8")
    with pytest.raises(CorpusError, match="not an empty folder"):
        generate_corpus(tmp_path, 3)


@pytest.mark.parametrize(("pdf_share", "docx_share"), [(0.6, 0.6), (-0.1, 0.5), (0.1, 1.5)])
def test_generate_refuses_shares_that_do_not_add_up(tmp_path: Path, pdf_share: float, docx_share: float) -> None:
    with pytest.raises(CorpusError, match="shares"):
        generate_corpus(tmp_path / "out", 3, pdf_share=pdf_share, docx_share=docx_share)


def test_without_libreoffice_pdf_documents_are_written_as_docx(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr("pipeline.corpus.generate.soffice_binary", lambda: None)
    with caplog.at_level(logging.WARNING, logger="pipeline.corpus.generate"):
        stats = generate_corpus(tmp_path / "out", 10, pdf_share=0.2, docx_share=0.3)
    assert stats.pdf_skipped == 2
    assert stats.by_format == {"txt": 5, "docx": 5, "pdf": 0}
    assert not list(stats.out.rglob("*.pdf"))
    assert "LibreOffice" in caplog.text


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not on PATH")
def test_corpus_with_pdfs_reads_and_modify_leaves_pdfs_alone(tmp_path: Path) -> None:
    stats = generate_corpus(tmp_path / "out", 24, seed=3, pdf_share=0.1)
    pdfs = sorted(stats.out.rglob("*.pdf"))
    assert stats.by_format["pdf"] == len(pdfs) == 2
    assert len({sha256(p) for p in stats.paths}) == 24
    for path in pdfs:
        processed = process_file(path)
        assert not processed.failed, path
        assert processed.extraction.actions if PLAN in path.name else processed.extraction.scores, path
    before = {p: sha256(p) for p in pdfs}
    changed = modify_corpus(stats.out, 0.5, seed=2)
    assert len(changed) == 12
    assert not [p for p in changed if p.suffix == ".pdf"]
    assert {p: sha256(p) for p in pdfs} == before


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not on PATH")
def test_pdf_variants_read_like_their_text(tmp_path: Path) -> None:
    """The DOCX behind a PDF keeps paragraphs apart, footnotes small and the table header whole, so the PDF
    reader gets the same scores, footnotes and findings as from the text."""
    variants = [seed_to_variant(r, seed_text(r), random.Random(f"pdf/{r.kind}")) for r in RECIPES]
    jobs = [(text_to_docx(v.text, title=v.kind), tmp_path / f"{v.kind}.pdf") for v in variants]
    docx_to_pdf(jobs, shutil.which("soffice") or "soffice")
    for variant, (_, pdf) in zip(variants, jobs, strict=True):
        txt = tmp_path / f"{variant.kind}.txt"
        txt.write_text(variant.text, encoding="utf-8")
        from_text, from_pdf = process_file(txt), process_file(pdf)
        assert from_text.document is not None
        assert from_pdf.document is not None
        assert len(from_pdf.document.footnotes()) == len(from_text.document.footnotes()), variant.kind
        assert score_keys(from_pdf.extraction.scores) == score_keys(from_text.extraction.scores), variant.kind
        assert rule_ids(from_pdf.extraction.findings) == rule_ids(from_text.extraction.findings), variant.kind


# --- modify_corpus ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("share", [0.05, 0.125, 0.5])
def test_modify_changes_exactly_the_share_and_files_still_read(
    corpus: CorpusStats, tmp_path: Path, share: float
) -> None:
    out = tmp_path / "copy"
    shutil.copytree(corpus.out, out)
    before = {p: sha256(p) for p in out.rglob("*") if p.is_file()}
    changed = modify_corpus(out, share, seed=1)
    after = {p: sha256(p) for p in out.rglob("*") if p.is_file()}
    differ = sorted(p for p in before if before[p] != after[p])
    assert len(changed) == round(share * 24)
    assert changed == differ
    for path in changed:
        assert not process_file(path).failed, path


def test_modify_changes_one_digit_of_a_number(corpus: CorpusStats, tmp_path: Path) -> None:
    out = tmp_path / "copy"
    shutil.copytree(corpus.out, out)
    txt = next(p for p in sorted(out.rglob("*.txt")))
    before = txt.read_text(encoding="utf-8")
    changed = modify_corpus(out, 1.0, seed=5)
    assert txt in changed
    after = txt.read_text(encoding="utf-8")
    assert len(after) == len(before)
    differences = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert len(differences) == 1
    assert all(a.isdigit() and b.isdigit() for a, b in differences)


def test_modify_refuses_more_than_the_text_and_docx_files(tmp_path: Path) -> None:
    (tmp_path / "a.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "b.txt").write_text("Đạt 10 điểm", encoding="utf-8")
    with pytest.raises(CorpusError, match="cannot modify"):
        modify_corpus(tmp_path, 1.0)


# --- variants ---------------------------------------------------------------------------------------------


def test_each_sample_is_the_seed_of_exactly_one_recipe() -> None:
    samples = sorted(path.read_text(encoding="utf-8") for path in SAMPLES.glob("*.txt"))
    assert sorted(SEEDS.values()) == samples
    assert len(SEEDS) == len(RECIPES) == 5


@pytest.mark.parametrize("recipe", RECIPES, ids=lambda r: r.kind)
def test_every_recipe_quotes_its_seed_and_its_seed_only(recipe: SeedRecipe) -> None:
    for piece in recipe.quoted():
        assert piece in seed_text(recipe), piece
    assert str(recipe.report_year) in seed_text(recipe)
    others = [text for other, text in SEEDS.items() if other != recipe]
    assert not [text for text in others if all(piece in text for piece in recipe.quoted())]


def test_recipes_with_seeds_refuses_samples_that_changed(tmp_path: Path) -> None:
    for path in SAMPLES.glob("*.txt"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8").replace("79,87", "79,88"), encoding="utf-8")
    with pytest.raises(ValueError, match="bao-cao-chi-so: 0 texts"):
        recipes_with_seeds(tmp_path)


@pytest.mark.parametrize("recipe", RECIPES, ids=lambda r: r.kind)
def test_variants_raise_no_finding_their_seed_does_not(recipe: SeedRecipe, tmp_path: Path) -> None:
    """Tied numbers move together, so a variant is exactly as consistent as its seed, in text and DOCX."""
    seed_path = tmp_path / "seed.txt"
    seed_path.write_text(seed_text(recipe), encoding="utf-8")
    seed_rules = rule_ids(process_file(seed_path).extraction.findings)
    for attempt in range(3):
        variant = seed_to_variant(recipe, seed_text(recipe), random.Random(f"consistency/{attempt}"))
        assert variant.text != seed_text(recipe)
        txt, docx = tmp_path / f"{attempt}.txt", tmp_path / f"{attempt}.docx"
        txt.write_text(variant.text, encoding="utf-8")
        docx.write_bytes(text_to_docx(variant.text, title="t"))
        for path in (txt, docx):
            extraction = process_file(path).extraction
            assert rule_ids(extraction.findings) == seed_rules, (path.name, extraction.findings)
            if recipe.unit_names and recipe.level == "district":
                assert extraction.document.locality == variant.unit
            assert extraction.document.report_year == variant.report_year


@pytest.mark.parametrize(
    ("printed", "delta", "expected"),
    [
        ("14,50", 37, "14,87"),
        ("14,50", -1450, "0,00"),
        ("79,87", 13, "80,00"),
        ("70.78", -100, "69.78"),
        ("05", 3, "08"),
        ("05", 10, "15"),
        ("30", -5, "25"),
        ("0,65", 300, "3,65"),
    ],
)
def test_shift_number_keeps_decimals_separator_and_padding(printed: str, delta: int, expected: str) -> None:
    assert shift_number(printed, delta) == expected


def test_shift_number_refuses_to_go_below_zero() -> None:
    with pytest.raises(ValueError, match="negative"):
        shift_number("0,65", -66)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ngày 25/7/2024 và năm 2023", "ngày 25/7/2022 và năm 2021"),
        ("giai đoạn 2021 - 2025", "giai đoạn 2019 - 2023"),
        ("Nghị định số 30/2020/NĐ-CP", "Nghị định số 30/2018/NĐ-CP"),
        ("Quyết định số 2023/QĐ-UBND", "Quyết định số 2023/QĐ-UBND"),  # a document number, not a year
        ("1.2024 hồ sơ, 12.2023 tin", "1.2024 hồ sơ, 12.2023 tin"),
    ],
)
def test_shift_years_moves_years_only(text: str, expected: str) -> None:
    assert shift_years(text, -2) == expected


def test_renumber_documents_gives_a_citation_the_same_new_number_each_time() -> None:
    text = "Số: 59/BC-UBND. Căn cứ 536/QĐ-UBND, 30/2020/NĐ-CP và lại 536/QĐ-UBND ngày 25/7/2024; đạt 26/26."
    renumbered = renumber_documents(text, random.Random(1))
    numbers = re.findall(r"(\d+)/QĐ-UBND", renumbered)
    assert len(numbers) == 2
    assert numbers[0] == numbers[1] != "536"
    assert "30/2020/NĐ-CP" in renumbered
    assert renumbered.endswith("ngày 25/7/2024; đạt 26/26.")
    assert re.search(r"Số: \d\d/BC-UBND", renumbered)


@pytest.mark.parametrize("attempt", range(20))
def test_apply_rank_draws_one_rank_for_every_anchor_within_the_total(attempt: int) -> None:
    text = "xếp vị trí thứ 05/13 huyện; (đúng thứ 05/13)"
    ranked = apply_rank(text, Rank(("trí thứ 05/13", "đúng thứ 05/13")), random.Random(attempt))
    ranks = re.findall(r"thứ (\d\d)/13", ranked)
    assert len(ranks) == 2
    assert ranks[0] == ranks[1]
    assert 1 <= int(ranks[0]) <= 13


def test_rename_is_one_pass_whole_words_and_capitals() -> None:
    names = {"Sơn Tịnh": "Tịnh Sơn", "Tịnh Sơn": "Bình Sơn"}
    text = "huyện Sơn Tịnh, xã Tịnh Sơn, HUYỆN SƠN TỊNH, Sơn Tịnhx"
    assert rename(text, names) == "huyện Tịnh Sơn, xã Bình Sơn, HUYỆN TỊNH SƠN, Sơn Tịnhx"


@pytest.mark.parametrize("name", PLACE_NAMES)
def test_misspell_changes_one_tone_into_a_composed_name(name: str) -> None:
    wrong = misspell(name)
    assert wrong != name
    assert unicodedata.normalize("NFC", wrong) == wrong
    assert not any(unicodedata.combining(c) for c in wrong)
    assert fold_accents(wrong) == fold_accents(name)  # what the name-variant rule calls "the same name"


def test_place_names_are_nfc() -> None:
    assert all(unicodedata.normalize("NFC", name) == name for name in PLACE_NAMES)


# --- the command ------------------------------------------------------------------------------------------


def test_cli_generates_then_modifies(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main([str(out), "--count", "6", "--pdf-share", "0"]) == 0
    assert "wrote 6 documents" in capsys.readouterr().out
    assert main([str(out), "--modify", "0.5"]) == 0
    assert "modified 3 files" in capsys.readouterr().out
    assert main([str(out), "--count", "6"]) == 2
    assert "Error: " in capsys.readouterr().err
