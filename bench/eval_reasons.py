"""Score the reason classifier leave-one-city-out, and compare designs the same way.

    python bench/eval_reasons.py [LABELS ...]             # the shipped design: report, confusion matrix
    python bench/eval_reasons.py --compare [LABELS ...]   # every design below, same folds

LABELS default to every ``corpus/reasons/*labels.jsonl``. Each city (``groups.city_of``) is scored
by a design fitted on all the other cities; for cities the keyword lexicon's writers had read,
the keywords that fire only on that city are removed first (``training.prune_rules``), as in
``train-reasons``. Designs compared (``--compare``):

* ``keywords``: the keyword rules alone (``other`` when none fires);
* ``v8``: the design shipped before (rules first; where none fires, a character n-gram logistic
  regression whose probabilities are multiplied by P(no rule fires | category));
* linear models (``design.Design``) on character n-grams, + jieba words, + the context view
  (keyword hits, direction, basis, item words), LinearSVC or LogisticRegression;
* ``rules first`` + the SVM for what no rule covers;
* ``hgb``: HistGradientBoosting on the SVM's out-of-fold class scores (text views, grouped by
  report) plus the context tokens as dense 0/1 features.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from narrative_extract.reasons.categories import CATEGORY_IDS
from narrative_extract.reasons.classifier import read_labels, score, scored_rows
from narrative_extract.reasons.design import Design, fit_design
from narrative_extract.reasons.features import ReasonInput, context_text, normalize_text
from narrative_extract.reasons.groups import city_of, is_national, is_training_only
from narrative_extract.reasons.keywords import (
    KeywordRule,
    LexiconHistory,
    keyword_category,
    keyword_match,
    lexicon_history,
    load_rules,
)
from narrative_extract.reasons.training import DESIGN, TARGET_ACCURACY, evaluate, fold_rules

SHORT = {"personnel": "pers", "pay_and_contribution": "pay", "project_funding": "proj", "one_off": "once",
         "carryover": "carry", "budget_adjustment": "adj", "austerity": "aust", "policy_or_system": "policy",
         "schedule": "sched", "activity_level": "activ", "no_activity": "none", "other": "other"}

Predictor = Callable[[list[dict]], list[str]]
Maker = Callable[[list[dict], tuple[KeywordRule, ...]], Predictor]


def default_labels() -> list[Path]:
    return sorted((REPO / "corpus" / "reasons").glob("*labels.jsonl"))


def logo(rows: list[dict], make: Maker, rules, history: LexiconHistory, extra: list[dict]) -> list[str]:
    cities = [city_of(r) for r in rows]
    pred = [""] * len(rows)
    for city in sorted(set(cities)):
        test = [i for i, c in enumerate(cities) if c == city]
        train = [r for r, c in zip(rows, cities) if c != city]
        held = [rows[i] for i in test]
        fold, _ = fold_rules(rules, train, held, history)
        for i, p in zip(test, make(train + extra, fold)(held)):
            pred[i] = p
    return pred


# --------------------------------------------------------------------------- designs


def keywords(train, rules) -> Predictor:
    return lambda held: [keyword_category(r["text"], rules, r.get("direction"), r.get("basis")) for r in held]


def v8(train, rules, seed: int = 0) -> Predictor:
    """Rules first; else char n-gram LR × P(no rule fires | category) (the design before this one)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    pipe = Pipeline([("tfidf", TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3), sublinear_tf=True)),
                     ("lr", LogisticRegression(C=10.0, class_weight="balanced", max_iter=5000, random_state=seed))])
    pipe.fit([normalize_text(r["text"]) for r in train], [r["category"] for r in train])
    n = Counter(r["category"] for r in train)
    unc = Counter(r["category"] for r in train if keyword_match(r["text"], rules, r.get("direction"), r.get("basis")) is None)
    prior = np.array([(unc[c] + 1) / (n[c] + 2) for c in pipe.classes_])

    def predict(held):
        out = []
        proba = pipe.predict_proba([normalize_text(r["text"]) for r in held]) * prior
        for r, p in zip(held, proba):
            out.append(keyword_match(r["text"], rules, r.get("direction"), r.get("basis")) or str(pipe.classes_[p.argmax()]))
        return out
    return predict


