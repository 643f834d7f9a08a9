"""The model card of the reason classifier, written from the training metrics.

Every figure in the card comes from ``training.train_reasons``; the hand-written analysis
(designs tried, history, known weaknesses) lives in ``models/reason_classifier.notes.md`` and is
appended verbatim, so retraining never loses it and never leaves a stale number in the generated
part.
"""

from __future__ import annotations

from pathlib import Path

from ..patterns import data_path
from .categories import CATEGORY_IDS, REPO_ROOT

NOTES_PATH = data_path("models", "reason_classifier.notes.md")
SHORT = {"personnel": "pers", "pay_and_contribution": "pay", "project_funding": "proj", "one_off": "once",
         "carryover": "carry", "budget_adjustment": "adj", "austerity": "aust", "policy_or_system": "policy",
         "schedule": "sched", "activity_level": "activ", "no_activity": "none", "other": "other"}
SUBSETS = (("all", "every city"), ("certain", "labels marked certain"), ("national", "national corpus cities"),
           ("national_certain", "national, labels marked certain"),
           ("many_provinces", "web pages of many provinces (each batch left out)"))


def _f(x: float) -> str:
    return f"{x:.3f}"


def _display_path(path: str) -> str:
    """A labels path relative to the repository when it lies inside it (the card is committed)."""
    p = Path(path).resolve()
    return p.relative_to(REPO_ROOT).as_posix() if p.is_relative_to(REPO_ROOT) else Path(path).name


def _results(ev: dict) -> list[str]:
    out = [("| reasons of | n | accuracy | macro-F1 | keywords alone: accuracy / macro-F1 | classified (coverage) "
            "| accuracy on classified |"), "|---|---:|---:|---:|---:|---:|---:|"]
    for key, label in SUBSETS:
        if key in ev:
            m, k, t = ev[key]["model"], ev[key]["keywords"], ev[key]["at_threshold"]
            out.append(f"| {label} | {m['n']} | {_f(m['accuracy'])} | {_f(m['macro_f1'])} | {_f(k['accuracy'])} / "
                       f"{_f(k['macro_f1'])} | {_f(t['coverage'])} | {_f(t['accuracy_kept'])} |")
    return out


def _cities(ev: dict) -> list[str]:
    out = [("| city (left out) | n | accuracy | macro-F1 | keywords alone | classified | accuracy on classified "
            "| keywords |"), "|---|---:|---:|---:|---:|---:|---:|---|"]
    for city, c in ev["cities"].items():
        m, t = c["model"], c["at_threshold"]
        kw = {"all": "pruned (lexicon had read it)", "later": "later keywords pruned (read after most were written)",
              "none": "all (blind)"}[c["keywords_pruned"]]
        name = f"**{city}**" if c["national"] else city
        out.append(f"| {name} | {m['n']} | {_f(m['accuracy'])} | {_f(m['macro_f1'])} | "
                   f"{_f(c['keywords']['accuracy'])} | {_f(t['coverage'])} | {_f(t['accuracy_kept'])} | {kw} |")
    return out


def _confusion(ev: dict) -> list[str]:
    labels, matrix = ev["confusion"]["labels"], ev["confusion"]["matrix"]
    out = ["| true \\ predicted | " + " | ".join(SHORT[c] for c in labels) + " |",
           "|---|" + "---:|" * len(labels)]
    out += [f"| {c} | " + " | ".join(str(v) if v else "·" for v in row) + " |" for c, row in zip(labels, matrix)]
    return out


def _per_category(ev: dict) -> list[str]:
    out = ["| category | n | precision | recall | F1 |", "|---|---:|---:|---:|---:|"]
    for c in CATEGORY_IDS:
        p = ev["per_category"][c]
        out.append(f"| {c} | {p['support']} | {_f(p['precision'])} | {_f(p['recall'])} | {_f(p['f1'])} |")
    return out


