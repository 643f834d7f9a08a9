"""`make eval`: a mutation benchmark for ``check``.

For every report (corpus/*.txt, and ../shared/real_pdfs/*.pdf when present) the unaltered report is
checked first: how many claims, how many got a verdict other than ``unverifiable`` (verdict
coverage), and every ``mismatch`` listed for inspection (a real error or a false alarm).

Then ONE narrative figure or word is altered at a time, beyond rounding, and the report is checked
again. Only claims with a verdict on the unaltered report (``consistent`` or ``rounding``) are
altered: those are the checkable ones. Alterations:

    amount×1.1      a money figure (or count) times 1.1, at its printed precision
    amount+digit    +1 in the last-but-one printed digit (5,080.62 → 5,080.72)
    percent+1.5     a percentage (share, YoY, completion) + 1.5 points (at least 3 units of its
                    last printed digit, so 96% becomes 99%: a 2-unit slip would be rounding)
    direction       a YoY word flipped: 增加↔减少, 增长↔下降, 提高↔降低 …
    comparison      a comparison word flipped: 大于↔小于, 高于↔低于

The parts and total of an unhedged ``其中`` list are altered too (the list is what checks them).
An alteration is *caught* when the altered report has a new ``mismatch`` (one the unaltered report
does not have) on a line (text) or page (PDF) of the altered sentence; *elsewhere* when the only new
mismatches are on other lines or pages; *missed* otherwise.

The alteration is made in the Document the pipeline reads (``api.read_document``), not in the file:
one paragraph's text is changed, its line anchors shifted, and ``document_to_claims`` +
``claims_to_findings`` run on the altered Document — the same calls as ``api.check``. So PDFs are
read once, and text and PDF reports are treated alike.

Output: a table on standard output, the missed alterations, and a JSON summary with every
alteration in bench/results/eval_check.json (not committed: it depends on the code and on the PDFs
in ../shared; rerun ``make eval``). ``--max-per-report N`` samples N alterations per report with a
fixed seed (default: all).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import random
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import regex

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from narrative_extract import api
from narrative_extract.claims.extract import clause_start, document_to_claims
from narrative_extract.claims.lexicon import claim_frames
from narrative_extract.errors import InputError
from narrative_extract.model import MONEY_UNITS, Amount, Claim, Document, Location, Paragraph
from narrative_extract.numbers import normalize
from narrative_extract.output import finding_record
from narrative_extract.reconcile import claims_to_findings
from narrative_extract.reconcile.finding import Finding
from narrative_extract.reconcile.interval import Interval

REAL_PDFS = REPO.parent / "shared" / "real_pdfs"
RESULTS = REPO / "bench" / "results" / "eval_check.json"
SEED = 20240604

CHECKED = ("consistent", "rounding")  # a verdict on the unaltered report: the claim is checkable
PERCENT_UNITS = ("%", "个百分点")
NUMBER_KINDS = ("amount", "yoy_amount", "share", "yoy_pct", "budget_completion", "count", "score", "restatement")
FIGURE = regex.compile(r"\d(?:[\d,]*\d)?(?:\.\d+)?")
DIRECTION_FLIP = {"增加": "减少", "减少": "增加", "增长": "下降", "下降": "增长", "上升": "下降", "提高": "降低",
                  "降低": "提高", "增多": "减少", "压减": "增加", "缩减": "增加", "节约": "增加"}
COMPARISON_FLIP = {"大于": "小于", "小于": "大于", "高于": "低于", "低于": "高于", "超过": "低于"}


# --------------------------------------------------------------------------- alterations


@dataclass
class Alteration:
    """One change to one paragraph: text[start:end] becomes ``new``."""

    paragraph: int
    start: int
    end: int
    old: str
    new: str
    mutation: str
    kind: str  # the kind of the checkable claim that made this figure or word checkable
    subject: str
    loc: str  # where the altered figure is (l.N or p.N)
    places: list[str]  # the lines or pages of the altered sentence: a mismatch there catches it
    outcome: str = ""  # caught / elsewhere / missed
    after: dict = field(default_factory=dict)  # missed: the altered claim's verdict; else the mismatch

    @property
    def key(self) -> tuple:
        return self.paragraph, self.start, self.mutation


def where(loc: Location | None) -> str:
    """p.N or l.N, after the file's name in a report given as several files (as place_of)."""
    if loc is None:
        return "?"
    at = f"p.{loc.page}" if loc.page is not None else f"l.{loc.line}"
    return f"{Path(loc.file).name} {at}" if loc.file else at