def linear(design: Design) -> Maker:
    def make(train, rules) -> Predictor:
        fitted = fit_design(design, train, rules)

        def predict(held):
            best, _, _ = fitted.decide([ReasonInput.of(r) for r in held])
            return [fitted.classes[b] for b in best]
        return predict
    return make


def hgb(train, rules) -> Predictor:
    """Stacking: HistGradientBoosting on out-of-fold SVM scores (text views) + context 0/1 tokens."""
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.model_selection import GroupKFold

    text_design = Design(views=("char", "word"))
    classes = sorted({r["category"] for r in train})
    y = np.array([r["category"] for r in train])

    def place(fitted, s):
        out = np.zeros((len(s), len(classes)))
        for j, c in enumerate(fitted.classes):
            out[:, classes.index(c)] = s[:, j]
        return out

    inner = np.zeros((len(train), len(classes)))
    for a, b in GroupKFold(5).split(train, y, [r.get("source") for r in train]):
        fitted = fit_design(text_design, [train[i] for i in a], rules)
        inner[b] = place(fitted, fitted.scores([ReasonInput.of(train[i]) for i in b]))
    full = fit_design(text_design, train, rules)

    def ctx(rs):
        return [" ".join(t for t in context_text(ReasonInput.of(r), rules).split() if not t.startswith("item_"))
                for r in rs]
    cv = CountVectorizer(token_pattern=r"\S+", lowercase=False, binary=True)
    xc = cv.fit_transform(ctx(train)).toarray()
    model = HistGradientBoostingClassifier(max_iter=200, learning_rate=0.1, max_leaf_nodes=15,
                                           class_weight="balanced", random_state=0)
    model.fit(np.hstack([inner, xc]), y)

    def predict(held):
        s = place(full, full.scores([ReasonInput.of(r) for r in held]))
        return [str(c) for c in model.predict(np.hstack([s, cv.transform(ctx(held)).toarray()]))]
    return predict


DESIGNS: dict[str, Maker] = {
    "keywords": keywords,
    "v8 (rules, then prior-corrected char n-gram LR)": v8,
    "SVM char": linear(Design(views=("char",))),
    "SVM char+word": linear(Design(views=("char", "word"))),
    "SVM char+word+context x1": linear(Design(context_weight=1.0)),
    "SVM char+word+context x2": linear(Design(context_weight=2.0)),
    "rules first, then SVM char+word+context x1": linear(Design(rules_first=True, context_weight=1.0)),
    "rules first, then SVM char x prior": linear(Design(rules_first=True, fallback_prior=True, views=("char",))),
    "rules first, then SVM char+word+context x1 x prior": linear(
        Design(rules_first=True, fallback_prior=True, context_weight=1.0)),
    "rules first, then LR(C=10) char+word+context x1 x prior": linear(
        Design(rules_first=True, fallback_prior=True, context_weight=1.0, estimator="logreg", C=10.0)),
    "HGB on out-of-fold SVM scores + context": hgb,
}
#: also measured once (see the model card notes), left out of the default run to keep it short
MORE: dict[str, Maker] = {
    "SVM char+word+context x3": linear(Design(context_weight=3.0)),
    "SVM char+context x2": linear(Design(views=("char", "context"))),
    "SVM char+word+context x2, C=0.1": linear(Design(C=0.1)),
    "SVM char+word+context x2, C=2": linear(Design(C=2.0)),
    "SVM char+word+context x2, duplicates weighed 1/sqrt(n)": linear(Design(dedupe=True)),
    "LR char+word+context x2 (C=10)": linear(Design(estimator="logreg", C=10.0)),
    "rules first, then SVM char+word+context x2": linear(Design(rules_first=True)),
    "rules first, then SVM char+word x prior": linear(
        Design(rules_first=True, fallback_prior=True, views=("char", "word"))),
    "rules first + bare changes, then SVM char+word x prior (shipped)": linear(
        Design(rules_first=True, fallback_prior=True, views=("char", "word"), bare_changes=True)),
    "rules first, then SVM char x prior, C=0.2": linear(
        Design(rules_first=True, fallback_prior=True, views=("char",), C=0.2)),
    "rules first, then SVM char x prior, C=2": linear(
        Design(rules_first=True, fallback_prior=True, views=("char",), C=2.0)),
    "rules first, then SVM char+context x0.5 x prior": linear(
        Design(rules_first=True, fallback_prior=True, views=("char", "context"), context_weight=0.5)),
    "rules first, then LR(C=10) char x prior (= v8)": linear(
        Design(rules_first=True, fallback_prior=True, views=("char",), estimator="logreg", C=10.0)),
}


