"""Reading speed against the floor, in one run: `python -m pipeline.bench [--min-pages 200] [--repeat 3]`.

For each format it times our reader and the bare library call it cannot be faster than, on the same
files, repeated until at least `--min-pages` pages have been read, and prints a Markdown table:
- PDF pages without tables: our reader vs pypdfium2's text layer alone (open + text of every page);
- PDF pages with tables: our reader vs pdfplumber's `extract_tables` alone on those pages;
- DOCX: our reader vs python-docx's paragraph + table-cell text alone.
Pages of a DOCX are counted as the pages of the PDF made from it. Each figure is the best of `--repeat`
runs (this machine is shared and noisy); ratios compare figures from the same run.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import docx
import pdfplumber
import pypdfium2 as pdfium
import spacy

from pipeline.evaluate import findings_markdown, records_markdown
from pipeline.read import read_document
from pipeline.read.agreement import compare_readings
from schemas.document import Document

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@dataclass(frozen=True)
class Measure:
    name: str
    pages: int
    seconds: float

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds else float("inf")


def pdfium_text_floor(path: Path) -> None:
    pdf = pdfium.PdfDocument(path)
    try:
        for page in pdf:
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
    finally:
        pdf.close()


def pdfplumber_tables_floor(path: Path, pages: Sequence[int]) -> None:
    with pdfplumber.open(path) as pdf:
        for number in pages:
            pdf.pages[number - 1].extract_tables()


def python_docx_floor(path: Path) -> None:
    document = docx.Document(str(path))
    for paragraph in document.paragraphs:
        _ = paragraph.text
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                _ = cell.text


def _time(work: Callable[[], None], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def _measure(
    name: str, files: Sequence[Path], pages: int, read: Callable[[Path], object], rounds: int, repeat: int
) -> Measure:
    def work() -> None:
        for _ in range(rounds):
            for path in files:
                read(path)

    return Measure(name, pages * rounds, _time(work, repeat))


def table_pages(path: Path) -> list[int]:
    document = read_document(path)
    pages: set[int] = set()
    for block in document.blocks:
        for cell in block.cells:
            if cell.page is not None:
                pages.add(cell.page)
    return sorted(pages)


def page_count(path: Path) -> int:
    pdf = pdfium.PdfDocument(path)
    try:
        return len(pdf)
    finally:
        pdf.close()


def run(samples: Path, min_pages: int, repeat: int) -> list[tuple[Measure, Measure]]:
    pdfs = sorted(samples.glob("*.pdf"))
    with_tables = {path: table_pages(path) for path in pdfs}
    plain = [path for path in pdfs if not with_tables[path]]
    tabled = [path for path in pdfs if with_tables[path]]
    plain_pages = sum(page_count(p) for p in plain)
    table_page_total = sum(len(with_tables[p]) for p in tabled)
    docx_files = [p.with_suffix(".docx") for p in pdfs if p.with_suffix(".docx").exists()]
    docx_pages = sum(page_count(p.with_suffix(".pdf")) for p in docx_files)
    rows: list[tuple[Measure, Measure]] = []
    if plain:
        rounds = -(-min_pages // plain_pages)
        rows.append(
            (
                _measure("PDF, pages without tables: our reader", plain, plain_pages, read_document, rounds, repeat),
                _measure("pypdfium2 text layer alone", plain, plain_pages, pdfium_text_floor, rounds, repeat),
            )
        )
    if tabled:
        rounds = -(-min_pages // max(table_page_total, 1))
        whole_pages = sum(page_count(p) for p in tabled)
        ours = _measure("PDF with tables: our reader (all pages)", tabled, whole_pages, read_document, rounds, repeat)
        floor = _measure(
            "pdfplumber extract_tables alone (table pages)",
            tabled,
            table_page_total,
            lambda p: pdfplumber_tables_floor(p, with_tables[p]),
            rounds,
            repeat,
        )
        rows.append((ours, floor))
    if docx_files:
        rounds = -(-min_pages // docx_pages)
        rows.append(
            (
                _measure("DOCX: our reader", docx_files, docx_pages, read_document, rounds, repeat),
                _measure(
                    "python-docx paragraphs + cells alone",
                    docx_files,
                    docx_pages,
                    python_docx_floor,
                    rounds,
                    repeat,
                ),
            )
        )
    return rows


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()} {platform.release()}"
    )


def to_markdown(rows: list[tuple[Measure, Measure]]) -> str:
    lines = [
        "| what | pages read | seconds | pages/s | floor | floor pages/s | time ÷ floor time |",
        "|---|---:|---:|---:|---|---:|---:|",
    ]
    for ours, floor in rows:
        # Compare cost per page: the floor may read fewer pages (only table pages) than our reader.
        ratio = (ours.seconds / ours.pages) / (floor.seconds / floor.pages)
        lines.append(
            f"| {ours.name} | {ours.pages} | {ours.seconds:.2f} | {ours.pages_per_second:.0f} | {floor.name} | "
            f"{floor.pages_per_second:.0f} | {ratio:.2f} |"
        )
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    lines.append("")
    lines.append(f"Peak resident memory of the benchmark process: {peak_mb:.0f} MB. Machine: {machine()}.")
    return "\n".join(lines)


def agreement_markdown(samples: Path) -> str:
    """How the DOCX and PDF readings of each sample agree with its text reading."""
    lines = [
        "| sample | format | word overlap | numbers missing | numbers extra | footnotes | footnotes in body |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for text_file in sorted(samples.glob("*.txt")):
        reference = read_document(text_file)
        for fmt in ("docx", "pdf"):
            other_file = text_file.with_suffix(f".{fmt}")
            if not other_file.exists():
                continue
            other = read_document(other_file)
            result = compare_readings(reference, other)
            lines.append(
                f"| {text_file.stem} | {fmt} | {result.word_overlap:.4f} | {sum(result.numbers_missing.values())} | "
                f"{sum(result.numbers_extra.values())} | {len(other.footnotes())}/{len(reference.footnotes())} | "
                f"{len(result.footnotes_in_body)} |"
            )
    return "\n".join(lines)


def extraction_markdown(samples: Path, repeat: int) -> str:
    """Extraction time against reading time, per format, on the same documents; and score-row accuracy."""
    from extractors.vietnamese_numbers import find_quantities
    from pipeline.evaluate import evaluate_samples
    from pipeline.extract import extract_document
    from pipeline.validate import validate_extraction
    from schemas.extraction import Extraction

    lines = [
        "| format | documents | reading ms | extraction ms | extraction ÷ reading | validation ms"
        " | validation ÷ extraction | every block's numbers ms | ÷ reading | spaCy tokens of every block ms | ÷ reading"
        " | score rows P | score rows R |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    results = evaluate_samples(samples.parent / "tests" / "gold", samples)
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    for fmt in ("txt", "docx", "pdf"):
        files = sorted(samples.glob(f"*.{fmt}"))
        documents = [read_document(path) for path in files]

        def read_all(files: list[Path] = files) -> None:
            for path in files:
                read_document(path)

        def extract_all(documents: list[Document] = documents) -> None:
            for document in documents:
                extract_document(document)

        extracted = [(extract_document(document), document) for document in documents]

        def validate_all(pairs: list[tuple[Extraction, Document]] = extracted) -> None:
            for extraction, document in pairs:
                validate_extraction(extraction, document)

        def scan_all(documents: list[Document] = documents) -> None:
            # The floor of a design that finds every number once and shares it: one scan of every block.
            for document in documents:
                for block in document.blocks:
                    find_quantities(block.text)

        def tokenise_all(documents: list[Document] = documents) -> None:
            # The floor of issue #3's spaCy design: the blank Vietnamese tokenizer over every block once.
            for document in documents:
                for block in document.blocks:
                    nlp.make_doc(block.text)

        reading = _time(read_all, repeat)
        scanning = _time(scan_all, repeat)
        tokenising = _time(tokenise_all, repeat)
        extracting = _time(extract_all, repeat)
        validating = _time(validate_all, repeat)
        scores = [r.score for r in results if r.format == fmt]
        matched = sum(score.matched for score in scores)
        precision = matched / max(1, sum(score.predicted for score in scores))
        recall = matched / max(1, sum(score.expected for score in scores))
        lines.append(
            f"| {fmt} | {len(files)} | {reading * 1000:.1f} | {extracting * 1000:.1f} | {extracting / reading:.2f} | "
            f"{validating * 1000:.1f} | {validating / extracting:.2f} | {scanning * 1000:.1f} | "
            f"{scanning / reading:.2f} | {tokenising * 1000:.1f} | {tokenising / reading:.2f} | {precision:.3f} | "
            f"{recall:.3f} |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--samples", type=Path, default=SAMPLES)
    parser.add_argument("--gold", type=Path, default=SAMPLES.parent / "tests" / "gold")
    parser.add_argument("--min-pages", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    print(to_markdown(run(args.samples, args.min_pages, args.repeat)))
    print()
    print(agreement_markdown(args.samples))
    print()
    print(extraction_markdown(args.samples, args.repeat))
    print()
    print(records_markdown(args.samples, args.gold))
    print()
    print(findings_markdown(args.samples, args.gold.parent / "gold_findings"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
