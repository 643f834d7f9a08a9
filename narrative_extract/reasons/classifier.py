"""Classify variance reasons into the fixed category list, with an honest confidence.

The shipped model (format 2) is a ``design.Design`` fitted on every labelled reason: a linear
model over views of a reason (``features.py``) — its character n-grams, its jieba words and, when
the design says so, its context (the keyword rules that fire, the direction and basis of the
change it explains, the item's words). With ``rules_first`` (the shipped design, chosen
leave-one-city-out, see the model card) the first keyword rule of
``patterns/reason_keywords.json`` that fires decides (a snapshot taken at training time) and the
linear model answers the rest, its scores multiplied by P(no rule fires | category) on the
training rows.

Confidence: a logistic regression over the prediction's score, margin, keyword agreement and
category, learned from leave-one-city-out predictions (``calibration.py``): the probability that
the category is right on a city the model has not seen. Below the stored ``threshold`` (chosen on the same held-out
predictions) the prediction is ``uncertain``: ``reasons`` leaves its category empty. Empty
reasons (``主要原因是。``, template placeholders) are ``other`` with confidence 1.0 and no model call.

Model file format: skops (``.skops``: a zip of a JSON schema and numpy arrays, no pickle). The
loader lists the file's types with ``skops.io.get_untrusted_types`` and refuses the file if any is
outside the explicit allow-list below, then checks the structure (built-in analysers only), so a
tampered file cannot run code.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..patterns import data_path
from .calibration import Calibration, confidence_features
from .categories import CATEGORY_IDS, OTHER, is_empty_reason
from .design import VIEWS, Design, Fitted
from .features import ReasonInput, normalize_text
from .keywords import KeywordRule

__all__ = ["FORMAT", "MODEL_PATH", "ReasonClassifier", "ReasonPrediction", "UnsafeModelError", "normalize_text",
           "read_labels", "score", "scored_rows"]

MODEL_PATH = data_path("models", "reason_classifier.skops")
FORMAT = "narrative_extract.reason_classifier/3"
#: Earlier formats this version still reads (``/2`` kept each vocabulary as a dict inside its vectoriser).
READABLE_FORMATS = ("narrative_extract.reason_classifier/2", FORMAT)

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
    "numpy.int32",
    "numpy.str_",
    "sklearn.feature_extraction.text.TfidfVectorizer",
    "sklearn.feature_extraction.text.TfidfTransformer",
    "sklearn.linear_model._logistic.LogisticRegression",
    "sklearn.svm._classes.LinearSVC",
)


class UnsafeModelError(ValueError):
    """The model file contains types outside the allow-list (or is not a reason model)."""


@dataclass(frozen=True)
class ReasonPrediction:
    """``category`` is the most likely one; ``uncertain`` when ``confidence`` is below the model's
    threshold (a record then leaves its category empty)."""

    category: str
    confidence: float
    uncertain: bool = False


def _check_structure(path: Path, obj: dict) -> None:
    """The loaded object is exactly the expected one: TF-IDF views and a linear model."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.svm import LinearSVC

    vecs = obj.get("vectorizers")
    if not isinstance(vecs, dict) or not vecs or set(vecs) - set(VIEWS):
        raise UnsafeModelError(f"{path}: unexpected feature views {vecs and list(vecs)}")
    for view, vec in vecs.items():
        if type(vec) is not TfidfVectorizer or not isinstance(vec.analyzer, str) or vec.tokenizer is not None \
                or vec.preprocessor is not None:
            raise UnsafeModelError(f"{path}: the {view} vectorizer must be a TF-IDF one with a built-in analyzer")
    prior = obj.get("prior")
    if not isinstance(prior, list) or len(prior) != len(CATEGORY_IDS) or not all(isinstance(v, float) for v in prior):
        raise UnsafeModelError(f"{path}: the fallback prior must be {len(CATEGORY_IDS)} numbers")
    est = obj.get("estimator")
    if not isinstance(est, (LinearSVC, LogisticRegression)) or type(est) not in (LinearSVC, LogisticRegression):
        raise UnsafeModelError(f"{path}: unexpected estimator {type(est).__name__}")
    if set(map(str, est.classes_)) - set(CATEGORY_IDS):
        raise UnsafeModelError(f"{path}: classes outside the category list")


# A vectoriser's vocabulary (term → column, some 70,000 terms) is stored as one array of terms in
# column order, not as the vectoriser's dict: skops audits and rebuilds a dict key by key, which took
# most of the 3 s a model took to load; one string array is read in one step.


def _vocabulary_terms(vec) -> np.ndarray:
    terms = sorted(vec.vocabulary_, key=vec.vocabulary_.__getitem__)
    if [vec.vocabulary_[t] for t in terms] != list(range(len(terms))):
        raise ValueError("a vocabulary's columns must be 0..n-1")
    return np.array(terms, dtype=str)


def _without_vocabulary(vec):
    out = copy.copy(vec)
    del out.vocabulary_
    return out


def _restore_vocabularies(path: Path, obj: dict) -> None:
    """Give each vectoriser of a ``/3`` file its vocabulary back (a ``/2`` file has them inside)."""
    terms = obj.pop("vocabularies", None)
    if terms is None:
        return
    vecs = obj.get("vectorizers")
    if not isinstance(terms, dict) or not isinstance(vecs, dict) or set(terms) != set(vecs):
        raise UnsafeModelError(f"{path}: the vocabularies do not match the feature views")
    for view, array in terms.items():
        if not isinstance(array, np.ndarray) or array.dtype.kind != "U" or array.ndim != 1:
            raise UnsafeModelError(f"{path}: the {view} vocabulary must be one array of terms")
        vecs[view].vocabulary_ = {term: i for i, term in enumerate(array.tolist())}


