"""Score rows against hand-written gold (`tests/gold/<stem>.json`): precision and recall per sample and
format. A row counts only if its code, year and every number match (`tests/gold/README.md`)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from pipeline.read.normalise import normalise_chars
from schemas.extraction import Extraction, ScoreRow
from schemas.finding import Finding

NUMBER_FIELDS = ("max_points", "self_points", "achieved_points", "deducted_points")
RowKey = tuple[str | None, int | None, str | None, str | None, str | None, str | None, int | None, int | None]


@dataclass(frozen=True)
class RowScore:
    matched: int
    predicted: int
    expected: int
    missing: tuple[RowKey, ...]  # in the gold, not extracted
    extra: tuple[RowKey, ...]  # extracted, not in the gold

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0


def _number(value: Any) -> str | None:
    if value is None:
        return None
    return format(Decimal(str(value)).normalize(), "f")


def gold_key(row: dict[str, Any]) -> RowKey:
    numbers = [_number(row.get(name)) for name in NUMBER_FIELDS]
    return (row["code"], row.get("year"), *numbers, row.get("rank"), row.get("rank_total"))


def row_key(row: ScoreRow) -> RowKey:
    numbers = [_number(getattr(row, name)) for name in NUMBER_FIELDS]
    return (row.code, row.year, *numbers, row.rank, row.rank_total)  # type: ignore[return-value]


def load_gold(path: Path) -> list[dict[str, Any]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    rows: list[dict[str, Any]] = data["scores"]
    return rows


def score_rows(predicted: Iterable[ScoreRow], gold: Sequence[dict[str, Any]]) -> RowScore:
    got = Counter(row_key(row) for row in predicted)
    want = Counter(gold_key(row) for row in gold)
    matched = got & want
    return RowScore(
        matched=sum(matched.values()),
        predicted=sum(got.values()),
        expected=sum(want.values()),
        missing=tuple((want - got).elements()),
        extra=tuple((got - want).elements()),
    )


@dataclass(frozen=True)
class SampleScore:
    sample: str
    format: str
    score: RowScore


def evaluate_samples(
    gold_dir: Path, samples_dir: Path, formats: Sequence[str] = ("txt", "docx", "pdf")
) -> list[SampleScore]:
    """Extract every sample that has a gold file, in every format present, and score it."""
    from pipeline.extract import extract_file  # the scorer reads what the extract stage returns

    results: list[SampleScore] = []
    for gold_path in sorted(gold_dir.glob("*.json")):
        paths = [samples_dir / f"{gold_path.stem}.{fmt}" for fmt in formats]
        if not any(path.exists() for path in paths):
            continue  # not an extraction gold ("<stem>.findings.json" holds expected findings)
        gold = load_gold(gold_path)
        for fmt, path in zip(formats, paths, strict=True):
            if path.exists():
                results.append(SampleScore(gold_path.stem, fmt, score_rows(extract_file(path).scores, gold)))
    return results


DOCUMENT_FIELDS = (
    "doc_type",
    "number",
    "issuer",
    "locality",
    "admin_level",
    "issue_place",
    "issue_date",
    "report_year",
    "plan_year",
    "title",
    "signer",
    "signer_title",
)


@dataclass(frozen=True)
class RecordScore:
    """References (type, number, date, issuer) and document fields against a gold file's "references" and "document"."""

    references: RowScore
    fields_right: int
    fields_total: int
    wrong_fields: tuple[tuple[str, Any, Any], ...]  # (field, extracted, gold)


def score_records(extraction: Extraction, gold_path: Path) -> RecordScore | None:
    data = json.loads(gold_path.read_text(encoding="utf-8"))
    if "document" not in data or "references" not in data:
        return None
    got = Counter(
        (r.doc_type, r.number, r.date.isoformat() if r.date else None, r.issuer) for r in extraction.references
    )
    want = Counter((r["doc_type"], r["number"], r["date"], r["issuer"]) for r in data["references"])
    matched = got & want
    references = RowScore(
        matched=sum(matched.values()),
        predicted=sum(got.values()),
        expected=sum(want.values()),
        missing=tuple((want - got).elements()),  # type: ignore[arg-type]
        extra=tuple((got - want).elements()),  # type: ignore[arg-type]
    )
    document = extraction.document.model_dump(mode="json")
    wrong = tuple((f, document[f], data["document"][f]) for f in DOCUMENT_FIELDS if document[f] != data["document"][f])
    return RecordScore(references, len(DOCUMENT_FIELDS) - len(wrong), len(DOCUMENT_FIELDS), wrong)


ROLES = ("lead_agencies", "partner_agencies", "monitor_agencies")


