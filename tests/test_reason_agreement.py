"""Cohen's κ between two blind labellings of the same reasons (``reasons/agreement.py``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from narrative_extract.reasons.agreement import agreement, cohen_kappa, file_agreement

REPO = Path(__file__).resolve().parents[1]


def test_kappa_of_the_textbook_two_by_two_table():
    # 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no: p_o = 0.7, p_e = 0.5·0.6 + 0.5·0.4 = 0.5, κ = 0.4
    a = ["yes"] * 25 + ["no"] * 25
    b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    assert cohen_kappa(a, b) == pytest.approx(0.4)


def test_kappa_agrees_with_scikit_learn_on_many_categories():
    from sklearn.metrics import cohen_kappa_score

    a = ["austerity", "personnel", "other", "other", "schedule", "austerity", "one_off", "other"]
    b = ["austerity", "pay_and_contribution", "other", "project_funding", "schedule", "austerity", "one_off", "other"]
    assert cohen_kappa(a, b) == pytest.approx(cohen_kappa_score(a, b))
    assert cohen_kappa(a, a) == 1.0
    assert cohen_kappa(["other"] * 3, ["other"] * 3) == 1.0


def test_kappa_refuses_unequal_or_empty_labellings():
    with pytest.raises(ValueError):
        cohen_kappa(["a"], ["a", "b"])
    with pytest.raises(ValueError):
        cohen_kappa([], [])


def test_file_agreement_matches_rows_on_id_and_counts_confusions(tmp_path):
    first = [{"id": "n1", "category": "austerity", "certain": True},
             {"id": "n2", "category": "budget_adjustment", "certain": False},
             {"id": "n3", "category": "personnel", "certain": True},
             {"id": "n4", "category": "other", "certain": True}]
    second = [{"id": "n3", "category": "personnel", "certain": True},
              {"id": "n2", "category": "project_funding", "certain": True},
              {"id": "n1", "category": "austerity", "certain": True},
              {"id": "n9", "category": "other", "certain": True}]  # only in the second: not compared
    for name, rows in (("a.jsonl", first), ("b.jsonl", second)):
        (tmp_path / name).write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    ag = file_agreement(tmp_path / "a.jsonl", tmp_path / "b.jsonl")
    assert (ag.n, ag.agree, ag.n_certain) == (3, 2, 2)
    assert ag.confused == {("budget_adjustment", "project_funding"): 1}
    assert ag.kappa == pytest.approx(cohen_kappa(["austerity", "budget_adjustment", "personnel"],
                                                 ["austerity", "project_funding", "personnel"]))
    assert ag.kappa_certain == 1.0
    assert json.loads(json.dumps(ag.as_dict()))["confused"][0]["count"] == 1


def test_disjoint_labellings_are_an_error():
    with pytest.raises(ValueError, match="no id"):
        agreement({"a": {"category": "other"}}, {"b": {"category": "other"}})


def test_units_count_once_and_the_blind_labels_can_be_compared():
    # two reasons of one unit (same text and item) labelled once by each labeller: one comparison
    first = {"a": {"category": "other", "category_blind": "project_funding", "label_key": "k1"},
             "b": {"category": "other", "category_blind": "project_funding", "label_key": "k1"},
             "c": {"category": "austerity", "label_key": "k2"}}
    second = {"a": {"category": "other", "category_blind": "other", "label_key": "k1"},
              "b": {"category": "other", "category_blind": "other", "label_key": "k1"},
              "c": {"category": "austerity", "label_key": "k2"}}
    assert (agreement(first, second).n, agreement(first, second).agree) == (2, 2)
    blind = agreement(first, second, "category_blind")
    assert (blind.n, blind.agree) == (2, 1) and blind.confused == {("project_funding", "other"): 1}


def test_a_committed_blind_batch_is_scored_against_its_blind_labels():
    # bench/score_blind_batch.py --batch: the blind check of batch unseen-2026-12d (two labellers,
    # 67 of 68 units agree) can be re-run from the repository against the blind labels
    import sys

    sys.path.insert(0, str(REPO))
    from bench.score_blind_batch import committed_batch

    rows, labels = committed_batch("unseen-2026-12d")
    # 68 first extracted, 78 after the frames of session 10, 83 after those of session 11
    assert len(rows) == 83 and len(labels) == 83
    assert sum(1 for r in rows if r.get("certain") is False) == 24
    second = file_agreement(REPO / "corpus/reasons/labels.jsonl", REPO / "corpus/reasons/labels_second.jsonl",
                            "category_blind")
    assert second.n >= 130 and second.kappa > 0.95


def test_the_third_blind_batch_has_two_independent_blind_labellings():
    # unseen-2026-12e (session 11): 52 reasons of unit-level reports and self-evaluations, labelled by
    # two sessions independently; scored blind with version 12 before it was read (model card notes)
    import sys

    sys.path.insert(0, str(REPO))
    from bench.score_blind_batch import committed_batch

    rows, labels = committed_batch("unseen-2026-12e")
    assert len(rows) == len(labels) == 52
    # one unit came out with another item after the self-evaluation frames: labelled blind anew, and its
    # second label (of the old unit) dropped from the κ sample
    assert sorted(r["labeller"] for r in rows).count("blind-E1") == 51
    second = [json.loads(line) for line in (REPO / "corpus/reasons/labels_second.jsonl").read_text().splitlines()]
    mine = {r["label_key"]: r["category"] for r in second if r["labeller"] == "blind-E2"}
    seen = [r for r in rows if r["label_key"] in mine]
    assert len(seen) == 51 and sum(mine[r["label_key"]] == r["category_blind"] for r in seen) == 50
