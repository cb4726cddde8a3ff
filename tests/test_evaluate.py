"""The findings scorer matches a finding with a gold entry as tests/gold_findings/README.md says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.evaluate import score_findings
from schemas.finding import Finding, Severity


def _gold(tmp_path: Path, entry: dict[str, object]) -> Path:
    path = tmp_path / "doc.findings.json"
    path.write_text(json.dumps({"must_find": [entry], "must_not_find": [], "may_find": []}), encoding="utf-8")
    return path


def _finding(rule: str, stated: str, expected: str) -> Finding:
    return Finding(rule_id=rule, severity=Severity.ERROR, message="m", code="5", stated=stated, expected=expected)


@pytest.mark.parametrize(
    ("rule", "stated", "expected", "found"),
    [
        ("part-whole-mismatch", "09", "8", True),  # numbers by value: "09" is "9"
        ("part-whole-mismatch", "0.25", "8", False),
        ("conflicting-values", "8,75", "9,25", True),  # either value may be the stated one: the pair matches
        ("conflicting-values", "8,75", "9,5", False),
        ("sum-mismatch", "8,75", "9,25", False),  # only for conflicting values
    ],
)
def test_stated_values_match_by_value_and_conflicts_by_pair(
    tmp_path: Path, rule: str, stated: str, expected: str, found: bool
) -> None:
    gold = _gold(tmp_path, {"rule": rule, "code": "5", "stated": "9,25" if rule != "part-whole-mismatch" else "9",
                            "expected": "8,75", "group": "g"})  # fmt: skip
    score = score_findings([_finding(rule, stated, expected)], gold, {rule})
    assert (score.missed == ()) is found
