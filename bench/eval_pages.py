"""``check`` over folders of report pages nobody fitted the rules to, each mismatch judged by hand.

    python bench/eval_pages.py FOLDER [FOLDER ...]

The folders hold stored public web pages as text (budget and final-account explanations, county
fiscal reports, self-evaluations of many provinces), one report excerpt per file. They come from the
blind collections of the reason batches and of the checker's own test pages, are not committed (as
``../shared`` is not), and are named in ``corpus/labels/web_mismatches.jsonl`` by the last two parts
of their path (``unseen4/pages``). Every mismatch raised must be judged there: ``real`` (the page's figures disagree, with the
arithmetic that proves it). Prints each mismatch with its judgement; exit 1 when one is unjudged or
a judged real error is no longer caught.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

LABELS = REPO / "corpus" / "labels" / "web_mismatches.jsonl"


def judged() -> dict[tuple[str, str, str, str, str], dict]:
    rows = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {(r["folder"], r["doc"], r["at"], r["kind"], r["raw"]): r for r in rows}


def main(argv: list[str] | None = None) -> int:
    from narrative_extract import api

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folders", type=Path, nargs="+")
    args = ap.parse_args(argv)
    labels = judged()
    names = {"/".join(f.resolve().parts[-2:]) for f in args.folders}
    raised: set[tuple[str, str, str, str, str]] = set()
    pages = 0
    for folder in args.folders:
        for path in sorted(folder.glob("*.txt")):
            pages += 1
            for f in api.check(str(path)):
                if f.status != "mismatch":
                    continue
                key = ("/".join(folder.resolve().parts[-2:]), path.name, str(f.claim.loc), f.kind, f.raw)
                raised.add(key)
                verdict = labels.get(key, {}).get("verdict", "UNJUDGED")
                print(f"{verdict:9} {path.name}:{f.claim.loc} {f.kind} {f.raw[:30]} | {f.message[:100]}")
    mine = {k for k in labels if k[0] in names}
    missed = sorted(k for k in mine if labels[k]["verdict"] == "real" and k not in raised)
    unjudged = sorted(raised - set(labels))
    false = sorted(k for k in raised & mine if labels[k]["verdict"] == "false")
    for k in missed:
        print(f"MISSED    {k[1]}:{k[2]} {k[3]} {k[4][:30]}")
    print(f"{pages} pages: {len(raised)} mismatches raised; judged real {len(raised & mine) - len(false)},"
          f" false {len(false)}, unjudged {len(unjudged)}; real errors no longer caught {len(missed)}")
    return 1 if unjudged or missed or false else 0


if __name__ == "__main__":
    sys.exit(main())
