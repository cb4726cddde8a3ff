from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    """A folder of documents as users drop them: the seeds as text and Word, in subfolders."""
    folder = tmp_path / "inbox"
    for index, sample in enumerate(sorted((ROOT / "samples").glob("*.txt"))):
        target = folder / ("2024" if index % 2 else "2025") / sample.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(sample, target)
    docx = folder / "word" / "000.docx"
    docx.parent.mkdir()
    shutil.copy(ROOT / "samples" / "000_ca77cff5a68984a1.docx", docx)
    return folder