def compare(rows: list[dict], extra: list[dict], only: str | None = None) -> None:
    rules, history = load_rules(), lexicon_history()
    y = [r["category"] for r in rows]
    masks = {"all": [True] * len(rows), "certain": [r.get("certain", True) is not False for r in rows],
             "national": [is_national(r) for r in rows]}
    masks = {k: m for k, m in masks.items() if any(m)}
    print(f"{len(rows)} reasons, cities: {dict(Counter(city_of(r) for r in rows))}")
    print(f"{'design':50s} " + "  ".join(f"{k:>16s}" for k in masks) + "   (accuracy / macro-F1)")
    for name, make in ({**DESIGNS, **MORE} if only else DESIGNS).items():
        if only and not any(part in name for part in only.split("|")):
            continue
        t = time.time()
        pred = logo(rows, make, rules, history, extra)
        cells = []
        for m in masks.values():
            s = score([a for a, k in zip(y, m) if k], [b for b, k in zip(pred, m) if k])
            cells.append(f"{s['accuracy']:.3f} / {s['macro_f1']:.3f}")
        print(f"{name:50s} " + "  ".join(f"{c:>16s}" for c in cells) + f"   {time.time() - t:.0f}s", flush=True)


def report(rows: list[dict], extra: list[dict]) -> None:
    ev = evaluate(rows, DESIGN, load_rules(), 0, lexicon_history(), TARGET_ACCURACY, tuple(extra))
    print(f"shipped design, leave-one-city-out on {ev['n']} reasons (+ {len(extra)} written for training, "
          f"never scored): {DESIGN.describe()}")
    for k in ("all", "certain", "national", "national_certain"):
        if k in ev:
            m, kw, t = ev[k]["model"], ev[k]["keywords"], ev[k]["at_threshold"]
            print(f"  {k:17s} n={m['n']:4d} model {m['accuracy']:.3f}/{m['macro_f1']:.3f}  keywords "
                  f"{kw['accuracy']:.3f}/{kw['macro_f1']:.3f}  classified {t['coverage']:.3f} at {t['accuracy_kept']:.3f}")
    print(f"threshold {ev['threshold']} (pooled: {ev['pooled_at_threshold']})")
    for city, c in ev["cities"].items():
        print(f"  {city:18s} n={c['model']['n']:4d} model {c['model']['accuracy']:.3f}  keywords "
              f"{c['keywords']['accuracy']:.3f}  classified {c['at_threshold']['coverage']:.3f} at "
              f"{c['at_threshold']['accuracy_kept']:.3f}")
    print("reliability (nested confidence band → held-out accuracy):")
    for b in ev["reliability"]:
        print(f"  [{b['from']:.2f}, {b['to']:.2f}) n={b['n']:4d} mean {b['mean_confidence']:.3f} → {b['accuracy']:.3f}")
    labels, matrix = ev["confusion"]["labels"], ev["confusion"]["matrix"]
    print("confusion (rows = true, columns = predicted):")
    print(" " * 22 + "".join(f"{SHORT[c]:>7s}" for c in labels))
    for c, row in zip(labels, matrix):
        print(f"{c:22s}" + "".join(f"{v:7d}" for v in row))
    print("errors:")
    for e in ev["errors"]:
        print(f"  {e['city']:10s} true {e['true']:20s} predicted {e['predicted']:20s} {e['confidence']:.2f} "
              f"{e['text'][:60]}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("labels", nargs="*", type=Path)
    ap.add_argument("--compare", action="store_true", help="compare every design on the same folds")
    ap.add_argument("--only", help="with --compare: only designs whose name contains this (several: a|b)")
    args = ap.parse_args(argv)
    every = scored_rows(read_labels(*(args.labels or default_labels())))
    assert {r["category"] for r in every} <= set(CATEGORY_IDS)
    rows = [r for r in every if not is_training_only(r)]
    extra = [r for r in every if is_training_only(r)]
    if args.compare:
        compare(rows, extra, args.only)
    else:
        report(rows, extra)
    return 0


if __name__ == "__main__":
    sys.exit(main())
