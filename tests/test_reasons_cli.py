"""`narrative-extract reasons` and `train-reasons` on real input: records, formats, stats, errors, retraining."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from narrative_extract.cli import app
from narrative_extract.reasons import ReasonClassifier
from narrative_extract.reasons.classifier import read_labels, scored_rows
from narrative_extract.reasons.render import CSV_FIELDS

from .conftest import CORPUS, corpus

REPO = Path(__file__).resolve().parents[1]
LABELS = REPO / "corpus" / "reasons" / "labels.jsonl"
runner = CliRunner()


def jsonl(text: str) -> list[dict]:
    return [json.loads(x) for x in text.splitlines() if x.startswith("{")]


@pytest.fixture(scope="module")
def corpus_records(tmp_path_factory) -> list[dict]:
    out = tmp_path_factory.mktemp("reasons") / "reasons.jsonl"
    result = runner.invoke(app, ["reasons", str(CORPUS), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert re.search(r"\d+ reasons from 3 reports", result.stderr)
    return jsonl(out.read_text(encoding="utf-8"))


def test_reasons_on_the_corpus_jsonl(corpus_records):
    docs = [r["doc"] for r in corpus_records]
    assert docs == sorted(docs)  # files in the order given (a folder: sorted), reasons in document order
    assert {Path(d).name for d in docs} == {"anju_org_2024_final.txt", "liaoning_org_2024_final.txt"}
    r = next(r for r in corpus_records if r["doc"].endswith("liaoning_org_2024_final.txt") and r["line"] == 96)
    assert r == {
        "doc": r["doc"], "line": 96, "department": "中共辽宁省委组织部", "year": 2024, "report_kind": "final",
        "basis": "yoy", "item": "收入总计", "item_code": None, "direction": "decrease", "amount": "16687.89",
        "unit": "万元", "percent": "60.05", "completion": None, "text": "省级人才专项经费、主题教育工作经费收入减少",
        "category": "project_funding", "confidence": r["confidence"], "status": "classified", "empty": False,
        "group": r["group"],
        "sentence": "主要原因：省级人才专项经费、主题教育工作经费收入减少。", "origin": "prose", "column": None,
        "figures": None,
    }
    assert 0.5 < r["confidence"] <= 1.0 and re.fullmatch(r"g[0-9a-f]{8}", r["group"])
    anju = [r for r in corpus_records if r["doc"].endswith("anju_org_2024_final.txt")]
    assert [(r["line"], r["category"]) for r in anju if r["line"] in (82, 94)] == [
        (82, "no_activity"), (94, "austerity")]


def test_reasons_csv(tmp_path):
    out = tmp_path / "reasons.csv"
    result = runner.invoke(app, ["reasons", corpus("liaoning_org_2024_final"), "--format", "csv", "-o", str(out)])
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert tuple(rows[0]) == CSV_FIELDS
    r = next(r for r in rows if r["line"] == "128")
    assert (r["basis"], r["direction"], r["item"], r["item_code"], r["completion"]) == (
        "budget", "over", "行政运行", "2013201", "126.21")
    assert (r["text"], r["category"], r["page"], r["error"], r["empty"]) == (
        "执行中追加经费支出", "budget_adjustment", "", "", "False")


def test_reasons_stats_table_and_machine_rows(tmp_path):
    out, stats = tmp_path / "reasons.jsonl", tmp_path / "stats.jsonl"
    result = runner.invoke(app, ["reasons", corpus("liaoning_org_2024_final"), "-o", str(out), "--stats",
                                 "--stats-out", str(stats)])
    assert result.exit_code == 0
    # with -o the table goes to standard output
    assert "reasons by category × basis × direction" in result.stdout
    assert "austerity" in result.stdout and "严格控制" in result.stdout
    rows = jsonl(stats.read_text(encoding="utf-8"))
    assert {"table": "counts", "category": "austerity", "basis": "budget", "direction": "under", "count": 3} in rows
    assert any(r["table"] == "frequent" and r["category"] == "project_funding" and r["count"] == 3 for r in rows)


def test_stats_go_to_stderr_when_records_go_to_stdout():
    result = runner.invoke(app, ["reasons", corpus("anju_org_2024_final"), "--stats"])
    assert result.exit_code == 0
    assert "reasons by category" in result.stderr and "reasons by category" not in result.stdout
    # eight 原因 leads, 较上年减少1人，系人员正常增减变动, and the 原因 column of a 绩效自评表
    assert [r["origin"] for r in jsonl(result.stdout)] == ["prose"] * 9 + ["table"]


def test_bad_file_gives_an_error_record_and_the_others_go_on(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["reasons", str(empty), corpus("anju_org_2024_final"), "-o", str(out)])
    assert result.exit_code == 2
    records = jsonl(out.read_text(encoding="utf-8"))
    assert records[0] == {"doc": str(empty), "error": "empty file"}
    assert len(records) == 11 and all(r["doc"].endswith("anju_org_2024_final.txt") for r in records[1:])
    assert "empty.txt: empty file" in result.stderr
    # and in CSV, the error sits in its own column
    out_csv = tmp_path / "out.csv"
    runner.invoke(app, ["reasons", str(empty), corpus("anju_org_2024_final"), "--format", "csv", "-o", str(out_csv)])
    rows = list(csv.DictReader(io.StringIO(out_csv.read_text(encoding="utf-8"))))
    assert (rows[0]["doc"], rows[0]["error"], rows[0]["text"]) == (str(empty), "empty file", "")


def test_reasons_on_corpus_and_real_pdfs(real_pdfs, tmp_path):
    out = tmp_path / "all.jsonl"
    result = runner.invoke(app, ["reasons", str(CORPUS), str(real_pdfs), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.stderr
    records = jsonl(out.read_text(encoding="utf-8"))
    by_doc = {Path(r["doc"]).name for r in records}
    assert len(by_doc) >= 14  # every report but dachang (which states no reason) has records
    assert all(r["basis"] in ("yoy", "budget", "performance") for r in records)
    # a category, or none when the confidence is below the model's threshold
    assert all((r["category"] is None) == (r["status"] == "uncertain") for r in records)
    assert sum(r["status"] == "classified" for r in records) > 0.6 * len(records)
    template = [r for r in records if r["doc"].endswith("shanghai_final_template_2024.pdf")]
    assert template and all(r["empty"] and r["category"] == "other" for r in template)
    # boilerplate repeated across reports shares one group
    groups = {r["group"] for r in records if r["text"] == "项目调整"}
    docs = {r["doc"] for r in records if r["text"] == "项目调整"}
    assert len(groups) == 1 and len(docs) >= 4


def _small_labels(tmp_path: Path) -> Path:
    """The labelled reasons of three cities (liaoning, anju, the 2026-12 web pages): a quick training."""
    rows = [json.loads(x) for x in LABELS.read_text(encoding="utf-8").splitlines()]
    keep = [r for r in rows if r["source"].startswith(("liaoning", "anju")) or r.get("batch") == "unseen-2026-12"]
    path = tmp_path / "labels.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in keep), encoding="utf-8")
    return path


def test_train_reasons_round_trip(tmp_path):
    labels = _small_labels(tmp_path)
    model, card = tmp_path / "m" / "reasons.skops", tmp_path / "card.md"
    result = runner.invoke(app, ["train-reasons", str(labels), "--model-out", str(model), "--card-out", str(card)])
    assert result.exit_code == 0, result.output
    assert model.is_file() and card.is_file()
    text = card.read_text(encoding="utf-8")
    acc = float(re.search(r"^logo_accuracy: ([0-9.]+)$", text, re.MULTILINE).group(1))
    assert 0.3 < acc <= 1.0 and re.search(r"^threshold: [0-9.]+$", text, re.MULTILINE)
    assert "| liaoning | 38 |" in text and "Confusion matrix" in text and "keywords alone" in text
    assert "leave-one-city-out over 3 cities" in result.stderr and "uncertain below" in result.stderr
    clf = ReasonClassifier.load(model)
    n = len(scored_rows(read_labels(labels)))
    assert clf.meta["n"] == n and n >= 70
    # the retrained model is used by `reasons --model`: a category, or none and `uncertain`
    out = tmp_path / "r.jsonl"
    assert runner.invoke(app, ["reasons", corpus("anju_org_2024_final"), "--model", str(model), "-o", str(out)]).exit_code == 0
    records = jsonl(out.read_text(encoding="utf-8"))
    assert records and all((r["status"] == "uncertain") == (r["category"] is None) for r in records)
    assert all((r["confidence"] < clf.threshold) == (r["status"] == "uncertain") for r in records if not r["empty"])
    # two labels files are read as one; the default card goes beside the model
    other = tmp_path / "x.skops"
    result = runner.invoke(app, ["train-reasons", str(labels), str(labels), "--model-out", str(other)])
    assert result.exit_code == 0 and (tmp_path / "x.md").is_file() and ReasonClassifier.load(other).meta["n"] == 2 * n


def test_train_reasons_bad_labels(tmp_path):
    bad = tmp_path / "labels.jsonl"
    bad.write_text('{"text": "x", "category": "nonsense", "split": "train"}\n', encoding="utf-8")
    result = runner.invoke(app, ["train-reasons", str(bad), "--model-out", str(tmp_path / "m.skops")])
    assert result.exit_code == 2 and "unknown category" in result.stderr
    missing = runner.invoke(app, ["train-reasons", str(tmp_path / "nope.jsonl")])
    assert missing.exit_code == 2


def test_help_has_examples():
    for command in ("reasons", "train-reasons"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0 and "Example: narrative-extract " + command in result.stdout


def test_a_bare_xi_after_a_change_is_a_reason_and_a_passing_yuanyin_is_not(tmp_path):
    out = tmp_path / "r.jsonl"
    assert runner.invoke(app, ["reasons", corpus("anju_org_2024_final"), corpus("liaoning_org_2024_final"),
                               "-o", str(out)]).exit_code == 0
    records = jsonl(out.read_text(encoding="utf-8"))
    [xi] = [r for r in records if r["doc"].endswith("anju_org_2024_final.txt") and r["line"] == 147]
    assert xi["text"] == "人员正常增减变动" and xi["direction"] == "decrease" and xi["basis"] == "yoy"
    # liaoning l.114: …结转等原因形成的结转结余 names a cause in passing; only 主要原因: … is a reason.
    assert [r["text"] for r in records if r["doc"].endswith("liaoning_org_2024_final.txt") and r["line"] == 114] \
        == ["项目经费结转结余减少"]
