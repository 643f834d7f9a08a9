"""Agreement between two labellings of the same reasons: Cohen's κ and what they disagree on.

Each labelling is a JSON-lines file of rows ``{id, category, certain, note}`` (the blind labellers'
format); rows are matched on ``id``. Rows that carry a ``label_key`` (the unit a labeller saw: one
text with one item, standing for several reasons) are counted once per unit. κ = (p_o − p_e) /
(1 − p_e), with p_o the observed agreement and p_e the agreement expected by chance from each
labeller's own category frequencies. ``field`` says which label to compare: ``category`` (the
label as used, after any rule applied later) or ``category_blind`` (as the labeller gave it).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path


def cohen_kappa(a: list[str], b: list[str]) -> float:
    """Cohen's κ of two equally long label sequences (1.0 when both are constant and equal)."""
    if len(a) != len(b):
        raise ValueError(f"two labellings of different length: {len(a)} and {len(b)}")
    if not a:
        raise ValueError("no labels to compare")
    n = len(a)
    p_o = sum(x == y for x, y in zip(a, b)) / n
    ca, cb = Counter(a), Counter(b)
    p_e = sum(ca[c] * cb[c] for c in ca) / (n * n)
    if p_e == 1.0:
        return 1.0 if p_o == 1.0 else 0.0
    return (p_o - p_e) / (1.0 - p_e)


@dataclass(frozen=True)
class Agreement:
    n: int
    agree: int
    kappa: float
    kappa_certain: float | None  # on the rows both labellers marked certain
    n_certain: int
    confused: dict[tuple[str, str], int] = field(default_factory=dict)  # (first, second) → count, disagreements

    @property
    def observed(self) -> float:
        return self.agree / self.n if self.n else 0.0

    def as_dict(self) -> dict:
        return {
            "n": self.n, "agree": self.agree, "observed": round(self.observed, 4), "kappa": round(self.kappa, 4),
            "n_certain": self.n_certain,
            "kappa_certain": None if self.kappa_certain is None else round(self.kappa_certain, 4),
            "confused": [{"first": a, "second": b, "count": n} for (a, b), n in self.confused.items()],
        }


def read_label_rows(path: str | Path) -> dict[str, dict]:
    """``{id: row}`` of a labellers' file; a row without ``id`` or ``category`` is an error."""
    out: dict[str, dict] = {}
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        if "id" not in row or not row.get("category"):
            raise ValueError(f"{path}:{n}: a label row needs an id and a category")
        out[str(row["id"])] = row
    return out


def agreement(first: dict[str, dict], second: dict[str, dict], field: str = "category") -> Agreement:
    """κ over the ids both labellings have, one per labelled unit (and over those both marked certain)."""
    ids, units = [], set()
    for i in sorted(set(first) & set(second)):
        unit = second[i].get("label_key") or first[i].get("label_key") or i
        if unit not in units:
            units.add(unit)
            ids.append(i)
    if not ids:
        raise ValueError("the two labellings share no id")

    def label(row: dict) -> str:
        return row.get(field) or row["category"]
    a = [label(first[i]) for i in ids]
    b = [label(second[i]) for i in ids]
    sure = [i for i in ids if first[i].get("certain", True) and second[i].get("certain", True)]
    confused = Counter((x, y) for x, y in zip(a, b) if x != y)
    return Agreement(
        n=len(ids),
        agree=sum(x == y for x, y in zip(a, b)),
        kappa=cohen_kappa(a, b),
        kappa_certain=cohen_kappa([label(first[i]) for i in sure], [label(second[i]) for i in sure])
        if sure else None,
        n_certain=len(sure),
        confused=dict(sorted(confused.items(), key=lambda kv: (-kv[1], kv[0]))),
    )


def file_agreement(first: str | Path, second: str | Path, field: str = "category") -> Agreement:
    return agreement(read_label_rows(first), read_label_rows(second), field)
