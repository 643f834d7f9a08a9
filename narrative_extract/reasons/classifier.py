"""Classify variance reasons into the fixed category list.

The shipped model is a combination of two parts, both stored in one model file:

1. the keyword rules of ``patterns/reason_keywords.json`` (a snapshot taken at training time),
   tried first: they are precise where they fire;
2. for every reason no rule covers, a learned model: character n-gram TF-IDF (``char_wb``,
   1–3 grams) and a multinomial logistic regression (class-balanced weights), whose class
   probabilities are multiplied by ``fallback_prior[c]`` = P(no rule fires | category c) on the
   train rows (Laplace-smoothed) and renormalised.

Why the prior: the fallback only ever sees texts no rule covers, and on the train rows those are
almost all ``other`` (restatements such as ``群众体育经费增加``, vague phrases such as ``根据实际
支出``), while a category whose train reasons are all covered by rules is rarely uncovered. The
logistic regression is fitted on all train rows (it needs the other categories' wordings), so
its probabilities describe the whole population; the prior turns them into probabilities for the
population the fallback actually sees. Without it the fallback guesses a real category for most
uncovered restatements (the design of version 1; see ``models/reason_classifier.md``).

Confidence: for a rule decision, the rule's precision on the training rows (Laplace-smoothed);
for a model decision, the corrected probability of the chosen class. Empty reasons (``主要原因是。``,
template placeholders) are ``other`` with confidence 1.0 and no model call.

Model file format: skops (``.skops``: a zip of a JSON schema and numpy arrays, no pickle). The
loader lists the file's types with ``skops.io.get_untrusted_types`` and refuses the file if any is
outside the explicit allow-list below, so a tampered file cannot run code. skops keeps sklearn's
own ``TfidfVectorizer`` transform exactly (a hand-written JSON format would have to re-implement
the ``char_wb`` analyser).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..patterns import data_path
from .categories import CATEGORY_IDS, OTHER, is_empty_reason
from .keywords import KeywordRule, keyword_match

MODEL_PATH = data_path("models", "reason_classifier.skops")
FORMAT = "narrative_extract.reason_classifier/1"

#: Types a model file may contain (``skops.io.get_untrusted_types`` names). Anything else is refused.
TRUSTED_TYPES: tuple[str, ...] = (
    "builtins.dict",
    "builtins.list",
    "builtins.tuple",
    "builtins.str",
    "builtins.int",
    "builtins.float",
    "builtins.bool",
    "builtins.NoneType",
    "numpy.ndarray",
    "numpy.dtype",
    "numpy.float64",
    "numpy.int64",
    "numpy.str_",
    "sklearn.pipeline.Pipeline",
    "sklearn.feature_extraction.text.TfidfVectorizer",
    "sklearn.feature_extraction.text.TfidfTransformer",
    "sklearn.linear_model._logistic.LogisticRegression",
)


class UnsafeModelError(ValueError):
    """The model file contains types outside the allow-list (or is not a reason model)."""


@dataclass(frozen=True)
class ReasonPrediction:
    category: str
    confidence: float


_SPACE = re.compile(r"\s+")
_DIGITS = re.compile(r"[0-9]+(?:[.,][0-9]+)*")
_CELL_LEAD = re.compile(r"^(?:其他|经费保障|制度保障|人员保障|硬件条件保障)[:：]")


def normalize_text(text: str) -> str:
    """What the learned model sees: NFKC, no spaces, every number as ``0``, no table-cell lead-in."""
    t = unicodedata.normalize("NFKC", text or "")
    t = _SPACE.sub("", t)
    t = _CELL_LEAD.sub("", t)
    return _DIGITS.sub("0", t)


def _check_structure(path: Path, obj: dict) -> None:
    """The loaded object is exactly the expected pipeline: TF-IDF then logistic regression."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    pipe = obj.get("pipeline")
    steps = [type(s) for _, s in pipe.steps] if isinstance(pipe, Pipeline) else None
    if steps != [TfidfVectorizer, LogisticRegression]:
        raise UnsafeModelError(f"{path}: unexpected model structure {steps}")
    assert isinstance(pipe, Pipeline)  # steps is a list only for a Pipeline
    if not isinstance(pipe.steps[0][1].analyzer, str):
        raise UnsafeModelError(f"{path}: the TF-IDF analyzer must be a built-in one, not code")
    if set(map(str, pipe.classes_)) - set(CATEGORY_IDS):
        raise UnsafeModelError(f"{path}: classes outside the category list")


