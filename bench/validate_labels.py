"""Validate the hand-made gold labels in corpus/labels/*.claims.jsonl.

Usage::

    python bench/validate_labels.py              # check every labels file, exit 1 on any problem
    python bench/validate_labels.py FILE ...     # check only these labels files
    python bench/validate_labels.py --fix-cols   # (re)compute each record's ``col`` from its raw, then check

Every record is checked for:

* JSON syntax, required fields, no unknown fields, field types;
* ``line`` exists in the report (``corpus/<stem>.txt``) and lies inside the labelled prose ranges;
* ``raw`` occurs in that line, at ``col`` (0-based code-point offset), not glued to a preceding digit;
* no two records claim the same (line, col, raw);
* ``kind``, ``scope``, ``unit``, ``basis``, ``direction``, ``category``, ``measure`` take allowed values;
* number kinds: ``value`` is a plain decimal and equals the digits printed in ``raw`` (commas and
  spaces removed); ``raw`` ends with its unit (unless a ``note`` explains the unit is elsewhere);
  percent kinds use % (or 个百分点); money kinds a money unit; score uses 分;
* comparison / reason records carry no value/unit; reasons carry basis and explains;
* a share names its whole (``of``); an indicator percent with no whole (满意度, 利用率 …) is a ``rate``;
* records are in reading order (line, col).

``--fix-cols`` is an offset helper only: for records sharing (line, raw) it assigns successive
occurrences in file order. It never creates, removes or changes a label.
"""

from __future__ import annotations

import json
import re
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "corpus" / "labels"
CORPUS = ROOT / "corpus"

# Line ranges (1-based, inclusive) that were labelled, per report stem. Anything outside is out of scope.
SCOPE_RANGES: dict[str, list[tuple[int, int]]] = {
    # 第一部分 部门概况 + 第二部分 情况说明 (incl. 五(四) 预算绩效情况); 名词解释 starts at 244.
    "liaoning_org_2024_final": [(37, 243)],
    # 第一部分 + 第二部分 narrative (1-101); 名词解释 102-125 skipped; 绩效评价报告 prose 126-199.
    "anju_org_2024_final": [(1, 101), (126, 199)],
}

KINDS_NUMBER = {"amount", "share", "rate", "yoy_amount", "yoy_pct", "budget_completion", "count", "score"}
KINDS_TEXT = {"comparison", "reason"}
KINDS = KINDS_NUMBER | KINDS_TEXT
SCOPES = {"all_funds", "fiscal", "general_budget", "gov_fund", "state_capital", "three_public", "project", "other"}
MONEY_UNITS = {"元", "万元", "亿元"}
PCT_UNITS = {"%", "个百分点"}
COUNT_UNITS = {"辆", "人", "人次", "批次", "个", "台（套）", "次", "家", "项", "名", "期", "部", "套", "倍", "万人"}
BASES = {"yoy", "budget", "performance"}
DIRECTIONS = {"increase", "decrease", "equal"}
MEASURES = {"budget", "actual", "budget_and_actual"}
CATEGORIES = {
    "personnel", "pay_and_contribution", "project_funding", "one_off", "carryover", "budget_adjustment",
    "austerity", "policy_or_system", "schedule", "activity_level", "no_activity", "other",
}

REQUIRED = {"line", "col", "raw", "kind", "subject", "scope"}
OPTIONAL = {
    "value", "unit", "note", "basis", "explains", "empty", "direction", "of", "measure",
    "category", "category_alt",
}
ALLOWED = REQUIRED | OPTIONAL

DECIMAL_RE = re.compile(r"^-?\d+(\.\d+)?$")
DIGITS_RE = re.compile(r"\d[\d,，\s]*(?:\.\s*\d+)?")


def report_lines(stem: str) -> list[str]:
    path = CORPUS / f"{stem}.txt"
    return path.read_text(encoding="utf-8").split("\n")


def stem_of(labels_path: Path) -> str:
    name = labels_path.name
    suffix = ".claims.jsonl"
    if not name.endswith(suffix):
        raise ValueError(f"{labels_path}: labels files must be named <report>.claims.jsonl")
    return name[: -len(suffix)]


def occurrences(text: str, raw: str) -> list[int]:
    """Start offsets of raw in text, skipping matches glued to a preceding digit/point/comma
    when raw starts with a digit (so '0 辆' is not found inside '10 辆')."""
    out = []
    start = 0
    while True:
        i = text.find(raw, start)
        if i < 0:
            return out
        if raw[:1].isdigit() and i > 0 and (text[i - 1].isdigit() or text[i - 1] in ".,"):
            start = i + 1
            continue
        out.append(i)
        start = i + 1