@dataclass(frozen=True)
class ActionScore:
    """Actions against a gold file's "actions": found by code (in order of appearance, a code may repeat),
    then, among the pairs, deadlines with the right start and end, targets, and agencies in the right role."""

    codes: RowScore
    deadlines_right: int
    targets_right: int
    agencies_found: int
    agencies_expected: int
    agencies_extracted: int
    wrong: tuple[tuple[str, str, Any, Any], ...]  # (code, what, extracted, gold)

    @property
    def agency_recall(self) -> float:
        return self.agencies_found / self.agencies_expected if self.agencies_expected else 1.0

    @property
    def agency_precision(self) -> float:
        return self.agencies_found / self.agencies_extracted if self.agencies_extracted else 1.0


def _agency(text: str) -> str:
    """Compared as the reader gives text (dashes, tone marks normalised), ignoring case and edge punctuation."""
    return " ".join(normalise_chars(text).split()).strip(" .;,").casefold()


def score_actions(extraction: Extraction, gold_path: Path) -> ActionScore | None:
    data = json.loads(gold_path.read_text(encoding="utf-8"))
    if "actions" not in data:
        return None
    want: list[dict[str, Any]] = data["actions"]
    got = [action.model_dump(mode="json") for action in extraction.actions]
    pairs: list[tuple[dict[str, Any], dict[str, Any]]] = []
    unpaired = list(got)
    missing: list[RowKey] = []
    for gold in want:
        found = next((row for row in unpaired if row["code"] == gold["code"]), None)
        if found is None:
            missing.append((gold["code"], None, None, None, None, None, None, None))
            continue
        unpaired.remove(found)
        pairs.append((found, gold))
    codes = RowScore(
        matched=len(pairs),
        predicted=len(got),
        expected=len(want),
        missing=tuple(missing),
        extra=tuple((row["code"], None, None, None, None, None, None, None) for row in unpaired),
    )
    wrong: list[tuple[str, str, Any, Any]] = []
    deadlines = targets = found_agencies = expected_agencies = extracted_agencies = 0
    for row, gold in pairs:
        code = gold["code"]
        deadline, gold_deadline = (
            (row["deadline_start"], row["deadline_end"]),
            (
                gold["deadline_start"],
                gold["deadline_end"],
            ),
        )
        if deadline == gold_deadline:
            deadlines += 1
        else:
            wrong.append((code, "deadline", deadline, gold_deadline))
        if _number(row["target"]) == _number(gold["target"]):
            targets += 1
        else:
            wrong.append((code, "target", row["target"], gold["target"]))
        for role in ROLES:
            extracted = {_agency(agency["text"]) for agency in row[role]}
            expected = {_agency(text) for text in gold[role]}
            found_agencies += len(extracted & expected)
            expected_agencies += len(expected)
            extracted_agencies += len(extracted)
            if extracted != expected:
                wrong.append((code, role, sorted(extracted - expected), sorted(expected - extracted)))
    return ActionScore(codes, deadlines, targets, found_agencies, expected_agencies, extracted_agencies, tuple(wrong))