def fmt_figure(value: Decimal, decimals: int, commas: bool) -> str:
    return f"{value:,.{decimals}f}" if commas else f"{value:.{decimals}f}"


def bumped_figures(raw: str, unit: str | None) -> list[tuple[str, int, int, str]]:
    """(mutation, start, end, new figure) for the figure at the start of ``raw``; [] if it is not plain digits."""
    m = FIGURE.match(normalize(raw))
    if m is None:
        return []
    printed = m.group(0)
    decimals = len(printed.split(".")[1]) if "." in printed else 0
    ulp = Decimal(1).scaleb(-decimals)
    value = Decimal(printed.replace(",", ""))

    def new(v: Decimal) -> str:
        return fmt_figure(v.quantize(ulp, ROUND_HALF_UP), decimals, "," in printed)

    if unit in PERCENT_UNITS:
        return [("percent+1.5", m.start(), m.end(), new(value + max(Decimal("1.5"), 3 * ulp)))]
    out = []
    if (value * Decimal("1.1")).quantize(ulp, ROUND_HALF_UP) - value >= 3 * ulp:
        out.append(("amount×1.1", m.start(), m.end(), new(value * Decimal("1.1"))))
    out.append(("amount+digit", m.start(), m.end(), new(value + 10 * ulp)))
    return out


class SiteFinder:
    """The alterations of one report's checkable claims, each figure or word once."""

    def __init__(self, doc: Document):
        self.index = {id(p): i for i, p in enumerate(doc.paragraphs)}
        self.found: dict[tuple, Alteration] = {}

    def places(self, claim: Claim) -> list[str]:
        s = claim.sentence
        locs = {where(s.loc_at(0))} | {where(loc) for off, loc in s.paragraph.anchors
                                       if s.start <= off < s.start + len(s.text)}
        return sorted(locs)

    def add(self, claim: Claim, via: Claim, mutation: str, start: int, end: int, new: str) -> None:
        """Alter text[start:end] of ``claim``'s sentence (offsets in the sentence) to ``new``."""
        base = claim.sentence.start
        text = claim.sentence.paragraph.text
        alt = Alteration(self.index[id(claim.sentence.paragraph)], base + start, base + end, text[base + start: base + end],
                         new, mutation, via.kind, via.subject.name or claim.subject.name,
                         where(claim.sentence.loc_at(start)), self.places(claim))
        self.found.setdefault(alt.key, alt)

    def figure(self, claim: Claim, via: Claim) -> None:
        if claim.amount is None or claim.sentence.text[claim.start: claim.start + len(claim.raw)] != claim.raw:
            return
        for mutation, s, e, new in bumped_figures(claim.raw, claim.amount.unit):
            self.add(claim, via, mutation, claim.start + s, claim.start + e, new)

    def direction(self, claim: Claim) -> None:
        left_start = clause_start(claim.sentence.text, claim.start)
        m = claim_frames()["change_before_number"].search(claim.sentence.text, left_start, claim.start)
        if m and m.group("word") in DIRECTION_FLIP:
            self.add(claim, claim, "direction", *m.span("word"), DIRECTION_FLIP[m.group("word")])

    def comparison(self, claim: Claim) -> None:
        m = claim_frames()["comparison"].match(claim.sentence.text, claim.start)
        if m and m.group("word") in COMPARISON_FLIP:
            self.add(claim, claim, "comparison", *m.span("word"), COMPARISON_FLIP[m.group("word")])

    def claim(self, claim: Claim) -> None:
        if claim.kind in NUMBER_KINDS:
            self.figure(claim, claim)
        if claim.kind in ("yoy_amount", "yoy_pct") and claim.direction in ("increase", "decrease"):
            self.direction(claim)
        if claim.kind == "comparison":
            self.comparison(claim)
        if claim.kind == "enumeration" and not claim.hedged:
            for item in [claim.total or claim, *claim.parts]:
                self.figure(item, claim)