class ReasonClassifier:
    """Keyword rules first, the learned n-gram model for the rest (see the module docstring)."""

    def __init__(
        self,
        pipeline,
        rules: tuple[KeywordRule, ...],
        rule_confidence: dict[str, float],
        meta: dict,
        fallback_prior: dict[str, float] | None = None,
    ):
        self.pipeline = pipeline
        self.rules = rules
        self.rule_confidence = rule_confidence
        self.meta = meta
        self.classes = [str(c) for c in pipeline.classes_]
        # a file without the prior (format 1 as first shipped) gets a flat one: the plain fallback
        self.fallback_prior = {c: float((fallback_prior or {}).get(c, 1.0)) for c in self.classes}

    # ------------------------------------------------------------------ persistence

    @classmethod
    def load(cls, path: str | Path | None = None) -> ReasonClassifier:
        """Load a model file safely (no pickle; only allow-listed types). Default: the shipped model."""
        from skops.io import get_untrusted_types, load

        path = Path(path) if path else MODEL_PATH
        if not path.is_file():
            raise FileNotFoundError(
                f"{path}: no reason model (train one with `narrative-extract train-reasons`)"
            )
        found = get_untrusted_types(file=path)
        unexpected = sorted(set(found) - set(TRUSTED_TYPES))
        if unexpected:
            raise UnsafeModelError(f"{path}: refusing to load types outside the allow-list: {unexpected}")
        obj = load(path, trusted=list(found))
        if not isinstance(obj, dict) or obj.get("format") != FORMAT:
            raise UnsafeModelError(f"{path}: not a {FORMAT} model file")
        _check_structure(path, obj)
        rules = tuple(KeywordRule(c, tuple(kws)) for c, kws in obj["rules"])
        prior = obj.get("fallback_prior")
        return cls(obj["pipeline"], rules, dict(obj["rule_confidence"]), json.loads(obj["meta"]),
                   dict(prior) if isinstance(prior, dict) else None)

    @classmethod
    def load_cached(cls, path: str | Path | None = None) -> ReasonClassifier:
        """``load``, once per process and version of the model file (a batch worker classifies many
        reports); a file rewritten since (``train-reasons``) is loaded anew."""
        path = Path(path).resolve() if path else MODEL_PATH
        stat = path.stat() if path.is_file() else None
        return _load_cached(str(path), stat and (stat.st_mtime_ns, stat.st_size))

    def save(self, path: str | Path) -> None:
        import zipfile

        from skops.io import dump

        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        dump(
            {
                "format": FORMAT,
                "pipeline": self.pipeline,
                "rules": [[r.category, list(r.keywords)] for r in self.rules],
                "rule_confidence": dict(self.rule_confidence),
                "fallback_prior": dict(self.fallback_prior),
                "meta": json.dumps(self.meta, ensure_ascii=False, sort_keys=True),
            },
            path,
            compression=zipfile.ZIP_DEFLATED,
            compresslevel=9,
        )

    # ------------------------------------------------------------------ prediction

    def predict(self, texts: list[str]) -> list[ReasonPrediction]:
        out: list[ReasonPrediction | None] = [None] * len(texts)
        todo: list[int] = []
        for i, text in enumerate(texts):
            if is_empty_reason(text):
                out[i] = ReasonPrediction(OTHER, 1.0)
                continue
            cat = keyword_match(text, self.rules)
            if cat is not None:
                out[i] = ReasonPrediction(cat, float(self.rule_confidence.get(cat, 0.5)))
            else:
                todo.append(i)
        if todo:
            for i, (cat, p) in zip(todo, self.fallback_predict([texts[i] for i in todo])):
                out[i] = ReasonPrediction(cat, p)
        return out  # type: ignore[return-value]

    def fallback_predict(self, texts: list[str]) -> list[tuple[str, float]]:
        """The learned model as used for reasons no rule covers: probabilities × fallback prior."""
        if not texts:
            return []
        proba = self.pipeline.predict_proba([normalize_text(t) for t in texts])
        prior = np.array([self.fallback_prior[c] for c in self.classes])
        scores = proba * prior
        scores = scores / scores.sum(axis=1, keepdims=True)
        best = scores.argmax(axis=1)
        return [(self.classes[b], round(float(p[b]), 6)) for b, p in zip(best, scores)]

    def model_predict(self, texts: list[str]) -> list[tuple[str, float]]:
        """The learned model alone (no rules, no empty-text rule): (category, probability)."""
        if not texts:
            return []
        proba = self.pipeline.predict_proba([normalize_text(t) for t in texts])
        best = proba.argmax(axis=1)
        return [(self.classes[b], round(float(p[b]), 6)) for b, p in zip(best, proba)]


@lru_cache(maxsize=4)
def _load_cached(path: str, version: tuple[int, int] | None) -> ReasonClassifier:
    return ReasonClassifier.load(path)


# --------------------------------------------------------------------------- training


def read_labels(labels_path: str | Path) -> list[dict]:
    rows = []
    for n, line in enumerate(Path(labels_path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        if row.get("category") not in CATEGORY_IDS:
            raise ValueError(f"{labels_path}:{n}: unknown category {row.get('category')!r}")
        if row.get("split") not in ("train", "heldout"):
            raise ValueError(f"{labels_path}:{n}: split must be 'train' or 'heldout'")
        rows.append(row)
    return rows


def scored_rows(rows: list[dict], split: str) -> list[dict]:
    """Rows of a split that are scored: empty reasons are answered by rule and left out."""
    return [r for r in rows if r["split"] == split and not r.get("empty") and not is_empty_reason(r["text"])]


def score(y_true: list[str], y_pred: list[str]) -> dict:
    """Accuracy and macro-F1 (over the categories present in ``y_true``)."""
    from sklearn.metrics import accuracy_score, f1_score

    labels = [c for c in CATEGORY_IDS if c in set(y_true)]
    return {
        "n": len(y_true),
        "accuracy": round(float(accuracy_score(y_true, y_pred)), 4),
        "macro_f1": round(
            float(f1_score(y_true, y_pred, labels=labels, average="macro", zero_division=0)), 4
        ),
    }


def train_reasons(labels_path: str, out_path: str | None = None, *, seed: int = 0) -> dict:
    """Train on the ``train`` rows, score on ``heldout``, write the model file (see ``training.py``)."""
    from .training import train_reasons as train

    return train(labels_path, out_path, seed=seed)