def _agreement(m: dict) -> list[str]:
    if not m.get("agreement"):
        return [("No second labelling beside these labels files (`<labels>_second.jsonl`): κ is not measured "
                 "here; see the notes for the earlier measurement."), ""]
    out = []
    for name, both in m["agreement"].items():
        a, f = both["blind"], both["final"]
        out += [f"`{name}` and its second blind labelling (`{Path(name).stem}_second.jsonl`): {a['n']} labelled "
                f"units (a text with its item) labelled twice, {a['agree']} agree ({_f(a['observed'])}), "
                f"**Cohen's κ = {a['kappa']:.3f}**"
                + (f"; on the {a['n_certain']} both marked certain κ = {a['kappa_certain']:.3f}"
                   if a.get("kappa_certain") is not None else "") + "."]
        if a["confused"]:
            out += ["", "Disagreements (first labelling → second): "
                    + ", ".join(f"{c['first']} → {c['second']} ×{c['count']}" for c in a["confused"][:12]) + "."]
        if f != a:
            out += ["", (f"With the category rules sharpened after this measurement applied to both (the labels "
                         f"used): {f['agree']} of {f['n']} agree, κ = {f['kappa']:.3f}.")]
        out += ["", "```", f"kappa_{Path(name).stem}: {a['kappa']:.3f}", "```", ""]
    return out


def _figures(ev: dict) -> list[str]:
    lines = ["```"]
    for key, _ in SUBSETS:
        if key in ev:
            prefix = "logo" if key == "all" else f"logo_{key}"
            lines += [f"{prefix}_accuracy: {ev[key]['model']['accuracy']:.3f}",
                      f"{prefix}_macro_f1: {ev[key]['model']['macro_f1']:.3f}",
                      f"{prefix}_coverage: {ev[key]['at_threshold']['coverage']:.3f}",
                      f"{prefix}_accuracy_classified: {ev[key]['at_threshold']['accuracy_kept']:.3f}"]
    lines += [f"threshold: {ev['threshold']:.4f}", "```"]
    return lines


def _training_only(lab: dict) -> list[str]:
    written = lab.get("training_only") or {}
    if not written.get("n"):
        return []
    return ["", (f"Trained on, never scored: {written['n']} reasons written for training "
                 "(`origin: synthetic`, `corpus/reasons/synthetic_labels.jsonl`; how they were made is in "
                 "`corpus/reasons/README.md`). They are in every fold's training rows, and no figure below counts "
                 "them."),
            "- by category: " + ", ".join(f"{k} {v}" for k, v in written["by_category"].items())]


