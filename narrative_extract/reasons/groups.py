"""Which "city" a labelled reason comes from: the unit left out together in evaluation.

Leave-one-city-out scores each city with a model fitted on every other city, so a figure says
what to expect on a city nobody trained on. Rows of the national corpus carry their ``city``
(``beijing``, ``shanghai``, ``yantai``, ``suzhou``, ``wuxi``, ``changchun``). The older rows
(``corpus/reasons/labels.jsonl``) are grouped by where their reports come from:

* every Shanghai report — the Putuo PDFs of ``../shared/real_pdfs`` (``putuo_*``, ``shanghai_*``)
  and the Putuo batches ``unseen-2026-11`` / ``unseen-2026-11b``, and the Shanghai pages of the web
  batches (``shanghai_*``) — is ``shanghai``, and the Beijing pages of the web batches
  (``beijing_*``) are ``beijing``: the same city as the national
  rows of that name, so that no city is trained on while it is scored;
* the three sample text reports each form their own group (``liaoning``, ``anju`` (四川遂宁),
  ``dachang`` (河北));
* reasons written for training (``origin`` ``synthetic``) belong to no city: every fold trains on
  them and none scores them (``is_training_only``);
* the batches of web pages from many provinces (``unseen-2026-12``, ``unseen-2026-12b``,
  ``unseen-2026-12c``, without their Beijing and Shanghai pages) are one group each: many small
  places, left out together.
"""

from __future__ import annotations

#: ``origin`` of a reason written for training (``corpus/reasons/synthetic_labels.jsonl``): never scored
SYNTHETIC = "synthetic"
#: the batches of stored web pages from many provinces and kinds of report, each read by no one on
#: the project before it was labelled: the held-out reasons most unlike the reports trained on,
#: where the ``uncertain`` threshold is chosen (``training.evaluate``)
MANY_PROVINCE_BATCHES = frozenset({"unseen-2026-12", "unseen-2026-12b", "unseen-2026-12c", "unseen-2026-12d",
                                   "unseen-2026-12e", "unseen-2026-12f"})
SHANGHAI_BATCHES = frozenset({"unseen-2026-11", "unseen-2026-11b"})
#: the cities of the national corpus (``../shared/national_pdfs``), in its manifest's order
NATIONAL_CITIES: tuple[str, ...] = ("shanghai", "beijing", "yantai", "suzhou", "wuxi", "changchun")


def city_of(row: dict) -> str:
    """The leave-out group of a labelled reason (see the module docstring)."""
    if row.get("city"):
        return str(row["city"])
    source = str(row.get("source") or "").rsplit("/", 1)[-1]
    batch = row.get("batch")
    if source.startswith("beijing"):
        return "beijing"
    if source.startswith(("putuo_", "shanghai_")) or batch in SHANGHAI_BATCHES:
        return "shanghai"
    for name in ("liaoning", "anju", "dachang"):
        if source.startswith(name):
            return name
    return str(batch or source or "unknown")


def is_national(row: dict) -> bool:
    """A row of the national corpus (it carries its city)."""
    return bool(row.get("city"))


def is_training_only(row: dict) -> bool:
    """A reason written for training, not taken from a report (``origin`` ``synthetic``): it is in
    every fold's training rows and is never held out, scored or used to prune keywords."""
    return row.get("origin") == SYNTHETIC


def is_many_provinces(city: str) -> bool:
    """Is this leave-out group a batch of web pages from many provinces (``MANY_PROVINCE_BATCHES``)?"""
    return city in MANY_PROVINCE_BATCHES
