"""The commands that read documents (`text`, `blocks`, `inspect`, `extract`, `check`, `eval`). `flows/cli.py`
imports this module only when one of them runs, so `cchc ingest`'s own process never loads the readers and
extractors (its worker processes do)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from flows.terminal_tables import evaluation_table, extraction_table
from pipeline.errors import DocumentLoadError
from pipeline.evaluate import evaluate_samples, findings_markdown, records_markdown
from pipeline.extract import extract_document
from pipeline.process import process_file
from pipeline.read import SUPPORTED_SUFFIXES, read_document
from pipeline.summary import DocumentSummary, document_summary
from pipeline.validate import validate_extraction
from pipeline.validate.findings_text import findings_text
from schemas.document import BlockKind
from schemas.finding import Severity
from schemas.quantity import QuantityKind


def text_command(args: argparse.Namespace) -> int:
    sys.stdout.write(read_document(args.file).text + "\n")
    return 0


def blocks_command(args: argparse.Namespace) -> int:
    document = read_document(args.file)
    payload = document.model_dump(mode="json", exclude={"text"})
    for block, dumped in zip(document.blocks, payload["blocks"], strict=True):
        dumped["block_id"] = block.block_id
    json.dump(payload, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 0


def inspect_command(args: argparse.Namespace) -> int:
    files = list(_walk(args.paths))
    failures = 0
    print(INSPECT_HEADER)
    for path in files:
        try:
            summary = document_summary(read_document(path))
        except DocumentLoadError as error:
            failures += 1
            print(f"{path.name[:40]:40} parse-error: {error.reason}")
            continue
        print(_summary_line(summary))
        for warning in summary.warnings:
            print(f"    ! {warning}")
    print(f"{len(files)} tệp / files: {len(files) - failures} đọc được / read, {failures} lỗi / failed")
    return 0


INSPECT_HEADER = (
    f"{'file':40} {'format':6} {'pages':>5} {'paras':>5} {'tables':>6} {'notes':>5} "
    f"{'points':>6} {'%':>4} {'counts':>6} {'ranks':>5} {'money':>5}"
)


def _summary_line(summary: DocumentSummary) -> str:
    blocks, numbers = summary.blocks, summary.quantities
    paragraphs = blocks[BlockKind.PARAGRAPH] + blocks[BlockKind.LIST_ITEM] + blocks[BlockKind.HEADING]
    pages = "-" if summary.pages is None else str(summary.pages)
    return (
        f"{summary.filename[:40]:40} {summary.format:6} {pages:>5} {paragraphs:>5} {blocks[BlockKind.TABLE]:>6} "
        f"{blocks[BlockKind.FOOTNOTE]:>5} {numbers[QuantityKind.POINTS]:>6} {numbers[QuantityKind.PERCENT]:>4} "
        f"{numbers[QuantityKind.COUNT]:>6} {numbers[QuantityKind.RANK]:>5} {numbers[QuantityKind.MONEY]:>5}"
    )


def extract_command(args: argparse.Namespace) -> int:
    files = list(_walk(args.paths))
    single = len(files) == 1 and not any(path.is_dir() for path in args.paths)
    output = args.output or ("json" if single else "jsonl")
    if output == "json" and single:
        document = read_document(files[0])  # one file: bad input is an error, exit 2
        extraction = validate_extraction(extract_document(document), document)
        sys.stdout.write(extraction.model_dump_json(indent=2) + "\n")
        return 0
    failures = 0
    for index, path in enumerate(files):
        extraction = process_file(path).extraction
        failures += bool(extraction.findings and extraction.findings[0].rule_id == "parse-error")
        if output == "table":
            sys.stdout.write(("\n" if index else "") + extraction_table(extraction) + "\n")
        else:
            sys.stdout.write(extraction.model_dump_json() + "\n")
    if failures:
        print(f"{failures} tệp không đọc được / files could not be read (parse-error)", file=sys.stderr)
    return 0


def check_command(args: argparse.Namespace) -> int:
    errors = 0
    for index, path in enumerate(_walk(args.paths)):
        processed = process_file(path)
        document, extraction = processed.document, processed.extraction
        errors += sum(finding.severity is Severity.ERROR for finding in extraction.findings)
        if args.output == "json":
            findings = [finding.model_dump(mode="json") for finding in extraction.findings]
            sys.stdout.write(json.dumps({"source": str(path), "findings": findings}, ensure_ascii=False) + "\n")
        else:
            sys.stdout.write(("\n" if index else "") + findings_text(str(path), extraction.findings, document) + "\n")
    return 1 if errors else 0


def eval_command(args: argparse.Namespace) -> int:
    results = evaluate_samples(args.gold, args.samples)
    print(evaluation_table(results))
    print()
    print(records_markdown(args.samples, args.gold))
    if args.findings_gold.is_dir():
        print()
        print(findings_markdown(args.samples, args.findings_gold))
    return 0


def _walk(paths: Sequence[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)
        else:
            yield path
