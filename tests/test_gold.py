"""Extraction against the hand-written gold rows (tests/gold/README.md), in every format."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.evaluate import evaluate_samples, row_key
from pipeline.extract import extract_file

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold"
SAMPLES = ROOT / "samples"
RESULTS = {(r.sample, r.format): r.score for r in evaluate_samples(GOLD, SAMPLES)}
STEMS = sorted(path.stem for path in GOLD.glob("*.json"))


def test_every_sample_has_a_gold_file() -> None:
    assert sorted(path.stem for path in SAMPLES.glob("*.txt")) == STEMS


@pytest.mark.parametrize("fmt", ["txt", "docx", "pdf"])
@pytest.mark.parametrize("stem", STEMS)
def test_score_rows_meet_precision_and_recall(stem: str, fmt: str) -> None:
    score = RESULTS[(stem, fmt)]
    assert score.precision >= 0.98, score.extra
    assert score.recall >= 0.98, score.missing


@pytest.mark.parametrize("stem", STEMS)
def test_the_same_rows_come_out_of_every_format(stem: str) -> None:
    rows = {
        fmt: sorted(map(str, map(row_key, extract_file(SAMPLES / f"{stem}.{fmt}").scores)))
        for fmt in ("txt", "docx", "pdf")
    }
    assert rows["docx"] == rows["txt"]
    assert rows["pdf"] == rows["txt"]


HELDOUT_RESULTS = [
    result
    for folder in (
        ROOT / "tests" / "heldout",
        ROOT / "tests" / "heldout2",
        ROOT / "tests" / "heldout3",
        ROOT / "tests" / "heldout4",
        ROOT / "tests" / "heldout5",
        ROOT / "tests" / "heldout6",
        ROOT / "tests" / "heldout7",
        ROOT / "tests" / "heldout8",
        ROOT / "tests" / "heldout10",
        ROOT / "tests" / "heldout11",
    )
    for result in evaluate_samples(folder, folder, formats=("txt",))
]


@pytest.mark.parametrize("result", HELDOUT_RESULTS, ids=lambda r: r.sample)
def test_score_rows_on_documents_written_after_the_extractor(result: object) -> None:
    """tests/heldout*/: documents and their gold written by someone who had not seen the extractor."""
    score = result.score  # type: ignore[attr-defined]
    assert score.precision >= 0.98, score.extra
    assert score.recall >= 0.98, score.missing


def test_code_names_no_sample_and_quotes_no_sample_sentence() -> None:
    """The extractor must work on documents it has never seen: no sample's name or sentence in the code."""
    code = "\n".join(
        path.read_text(encoding="utf-8")
        for folder in ("extractors", "pipeline")
        for path in (ROOT / folder).rglob("*.py")
    )
    for stem in STEMS:
        assert stem not in code
        for line in (SAMPLES / f"{stem}.txt").read_text(encoding="utf-8").splitlines():
            sentence = line.strip(" -*+").replace("**", "")
            if len(sentence) >= 60:
                assert sentence[:60] not in code, sentence[:60]


@pytest.mark.libreoffice
def test_held_out_documents_as_word_and_pdf_give_the_same_rows(tmp_path: Path) -> None:
    """The held-out texts rendered to DOCX and PDF (as the samples are) must score like their text."""
    import shutil
    import sys

    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed: it renders the held-out documents to PDF")
    sys.path.insert(0, str(SAMPLES))
    import build_samples  # samples/ is a folder of scripts, not a package

    folders = ("heldout", *(f"heldout{n}" for n in (2, 3, 4, 5, 6, 7, 8, 10, 11)))
    texts = [path for folder in folders for path in sorted((ROOT / "tests" / folder).glob("*.txt"))]
    build_samples.build_samples(texts, tmp_path)
    for text in texts:
        shutil.copy(text.with_suffix(".json"), tmp_path / f"{text.stem}.json")
        shutil.copy(text, tmp_path / text.name)
    results = evaluate_samples(tmp_path, tmp_path, formats=("txt", "docx", "pdf"))
    as_text = {r.sample: (r.score.precision, r.score.recall) for r in results if r.format == "txt"}
    assert all(p >= 0.98 and r >= 0.98 for p, r in as_text.values()), as_text
    for result in results:
        assert (result.score.precision, result.score.recall) == as_text[result.sample], (result.sample, result.format)


@pytest.mark.parametrize("fmt", ["txt", "docx", "pdf"])
@pytest.mark.parametrize("stem", STEMS)
def test_document_fields_and_references_match_the_gold(stem: str, fmt: str) -> None:
    from pipeline.evaluate import score_records

    score = score_records(extract_file(SAMPLES / f"{stem}.{fmt}"), GOLD / f"{stem}.json")
    assert score is not None
    assert score.wrong_fields == ()
    assert score.references.recall >= 0.95, score.references.missing
    assert score.references.precision >= 0.95, score.references.extra


@pytest.mark.parametrize("fmt", ["txt", "docx", "pdf"])
@pytest.mark.parametrize("stem", STEMS)
def test_actions_match_the_gold(stem: str, fmt: str) -> None:
    from pipeline.evaluate import score_actions

    score = score_actions(extract_file(SAMPLES / f"{stem}.{fmt}"), GOLD / f"{stem}.json")
    assert score is not None
    assert (score.codes.precision, score.codes.recall) == (1.0, 1.0), (score.codes.missing, score.codes.extra)
    assert score.deadlines_right == score.targets_right == score.codes.matched, score.wrong
    assert score.agency_precision == 1.0, score.wrong
    assert score.agency_recall >= 0.85, score.wrong


RECORD_GOLD = [
    p
    for f in ("heldout4", "heldout5", "heldout6", "heldout7", "heldout8", "heldout10", "heldout11")
    for p in sorted((ROOT / "tests" / f).glob("*.json"))
    if "." not in p.stem
]


@pytest.mark.parametrize("gold", RECORD_GOLD, ids=lambda p: p.stem)
def test_held_out_document_fields_references_and_actions(gold: Path) -> None:
    from pipeline.evaluate import score_actions, score_records

    extraction = extract_file(gold.with_suffix(".txt"))
    records, actions = score_records(extraction, gold), score_actions(extraction, gold)
    assert records is not None
    assert actions is not None
    assert records.wrong_fields == ()
    assert (records.references.precision, records.references.recall) == (1.0, 1.0), records.references
    assert (actions.codes.precision, actions.codes.recall) == (1.0, 1.0), actions.codes
    assert actions.deadlines_right == actions.targets_right == actions.codes.matched, actions.wrong
    assert (actions.agency_precision, actions.agency_recall) == (1.0, 1.0), actions.wrong
