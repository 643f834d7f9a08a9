"""Variance reasons: the fixed category list, the keyword baseline, the classifier, grouping,
and the reason records of ``narrative-extract reasons``."""

from .categories import CATEGORY_IDS, Category, categories, is_empty_reason
from .classifier import ReasonClassifier, ReasonPrediction, train_reasons
from .grouping import group_reasons, normalize_reason
from .keywords import keyword_category
from .records import ReasonRecord, ReasonStats, claims_to_reason_records, reason_stats, regroup

__all__ = [
    "CATEGORY_IDS",
    "Category",
    "ReasonClassifier",
    "ReasonPrediction",
    "ReasonRecord",
    "ReasonStats",
    "categories",
    "claims_to_reason_records",
    "group_reasons",
    "is_empty_reason",
    "keyword_category",
    "normalize_reason",
    "reason_stats",
    "regroup",
    "train_reasons",
]
