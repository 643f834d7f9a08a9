"""The learned part of the reason classifier: feature views, vectorisers and a linear model.

A ``Design`` names the choices (which views, how much the context view weighs, which linear
model); ``fit_design`` fits it on labelled rows with a keyword-rule snapshot. ``Fitted.scores``
gives one score per class that sums to 1 (``predict_proba`` of a logistic regression, a softmax of
a linear SVM's decision values): the *raw* score that ``calibration.py`` maps to an honest
probability of being right.

The views (``features.py``) are vectorised by stock scikit-learn ``TfidfVectorizer``s with
built-in analysers only (``char_wb`` or whitespace tokens), so a model file holds no code.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass

import numpy as np

from .bare_changes import bare_change_category
from .categories import CATEGORY_IDS, OTHER
from .features import ReasonInput, context_text, normalize_text, word_text
from .keywords import KeywordRule, keyword_hits

VIEWS = ("char", "word", "context")


@dataclass(frozen=True)
class Design:
    name: str = "svm"
    views: tuple[str, ...] = VIEWS
    context_weight: float = 2.0  # the context view's tokens are few; they weigh this much more
    estimator: str = "svm"  # "svm" (LinearSVC) | "logreg" (LogisticRegression)
    C: float = 0.5
    softmax_scale: float = 3.0  # SVM decision values → softmax(scale · d) as raw scores
    rules_first: bool = False  # the first keyword rule that fires decides; the model only where none does
    # with rules_first: where no rule fires, scores × P(no rule fires | category) on the training rows
    fallback_prior: bool = False
    dedupe: bool = False  # weigh each training reason 1/√(copies of its text), so boilerplate counts less
    # a reason that only names budget lines that changed is decided by what they are (``bare_changes``,
    # ``rule_hits``): standard lines only → other before the keyword rules; else project spending or a
    # named programme → project_funding where no keyword fires
    bare_changes: bool = False

    def describe(self) -> str:
        views = {"char": "character 1–3-grams (char_wb)", "word": "jieba words and word bigrams",
                 "context": f"context tokens ×{self.context_weight:g} (keyword hits, direction, basis, "
                            "item words, restates-item)"}
        model = (f"LinearSVC(C={self.C:g}, class_weight=balanced), softmax(×{self.softmax_scale:g}) of its "
                 "decision values" if self.estimator == "svm"
                 else f"LogisticRegression(C={self.C:g}, class_weight=balanced)")
        out = f"{model} on TF-IDF of " + " + ".join(views[v] for v in self.views)
        if self.rules_first and self.fallback_prior:
            out += ", its scores multiplied by P(no rule fires | category) on the training rows and renormalised"
        rules = "keyword rules first (the rule named in the earliest clause decides, rule order breaking ties)"
        if self.bare_changes:
            rules = ("a reason that only names standard budget lines that changed is other; then " + rules +
                     "; where none fires, one that only names lines that changed is project_funding when the "
                     "first that is no standard line is project spending or a named fund")
        return f"{rules}; elsewhere {out}" if self.rules_first else out

    def as_dict(self) -> dict:
        """JSON-ready (``views`` as a list)."""
        return {**asdict(self), "views": list(self.views)}


def rule_hits(design: Design, inp: ReasonInput, rules: tuple[KeywordRule, ...]) -> list[str]:
    """The categories the rules name for ``inp``, first-ranked first: the keyword rules'
    (``keywords.keyword_hits``), or where none fires and the design says so, the bare-change rule's
    (``bare_changes``). A reason naming only standard lines that changed is ``other`` before any
    keyword: a keyword inside a line's name (公务用车购置费增加: 购置) names no cause."""
    bare = bare_change_category(inp.text, inp.item) if design.bare_changes else None
    if bare == OTHER:
        return [OTHER]
    hits = keyword_hits(inp.text, rules, inp.direction, inp.basis)
    if not hits and bare is not None:
        hits = [bare]
    return hits


def view_texts(view: str, inputs: list[ReasonInput], rules: tuple[KeywordRule, ...]) -> list[str]:
    if view == "char":
        return [normalize_text(i.text) for i in inputs]
    if view == "word":
        return [word_text(i.text) for i in inputs]
    return [context_text(i, rules) for i in inputs]


def new_vectorizer(view: str):
    from sklearn.feature_extraction.text import TfidfVectorizer

    if view == "char":
        return TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3), sublinear_tf=True)
    if view == "word":
        return TfidfVectorizer(analyzer="word", token_pattern=r"\S+", ngram_range=(1, 2), sublinear_tf=True,
                               lowercase=False)
    return TfidfVectorizer(analyzer="word", token_pattern=r"\S+", lowercase=False, use_idf=False)


