"""An honest confidence and the threshold below which a reason is left ``uncertain``.

The top class score of a prediction (``design.Fitted.scores``) is not a probability of being
right on a city the model never saw. ``fit_calibration`` learns that probability from held-out
predictions — the leave-one-city-out predictions, each made by a model that never saw the
reason's city: a logistic regression of "it was right" on the top score, the margin to the second,
whether the keyword rules agree, conflict or are silent, and the predicted category (some are
reliably recognised, some not). The model file keeps its coefficients, plain numbers.

``choose_threshold`` picks, on held-out predictions, the lowest confidence threshold at which the
reasons kept (confidence ≥ threshold) are right at least ``target`` of the time; below it a reason
gets no category (``uncertain``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .categories import CATEGORY_IDS

#: what the confidence model looks at, per prediction (``confidence_features``)
FEATURES: tuple[str, ...] = ("top", "margin", "keyword_fired", "keyword_agrees", "keyword_conflict") + tuple(
    f"pred_{c}" for c in CATEGORY_IDS)


def confidence_features(scores: np.ndarray, classes: list[str], hits: list[list[str]],
                        pred: np.ndarray | None = None) -> np.ndarray:
    """One row per prediction (``pred``: class indices, default the top score's): the predicted
    class's score, its margin over the best other class, whether a keyword rule fired, whether the
    first rule that fired names the predicted category, whether rules of two categories fired, and
    the predicted category (one-hot)."""
    best = scores.argmax(axis=1) if pred is None else pred
    rows = []
    for s, b, h in zip(scores, best, hits):
        cat = classes[b]
        other = max((v for i, v in enumerate(s) if i != b), default=0.0)
        rows.append([s[b], s[b] - other, float(bool(h)), float(bool(h) and h[0] == cat),
                     float(len(set(h)) > 1)] + [float(cat == c) for c in CATEGORY_IDS])
    return np.asarray(rows, dtype=float).reshape(len(rows), len(FEATURES))


@dataclass(frozen=True)
class Calibration:
    """P(the predicted category is right) = sigmoid(features · coef + intercept): a logistic
    regression fitted on held-out predictions. No coefficients: the raw top score itself."""

    coef: tuple[float, ...]
    intercept: float = 0.0

    def __call__(self, features: np.ndarray) -> np.ndarray:
        features = np.asarray(features, dtype=float)
        if not self.coef:
            return features[:, 0] if len(features) else np.zeros(0)
        z = features @ np.asarray(self.coef) + self.intercept
        return 1.0 / (1.0 + np.exp(-z))

    def as_lists(self) -> list:
        return [list(self.coef), self.intercept]


IDENTITY = Calibration(())


def fit_calibration(features: np.ndarray, correct) -> Calibration:
    """A logistic regression of "the prediction was right" on its features (held-out predictions)."""
    from sklearn.linear_model import LogisticRegression

    correct = np.asarray(correct, dtype=bool)
    if len(correct) < 2 or correct.all() or not correct.any():
        return IDENTITY
    lr = LogisticRegression(C=1.0, max_iter=2000).fit(np.asarray(features, dtype=float), correct)
    return Calibration(tuple(round(float(v), 6) for v in lr.coef_[0]), round(float(lr.intercept_[0]), 6))


@dataclass(frozen=True)
class Coverage:
    threshold: float
    n: int
    kept: int
    right_kept: int
    right_all: int

    @property
    def coverage(self) -> float:
        return self.kept / self.n if self.n else 0.0

    @property
    def accuracy_kept(self) -> float:
        return self.right_kept / self.kept if self.kept else 0.0

    @property
    def accuracy_all(self) -> float:
        return self.right_all / self.n if self.n else 0.0

    def as_dict(self) -> dict:
        return {"threshold": round(self.threshold, 4), "n": self.n, "kept": self.kept,
                "coverage": round(self.coverage, 4), "accuracy_kept": round(self.accuracy_kept, 4),
                "accuracy_all": round(self.accuracy_all, 4)}


def coverage_at(threshold: float, confidence, correct) -> Coverage:
    conf = np.asarray(confidence, dtype=float)
    ok = np.asarray(correct, dtype=bool)
    kept = conf >= threshold
    return Coverage(float(threshold), len(ok), int(kept.sum()), int((ok & kept).sum()), int(ok.sum()))


def choose_threshold(confidence, correct, target: float = 0.85, min_coverage: float = 0.0) -> float:
    """The lowest threshold whose kept reasons are right ≥ ``target`` of the time (and keep at
    least ``min_coverage`` of them); when none is, the one with the best accuracy among those
    keeping ``min_coverage``. 0.0 (classify everything) when even that is impossible."""
    conf = np.asarray(confidence, dtype=float)
    ok = np.asarray(correct, dtype=bool)
    if not len(conf):
        return 0.0
    candidates = sorted({0.0, *map(float, conf)})
    scored = [coverage_at(t, conf, ok) for t in candidates]
    allowed = [c for c in scored if c.kept and c.coverage >= min_coverage]
    if not allowed:
        return 0.0
    good = [c for c in allowed if c.accuracy_kept >= target]
    if good:
        return min(c.threshold for c in good)
    return max(allowed, key=lambda c: (c.accuracy_kept, -c.threshold)).threshold
