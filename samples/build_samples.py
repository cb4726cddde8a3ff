"""Build `samples/<stem>.docx` and `samples/<stem>.pdf` from every `samples/<stem>.txt`.

How: each .txt is read with the project's own text reader (`pipeline.read.dispatch.read_document`), and the
resulting `Document` is written as a Word file by `samples/docx_writer.py` (python-docx, as a Vietnamese
administrative document would be typed: real tables, real footnotes, page number in the header).
LibreOffice (headless, throw-away profile) then converts each .docx to .pdf.

The build is deterministic: fixed core properties and fixed ZIP timestamps, so a rebuilt .docx is
byte-identical. PDFs are compared by page count and page text, since LibreOffice stamps dates and ids
(`samples/sample_check.py`).

    python samples/build_samples.py           # (re)build samples/*.docx and samples/*.pdf
    python samples/build_samples.py --check   # rebuild in a temporary folder; exit 1 naming what differs
"""

from __future__ import annotations

import argparse
import io
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path

from pipeline.read.dispatch import read_document

SAMPLES_DIR = Path(__file__).resolve().parent
# samples/ is a folder of scripts, not a package. `python samples/build_samples.py` puts it on the path; a test
# that loads this file by its path does not, so add it before importing the sibling modules.
if str(SAMPLES_DIR) not in sys.path:
    sys.path.insert(0, str(SAMPLES_DIR))

# The "as" imports keep docx_differences and pdf_differences importable from here, as before the split.
from docx_writer import document_to_docx  # noqa: E402
from sample_check import docx_differences as docx_differences  # noqa: E402
from sample_check import pdf_differences as pdf_differences  # noqa: E402
from sample_check import sample_differences, sample_texts  # noqa: E402

# Every member of a .docx gets this timestamp, so a rebuild is byte-identical.
ZIP_TIME = (2025, 1, 1, 0, 0, 0)
SOFFICE_TIMEOUT_S = 300
# Tagged PDF, as Word's "Save as PDF" writes by default (JSON filter options need LibreOffice >= 7.4).
PDF_EXPORT_FILTER = 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}'

FONT_HINT = (
    "note: PDF text depends on the fonts LibreOffice finds. The committed PDFs were made with "
    "fonts-liberation2 2.1.5; with fonts-liberation 1.07, LibreOffice drew Vietnamese letters from "
    "DejaVu Serif and lines wrapped differently."
)


class SampleBuildError(RuntimeError):
    """The samples could not be built (LibreOffice missing, conversion failed, …)."""


def deterministic_zip(data: bytes) -> bytes:
    """Re-pack a saved .docx with fixed member timestamps, so equal content gives equal bytes."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            target.writestr(member, source.read(info.filename))
    return out.getvalue()


def write_docx(txt_path: Path, docx_path: Path) -> None:
    document = document_to_docx(read_document(txt_path), txt_path.name)
    buffer = io.BytesIO()
    document.save(buffer)
    docx_path.write_bytes(deterministic_zip(buffer.getvalue()))


def soffice_binary() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        raise SampleBuildError(
            "LibreOffice is not installed: `soffice` is not on PATH (apt-get install libreoffice-writer)"
        )
    return found


def convert_to_pdf(docx_paths: Sequence[Path], out_dir: Path) -> list[Path]:
    """One headless LibreOffice run for all files, with a throw-away profile (works as root, no clash)."""
    soffice = soffice_binary()
    with tempfile.TemporaryDirectory(prefix="cchc-soffice-") as work:
        profile = Path(work) / "profile"
        pdf_dir = Path(work) / "pdf"
        command = [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            PDF_EXPORT_FILTER,
            "--outdir",
            str(pdf_dir),
            *map(str, docx_paths),
        ]
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=SOFFICE_TIMEOUT_S, check=False)
        except subprocess.TimeoutExpired:
            raise SampleBuildError(f"LibreOffice did not finish within {SOFFICE_TIMEOUT_S} s") from None
        produced: list[Path] = []
        for docx_path in docx_paths:
            pdf = pdf_dir / f"{docx_path.stem}.pdf"
            if not pdf.exists():
                raise SampleBuildError(
                    f"LibreOffice did not convert {docx_path.name} (exit {result.returncode}): "
                    f"{result.stderr.strip() or result.stdout.strip()}"
                )
            target = out_dir / pdf.name
            shutil.move(pdf, target)
            produced.append(target)
    return produced


def build_samples(txt_paths: Sequence[Path], out_dir: Path) -> list[Path]:
    """Write <stem>.docx and <stem>.pdf into `out_dir` for every .txt; returns the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    docx_paths = [out_dir / f"{txt.stem}.docx" for txt in txt_paths]
    for txt, docx_path in zip(txt_paths, docx_paths, strict=True):
        write_docx(txt, docx_path)
    pdf_paths = convert_to_pdf(docx_paths, out_dir)
    return [*docx_paths, *pdf_paths]


def check_samples(samples_dir: Path = SAMPLES_DIR) -> list[str]:
    """Rebuild every sample into a temporary folder and list how the committed files differ."""
    with tempfile.TemporaryDirectory(prefix="cchc-samples-") as tmp:
        build_samples(sample_texts(samples_dir), Path(tmp))
        return sample_differences(samples_dir, Path(tmp))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="rebuild into a temporary folder and compare")
    args = parser.parse_args(argv)
    try:
        if args.check:
            problems = check_samples()
            if problems:
                print(
                    "samples differ from a rebuild (run `make samples`):",
                    *(f"  {p}" for p in problems),
                    sep="\n",
                )
                print(FONT_HINT)
                return 1
            print(f"{len(sample_texts(SAMPLES_DIR))} samples reproducible")
            return 0
        written = build_samples(sample_texts(SAMPLES_DIR), SAMPLES_DIR)
    except SampleBuildError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(*(f"wrote {path.relative_to(SAMPLES_DIR.parent)}" for path in written), sep="\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
