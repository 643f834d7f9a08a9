"""Score frozen reason models on a blind-labelled batch of reasons they never saw.

    python bench/score_blind_batch.py REASONS LABELS [--model PATH ...]
    python bench/score_blind_batch.py --batch NAME [--model PATH ...]
    python bench/score_blind_batch.py --checks NAME [--model PATH ...]

With ``--batch``, a batch already added to ``corpus/reasons/labels.jsonl`` is scored against the
labels its blind labeller gave (``category_blind``), so the figures of a blind check can be
reproduced from the repository after the batch is trained on (with the model file of the commit
before, e.g. ``git show REV:models/reason_classifier.skops > v11.skops``). Only a model that
never saw the batch gives a blind figure.

With ``--checks``, a set of ``corpus/reasons/written_checks.jsonl`` is scored: reasons written from
the labelling guide by writer sessions, labelled blind by another session, never trained on and
never part of leave-one-city-out (``corpus/reasons/README.md``); only the rows on which writer and
labeller agree are kept in the file.

REASONS: the batch's extracted reasons (JSON lines with ``text``, ``item``, ``direction``,
``basis``); LABELS: a blind labeller's file (``{key, category, certain, note}``, ``key`` =
``unit_key(text, item)`` of ``bench/apply_relabel.py``). Each model (default: the shipped one) is
scored on every reason: accuracy and macro-F1 overall and on the labels marked certain, and, with
its own stored threshold, the share it classifies and its accuracy on those; the keyword baseline
of the current lexicon too. A model file from an older commit can be given
(``git show REV:models/reason_classifier.skops > old.skops``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.apply_relabel import read_jsonl, read_out, unit_key
from narrative_extract.reasons.classifier import ReasonClassifier, score
from narrative_extract.reasons.features import ReasonInput
from narrative_extract.reasons.keywords import keyword_category

LABELS = REPO / "corpus" / "reasons" / "labels.jsonl"
CHECKS = REPO / "corpus" / "reasons" / "written_checks.jsonl"


def committed_batch(batch: str, path: Path = LABELS) -> tuple[list[dict], dict[str, dict]]:
    """A committed batch's rows and, per unit key, the label its blind labeller gave."""
    rows = [r for r in read_jsonl(path) if r.get("batch") == batch]
    if not rows:
        raise SystemExit(f"{path}: no rows of batch {batch!r}")
    labels = {unit_key(r["text"], r.get("item")): {"category": r.get("category_blind") or r["category"],
                                                    "certain": r.get("certain", True)} for r in rows}
    return rows, labels


def figures(y: list[str], pred: list[str], kept: list[bool]) -> str:
    s = score(y, pred)
    k = [(a, b) for a, b, x in zip(y, pred, kept) if x]
    acc_kept = sum(a == b for a, b in k) / len(k) if k else 0.0
    return (f"n={len(y):4d} accuracy {s['accuracy']:.3f} macro-F1 {s['macro_f1']:.3f}  "
            f"classified {len(k) / len(y):.3f} at {acc_kept:.3f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("reasons", type=Path, nargs="?")
    ap.add_argument("labels", type=Path, nargs="?")
    ap.add_argument("--batch", help="a batch of corpus/reasons/labels.jsonl, scored against its blind labels")
    ap.add_argument("--checks", help="a set of corpus/reasons/written_checks.jsonl (reasons written for checking)")
    ap.add_argument("--model", type=Path, action="append")
    args = ap.parse_args(argv)
    if args.batch:
        rows, labels = committed_batch(args.batch)
        args.reasons = LABELS
    elif args.checks:
        rows, labels = committed_batch(args.checks, CHECKS)
        args.reasons = CHECKS
    elif args.reasons and args.labels:
        labels = read_out(args.labels, "blind")
        rows = [r for r in read_jsonl(args.reasons) if unit_key(r["text"], r.get("item")) in labels]
    else:
        ap.error("give REASONS and LABELS, or --batch NAME, or --checks NAME")
    y = [labels[unit_key(r["text"], r.get("item"))]["category"] for r in rows]
    certain = [labels[unit_key(r["text"], r.get("item"))].get("certain", True) is not False for r in rows]
    inputs = [ReasonInput(r["text"], r.get("item"), r.get("direction"), r.get("basis")) for r in rows]
    kw = [keyword_category(i.text, direction=i.direction, basis=i.basis) for i in inputs]
    print(f"{args.reasons}: {len(rows)} labelled reasons ({sum(certain)} certain)")
    print(f"  {'keywords (current lexicon)':40s} {figures(y, kw, [True] * len(y))}")
    for path in args.model or [None]:
        clf = ReasonClassifier.load(path)
        preds = clf.predict(inputs)
        pred = [p.category for p in preds]
        kept = [not p.uncertain for p in preds]
        name = str(path or "shipped model")
        print(f"  {name:40s} {figures(y, pred, kept)}")
        yc = [a for a, c in zip(y, certain) if c]
        print(f"  {'  on labels marked certain':40s} "
              f"{figures(yc, [p for p, c in zip(pred, certain) if c], [k for k, c in zip(kept, certain) if c])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