def load(path: Path) -> tuple[list[dict], list[str]]:
    records, problems = [], []
    for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            problems.append(f"{path.name}:{n}: bad JSON: {e}")
            continue
        if not isinstance(rec, dict):
            problems.append(f"{path.name}:{n}: not an object")
            continue
        rec["_n"] = n
        records.append(rec)
    return records, problems


def fix_cols(path: Path) -> None:
    records, problems = load(path)
    if problems:
        raise SystemExit("\n".join(problems))
    lines = report_lines(stem_of(path))
    used: dict[tuple[int, str], int] = {}
    out = []
    for rec in records:
        key = (rec["line"], rec["raw"])
        k = used.get(key, 0)
        occ = occurrences(lines[rec["line"] - 1], rec["raw"]) if 1 <= rec["line"] <= len(lines) else []
        if k < len(occ):
            rec["col"] = occ[k]
        used[key] = k + 1
        rec.pop("_n", None)
        ordered = {f: rec[f] for f in ("line", "col", "raw") if f in rec}
        ordered.update({f: v for f, v in rec.items() if f not in ordered})
        out.append(json.dumps(ordered, ensure_ascii=False))
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def printed_digits(raw: str) -> str | None:
    m = DIGITS_RE.search(raw)
    if not m:
        return None
    return re.sub(r"[,，\s]", "", m.group(0))


def check_record(rec: dict, lines: list[str], ranges: list[tuple[int, int]], where: str) -> list[str]:
    p: list[str] = []
    unknown = set(rec) - ALLOWED - {"_n"}
    if unknown:
        p.append(f"{where}: unknown fields {sorted(unknown)}")
    missing = REQUIRED - set(rec)
    if missing:
        p.append(f"{where}: missing fields {sorted(missing)}")
        return p
    line, col, raw, kind = rec["line"], rec["col"], rec["raw"], rec["kind"]
    if not isinstance(line, int) or isinstance(line, bool) or not (1 <= line <= len(lines)):
        return p + [f"{where}: line {line!r} does not exist"]
    if not any(a <= line <= b for a, b in ranges):
        p.append(f"{where}: line {line} is outside the labelled prose ranges {ranges}")
    if not isinstance(raw, str) or not raw.strip():
        return p + [f"{where}: raw must be a non-empty string"]
    text = lines[line - 1]
    if raw not in text:
        return p + [f"{where}: raw {raw!r} does not occur in line {line}"]
    if not isinstance(col, int) or isinstance(col, bool) or text[col: col + len(raw)] != raw:
        p.append(f"{where}: col {col!r} does not point at raw {raw!r} in line {line}")
    elif col not in occurrences(text, raw):
        p.append(f"{where}: raw {raw!r} at col {col} is glued to a preceding digit")
    for f in ("subject",):
        if not isinstance(rec[f], str) or not rec[f].strip():
            p.append(f"{where}: {f} must be a non-empty string")
    if kind not in KINDS:
        p.append(f"{where}: kind {kind!r} not in {sorted(KINDS)}")
    if rec["scope"] not in SCOPES:
        p.append(f"{where}: scope {rec['scope']!r} not in {sorted(SCOPES)}")
    if "direction" in rec and rec["direction"] not in DIRECTIONS:
        p.append(f"{where}: direction {rec['direction']!r} not in {sorted(DIRECTIONS)}")
    if "measure" in rec and rec["measure"] not in MEASURES:
        p.append(f"{where}: measure {rec['measure']!r} not in {sorted(MEASURES)}")
    for f in ("note", "explains", "of"):
        if f in rec and (not isinstance(rec[f], str) or not rec[f].strip()):
            p.append(f"{where}: {f} must be a non-empty string")
    if "empty" in rec and rec["empty"] is not True:
        p.append(f"{where}: empty, when present, must be true")

    if kind in KINDS_NUMBER:
        value, unit = rec.get("value"), rec.get("unit")
        if not isinstance(value, str) or not DECIMAL_RE.match(value):
            p.append(f"{where}: value {value!r} must be a decimal string")
        else:
            digits = printed_digits(raw)
            try:
                if digits is None or Decimal(digits) != Decimal(value) or digits != value:
                    p.append(f"{where}: value {value!r} differs from the number printed in raw {raw!r}")
            except InvalidOperation:
                p.append(f"{where}: cannot read the number in raw {raw!r}")
        if not isinstance(unit, str) or not unit:
            p.append(f"{where}: number kinds need a unit")
        else:
            printed_unit = unit if unit != "万人" else "万"
            if not raw.endswith(printed_unit) and "unit" not in rec.get("note", ""):
                p.append(f"{where}: raw {raw!r} does not end with unit {unit!r} (and no note explains it)")
            allowed = {
                "amount": MONEY_UNITS,
                "yoy_amount": MONEY_UNITS | COUNT_UNITS,
                "share": PCT_UNITS,
                "rate": PCT_UNITS,
                "yoy_pct": PCT_UNITS,
                "budget_completion": {"%"},
                "count": COUNT_UNITS,
                "score": {"分"},
            }[kind]
            if unit not in allowed:
                p.append(f"{where}: unit {unit!r} not allowed for kind {kind} ({sorted(allowed)})")
        if kind in {"yoy_amount", "yoy_pct"} and rec.get("direction") not in {"increase", "decrease"}:
            p.append(f"{where}: {kind} needs direction increase/decrease")
        if kind == "share" and "of" not in rec and "a rate" not in rec.get("note", ""):
            p.append(f"{where}: share should say what it is a share of (of), or its note call it a rate")
        for f in ("basis", "explains", "empty", "category", "category_alt"):
            if f in rec:
                p.append(f"{where}: field {f} is only for reason/comparison records")
    else:
        for f in ("value", "unit", "of", "measure"):
            if f in rec:
                p.append(f"{where}: field {f} is not for {kind} records")
        if kind == "comparison":
            if rec.get("basis") not in BASES:
                p.append(f"{where}: comparison needs basis in {sorted(BASES)}")
            for f in ("explains", "empty", "category", "category_alt"):
                if f in rec:
                    p.append(f"{where}: field {f} is only for reason records")
        if kind == "reason":
            if rec.get("basis") not in BASES:
                p.append(f"{where}: reason needs basis in {sorted(BASES)}")
            if not isinstance(rec.get("explains"), str) or not rec["explains"].strip():
                p.append(f"{where}: reason needs explains")
            if "category" in rec and rec["category"] not in CATEGORIES:
                p.append(f"{where}: category {rec['category']!r} not in the fixed list")
            alt = rec.get("category_alt", [])
            if not isinstance(alt, list) or any(c not in CATEGORIES for c in alt):
                p.append(f"{where}: category_alt must be a list of category ids")
            lead_ins = ("主要原因", "原因系", "主要是", "原因主要是", "原因是")
            if raw.startswith(lead_ins):
                p.append(f"{where}: reason raw should not include its lead-in")
    return p


