"""Generate a corpus of distinct documents from the seeds, and change a share of it in place.

Documents are variants of the five seeds in `samples/*.txt` (see `variants.py` for what changes and how
the arithmetic is kept). They are written under `<province>/<report year>/` as text, DOCX and, for a small
share, PDF (DOCX converted by LibreOffice in one run; without LibreOffice those documents are written as
DOCX and a warning says so). The same seed gives the same text and DOCX bytes; PDF bytes differ from run
to run, since LibreOffice stamps dates and ids into them.
"""

from __future__ import annotations

import logging
import random
import re
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from pipeline.corpus.seeds import SeedRecipe, recipes_with_seeds
from pipeline.corpus.variants import Variant, seed_to_variant, slug
from pipeline.corpus.writers import CorpusError, docx_members, docx_to_pdf, soffice_binary, text_to_docx, zip_members

FORMATS = ("txt", "docx", "pdf")
MAX_ATTEMPTS = 50
SCORE = re.compile(r"\d+(?:,\d+)?(?= điểm)")  # a number of points: the preferred one to change
DIGITS = re.compile(r"\d+")
WORD_TEXT = re.compile(r"(<w:t(?:\s[^>]*)?>)([^<]*)(</w:t>)")

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class CorpusStats:
    out: Path
    paths: tuple[Path, ...]
    by_format: dict[str, int]
    by_kind: dict[str, int]  # documents per seed, named by its recipe's kind
    pdf_skipped: int  # documents meant as PDF, written as DOCX because LibreOffice is missing
    seconds: float

    @property
    def count(self) -> int:
        return len(self.paths)


def generate_corpus(
    out: Path, count: int, *, seed: int = 0, pdf_share: float = 0.05, docx_share: float = 0.45
) -> CorpusStats:
    """Write `count` distinct documents (distinct sha256) into `out`, which must be empty or absent."""
    started = time.perf_counter()
    check_arguments(out, count, pdf_share, docx_share)
    seeds = recipes_with_seeds()
    formats = plan_formats(count, pdf_share, docx_share, random.Random(seed))
    soffice = soffice_binary()
    pdf_skipped = formats.count("pdf") if soffice is None else 0
    if pdf_skipped:
        logger.warning("LibreOffice (soffice) is not on PATH: %d PDF documents written as DOCX instead", pdf_skipped)
        formats = ["docx" if f == "pdf" else f for f in formats]

    seen: set[str] = set()
    paths: list[Path] = []
    pdf_jobs: list[tuple[bytes, Path]] = []
    for index, fmt in enumerate(formats):
        recipe, seed_text = seeds[index % len(seeds)]
        variant = unique_variant(recipe, seed_text, seen, seed=seed, index=index)
        path = (
            out
            / slug(variant.province)
            / str(variant.report_year)
            / f"{index:05d}_{variant.kind}_{slug(variant.unit)}.{fmt}"
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        if fmt == "txt":
            path.write_text(variant.text, encoding="utf-8")
        elif fmt == "docx":
            path.write_bytes(text_to_docx(variant.text, title=path.stem))
        else:
            pdf_jobs.append((text_to_docx(variant.text, title=path.stem), path))  # converted together below
        paths.append(path)
    if pdf_jobs and soffice is not None:
        docx_to_pdf(pdf_jobs, soffice)
    return CorpusStats(
        out=out,
        paths=tuple(paths),
        by_format={fmt: formats.count(fmt) for fmt in FORMATS},
        by_kind=dict(Counter(seeds[index % len(seeds)][0].kind for index in range(count))),
        pdf_skipped=pdf_skipped,
        seconds=time.perf_counter() - started,
    )


def check_arguments(out: Path, count: int, pdf_share: float, docx_share: float) -> None:
    if count < 1:
        raise CorpusError(f"count must be at least 1, not {count}")
    if not (0 <= pdf_share <= 1 and 0 <= docx_share <= 1 and pdf_share + docx_share <= 1):
        raise CorpusError(f"shares must lie in 0..1 and add up to at most 1 (pdf {pdf_share}, docx {docx_share})")
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise CorpusError(f"{out} is not an empty folder: choose a new one, so the corpus holds only generated files")


def plan_formats(count: int, pdf_share: float, docx_share: float, rng: random.Random) -> list[str]:
    n_pdf = round(count * pdf_share)
    n_docx = min(round(count * docx_share), count - n_pdf)
    formats = ["pdf"] * n_pdf + ["docx"] * n_docx + ["txt"] * (count - n_pdf - n_docx)
    rng.shuffle(formats)
    return formats


def unique_variant(recipe: SeedRecipe, text: str, seen: set[str], *, seed: int, index: int) -> Variant:
    """A variant whose text no earlier document has; each document draws from its own generator, so
    document i does not depend on how many draws the documents before it needed."""
    for attempt in range(MAX_ATTEMPTS):
        variant = seed_to_variant(recipe, text, random.Random(f"{seed}/{index}/{attempt}"))
        if variant.text not in seen:
            seen.add(variant.text)
            return variant
    raise CorpusError(f"no new variant of {recipe.kind} after {MAX_ATTEMPTS} attempts (document {index})")


def modify_corpus(out: Path, share: float = 0.05, *, seed: int = 1) -> list[Path]:
    """Change one number in round(share × files) of the corpus's files, in place; returns them, sorted.

    Only .txt and .docx files are chosen (a PDF would need LibreOffice again); the share is of all files.
    The number changed is one printed before "điểm" where the file has one, else any number; its last
    digit goes up by one (9 becomes 0), so every chosen file's bytes, and its sha256, change."""
    files = sorted(p for p in out.rglob("*") if p.is_file() and p.suffix[1:] in FORMATS)
    candidates = [p for p in files if p.suffix != ".pdf"]
    wanted = round(share * len(files))
    if not 0 <= share <= 1 or wanted > len(candidates):
        raise CorpusError(f"cannot modify {share:.0%} of {len(files)} files: {len(candidates)} are .txt or .docx")
    rng = random.Random(seed)
    chosen = sorted(rng.sample(candidates, wanted))
    for path in chosen:
        if path.suffix == ".txt":
            path.write_text(bump_a_number(path.read_text(encoding="utf-8"), rng), encoding="utf-8")
        else:
            path.write_bytes(bump_a_number_in_docx(path.read_bytes(), rng))
    return chosen


def bump_a_number(text: str, rng: random.Random) -> str:
    matches = list(SCORE.finditer(text)) or list(DIGITS.finditer(text))
    if not matches:
        raise CorpusError("no number to change")
    match = rng.choice(matches)
    end = match.end() - 1
    return f"{text[:end]}{(int(text[end]) + 1) % 10}{text[end + 1 :]}"


def bump_a_number_in_docx(data: bytes, rng: random.Random) -> bytes:
    """Change a number inside one <w:t> of word/document.xml; the rest of the package as it was."""
    members = docx_members(data)
    xml = members["word/document.xml"].decode("utf-8")
    nodes = [m for m in WORD_TEXT.finditer(xml) if DIGITS.search(m.group(2))]
    if not nodes:
        raise CorpusError("no number to change in word/document.xml")
    node = rng.choice([m for m in nodes if SCORE.search(m.group(2))] or nodes)
    members["word/document.xml"] = (
        f"{xml[: node.start(2)]}{bump_a_number(node.group(2), rng)}{xml[node.end(2) :]}".encode()
    )
    return zip_members(members)