def new_estimator(design: Design, seed: int):
    from sklearn.linear_model import LogisticRegression
    from sklearn.svm import LinearSVC

    if design.estimator == "svm":
        return LinearSVC(C=design.C, class_weight="balanced", random_state=seed, max_iter=20000)
    if design.estimator == "logreg":
        return LogisticRegression(C=design.C, class_weight="balanced", max_iter=5000, random_state=seed)
    raise ValueError(f"unknown estimator {design.estimator!r}")


class Fitted:
    """Vectorisers and estimator fitted together; ``scores`` → (n, categories) rows summing to 1,
    one column per category id in canonical order (0 for a category the training rows lack)."""

    def __init__(self, design: Design, vectorizers: dict, estimator, rules: tuple[KeywordRule, ...],
                 prior: list[float] | None = None):
        self.design = design
        self.vectorizers = vectorizers
        self.estimator = estimator
        self.rules = rules
        self.prior = np.asarray(prior if prior is not None else [1.0] * len(CATEGORY_IDS), dtype=float)
        self.classes = list(CATEGORY_IDS)
        self._columns = [self.classes.index(str(c)) for c in estimator.classes_]

    def matrix(self, inputs: list[ReasonInput]):
        import scipy.sparse as sp  # type: ignore[import-untyped]

        blocks = []
        for view, vec in self.vectorizers.items():
            x = vec.transform(view_texts(view, inputs, self.rules))
            blocks.append(x * self.design.context_weight if view == "context" else x)
        return sp.hstack(blocks).tocsr()

    def scores(self, inputs: list[ReasonInput]) -> np.ndarray:
        x = self.matrix(inputs)
        if self.design.estimator == "logreg":
            p = self.estimator.predict_proba(x)
        else:
            d = self.estimator.decision_function(x) * self.design.softmax_scale
            if d.ndim == 1:  # two classes: one decision value
                d = np.column_stack([-d, d])
            d = d - d.max(axis=1, keepdims=True)
            e = np.exp(d)
            p = e / e.sum(axis=1, keepdims=True)
        out = np.zeros((len(inputs), len(self.classes)))
        out[:, self._columns] = p
        return out

    def decide(self, inputs: list[ReasonInput]) -> tuple[np.ndarray, np.ndarray, list[list[str]]]:
        """(predicted class index per input, scores, the rules' categories per input): the top score's
        class, or with ``rules_first`` the class of the first-ranked rule that fires (``rule_hits``,
        asked once per input: the confidence reads them too)."""
        s = self.scores(inputs)
        hits = [rule_hits(self.design, inp, self.rules) for inp in inputs]
        if not self.design.rules_first:
            return s.argmax(axis=1), s, hits
        index = {c: i for i, c in enumerate(self.classes)}
        pred = np.zeros(len(inputs), dtype=int)
        for n, found in enumerate(hits):
            hit = found[0] if found else None
            if hit is None and self.design.fallback_prior:
                corrected = s[n] * self.prior
                s[n] = corrected / corrected.sum() if corrected.sum() > 0 else s[n]
            pred[n] = index[hit] if hit is not None else int(s[n].argmax())
        return pred, s, hits


def fit_design(design: Design, rows: list[dict], rules: tuple[KeywordRule, ...], seed: int = 0) -> Fitted:
    """Fit the design's vectorisers and estimator on labelled rows (``text``, ``category``, …)."""
    import scipy.sparse as sp  # type: ignore[import-untyped]

    inputs = [ReasonInput.of(r) for r in rows]
    vectorizers = {v: new_vectorizer(v) for v in design.views}
    blocks = []
    for view, vec in vectorizers.items():
        x = vec.fit_transform(view_texts(view, inputs, rules))
        blocks.append(x * design.context_weight if view == "context" else x)
    weight = None
    if design.dedupe:
        copies = Counter(normalize_text(r["text"]) for r in rows)
        weight = np.array([1.0 / np.sqrt(copies[normalize_text(r["text"])]) for r in rows])
    estimator = new_estimator(design, seed).fit(sp.hstack(blocks).tocsr(), [r["category"] for r in rows],
                                                sample_weight=weight)
    prior = None
    if design.rules_first and design.fallback_prior:
        n = Counter(r["category"] for r in rows)
        uncovered = Counter(r["category"] for r, i in zip(rows, inputs) if not rule_hits(design, i, rules))
        prior = [round((uncovered[c] + 1) / (n[c] + 2), 6) for c in CATEGORY_IDS]
    return Fitted(design, vectorizers, estimator, rules, prior)
