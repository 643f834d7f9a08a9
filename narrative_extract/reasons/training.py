"""Training and scoring the reason classifier (``train_reasons``).

Training uses the ``train`` rows of the labels file only; the ``heldout`` rows are scored, never
fitted. Besides the shipped combination (rules, then the prior-corrected n-gram model) the
metrics report the keyword baseline and the n-gram model alone on the same held-out rows, the
per-category figures, every held-out error, and a *clean* estimate: the same design with every
keyword removed that fires on some held-out reason and on no train reason. The keyword lexicon
(``patterns/reason_keywords.json``) was written by people who had read these reports, so such
keywords may encode held-out wordings; the clean figure is a lower bound that cannot benefit
from that, the plain figure an upper bound.

Rows of a ``batch`` come from reports read only after the lexicon was frozen, labelled blind (no
model output shown). They are trained on, and ``batch_cross_validation`` scores the design on each
of their reports in turn, fitted on every other train row: an estimate no keyword can have seen.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from .categories import CATEGORY_IDS
from .classifier import MODEL_PATH, ReasonClassifier, normalize_text, read_labels, score, scored_rows
from .keywords import KeywordRule, keyword_category, keyword_match, lexicon_read_batches, load_rules

FEATURES = "char_wb 1-3 gram TF-IDF (sublinear tf) on NFKC text, spaces removed, numbers as 0"
MODEL = (
    "keyword rules first; else LogisticRegression(C=10, class_weight=balanced) probabilities "
    "x P(no rule fires | category) on train (Laplace-smoothed), renormalised"
)


def build_pipeline(seed: int):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    return Pipeline(
        [
            ("tfidf", TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3), sublinear_tf=True, lowercase=True)),
            ("lr", LogisticRegression(C=10.0, class_weight="balanced", max_iter=5000, random_state=seed)),
        ]
    )


def fit_pipeline(train: list[dict], seed: int = 0):
    """The learned n-gram model alone, fitted on ``train`` rows (it does not depend on the rules)."""
    return build_pipeline(seed).fit([normalize_text(r["text"]) for r in train], [r["category"] for r in train])


def fit_classifier(train: list[dict], rules: tuple[KeywordRule, ...], seed: int = 0, meta: dict | None = None,
                   pipeline=None):
    """The combination fitted on ``train`` rows with this rule snapshot (``pipeline``: already fitted on them)."""
    texts = [r["text"] for r in train]
    labels = [r["category"] for r in train]
    pipeline = pipeline if pipeline is not None else fit_pipeline(train, seed)
    hits = [keyword_match(t, rules) for t in texts]
    fired: dict[str, list[bool]] = {}
    for cat, y in zip(hits, labels):
        if cat is not None:
            fired.setdefault(cat, []).append(cat == y)
    rule_confidence = {c: round((sum(v) + 1) / (len(v) + 2), 4) for c, v in sorted(fired.items())}
    n = Counter(labels)
    uncovered = Counter(y for cat, y in zip(hits, labels) if cat is None)
    prior = {str(c): round((uncovered[c] + 1) / (n[c] + 2), 4) for c in pipeline.classes_}
    return ReasonClassifier(pipeline, rules, rule_confidence, dict(meta or {}), prior)


def prune_rules(rules: tuple[KeywordRule, ...], train: list[dict], held: list[dict]) -> tuple[KeywordRule, ...]:
    """The rules without keywords that fire on a held-out reason and on no train reason."""
    from .keywords import _clean

    train_t = [_clean(r["text"]) for r in train]
    held_t = [_clean(r["text"]) for r in held]

    def keep(k: str) -> bool:
        return any(k in t for t in train_t) or not any(k in t for t in held_t)

    return tuple(KeywordRule(r.category, tuple(k for k in r.keywords if keep(k))) for r in rules)


def batch_cross_validation(train: list[dict], scored: list[dict], rules: tuple[KeywordRule, ...],
                           seed: int = 0, read_batches: frozenset[str] = frozenset()) -> dict:
    """Leave-one-report-out over the reports of each ``batch``: the shipped design and the keyword
    baseline on each report's scored reasons (either split), fitted on the ``train`` rows of all
    other reports. {batch: scores}.

    The keyword lexicon is written by hand, so it cannot be left out with the report: once a
    batch's wordings have shaped it, the plain figures are an upper bound. ``model_clean`` is the
    lower bound: for each report the rules lose every keyword that fires on it and on no reason
    of the other train reports (as ``prune_rules`` does for the held-out split)."""
    out = {}
    for batch in sorted({r["batch"] for r in scored if r.get("batch")}):
        mine = [r for r in scored if r.get("batch") == batch]
        y, model, words, clean = [], [], [], []
        for source in sorted({r["source"] for r in mine}):
            test = [r for r in mine if r["source"] == source]
            others = [r for r in train if r["source"] != source]
            texts = [r["text"] for r in test]
            y += [r["category"] for r in test]
            pipeline = fit_pipeline(others, seed)  # one fit serves both rule sets
            model += [p.category for p in fit_classifier(others, rules, seed, pipeline=pipeline).predict(texts)]
            words += [keyword_category(t, rules) for t in texts]
            pruned = prune_rules(rules, others, test)
            clean += [p.category for p in fit_classifier(others, pruned, seed, pipeline=pipeline).predict(texts)]
        out[batch] = {"reports": len({r["source"] for r in mine}), "model": score(y, model),
                      "keywords": score(y, words), "model_clean": score(y, clean),
                      "lexicon_read_it": batch in read_batches}
    return out


def per_category(y: list[str], pred: list[str], rows: list[dict]) -> dict:
    """Precision, recall, F1 and support on held-out, and the scored train / held-out rows."""
    from sklearn.metrics import precision_recall_fscore_support

    p, r, f, s = precision_recall_fscore_support(y, pred, labels=list(CATEGORY_IDS), zero_division=0)
    split = Counter((row["category"], row["split"]) for row in rows)
    return {
        c: {
            "train": split[(c, "train")],
            "heldout": split[(c, "heldout")],
            "precision": round(float(p[i]), 4),
            "recall": round(float(r[i]), 4),
            "f1": round(float(f[i]), 4),
            "support": int(s[i]),
        }
        for i, c in enumerate(CATEGORY_IDS)
    }


def label_summary(rows: list[dict], source_path: str = "") -> dict:
    scored = [r for r in rows if not r.get("empty")]
    return {
        "source_path": source_path,
        "rows": len(rows),
        "empty": len(rows) - len(scored),
        "distinct_texts": len({r["text"] for r in scored}),
        "groups": len({r.get("group") for r in scored}),
        "reports": len({r.get("source") for r in rows}),
        "by_basis": dict(sorted(Counter(r.get("basis") for r in rows).items())),
        "by_origin": dict(sorted(Counter(r.get("origin", "?") for r in rows).items())),
        "by_source": dict(sorted(Counter(r.get("source") for r in rows).items())),
    }


def train_reasons(labels_path: str, out_path: str | None = None, *, seed: int = 0) -> dict:
    """Train on the ``train`` rows of ``labels_path``, score on ``heldout``, write the model file.

    Returns JSON-able metrics: ``model`` (the shipped combination), ``keywords`` (baseline),
    ``ngram`` (learned model alone), ``model_clean`` / ``keywords_clean`` (held-out-only keywords
    removed, see the module docstring), ``per_category``, ``errors``, ``labels``.
    """
    rows = read_labels(labels_path)
    train = scored_rows(rows, "train")
    held = scored_rows(rows, "heldout")
    if not train:
        raise ValueError(f"{labels_path}: no train rows")
    meta = {"labels": str(labels_path), "seed": seed, "n_train": len(train), "n_heldout": len(held),
            "features": FEATURES, "model": MODEL}
    rules = load_rules()
    clf = fit_classifier(train, rules, seed, meta)
    metrics: dict = {"n_train": len(train), "n_heldout": len(held), "seed": seed,
                     "features": FEATURES, "design": MODEL, "labels": label_summary(rows, str(labels_path)),
                     "rules": {"keywords": sum(len(r.keywords) for r in rules)}}
    if held:
        texts = [r["text"] for r in held]
        y = [r["category"] for r in held]
        pred = [p.category for p in clf.predict(texts)]
        metrics["model"] = score(y, pred)
        metrics["keywords"] = score(y, [keyword_category(t, rules) for t in texts])
        metrics["ngram"] = score(y, [c for c, _ in clf.model_predict(texts)])
        pruned = prune_rules(rules, train, held)
        clean = fit_classifier(train, pruned, seed, pipeline=clf.pipeline)
        metrics["model_clean"] = score(y, [p.category for p in clean.predict(texts)])
        metrics["keywords_clean"] = score(y, [keyword_category(t, pruned) for t in texts])
        metrics["rules"]["held_out_only"] = sorted(
            {k for r, q in zip(rules, pruned) for k in r.keywords if k not in q.keywords})
        metrics["per_category"] = per_category(y, pred, train + held)
        metrics["errors"] = [{"text": t, "true": a, "predicted": b} for t, a, b in zip(texts, y, pred) if a != b]
    if any(r.get("batch") for r in train + held):
        metrics["batch_cv"] = batch_cross_validation(train, train + held, rules, seed, lexicon_read_batches())
    clf.meta["heldout"] = {k: metrics[k] for k in ("model", "keywords", "ngram", "model_clean") if k in metrics}
    out = Path(out_path) if out_path else MODEL_PATH
    clf.save(out)
    metrics["out_path"] = str(out)
    return metrics
