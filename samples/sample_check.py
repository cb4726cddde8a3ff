"""Compare a rebuild of the samples with the committed files, naming every difference.

A .docx is compared member by member (the build is deterministic, so bytes must match). A .pdf is compared
by page count and page text, since LibreOffice stamps dates and ids into every PDF it writes.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pypdfium2


def sample_texts(samples_dir: Path) -> list[Path]:
    """The `<stem>.txt` files in `samples_dir`; each is the source of `<stem>.docx` and `<stem>.pdf`."""
    return sorted(samples_dir.glob("*.txt"))


def docx_differences(committed: Path, rebuilt: Path) -> list[str]:
    """ZIP members that are missing, extra or not byte-identical."""
    with zipfile.ZipFile(committed) as old, zipfile.ZipFile(rebuilt) as new:
        old_names, new_names = set(old.namelist()), set(new.namelist())
        problems = [f"member {name} missing from rebuild" for name in sorted(old_names - new_names)]
        problems += [f"member {name} new in rebuild" for name in sorted(new_names - old_names)]
        problems += [
            f"member {name} differs" for name in sorted(old_names & new_names) if old.read(name) != new.read(name)
        ]
    return problems


def pdf_page_texts(path: Path) -> list[str]:
    pdf = pypdfium2.PdfDocument(path)
    try:
        texts = []
        for page in pdf:
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return texts
    finally:
        pdf.close()


def pdf_differences(committed: Path, rebuilt: Path) -> list[str]:
    """Page count and each page's text (LibreOffice stamps dates and ids, so bytes always differ)."""
    old, new = pdf_page_texts(committed), pdf_page_texts(rebuilt)
    if len(old) != len(new):
        return [f"{len(old)} pages committed, {len(new)} rebuilt"]
    return [
        f"text of page {number} differs" for number, (a, b) in enumerate(zip(old, new, strict=True), start=1) if a != b
    ]


def sample_differences(samples_dir: Path, rebuilt_dir: Path) -> list[str]:
    """Every difference between the committed samples and a rebuild, each naming its file."""
    problems: list[str] = []
    for txt in sample_texts(samples_dir):
        for suffix, compare in ((".docx", docx_differences), (".pdf", pdf_differences)):
            committed, rebuilt = samples_dir / f"{txt.stem}{suffix}", rebuilt_dir / f"{txt.stem}{suffix}"
            if not committed.exists():
                problems.append(f"{committed.name}: not committed (run `make samples`)")
                continue
            problems += [f"{committed.name}: {problem}" for problem in compare(committed, rebuilt)]
    return problems