def records_markdown(samples: Path, gold: Path) -> str:
    """Document fields, references and actions against the gold, summed over the samples of each format."""
    from pipeline.extract import extract_file

    lines = [
        "| format | fields right | references P | references R | actions P | actions R | deadlines right"
        " | targets right | agencies P | agencies R |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for fmt in ("txt", "docx", "pdf"):
        records, actions = [], []
        for gold_path in sorted(gold.glob("*.json")):
            path = samples / f"{gold_path.stem}.{fmt}"
            if not path.exists():
                continue
            extraction = extract_file(path)
            if (record := score_records(extraction, gold_path)) is not None:
                records.append(record)
            if (action := score_actions(extraction, gold_path)) is not None:
                actions.append(action)
        refs = [r.references for r in records]
        codes = [a.codes for a in actions]
        paired = sum(c.matched for c in codes)
        lines.append(
            f"| {fmt} | {sum(r.fields_right for r in records)}/{sum(r.fields_total for r in records)}"
            f" | {_ratio(sum(s.matched for s in refs), sum(s.predicted for s in refs))}"
            f" | {_ratio(sum(s.matched for s in refs), sum(s.expected for s in refs))}"
            f" | {_ratio(paired, sum(c.predicted for c in codes))} | {_ratio(paired, sum(c.expected for c in codes))}"
            f" | {sum(a.deadlines_right for a in actions)}/{paired} | {sum(a.targets_right for a in actions)}/{paired}"
            f" | {_ratio(sum(a.agencies_found for a in actions), sum(a.agencies_extracted for a in actions))}"
            f" | {_ratio(sum(a.agencies_found for a in actions), sum(a.agencies_expected for a in actions))} |"
        )
    return "\n".join(lines)


def findings_markdown(samples: Path, gold_findings: Path) -> str:
    """Validator findings against `tests/gold_findings/`, per sample and format: must-find groups found,
    false alarms, and what was missed."""
    from pipeline.extract import extract_file
    from pipeline.read import read_document
    from pipeline.validate import validate_extraction
    from pipeline.validate.rule_registry import RULES

    rules = {rule.rule_id for rule in RULES}
    lines = ["| sample | format | groups found | false alarms | missed |", "|---|---|---:|---:|---|"]
    totals: Counter[str] = Counter()
    for gold_path in sorted(gold_findings.glob("*.json")):
        if "must_find" not in json.loads(gold_path.read_text(encoding="utf-8")):
            continue  # extraction gold beside the findings gold (held-out folders)
        stem = gold_path.name.removesuffix(".json").removesuffix(".findings")  # "<stem>.findings.json" or "<stem>.json"
        for fmt in ("txt", "docx", "pdf"):
            path = samples / f"{stem}.{fmt}"
            if not path.exists():
                continue
            findings = validate_extraction(extract_file(path), read_document(path)).findings
            score = score_findings(findings, gold_path, rules)
            totals[f"{fmt} found"] += score.groups_found
            totals[f"{fmt} expected"] += score.groups_expected
            totals[f"{fmt} alarms"] += len(score.false_alarms)
            lines.append(
                f"| {stem[:3]} | {fmt} | {score.groups_found}/{score.groups_expected}"
                f" | {len(score.false_alarms)} | {'; '.join(score.missed) or '-'} |"
            )
    for fmt in ("txt", "docx", "pdf"):
        if totals[f"{fmt} expected"]:
            lines.append(
                f"| **all** | {fmt} | **{totals[f'{fmt} found']}/{totals[f'{fmt} expected']}**"
                f" | **{totals[f'{fmt} alarms']}** | |"
            )
    return "\n".join(lines)


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.3f} ({part}/{whole})" if whole else "-"


@dataclass(frozen=True)
class FindingScore:
    """Findings against `tests/gold_findings/<stem>.json`, for the rules given: must-find groups found (a
    group is one error seen by several rules; one of them is enough) and false alarms (an error or warning
    that matches nothing the gold expects or allows)."""

    groups_found: int
    groups_expected: int
    missed: tuple[str, ...]
    false_alarms: tuple[str, ...]


def score_findings(findings: Sequence[Finding], gold_path: Path, rules: set[str]) -> FindingScore:
    data = json.loads(gold_path.read_text(encoding="utf-8"))
    must = [e for e in data["must_find"] if {e["rule"], *(e.get("accept_rules") or ())} & rules]
    allowed = [*must, *data.get("may_find", ())]
    groups: dict[str, list[dict[str, Any]]] = {}
    for entry in must:
        name = entry.get("group") or f"{entry['rule']} {entry.get('code')} {entry.get('stated')}"
        groups.setdefault(name, []).append(entry)
    missed = tuple(
        name for name, entries in groups.items() if not any(_matches(f, e) for f in findings for e in entries)
    )
    alarms = tuple(
        f"{f.rule_id} {f.code} {f.stated}"
        for f in findings
        if f.rule_id in rules and f.severity.value != "info" and not any(_matches(f, e) for e in allowed)
    )
    return FindingScore(len(groups) - len(missed), len(groups), missed, alarms)


def _matches(finding: Finding, entry: dict[str, Any]) -> bool:
    if finding.rule_id not in {entry["rule"], *(entry.get("accept_rules") or ())}:
        return False
    code = entry.get("code")
    if code is not None and finding.code is not None and finding.code != code and code not in finding.codes:
        return False
    stated = entry.get("stated")
    if stated is None or finding.stated is None:
        return True
    if _same_number(finding.stated, stated):
        return True
    # conflicting-values: either value may be the one reported as stated; the pair must match
    expected = entry.get("expected")
    return (
        finding.rule_id == "conflicting-values"
        and expected is not None
        and finding.expected is not None
        and _same_number(finding.stated, expected)
        and _same_number(finding.expected, stated)
    )


def _same_number(a: str, b: str) -> bool:
    """Printed numbers compared by value, as the gold README says ("0.25" is "0,25", "09" is "9"): equal under
    some reading of their separators (a dot or comma as the decimal mark, or as a thousands mark)."""
    return a == b or bool(_readings(a) & _readings(b))


def _readings(printed: str) -> set[Decimal]:
    text = printed.strip().rstrip("%").strip()
    readings: set[Decimal] = set()
    for decimal_mark, thousands in ((",", "."), (".", ",")):
        candidate = text.replace(thousands, "").replace(decimal_mark, ".")
        try:
            readings.add(Decimal(candidate))
        except ArithmeticError:
            continue
    return readings
