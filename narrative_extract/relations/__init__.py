"""Relations: which figures belong together, why, and with what certainty (see model.py)."""

from .model import Certainty, Doubt, Member, Relation, RelationKind, Severity, mild, serious

__all__ = ["Certainty", "Doubt", "Member", "Relation", "RelationKind", "Severity", "mild", "serious"]
