"""Byte-identical output before and after a change that should change nothing but speed: dumps the
`check` records (the report record and one per finding, as `narrative-extract check` writes them) and
the `extract` claims of a fixed set of reports, then compares two dumps line by line.

    .venv/bin/python bench/same_output.py dump /tmp/before            # on the old code
    .venv/bin/python bench/same_output.py dump /tmp/after             # on the new code
    .venv/bin/python bench/same_output.py compare /tmp/before /tmp/after

The set: corpus/*.txt, the 13 real PDFs (../shared/real_pdfs) and a dozen national PDFs
(../shared/national_pdfs); the reports under ../shared are left out, with a note, when absent.
``--cache DIR`` keeps each report as read (a pickled Document) so that a second dump skips reading
the PDFs: for changes to the claims and checks only, never for a change to the reading itself.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from narrative_extract import api
from narrative_extract.claims.extract import document_to_claims
from narrative_extract.model import Document
from narrative_extract.output import claim_record, finding_record

SHARED = REPO.parent / "shared"
NATIONAL = ["beijing_01", "beijing_10", "beijing_20", "beijing_30", "beijing_40", "beijing_50", "shanghai_01",
            "shanghai_10", "suzhou_01", "wuxi_01", "yantai_01", "changchun_01"]


def reports() -> list[Path]:
    out = sorted((REPO / "corpus").glob("*.txt"))
    real = SHARED / "real_pdfs"
    national = SHARED / "national_pdfs"
    if not real.is_dir() or not national.is_dir():
        print(f"note: {SHARED} is absent; only the corpus reports are compared", file=sys.stderr)
        return out
    return out + sorted(real.glob("*.pdf")) + [national / f"{name}.pdf" for name in NATIONAL]


def document(path: Path, cache: Path | None) -> Document:
    if cache is None:
        return api.read_document(str(path))
    key = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    stored = cache / f"{path.stem}.{key}.pickle"
    if stored.exists():
        return pickle.loads(stored.read_bytes())
    doc = api.read_document(str(path))
    stored.write_bytes(pickle.dumps(doc))
    return doc


def records(path: Path, cache: Path | None) -> tuple[list[str], list[str]]:
    """The `check` records and the claims of one report, as JSON lines."""
    name = str(path)
    doc = document(path, cache)
    copy = pickle.loads(pickle.dumps(doc))  # the claims from a report as read, not as checked
    summary, findings = api.check_document(doc)
    checked = [{**summary.as_dict(), "doc": name}] + [finding_record(f, name) for f in findings]
    claims = [claim_record(c, name) for c in document_to_claims(copy)]
    as_lines = [json.dumps(r, ensure_ascii=False, default=str) for r in checked]
    return as_lines, [json.dumps(r, ensure_ascii=False, default=str) for r in claims]


def dump(out: Path, cache: Path | None) -> None:
    out.mkdir(parents=True, exist_ok=True)
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
    for path in reports():
        checked, claims = records(path, cache)
        (out / f"{path.name}.check.jsonl").write_text("".join(x + "\n" for x in checked), encoding="utf-8")
        (out / f"{path.name}.claims.jsonl").write_text("".join(x + "\n" for x in claims), encoding="utf-8")
        print(f"{path.name}: {len(checked)} check records, {len(claims)} claims", flush=True)


def compare(before: Path, after: Path) -> int:
    names = sorted({p.name for p in before.glob("*.jsonl")} | {p.name for p in after.glob("*.jsonl")})
    differ = 0
    for name in names:
        a, b = before / name, after / name
        if not a.exists() or not b.exists():
            print(f"{name}: only in {'after' if not a.exists() else 'before'}")
            differ += 1
        elif a.read_bytes() != b.read_bytes():
            first = next(i for i, (x, y) in enumerate(zip(a.read_text().split("\n"), b.read_text().split("\n"),
                                                         strict=False)) if x != y)
            print(f"{name}: differs from line {first + 1}")
            differ += 1
    print(f"{len(names) - differ} of {len(names)} files byte-identical")
    return 1 if differ else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump")
    d.add_argument("out", type=Path)
    d.add_argument("--cache", type=Path)
    c = sub.add_parser("compare")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "dump":
        dump(args.out, args.cache)
    else:
        sys.exit(compare(args.before, args.after))


if __name__ == "__main__":
    main()