def alterations(doc: Document, findings: list[Finding]) -> list[Alteration]:
    finder = SiteFinder(doc)
    for f in findings:
        if f.claim is not None and f.status in CHECKED:
            finder.claim(f.claim)
    return sorted(finder.found.values(), key=lambda a: a.key)


def altered(doc: Document, alt: Alteration) -> tuple[Document, Paragraph]:
    """A copy of ``doc`` with one paragraph's text changed (line anchors after the change shifted), and that paragraph."""
    p = doc.paragraphs[alt.paragraph]
    assert p.text[alt.start: alt.end] == alt.old, (p.text[alt.start: alt.end], alt.old)
    delta = len(alt.new) - len(alt.old)
    changed = Paragraph(text=p.text[: alt.start] + alt.new + p.text[alt.end:],
                        anchors=[(off if off <= alt.start else off + delta, loc) for off, loc in p.anchors],
                        section=p.section)
    paragraphs = list(doc.paragraphs)
    paragraphs[alt.paragraph] = changed
    return dataclasses.replace(doc, paragraphs=paragraphs), changed


# --------------------------------------------------------------------------- checking


def check_document(doc: Document) -> list[Finding]:
    return claims_to_findings(doc, document_to_claims(doc))


def mismatch_key(record: dict) -> tuple:
    """A mismatch without its sentence (the altered sentence's text changes with every alteration)."""
    return (record.get("line", record.get("page")), record["kind"], record["subject"], record["raw"],
            record["expected"], record["message"])


def place_of(record: dict) -> str:
    at = f"p.{record['page']}" if "page" in record else f"l.{record.get('line', '?')}"
    return f"{Path(record['file']).name} {at}" if record.get("file") else at


def short(record: dict) -> dict:
    keep = ("kind", "subject", "raw", "status", "expected", "message")
    return {"at": place_of(record), **{k: record[k] for k in keep}}


def judge_alteration(doc: Document, alt: Alteration, baseline: Counter, name: str) -> None:
    changed_doc, changed = altered(doc, alt)
    findings = check_document(changed_doc)
    records = [finding_record(f, name) for f in findings]
    new = Counter(mismatch_key(r) for r in records if r["status"] == "mismatch") - baseline
    fresh = [r for r in records if r["status"] == "mismatch" and mismatch_key(r) in new]
    here = [r for r in fresh if place_of(r) in alt.places]
    if fresh:
        alt.outcome = "caught" if here else "elsewhere"
        alt.after = short((here or fresh)[0])
        return
    alt.outcome = "missed"
    verdict = altered_verdict(findings, changed, alt)
    alt.after = short(finding_record(verdict, name)) if verdict is not None else {}


def altered_verdict(findings: list[Finding], changed: Paragraph, alt: Alteration) -> Finding | None:
    """The verdict on the altered claim: in the altered paragraph, a claim of the kind that was altered,
    the one whose text covers the change or else the nearest."""
    def distance(f: Finding) -> int:
        start = f.claim.sentence.start + f.claim.start
        end = start + len(f.claim.raw)
        return 0 if start <= alt.start < end else min(abs(start - alt.start), abs(end - alt.start))

    here = [f for f in findings if f.claim is not None and f.claim.sentence.paragraph is changed]
    return min(here, key=lambda f: (f.kind != alt.kind, distance(f)), default=None)


