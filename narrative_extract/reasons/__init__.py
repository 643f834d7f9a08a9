"""Variance reasons: the fixed category list, the keyword baseline, the classifier, grouping."""

from .categories import CATEGORY_IDS, Category, categories, is_empty_reason
from .classifier import ReasonClassifier, ReasonPrediction, train_reasons
from .grouping import group_reasons, normalize_reason
from .keywords import keyword_category

__all__ = [
    "CATEGORY_IDS",
    "Category",
    "ReasonClassifier",
    "ReasonPrediction",
    "categories",
    "group_reasons",
    "is_empty_reason",
    "keyword_category",
    "normalize_reason",
    "train_reasons",
]
