"""The `cchc` command as a user runs it: a real process, real files, exit codes and stderr."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def cchc(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "flows", *map(str, args)], capture_output=True, text=True, timeout=120, check=False
    )


def test_cli_text_prints_the_normalised_text() -> None:
    result = cchc("text", SAMPLES / "004_3f70570ce8af78c4.pdf")
    assert result.returncode == 0
    assert result.stdout.startswith("THÔNG BÁO\n\nKết luận của Chủ tịch UBND huyện")
    assert "đạt 84,76/100 điểm" in result.stdout


def test_cli_blocks_prints_blocks_with_provenance() -> None:
    result = cchc("blocks", SAMPLES / "001_24bb1c8119953113.pdf")
    assert result.returncode == 0
    payload = json.loads(result.stdout)
    assert payload["schema_version"] == 1
    assert payload["source"]["format"] == "pdf"
    assert payload["source"]["pages"] == 16
    blocks = payload["blocks"]
    assert blocks[0]["block_id"] == "b0"
    footnotes = [b for b in blocks if b["kind"] == "footnote"]
    assert len(footnotes) == 18
    assert all(b["page"] >= 1 for b in blocks)


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.pdf", b"", "empty file"),
        ("report.xlsx", b"PK\x03\x04", "unsupported file type"),
        ("fake.docx", b"%PDF-1.7\n%%EOF\n", "extension says DOCX"),
        ("broken.docx", b"PK\x03\x04 this is not a zip archive", "DOCX"),
    ],
)
def test_cli_bad_input_is_one_line_and_exit_code_2(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    started = time.perf_counter()
    result = cchc("text", path)
    assert time.perf_counter() - started < 30
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Lỗi / Error: ")
    assert name in lines[0]
    assert reason in lines[0]
    assert "Traceback" not in result.stderr


def test_cli_missing_file_names_it(tmp_path: Path) -> None:
    result = cchc("blocks", tmp_path / "không-có.pdf")
    assert result.returncode == 2
    assert "không-có.pdf" in result.stderr
    assert "file not found" in result.stderr


def test_cli_inspect_goes_on_after_a_bad_file(tmp_path: Path) -> None:
    (tmp_path / "a_bad.pdf").write_bytes(b"%PDF-1.4\ngarbage")
    (tmp_path / "b_good.txt").write_text("Tổng điểm đạt 79,87 điểm/100 điểm, xếp thứ 11/13.\n", encoding="utf-8")
    result = cchc("inspect", tmp_path)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[1].startswith("a_bad.pdf")
    assert "parse-error" in lines[1]
    assert lines[2].split()[:2] == ["b_good.txt", "txt"]
    assert lines[-1].startswith("2 tệp / files: 1 đọc được / read, 1 lỗi / failed")


def test_cli_without_a_command_shows_usage() -> None:
    result = cchc()
    assert result.returncode == 2
    assert "usage: cchc" in result.stderr


def test_cli_check_shows_the_arithmetic_and_the_source_and_exits_1_on_errors(tmp_path: Path) -> None:
    bad = tmp_path / "hỏng.pdf"
    bad.write_bytes(b"%PDF-1.7 not really")
    result = cchc("check", SAMPLES / "000_ca77cff5a68984a1.pdf", bad, SAMPLES / "004_3f70570ce8af78c4.docx")
    assert result.returncode == 1
    assert "deduction-mismatch [7]" in result.stdout
    assert "13,5 − 12,89 = 0,61, văn bản ghi 2,77 ✗" in result.stdout
    assert "bị trừ 2,77 điểm" in result.stdout  # the sentence that states it, quoted
    assert "parse-error" in result.stdout
    assert "004_3f70570ce8af78c4.docx: 0 phát hiện" in result.stdout
    assert "Traceback" not in result.stderr


def test_cli_check_json_and_exit_0_without_errors() -> None:
    result = cchc("check", "--format", "json", SAMPLES / "002_9ed66c69146e5c6a.txt")
    assert result.returncode == 0  # warnings only
    (line,) = result.stdout.splitlines()
    findings = json.loads(line)["findings"]
    assert [(f["rule_id"], f["severity"]) for f in findings] == [
        ("duplicate-code", "warning"),
        ("date-mismatch", "warning"),
    ]


def test_cli_extract_and_check_report_the_same_findings() -> None:
    path = SAMPLES / "001_24bb1c8119953113.txt"
    extracted = json.loads(cchc("extract", path).stdout)["findings"]
    (line,) = cchc("check", "--format", "json", path).stdout.splitlines()
    assert extracted == json.loads(line)["findings"]
    assert {f["rule_id"] for f in extracted} >= {"part-whole-mismatch", "name-variant"}  # text rules ran