def printed_in_tables(claim: Claim, doc: Document) -> bool:
    """Whether a money figure of the prose is printed in some table cell of the report (within
    rounding, in any money unit). Measurement only — an oracle for "the report gives a source
    for this claim"; the checker itself never links by value."""
    amount = claim.amount
    if amount is None or not amount.is_money or amount.value == 0:
        return False
    if claim.figure in ("prior", "budget"):
        return False  # last year's or the budget figure: equal to a cell of this year's tables only by chance
    stated = Interval.of(amount)
    for table in doc.tables:
        if table.unit not in MONEY_UNITS:
            continue
        for row in table.rows:
            for cell in row.cells:
                if cell.amount is not None and cell.amount.value != 0:
                    printed = Amount(cell.amount.value, table.unit, cell.amount.decimals)
                    if stated.overlaps(Interval.of(printed, amount.unit)):
                        return True
    return False


SOURCED_LABELS = REPO / "corpus" / "labels" / "sourced_amounts.jsonl"


def judged_sources() -> dict[tuple, str]:
    """Hand judgements of the amounts the oracle finds in some cell but check leaves unverifiable:
    ``none`` when no table of the report states that quantity (the cell is another one with the same
    value), ``genuine`` when one does (corpus/labels/sourced_amounts.jsonl)."""
    if not SOURCED_LABELS.exists():
        return {}
    out = {}
    for line in SOURCED_LABELS.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        out[(r["doc"], r.get("page"), r.get("line"), r["raw"], r["subject"])] = r["source"]
    return out


def source_key(name: str, f: Finding) -> tuple:
    loc = f.claim.loc
    return (name, loc.page, loc.line, f.claim.raw, f.claim.subject.name)


def report_name(path: str) -> str:
    """The file name of a report, or the names of its files joined by + (a report given as several)."""
    from narrative_extract.ingest.parts import JOIN, report_parts

    return JOIN.join(Path(p).name for p in report_parts(path))


def evaluate_report(path: str, max_alterations: int | None, seed: int) -> dict:
    name = report_name(path)
    try:
        doc = api.read_document(path)
    except InputError as err:
        return {"report": name, "error": err.reason}
    findings = check_document(doc)
    claims = [f for f in findings if f.claim is not None]
    records = [finding_record(f, name) for f in findings]
    mismatches = [r for r in records if r["status"] == "mismatch"]
    baseline = Counter(mismatch_key(r) for r in mismatches)
    alts = alterations(doc, findings)
    total = len(alts)
    if max_alterations is not None and total > max_alterations:
        alts = sorted(random.Random(f"{seed}:{name}").sample(alts, max_alterations), key=lambda a: a.key)
    for alt in alts:
        try:
            judge_alteration(doc, alt, baseline, name)
        except Exception as err:  # noqa: BLE001 - a crash on altered input is itself a result to report
            alt.outcome, alt.after = "crashed", {"at": alt.loc, "kind": alt.kind, "status": "crashed",
                                                 "message": f"{type(err).__name__}: {err}"}
    by_kind = Counter(f.kind for f in claims)
    verdict_by_kind = Counter(f.kind for f in claims if f.status != "unverifiable")
    sourced = [f for f in claims if f.kind == "amount" and printed_in_tables(f.claim, doc)]
    judged = judged_sources()
    no_source = [f for f in sourced if f.status == "unverifiable" and judged.get(source_key(name, f)) == "none"]
    return {
        "report": name,
        "standard_tables": sorted({t.standard_id for t in doc.tables if t.standard_id}),
        "claims": len(claims),
        "with_verdict": sum(verdict_by_kind.values()),
        "coverage_by_kind": {k: [verdict_by_kind[k], n] for k, n in sorted(by_kind.items())},
        "checkable": sum(1 for f in claims if f.status in CHECKED),
        "sourced_amounts": [sum(1 for f in sourced if f.status != "unverifiable"), len(sourced)],
        "checkable_amounts": [sum(1 for f in sourced if f.status != "unverifiable"), len(sourced) - len(no_source)],
        "claim_mismatches": sum(1 for f in claims if f.status == "mismatch"),
        "statuses": dict(Counter(f.status for f in findings)),
        "mismatches": [short(r) for r in mismatches],
        "alterations_possible": total,
        "alterations": [dataclasses.asdict(a) for a in alts],
    }


