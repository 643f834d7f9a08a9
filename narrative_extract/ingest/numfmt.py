"""A spreadsheet number as its cell displays it, from the cell's number format.

A workbook stores 1234.5678 and prints ``1,234.57`` under ``#,##0.00``: the report a reader holds
says 1,234.57, and the rounding checks must judge that printed figure with its two decimals, not
the stored value. ``display`` renders the number formats budget tables use: decimals and
thousands separators (``0.00``, ``#,##0.00``), per cent (``0.00%``), sections for positive,
negative and zero (``#,##0.00;-#,##0.00;"-"``), literal text (``"万元"``, ``\\元``), padding
(``_)``) and fills (``*-``), colours and locales (``[Red]``, ``[$-804]``), scaling by thousands
(``#,##0,``) and ``General``. Excel rounds the decimal value it holds half away from zero (15
significant digits), and so does this.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import regex

BRACKETS = regex.compile(r"\[[^\]]*\]")
LITERAL = regex.compile(r'"([^"]*)"|\\(.)|_.|\*.')
PLACEHOLDERS = regex.compile(r"[0#?][0#?,]*(?:\.[0#?]*)?|\.[0#?]+")


def general(value: float | Decimal) -> str:
    """Excel's ``General``: up to 15 significant digits, no trailing zeros, no exponent for
    the magnitudes of money."""
    number = Decimal(format(value, ".15g")) if isinstance(value, float) else Decimal(value)
    text = format(number.normalize(), "f")
    return "0" if text in ("-0", "") else text


def section_for(fmt: str, value: Decimal) -> tuple[str, bool]:
    """The section of ``fmt`` that applies to ``value``, and whether that section prints the sign
    itself (the negative section of a two- or three-section format shows the absolute value)."""
    sections = fmt.split(";")
    if value < 0 and len(sections) >= 2:
        return sections[1], True
    if value == 0 and len(sections) >= 3:
        return sections[2], True
    return sections[0], False


def display(value: float | Decimal, fmt: str | None) -> str:
    """``value`` as a cell with number format ``fmt`` shows it."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    try:
        number = Decimal(format(value, ".15g")) if isinstance(value, float) else Decimal(value)
    except (InvalidOperation, ValueError):
        return str(value)
    fmt = fmt or "General"
    if fmt.strip().lower() in ("general", "@", ""):
        return general(value)
    section, signed = section_for(fmt, number)
    if signed:
        number = abs(number)
    plain = BRACKETS.sub("", section)
    match = PLACEHOLDERS.search(LITERAL.sub(lambda m: "\0" * len(m.group(0)), plain))
    if match is None:  # a section of text only ("-" for zero)
        return _literal_text(plain)
    pattern = match.group(0)
    integer, _, fraction = pattern.partition(".")
    scale = len(integer) - len(integer.rstrip(","))  # 0,  = thousands; 0,, = millions
    integer = integer.rstrip(",")
    percent = "%" in LITERAL.sub("", plain)
    if percent:
        number *= 100
    number = number.scaleb(-3 * scale)
    decimals = sum(1 for ch in fraction if ch in "0#?")
    rounded = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    shown = sum(1 for ch in fraction if ch == "0")  # 0.0# shows one decimal at least, two at most
    magnitude = abs(rounded)
    digits_after = decimals
    if shown < decimals:  # optional decimals (#) print only when they are not zero
        exponent = magnitude.normalize().as_tuple().exponent
        needed = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        digits_after = max(shown, min(needed, decimals))
    digits = format(magnitude, f",.{digits_after}f" if "," in integer else f".{digits_after}f")
    if "0" not in integer and digits.startswith("0."):
        digits = digits[1:]  # #.00 prints .50
    sign = "-" if rounded < 0 and not signed else ""
    before = _literal_text(plain[:match.start()])
    after = _literal_text(plain[match.end():])
    return f"{sign}{before}{digits}{after}".strip()


def _literal_text(part: str) -> str:
    """What the literal parts of a format print: quoted text and escaped characters; padding
    (``_x``) and fills (``*x``) print nothing that matters here."""
    return LITERAL.sub(lambda m: m.group(1) or m.group(2) or "", part).strip()
