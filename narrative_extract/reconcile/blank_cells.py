"""What a blank cell of a table states, when the prose gives a figure for it.

A blank in a row that prints figures in other columns states "none" as plainly as a 0 (the row was
read whole): the prose's figure against it is a mismatch. A blank in a row with no figure at all may be
a merged cell, and a blank subtotal whose own parts print figures was left out, not zero: both prove
nothing (``unverifiable``).
"""

from __future__ import annotations

from ..model import Cell, Row


def plainly_blank(row: Row, cell: Cell) -> bool:
    """A blank that means "none": its row prints a figure in another column, so the row was read
    whole. A blank in a row with no figure at all may be a merged cell and proves nothing, and so
    does a blank subtotal whose own parts print figures (公务用车购置及运行维护费/小计 blank beside
    its 购置费 18.69 and 运行维护费 4.83: the subtotal was left out, not zero)."""
    if not any(c is not cell and c.amount is not None for c in row.cells):
        return False
    group, _, leaf = cell.column.rpartition("/")
    if group and leaf in SUBTOTAL_LEAVES:
        return not any(c is not cell and c.column.startswith(group + "/") and c.amount is not None and c.amount.value
                       for c in row.cells)
    return True


SUBTOTAL_LEAVES = ("小计", "合计")
