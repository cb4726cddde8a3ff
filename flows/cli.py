"""The `cchc` command. Thin: parse arguments, call the library, turn bad input into one line and exit 2."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from flows.ingest_command import add_ingest_parser
from flows.load_command import add_load_parser
from flows.report_command import add_report_parser
from flows.terminal_tables import evaluation_table, extraction_table
from pipeline.errors import DocumentLoadError, PipelineError
from pipeline.evaluate import evaluate_samples, records_markdown
from pipeline.extract import extract_document
from pipeline.process import process_file
from pipeline.read import SUPPORTED_SUFFIXES, read_document
from pipeline.summary import DocumentSummary, document_summary
from pipeline.validate import validate_extraction
from pipeline.validate.findings_text import findings_text
from schemas.document import BlockKind
from schemas.finding import Severity
from schemas.quantity import QuantityKind

EXIT_BAD_INPUT = 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args))
    except PipelineError as error:
        print(f"Lỗi / Error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:  # `cchc text big.pdf | head`
        return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cchc", description="CCHC / PAR Index documents into data.")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    text = commands.add_parser("text", help="print a file's normalised text")
    text.add_argument("file", type=Path)
    text.set_defaults(handler=_text)

    blocks = commands.add_parser("blocks", help="print a file's blocks as JSON, with provenance")
    blocks.add_argument("file", type=Path)
    blocks.set_defaults(handler=_blocks)

    inspect = commands.add_parser("inspect", help="read files or folders and print what each holds")
    inspect.add_argument("paths", type=Path, nargs="+")
    inspect.set_defaults(handler=_inspect)

    extract = commands.add_parser("extract", help="extract the scorecard (and more) as the JSON contract")
    extract.add_argument("paths", type=Path, nargs="+", metavar="FILE|DIR")
    extract.add_argument("--format", choices=["json", "jsonl", "table"], default=None, dest="output")
    extract.set_defaults(handler=_extract)

    check = commands.add_parser("check", help="check the arithmetic: findings with their source text; exit 1 on errors")
    check.add_argument("paths", type=Path, nargs="+", metavar="FILE|DIR")
    check.add_argument("--format", choices=["text", "json"], default="text", dest="output")
    check.set_defaults(handler=_check)

    add_ingest_parser(commands)
    add_load_parser(commands)
    add_report_parser(commands)

    evaluate = commands.add_parser("eval", help="score extraction against the hand-written gold rows")
    evaluate.add_argument("--gold", type=Path, default=Path("tests/gold"))
    evaluate.add_argument("--samples", type=Path, default=Path("samples"))
    evaluate.set_defaults(handler=_eval)
    return parser


def _text(args: argparse.Namespace) -> int:
    sys.stdout.write(read_document(args.file).text + "\n")
    return 0


def _blocks(args: argparse.Namespace) -> int:
    document = read_document(args.file)
    payload = document.model_dump(mode="json", exclude={"text"})
    for block, dumped in zip(document.blocks, payload["blocks"], strict=True):
        dumped["block_id"] = block.block_id
    json.dump(payload, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 0


def _inspect(args: argparse.Namespace) -> int:
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


def _extract(args: argparse.Namespace) -> int:
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


def _check(args: argparse.Namespace) -> int:
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


def _eval(args: argparse.Namespace) -> int:
    results = evaluate_samples(args.gold, args.samples)
    print(evaluation_table(results))
    print()
    print(records_markdown(args.samples, args.gold))
    return 0


def _walk(paths: Sequence[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)
        else:
            yield path


if __name__ == "__main__":
    raise SystemExit(main())
