"""The shipped variance-reason classifier: safe loading, known reasons, honest card, retraining."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

import pytest

from narrative_extract.reasons import CATEGORY_IDS, ReasonClassifier, ReasonPrediction, train_reasons
from narrative_extract.reasons.classifier import MODEL_PATH, UnsafeModelError, read_labels, score, scored_rows
from narrative_extract.reasons.keywords import keyword_category

REPO = Path(__file__).resolve().parents[1]
LABELS = REPO / "corpus" / "reasons" / "labels.jsonl"
CARD = REPO / "models" / "reason_classifier.md"


@pytest.fixture(scope="module")
def clf() -> ReasonClassifier:
    return ReasonClassifier.load()


def test_shipped_model_is_the_default_and_loads_safely(clf):
    assert MODEL_PATH.resolve() == REPO / "models" / "reason_classifier.skops"  # through narrative_extract/_data
    from skops.io import get_untrusted_types

    from narrative_extract.reasons.classifier import TRUSTED_TYPES

    assert set(get_untrusted_types(file=MODEL_PATH)) <= set(TRUSTED_TYPES)
    assert set(clf.classes) <= set(CATEGORY_IDS)


def test_refuses_a_model_file_with_foreign_types(tmp_path):
    from sklearn.preprocessing import FunctionTransformer
    from skops.io import dump

    bad = tmp_path / "bad.skops"
    dump(
        {"format": "narrative_extract.reason_classifier/1", "pipeline": FunctionTransformer(func=print)}, bad
    )
    with pytest.raises(UnsafeModelError):
        ReasonClassifier.load(bad)


def test_refuses_a_file_that_is_not_a_reason_model(tmp_path):
    from skops.io import dump

    other = tmp_path / "other.skops"
    dump({"format": "something else"}, other)
    with pytest.raises(UnsafeModelError):
        ReasonClassifier.load(other)


@pytest.mark.parametrize(
    "text, category",
    [
        ("省级人才专项经费、主题教育工作经费收入减少", "project_funding"),
        ("执行中追加经费支出", "budget_adjustment"),
        ("为以前年度结转资金在本年支出", "carryover"),
        ("人员变动，支出减少", "personnel"),
        ("严格控制“三公”经费支出，节约开支", "austerity"),
        ("公务接待批次和人次均有所增加", "activity_level"),
        ("本单位无公务车辆", "no_activity"),
        ("年中新增预算项目，指标下达时间较晚", "schedule"),
        ("单位于 2024 年成立", "policy_or_system"),
        ("年中社会保险缴费基数变更导致", "pay_and_contribution"),
        ("上年度我部门组织开展的“2023年人才协同大会”为一次性项目，本年度再无相关预算资金需求", "one_off"),
        ("群众体育经费增加", "other"),
    ],
)
def test_real_reasons(clf, text, category):
    (pred,) = clf.predict([text])
    assert isinstance(pred, ReasonPrediction)
    assert pred.category == category
    assert 0.0 < pred.confidence <= 1.0


@pytest.mark.parametrize("text", ["", "主要原因是。", "   ", "XXXXXXXX（如持平作持平表述）"])
def test_empty_reason_is_other_without_model(clf, text, monkeypatch):
    monkeypatch.setattr(clf, "model_predict", lambda texts: pytest.fail("model called for an empty reason"))
    assert clf.predict([text]) == [ReasonPrediction("other", 1.0)]


def test_batch_keeps_order(clf):
    texts = ["本单位无公务车辆", "", "执行中追加经费支出", "公务接待批次和人次均有所增加"]
    preds = clf.predict(texts)
    assert [p.category for p in preds] == ["no_activity", "other", "budget_adjustment", "activity_level"]
    assert clf.predict([]) == []


def _card_figure(name: str) -> float:
    m = re.search(rf"^{name}:\s*([0-9.]+)\s*$", CARD.read_text(encoding="utf-8"), re.MULTILINE)
    assert m, f"{CARD} must state `{name}: <number>`"
    return float(m.group(1))


def test_heldout_accuracy_matches_model_card(clf):
    rows = scored_rows(read_labels(LABELS), "heldout")
    assert rows
    y = [r["category"] for r in rows]
    got = score(y, [p.category for p in clf.predict([r["text"] for r in rows])])
    assert got["accuracy"] >= _card_figure("heldout_accuracy") - 0.01
    assert got["macro_f1"] >= _card_figure("heldout_macro_f1") - 0.01


def test_model_beats_keyword_baseline_on_heldout(clf):
    rows = scored_rows(read_labels(LABELS), "heldout")
    y = [r["category"] for r in rows]
    model = score(y, [p.category for p in clf.predict([r["text"] for r in rows])])
    keywords = score(y, [keyword_category(r["text"]) for r in rows])
    assert model["accuracy"] >= keywords["accuracy"]


def test_labels_file_is_consistent():
    rows = read_labels(LABELS)
    assert len(rows) >= 100
    by_group = defaultdict(set)
    for r in rows:
        assert r["basis"] in ("yoy", "budget", "performance")
        assert r["source"] and ("line" in r or "page" in r)
        assert not r["source"].endswith(".pdf") or "page" in r
        if r.get("empty"):
            assert r["category"] == "other"
        else:
            assert r["text"].strip()
        assert not r["text"].startswith(("主要原因", "原因系", "原因是")), r["text"]
        by_group[r["group"]].add(r["split"])
    assert all(len(s) == 1 for s in by_group.values()), "a near-duplicate group straddles the split"
    cats = {r["category"] for r in rows if r["split"] == "heldout"}
    assert cats == set(CATEGORY_IDS), "every category should have held-out examples"


def test_retraining_is_deterministic_and_reproduces_the_shipped_model(tmp_path, clf):
    # one retraining (it takes minutes): equal to the shipped file, trained in another process,
    # it shows both that training is deterministic and that the shipped model is not stale
    a = tmp_path / "a.skops"
    ma = train_reasons(str(LABELS), str(a), seed=0)
    ma.pop("out_path")
    n_train = len(scored_rows(read_labels(LABELS), "train"))
    assert ma["n_train"] == n_train
    assert set(ma) >= {"model", "keywords", "ngram"}
    ca = ReasonClassifier.load(a)
    texts = sorted({r["text"] for r in read_labels(LABELS)})
    pa = ca.predict(texts)
    assert clf.predict(texts) == pa
    assert ca.fallback_prior == clf.fallback_prior and ca.rule_confidence == clf.rule_confidence
    assert {k: v for k, v in ca.meta.items() if k != "labels"} == {k: v for k, v in clf.meta.items() if k != "labels"}
    assert ma["model"]["accuracy"] >= _card_figure("heldout_accuracy") - 0.01
    assert json.loads(json.dumps(ma)) == ma  # plain JSON-able metrics


def test_heldout_split_is_large_and_stratified():
    rows = read_labels(LABELS)
    held, train = scored_rows(rows, "heldout"), scored_rows(rows, "train")
    assert len(held) >= 60
    assert {r["category"] for r in held} == {r["category"] for r in train} == set(CATEGORY_IDS)


def test_fallback_prior_keeps_uncovered_restatements_other(clf):
    # no keyword covers these; every uncovered train reason is `other`, so the prior favours it
    assert clf.fallback_prior["other"] > max(v for c, v in clf.fallback_prior.items() if c != "other")
    texts = ["根据实际支出", "人员经费支出数小于预算数", "社区活动经费增加"]
    assert [p.category for p in clf.predict(texts)] == ["other", "other", "other"]
    # a model without a prior (the first file format) falls back on the plain n-gram model
    plain = ReasonClassifier(clf.pipeline, clf.rules, clf.rule_confidence, clf.meta)
    assert set(plain.fallback_prior.values()) == {1.0}
    assert [p.category for p in plain.predict(texts)] == [c for c, _ in clf.model_predict(texts)]


def test_card_reports_baseline_and_clean_estimate():
    text = CARD.read_text(encoding="utf-8")
    assert "keyword baseline" in text and "clean estimate" in text and "Held-out-only keywords" in text
    assert "## Notes (hand-written" in text  # models/reason_classifier.notes.md appended