class ReasonClassifier:
    """Keyword rules and a calibrated linear model (see the module docstring)."""

    def __init__(self, fitted: Fitted, calibration: Calibration, threshold: float, meta: dict):
        self.fitted = fitted
        self.calibration = calibration
        self.threshold = float(threshold)
        self.meta = meta
        self.classes = fitted.classes

    @property
    def rules(self) -> tuple[KeywordRule, ...]:
        return self.fitted.rules

    @property
    def design(self) -> Design:
        return self.fitted.design

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
        if not isinstance(obj, dict) or obj.get("format") not in READABLE_FORMATS:
            raise UnsafeModelError(f"{path}: not a {FORMAT} model file")
        _check_structure(path, obj)
        _restore_vocabularies(path, obj)
        design = Design(**{**json.loads(obj["design"]), "views": tuple(json.loads(obj["design"])["views"])})
        rules = tuple(KeywordRule.from_list(row) for row in obj["rules"])
        fitted = Fitted(design, dict(obj["vectorizers"]), obj["estimator"], rules, list(obj["prior"]))
        coef, intercept = obj["calibration"]
        return cls(fitted, Calibration(tuple(map(float, coef)), float(intercept)), float(obj["threshold"]),
                   json.loads(obj["meta"]))

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
                "design": json.dumps(self.design.as_dict(), sort_keys=True),
                "vectorizers": {view: _without_vocabulary(vec) for view, vec in self.fitted.vectorizers.items()},
                "vocabularies": {view: _vocabulary_terms(vec) for view, vec in self.fitted.vectorizers.items()},
                "estimator": self.fitted.estimator,
                "rules": [r.as_list() for r in self.rules],
                "prior": [float(v) for v in self.fitted.prior],
                "calibration": self.calibration.as_lists(),
                "threshold": self.threshold,
                "meta": json.dumps(self.meta, ensure_ascii=False, sort_keys=True),
            },
            path,
            compression=zipfile.ZIP_DEFLATED,
            compresslevel=9,
        )

    # ------------------------------------------------------------------ prediction

    def predict(self, reasons: Sequence[str | ReasonInput]) -> list[ReasonPrediction]:
        """One prediction per reason (a text, or a ``ReasonInput`` with what it explains)."""
        inputs = [r if isinstance(r, ReasonInput) else ReasonInput(r) for r in reasons]
        out: list[ReasonPrediction | None] = [None] * len(inputs)
        todo = []
        for i, inp in enumerate(inputs):
            if is_empty_reason(inp.text):
                out[i] = ReasonPrediction(OTHER, 1.0)
            else:
                todo.append(i)
        if todo:
            best, scores, hits = self.fitted.decide([inputs[i] for i in todo])
            conf = self.calibration(confidence_features(scores, self.classes, hits, best))
            for i, b, c in zip(todo, best, conf):
                c = round(float(c), 6)
                out[i] = ReasonPrediction(self.classes[b], c, c < self.threshold)
        return out  # type: ignore[return-value]

    def raw_scores(self, reasons: Sequence[str | ReasonInput]) -> np.ndarray:
        """The linear model's class scores (rows sum to 1, columns in ``classes`` order), uncalibrated."""
        return self.fitted.scores([r if isinstance(r, ReasonInput) else ReasonInput(r) for r in reasons])


@lru_cache(maxsize=4)
def _load_cached(path: str, version: tuple[int, int] | None) -> ReasonClassifier:
    return ReasonClassifier.load(path)


# --------------------------------------------------------------------------- labels


def read_labels(*labels_paths: str | Path) -> list[dict]:
    """The rows of one or more labels files (JSON lines). Each needs a known ``category`` and a
    ``text``; ``split`` (of the older file) is optional and, when present, ``train`` or ``heldout``."""
    rows = []
    for labels_path in labels_paths:
        for n, line in enumerate(Path(labels_path).read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as err:
                raise ValueError(f"{labels_path}:{n}: not JSON ({err.msg})") from err
            if row.get("category") not in CATEGORY_IDS:
                raise ValueError(f"{labels_path}:{n}: unknown category {row.get('category')!r}")
            if not isinstance(row.get("text"), str):
                raise ValueError(f"{labels_path}:{n}: no reason text")  # noqa: TRY004 (bad input, not a bad call)
            if row.get("split", "train") not in ("train", "heldout"):
                raise ValueError(f"{labels_path}:{n}: split must be 'train' or 'heldout'")
            rows.append(row)
    return rows


def scored_rows(rows: list[dict], split: str | None = None) -> list[dict]:
    """Rows that are scored (empty reasons are answered by rule and left out), of one ``split``
    when given."""
    return [r for r in rows if (split is None or r.get("split", "train") == split)
            and not r.get("empty") and not is_empty_reason(r["text"])]


def score(y_true: list[str], y_pred: list[str]) -> dict:
    """Accuracy and macro-F1 (over the categories present in ``y_true``)."""
    from sklearn.metrics import accuracy_score, f1_score

    labels = [c for c in CATEGORY_IDS if c in set(y_true)]
    if not y_true:
        return {"n": 0, "accuracy": 0.0, "macro_f1": 0.0}
    return {
        "n": len(y_true),
        "accuracy": round(float(accuracy_score(y_true, y_pred)), 4),
        "macro_f1": round(
            float(f1_score(y_true, y_pred, labels=labels, average="macro", zero_division=0)), 4
        ),
    }


def train_reasons(labels_path: str | list[str], out_path: str | None = None, *, seed: int = 0) -> dict:
    """Leave-one-city-out evaluation, calibration and the final model (see ``training.py``)."""
    from .training import train_reasons as train

    return train(labels_path, out_path, seed=seed)