# --------------------------------------------------------------------------- report

OUTCOMES = ("caught", "elsewhere", "missed", "crashed")


def pct(a: int, b: int) -> str:
    return f"{100 * a / b:5.1f}%" if b else "    -"


def outcomes(alts: list[dict]) -> dict:
    c = Counter(a["outcome"] for a in alts)
    return {"alterations": len(alts), **{o: c[o] for o in OUTCOMES}}


def totals(results: list[dict]) -> dict:
    """Figures over all reports, by alteration and by claim kind; verdict coverage by claim kind."""
    ok = [r for r in results if "error" not in r]
    alts = [a for r in ok for a in r["alterations"]]
    coverage = Counter()
    for r in ok:
        for kind, (with_verdict, n) in r["coverage_by_kind"].items():
            coverage.update({(kind, 0): with_verdict, (kind, 1): n})
    return {
        "claims": sum(r["claims"] for r in ok),
        "with_verdict": sum(r["with_verdict"] for r in ok),
        "checkable": sum(r["checkable"] for r in ok),
        "sourced_amounts": [sum(r["sourced_amounts"][0] for r in ok), sum(r["sourced_amounts"][1] for r in ok)],
        "checkable_amounts": [sum(r["checkable_amounts"][0] for r in ok), sum(r["checkable_amounts"][1] for r in ok)],
        "mismatches": sum(len(r["mismatches"]) for r in ok),
        **outcomes(alts),
        "by_mutation": {m: outcomes([a for a in alts if a["mutation"] == m]) for m in sorted({a["mutation"] for a in alts})},
        "by_kind": {k: outcomes([a for a in alts if a["kind"] == k]) for k in sorted({a["kind"] for a in alts})},
        "coverage_by_kind": {k: [coverage[(k, 0)], coverage[(k, 1)]] for k in sorted({k for k, _ in coverage})},
    }


def table_row(name: str, claims: int, with_verdict: int, checkable: int, mismatches: int, alter: str, c: dict) -> str:
    return (f"{name:<42} {claims:>6} {with_verdict:>7} {pct(with_verdict, claims):>6} {checkable:>5} {mismatches:>4} "
            f"{alter:>9} {c['caught']:>6} {c['elsewhere']:>5} {c['missed'] + c['crashed']:>6} "
            f"{pct(c['caught'], c['alterations']):>7}")


