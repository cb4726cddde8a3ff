"""Generate a benchmark corpus from the seeds, or change a share of one in place.

python -m pipeline.corpus OUT --count 1000 [--seed 0] [--pdf-share 0.05] [--docx-share 0.45]
python -m pipeline.corpus OUT --modify 0.05 [--seed 1]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from pipeline.corpus.generate import generate_corpus, modify_corpus
from pipeline.errors import PipelineError

EXIT_BAD_INPUT = 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.corpus", description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write (must be empty or absent), or to modify")
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--count", type=int, help="number of documents to generate")
    action.add_argument("--modify", type=float, metavar="SHARE", help="change one number in this share of files")
    parser.add_argument("--seed", type=int, help="random seed (default 0 to generate, 1 to modify)")
    parser.add_argument("--pdf-share", type=float, default=0.05, help="share of PDF documents (default 0.05)")
    parser.add_argument("--docx-share", type=float, default=0.45, help="share of DOCX documents (default 0.45)")
    args = parser.parse_args(argv)
    try:
        if args.modify is not None:
            changed = modify_corpus(args.out, args.modify, seed=1 if args.seed is None else args.seed)
            print(f"modified {len(changed)} files in {args.out}")
            return 0
        stats = generate_corpus(
            args.out,
            args.count,
            seed=0 if args.seed is None else args.seed,
            pdf_share=args.pdf_share,
            docx_share=args.docx_share,
        )
    except PipelineError as error:
        print(f"Lỗi / Error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    formats = ", ".join(f"{n} {fmt}" for fmt, n in stats.by_format.items())
    skipped = f" ({stats.pdf_skipped} PDF written as DOCX: no LibreOffice)" if stats.pdf_skipped else ""
    print(f"wrote {stats.count} documents to {args.out} in {stats.seconds:.1f} s: {formats}{skipped}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
