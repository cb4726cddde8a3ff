"""The `cchc` command. Thin: parse arguments, call the library, turn bad input into one line and exit 2."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path

from flows.ingest_command import add_ingest_parser
from flows.load_command import add_load_parser
from flows.report_command import add_report_parser
from pipeline.errors import PipelineError

DOCUMENT_COMMANDS = "flows.document_commands:"
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130  # as a shell reports Ctrl-C


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    handler = args.handler
    if isinstance(handler, str):  # "module:function", imported only now
        module, name = handler.split(":")
        handler = getattr(importlib.import_module(module), name)
    try:
        return int(handler(args))
    except PipelineError as error:
        print(f"Lỗi / Error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:  # `cchc text big.pdf | head`
        return 0
    except KeyboardInterrupt:
        print(
            "Đã dừng / interrupted: những gì đã ghi vào kho được giữ nguyên; chạy lại để tiếp tục / what was "
            "committed to the warehouse is kept; run again to carry on",
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cchc", description="CCHC / PAR Index documents into data.")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    text = commands.add_parser("text", help="print a file's normalised text")
    text.add_argument("file", type=Path)
    text.set_defaults(handler=DOCUMENT_COMMANDS + "text_command")

    blocks = commands.add_parser("blocks", help="print a file's blocks as JSON, with provenance")
    blocks.add_argument("file", type=Path)
    blocks.set_defaults(handler=DOCUMENT_COMMANDS + "blocks_command")

    inspect = commands.add_parser("inspect", help="read files or folders and print what each holds")
    inspect.add_argument("paths", type=Path, nargs="+")
    inspect.set_defaults(handler=DOCUMENT_COMMANDS + "inspect_command")

    extract = commands.add_parser("extract", help="extract the scorecard (and more) as the JSON contract")
    extract.add_argument("paths", type=Path, nargs="+", metavar="FILE|DIR")
    extract.add_argument("--format", choices=["json", "jsonl", "table"], default=None, dest="output")
    extract.set_defaults(handler=DOCUMENT_COMMANDS + "extract_command")

    check = commands.add_parser("check", help="check the arithmetic: findings with their source text; exit 1 on errors")
    check.add_argument("paths", type=Path, nargs="+", metavar="FILE|DIR")
    check.add_argument("--format", choices=["text", "json"], default="text", dest="output")
    check.set_defaults(handler=DOCUMENT_COMMANDS + "check_command")

    add_ingest_parser(commands)
    add_load_parser(commands)
    add_report_parser(commands)

    evaluate = commands.add_parser("eval", help="score extraction against the hand-written gold rows")
    evaluate.add_argument("--gold", type=Path, default=Path("tests/gold"))
    evaluate.add_argument("--samples", type=Path, default=Path("samples"))
    evaluate.add_argument(
        "--findings-gold", type=Path, default=Path("tests/gold_findings"), help="expected validator findings"
    )
    evaluate.set_defaults(handler=DOCUMENT_COMMANDS + "eval_command")
    return parser


if __name__ == "__main__":
    raise SystemExit(main())