def render_model_card(m: dict, notes: str | None = None) -> str:
    lab, ev = m["labels"], m["evaluation"]
    sources = ", ".join(f"`{_display_path(p)}`" for p in lab["source_paths"])
    lines = [
        "# Model card: variance-reason classifier",
        "",
        ("Assigns a stated variance reason (the text after `主要原因：`, `原因系`, …) to one of the 12 fixed "
         "categories of DOMAIN.md (`patterns/reason_categories.json`) with a calibrated confidence, or leaves it "
         "`uncertain`. Generated by `narrative-extract train-reasons`; do not edit the figures by hand."),
        "",
        "```python",
        "from narrative_extract.reasons import ReasonClassifier",
        "from narrative_extract.reasons.features import ReasonInput",
        "clf = ReasonClassifier.load()   # models/reason_classifier.skops, allow-listed skops load",
        'clf.predict([ReasonInput("执行中追加经费支出", item="一般公共服务支出", direction="increase", basis="yoy")])',
        "# [ReasonPrediction(category='budget_adjustment', confidence=…, uncertain=False)]",
        "```",
        "",
        "## Data",
        "",
        (f"{sources}: {lab['rows']} labelled reasons from {lab['reports']} reports ({lab['empty']} announced but "
         f"empty, answered `other` by rule and not scored); {m['n']} scored, {lab['distinct_texts']} distinct "
         f"texts; {lab['national']} from the national corpus; {lab['uncertain_labels']} labels marked not "
         "certain by the labeller."),
        "",
        "- by city (the unit left out): " + ", ".join(f"{k} {v}" for k, v in lab["by_city"].items()),
        "- by category: " + ", ".join(f"{k} {v}" for k, v in lab["by_category"].items()),
        *_training_only(lab),
        "",
        "## Agreement between labellers",
        "",
        *_agreement(m),
        "## Features and model",
        "",
        f"- {m['design']}.",
        (f"- Keyword rules: {m['rules']['keywords']} keywords of `patterns/reason_keywords.json`, a snapshot in the "
         "model file (literal words and `re:` word families); " + ("the rule whose keyword comes in the earliest "
                           "clause decides (the first-named cause; rule order breaks ties), the learned model "
                           "answers the rest."
                           if m["design_params"].get("rules_first") else
                           "features of the learned model (which fire, which fires first), not a gate.")),
        ("- Confidence: a logistic regression of \"the prediction was right\" on the top score, the margin, "
         "keyword agreement / conflict / silence and the predicted category, fitted on the leave-one-city-out "
         f"predictions. Below **{ev['threshold']:.3f}** (the lowest threshold at which the held-out reasons kept "
         "of the web batches from many provinces, the least like the reports trained on, "
         f"were right ≥ {ev['target_accuracy']:.0%} of the time) a reason is `uncertain`: `reasons` gives no "
         "category."),
        "- Empty reason → `other`, confidence 1.0, no model call.",
        ("- Format: skops (zip of JSON + numpy arrays, no pickle); `ReasonClassifier.load` refuses any type "
         "outside an allow-list and checks the structure (TF-IDF views with built-in analysers, a linear model)."),
        "",
        "## Leave-one-city-out results",
        "",
        ("Each city is scored by the design fitted on every other city (never split by row). For a city the "
         "keyword lexicon's writers had read, the keywords firing on it and on no other city are removed first, "
         "so its figure is a lower bound. The national cities were read after most of the lexicon was written: "
         "for them only the keywords added since (`written_after_reading`, from the boundary rules R1–R8 and "
         "the word families) are removed when they fire on that city alone; the keywords that fire on several "
         "cities stay, so their figure is not blind to those (see the notes). "
         "Coverage and accuracy on classified reasons are measured the same way: each city is judged with a "
         "confidence model and threshold fitted on the other cities' held-out predictions only."),
        "",
        *_results(ev),
        "",
        *_figures(ev),
        "",
        "Per city (national cities in bold):",
        "",
        *_cities(ev),
        "",
        ("Is the confidence honest? Held-out accuracy per band of confidence (each city's confidence from a "
         "model fitted without it):"),
        "",
        "| confidence | n | mean confidence | accuracy |", "|---|---:|---:|---:|",
        *(f"| {b['from']:.2f}–{b['to']:.2f} | {b['n']} | {_f(b['mean_confidence'])} | {_f(b['accuracy'])} |"
          for b in ev["reliability"]),
        "",
        "Confusion matrix (every city left out in turn; rows = label, columns = prediction):",
        "",
        *_confusion(ev),
        "",
        "Per category:",
        "",
        *_per_category(ev),
        "",
    ]
    errors = ev.get("errors", [])
    national_errors = [e for e in errors if e.get("national")]
    shown = (national_errors or errors)[:40]
    lines += [f"Held-out errors: {len(errors)}" + (f" ({len(national_errors)} in national cities)" if national_errors
                                                  else "") + f"; the first {len(shown)}"
              + (" of the national ones" if national_errors else "") + ":", ""]
    lines += [f"- {e['city']}: `{e['text'][:60]}` — labelled {e['true']}, predicted {e['predicted']} "
              f"({e['confidence']:.2f})" for e in shown]
    lines += [
        "",
        "## Retraining",
        "",
        "    narrative-extract train-reasons corpus/reasons/labels.jsonl corpus/reasons/national_labels.jsonl \\",
        "        corpus/reasons/synthetic_labels.jsonl",
        "    python bench/eval_reasons.py             # the same evaluation, with every error",
        "    python bench/eval_reasons.py --compare   # the designs tried, on the same folds",
        "",
        ("Training is deterministic for a seed; `tests/test_reason_classifier.py` checks that the shipped "
         "model is what the labels produce and that it reaches the figures above."),
    ]
    if notes:
        lines += ["", notes.strip()]
    return "\n".join(lines) + "\n"


def write_model_card(metrics: dict, path: str | Path, notes_path: Path | None = NOTES_PATH) -> Path:
    notes = notes_path.read_text(encoding="utf-8") if notes_path and notes_path.is_file() else None
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_model_card(metrics, notes), encoding="utf-8")
    return path