def print_tables(results: list[dict], total: dict) -> None:
    head = (f"{'report':<42} {'claims':>6} {'verdict':>7} {'cover':>6} {'chkbl':>5} {'MM':>4} "
            f"{'alter':>9} {'caught':>6} {'elsew':>5} {'missed':>6} {'caught%':>7}")
    print(head + "\n" + "-" * len(head))
    for r in results:
        if "error" in r:
            print(f"{r['report']:<42} error: {r['error']}")
            continue
        n = len(r["alterations"])
        alter = f"{n}/{r['alterations_possible']}" if n < r["alterations_possible"] else str(n)
        print(table_row(r["report"], r["claims"], r["with_verdict"], r["checkable"], len(r["mismatches"]), alter,
                        outcomes(r["alterations"])))
    print("-" * len(head))
    print(table_row("TOTAL", total["claims"], total["with_verdict"], total["checkable"], total["mismatches"],
                    str(total["alterations"]), total))
    print("\ncolumns: verdict = claims with a verdict other than unverifiable; cover = verdict/claims; chkbl = claims"
          " consistent or rounding (these are altered); MM = mismatch records on the unaltered report; alter ="
          " alterations run (run/possible when sampled); elsew = new mismatch only on another line/page;"
          " missed includes alterations that crashed the pipeline")
    for title, groups in (("by alteration", total["by_mutation"]), ("by kind of the checkable claim altered", total["by_kind"])):
        print(f"\n{title}:")
        for name, c in groups.items():
            print(f"  {name:<18} {c['alterations']:>5} caught {c['caught']:>5} ({pct(c['caught'], c['alterations'])})"
                  f" elsewhere {c['elsewhere']:>4} missed {c['missed']:>4}" + (f" crashed {c['crashed']}" if c["crashed"] else ""))
    with_verdict, sourced = total["sourced_amounts"]
    print(f"\namounts whose figure some table prints (a source exists): {with_verdict} of {sourced} get a verdict"
          f" ({pct(with_verdict, sourced)})")
    checked, checkable = total["checkable_amounts"]
    print(f"checkable amounts (the same, less those judged by hand to have no table of their own in"
          f" {SOURCED_LABELS.relative_to(REPO)}): {checked} of {checkable} ({pct(checked, checkable)})")
    for r in results:
        if "error" not in r and r["sourced_amounts"][1]:
            print(f"  {r['report']:<42} {r['sourced_amounts'][0]:>4} of {r['sourced_amounts'][1]:>4}"
                  f" ({pct(*r['sourced_amounts'])})")
    print("\nverdict coverage by claim kind (all reports):")
    for kind, (with_verdict, n) in total["coverage_by_kind"].items():
        print(f"  {kind:<18} {with_verdict:>5} of {n:>5} ({pct(with_verdict, n)})")


def print_lists(results: list[dict]) -> None:
    print("\nmismatches on the unaltered reports (inspect each: a real error or a false alarm):")
    for r in results:
        for m in r.get("mismatches", []):
            print(f"  {r['report']} {m['at']} {m['kind']} {m['subject']} {m['raw']} expected {m['expected']}: "
                  f"{m['message']}")
    print("\nalterations not caught on the right line/page:")
    for r in results:
        for a in r.get("alterations", []):
            if a["outcome"] == "caught":
                continue
            after = a["after"]
            verdict = f"{after['at']} {after['kind']} {after['status']}: {after['message']}" if after else "no claim"
            print(f"  {r['report']} {a['loc']} [{a['outcome']}] {a['mutation']} {a['kind']} {a['subject']}: "
                  f"{a['old']} → {a['new']}  → {verdict}")


def git_state() -> dict:
    def git(*args: str) -> str:
        try:
            return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, check=True).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            return ""

    return {"commit": git("rev-parse", "HEAD"), "dirty": bool(git("status", "--porcelain", "--untracked-files=no"))}


def reports(paths: list[str]) -> list[str]:
    if paths:
        return list(api.expand_paths(paths))
    found = sorted(str(p) for p in (REPO / "corpus").glob("*.txt"))
    if REAL_PDFS.is_dir():
        found += sorted(str(p) for p in REAL_PDFS.glob("*.pdf"))
    return found


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="*", help="reports (default: corpus/*.txt and ../shared/real_pdfs/*.pdf)")
    ap.add_argument("--max-per-report", type=int, default=None, help="sample this many alterations per report")
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    ap.add_argument("-o", "--output", type=Path, default=RESULTS)
    args = ap.parse_args(argv)
    start = time.perf_counter()
    files = reports(args.paths)
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        results = list(pool.map(evaluate_report, files, [args.max_per_report] * len(files), [args.seed] * len(files)))
    total = totals(results)
    print_tables(results, total)
    print_lists(results)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    summary = {"settings": {"seed": args.seed, "max_per_report": args.max_per_report, **git_state(),
                            "seconds": round(time.perf_counter() - start, 1)},
               "totals": total, "reports": results}
    args.output.write_text(json.dumps(summary, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"\nsummary: {args.output.relative_to(REPO) if args.output.is_relative_to(REPO) else args.output}"
          f" ({time.perf_counter() - start:.0f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