def check_file(path: Path) -> list[str]:
    records, problems = load(path)
    stem = stem_of(path)
    try:
        lines = report_lines(stem)
    except FileNotFoundError:
        return problems + [f"{path.name}: report corpus/{stem}.txt not found"]
    ranges = SCOPE_RANGES.get(stem, [(1, len(lines))])
    seen: dict[tuple, int] = {}
    prev = (0, -1)
    for rec in records:
        where = f"{path.name}:{rec['_n']}"
        problems += check_record(rec, lines, ranges, where)
        key = (rec.get("line"), rec.get("col"), rec.get("raw"))
        if key in seen:
            problems.append(f"{where}: duplicate of record on labels line {seen[key]} {key}")
        seen[key] = rec["_n"]
        pos = (rec.get("line"), rec.get("col"))
        if all(isinstance(v, int) for v in pos) and 1 <= pos[0] <= len(lines):
            if pos < prev:
                problems.append(f"{where}: not in reading order (line, col) {pos} after {prev}")
            prev = max(prev, pos)
    return problems


def summary(path: Path) -> str:
    records, _ = load(path)
    counts: dict[str, int] = {}
    for r in records:
        counts[r.get("kind", "?")] = counts.get(r.get("kind", "?"), 0) + 1
    parts = ", ".join(f"{k} {counts[k]}" for k in sorted(counts))
    return f"{path.name}: {len(records)} records ({parts})"


def main(argv: list[str]) -> int:
    fix = "--fix-cols" in argv
    args = [a for a in argv if a != "--fix-cols"]
    paths = [Path(a) for a in args] or sorted(LABELS.glob("*.claims.jsonl"))
    if not paths:
        print("no labels files found", file=sys.stderr)
        return 1
    if fix:
        for path in paths:
            fix_cols(path)
    problems: list[str] = []
    for path in paths:
        problems += check_file(path)
    for path in paths:
        print(summary(path))
    for pr in problems:
        print(pr)
    print("OK" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
