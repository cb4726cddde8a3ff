"""The README tells the truth about the quick start and the command line."""

from __future__ import annotations

import re
from pathlib import Path

from flows.cli import _parser

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_quick_start_is_exactly_make_run_and_make_test() -> None:
    section = README.split("## Quick start", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block is not None
    assert block.group(1).split("\n")[:-1] == ["make run", "make test"]


def test_makefile_has_the_targets_the_readme_names() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ["run", "test", "check", "bench", "samples"]:
        assert re.search(rf"^{target}:", makefile, re.M), target
        assert f"make {target}" in README


def test_ci_runs_the_readme_test_command() -> None:
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_cli_command_is_documented() -> None:
    commands = _parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    assert commands
    for name in commands:
        assert f"`cchc {name}" in README, name


def test_benchmarks_name_the_command_they_come_from() -> None:
    benchmarks = (ROOT / "BENCHMARKS.md").read_text(encoding="utf-8")
    assert "python -m pipeline.bench" in benchmarks
    assert "Machine:" in benchmarks


def test_readme_rule_table_is_the_rule_registry() -> None:
    from pipeline.validate.rule_registry import RULES

    section = README.split("## Validation rules", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `([a-z-]+)` \| (\w+) \| (.+?) \| (.+?) \|$", section, re.M)
    assert rows == [(r.rule_id, r.severity.value, r.meaning, r.example) for r in RULES]
