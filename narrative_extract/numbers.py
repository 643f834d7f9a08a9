"""Numbers in report prose and table cells, read exactly (Decimal) with unit and printed precision.

    find_numbers(text)        every figure in a sentence, left to right, as NumberMatch
    parse_number(text)        one whole figure string ("16,687.89 万元", "60.05%", "两个亿")
    parse_cell(text, unit)    a table cell ("10,892.96", "-", "95.97%") in the table's unit

Language data (numeral characters, unit words, count words) is in patterns/numerals.json; the
arithmetic of Chinese and mixed numerals is in ``numbers_cn``.

Choices (documented because reviewers will meet them):

* ``3万元`` is ``Amount(3, "万元", 0)``: a figure printed in 万元 stays in 万元 (as the tables are).
  A Chinese numeral before a money word is read the same way (``三千五百万元`` = 3500 万元), so
  ``3500万元`` and ``三千五百万元`` give equal Amounts.
* A bare scale after a number (``16.4亿``, ``计2万``, ``三千五百万``) is a plain number in units of
  one: ``Amount(1640000000, "", -7)``, kind ``"bare"``; the caller decides from context whether it
  is money. When a compound figure (``3万4000元``, ``1亿2000万元``) is followed by 元 the value is in 元.
* ``个百分点`` (unit ``个百分点``, kind ``percent_point``) is never the same as ``%``.
* Not returned by ``find_numbers``: years, months, days and document numbers (a number directly
  before 年/月/日/号), ordinals (第3批), list markers (``（3）``, ``3.``, ``3、``, ``一、``), codes
  (digits touching Latin letters, dotted codes such as 1.2.3, and any plain integer without a
  unit: 2013201, 12380), numbers inside 《…》 titles, unit-less numbers inside quotes (“1+9”),
  a digit glued to the unit word of the figure before it (``3541.07万元2``), and Chinese numerals
  that carry neither a money/percent word nor a 万/亿 scale (一般, 三公, 两个全覆盖, 十四五).
  A number without a unit is returned (kind ``"bare"``) only when it is clearly a quantity: it has
  a decimal point, thousands separators, or a 万/亿 scale.
* A figure too large or too finely printed to be a budget figure (``too_long``) makes
  ``find_numbers`` raise ``FigureError`` (the caller gives up that sentence only) and ``parse_cell``
  / ``parse_number`` return None: downstream arithmetic (Decimal's 28 digits, unit conversions,
  interval bounds) stays exact only for figures of a sane size.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

import regex

from .model import Amount
from .numbers_cn import Lexicon, lexicon, parse_core
from .numbers_context import kept_in_context

__all__ = ["FigureError", "NumberMatch", "find_numbers", "normalize", "parse_cell", "parse_number"]

#: A figure may have at most this many digits before the point in its own unit, and at most
#: ``MAX_DECIMALS`` after it. A national budget is about 10**13 元; with these bounds a figure
#: converted 亿元 → 元 and widened by half a last digit still fits Decimal's 28-digit context.
MAX_INTEGER_DIGITS = 16
MAX_DECIMALS = 8


class FigureError(ValueError):
    """A figure in the prose that cannot be read as a number (81 digits, 10**40 万元 …)."""

    def __init__(self, raw: str):
        shown = raw if len(raw) <= 40 else f"{raw[:20]}…{raw[-12:]} ({len(raw)} characters)"
        super().__init__(f"unreadable figure {shown}: too many digits for a budget figure")
        self.raw = raw


def too_long(amount: Amount) -> bool:
    """Too many digits for a budget figure (see ``MAX_INTEGER_DIGITS``)."""
    return (amount.value != 0 and amount.value.adjusted() >= MAX_INTEGER_DIGITS) or amount.decimals > MAX_DECIMALS


@dataclass(frozen=True)
class NumberMatch:
    start: int  # offset in the text given
    end: int
    raw: str  # the figure exactly as printed, with its unit word
    amount: Amount
    kind: str  # "money" | "percent" | "percent_point" | "count" | "score" | "bare"
    approximate: bool = False  # 200余万元: at least 200 万元, not exactly


# --------------------------------------------------------------------------- normalisation

_FULLWIDTH_DIGITS = {chr(0xFF10 + i): str(i) for i in range(10)}
_MINUS = {"\u2212", "\uff0d", "\ufe63"}  # − － ﹣
_SPACES = {"\u3000", "\u00a0", "\u2009", "\u202f", "\u2002", "\u2003"}


def normalize(text: str) -> str:
    """Same-length ASCII-ish view of ``text``: offsets in it are offsets in ``text``.

    Full-width digits, ％ and minus signs become ASCII, odd spaces a plain space; ． is a decimal
    point and ， a thousands separator only between full-width digits or inside a figure with
    decimals (``3，518.85``); ``12，345`` in prose is usually two numbers, so it stays a comma.
    """
    out = []
    n = len(text)
    for i, ch in enumerate(text):
        if ch in _FULLWIDTH_DIGITS:
            ch = _FULLWIDTH_DIGITS[ch]
        elif ch == "％":
            ch = "%"
        elif ch in _MINUS:
            ch = "-"
        elif ch in _SPACES:
            ch = " "
        elif ch == "．" and 0 < i < n - 1 and _is_digit(text[i - 1]) and _is_digit(text[i + 1]):
            ch = "."
        elif ch == "，" and 0 < i < n - 1 and (
            (text[i - 1] in _FULLWIDTH_DIGITS and text[i + 1] in _FULLWIDTH_DIGITS) or _GROUPED_DECIMAL.match(text, i + 1)
            and _LEADING_GROUP.search(text, 0, i)
        ):
            ch = ","
        out.append(ch)
    return "".join(out)


# 3，518.85万元: a full-width comma typed as the thousands separator of a figure with decimals —
# 1 to 3 digits before it, exactly 3 after it and then the decimal point (12，345 stays two numbers).
_GROUPED_DECIMAL = regex.compile(r"[0-9]{3}\.[0-9]")
_LEADING_GROUP = regex.compile(r"(?<![0-9.,，])[0-9]{1,3}$")


def _is_digit(ch: str) -> bool:
    return "0" <= ch <= "9" or ch in _FULLWIDTH_DIGITS


# --------------------------------------------------------------------------- patterns


def _cls(chars) -> str:
    return "[" + "".join(regex.escape(c) for c in sorted(chars)) + "]"


def _alt(words) -> str:
    return "(?:" + "|".join(words) + ")"


def _spaced(word: str) -> str:
    """A word whose characters may be split by one space in PDF text."""
    return "[ ]?".join(regex.escape(c) for c in word)


@dataclass(frozen=True)
class _Patterns:
    figure: regex.Pattern  # one figure, searched in normalised text
    fullmatch: regex.Pattern  # one figure spanning a whole string
    quoted: regex.Pattern  # 《…》 and “…” spans
    cell: regex.Pattern
    lex: Lexicon


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    lex = lexicon()
    digit = _cls(lex.digits)
    nonzero = _cls([c for c, v in lex.digits.items() if v])
    zero = _cls([c for c, v in lex.digits.items() if not v])
    small = _cls(lex.small_units)
    small_ar = _cls([c for c, e in lex.small_units.items() if e >= 2])  # 5千, 3百 (not 3十)
    scale = _cls(lex.scales)
    point = _cls(lex.decimal_points)
    mw = regex.escape(lex.measure_word)
    numeral_chars = _cls(set(lex.digits) | set(lex.small_units) | set(lex.scales))
    approx = _alt(regex.escape(a) for a in lex.approximate_prefixes)
    temporal = _alt(regex.escape(t) for t in lex.temporal_suffixes)
    # unit words, longest first; each with the continuations that make it another word
    unit_alts = []
    for u in lex.units:
        guard = f"(?!{_alt(regex.escape(x) for x in u.not_followed_by)})" if u.not_followed_by else ""
        unit_alts.append(_spaced(u.word) + guard)
    units = _alt(unit_alts)
    # money words that start with a scale (万元, 亿元, 个亿元, 万亿元): after a first scale they
    # are the unit, not part of the number (3万元 = 3 万元; 3541.07万元2 ends at 元)
    scale_words = [
        u.word
        for u in lex.units
        if u.word[0] in lex.scales or (u.word[0] == lex.measure_word and u.word[1:2] in lex.scales)
    ]
    scale_unit = _alt(_spaced(w) for w in sorted(scale_words, key=len, reverse=True))

    integer = (
        r"(?>[0-9]{1,3}(?:,[ ]?[0-9]{3})+(?![0-9])"  # 16,687 / 16, 687 (PDF)
        rf"|[0-9]{{1,3}}(?:[ ][0-9]{{3}})+(?=\.[0-9]|[ ]?{scale}|[ ]*{units})"  # 1 398.00 万元
        r"|[0-9]+)"
    )
    ar_int = rf"{integer}(?!\.[0-9])"
    ar_dec = rf"{integer}\.[0-9]+"
    cn_start = rf"(?<!{numeral_chars}|{approx}){nonzero}"
    cn_seq = rf"(?:{cn_start}|(?<!{numeral_chars}|{approx}){_cls(c for c, e in lex.small_units.items() if e == 1)})(?:{digit}|{small})*"
    cn_dec = rf"(?:{cn_seq}|(?<!{numeral_chars}){zero}){point}{digit}+"
    first_scale = rf"(?!{scale_unit})(?:{mw}(?={scale}))?{scale}{{1,2}}"
    group = rf"(?:[0-9]{{1,4}}|{digit}(?:{digit}|{small})*){small_ar}?[ ]?{scale}{{1,2}}"
    tail = (
        rf"(?:{zero}?(?:[0-9]{small})+[0-9]?(?![0-9]|[.,][0-9])"  # 6千, 5千2百
        rf"|(?:[0-9],[0-9]{{3}}|[0-9]{{1,4}})(?![0-9]|[.,][0-9])(?![ ]*{temporal})"  # 4000, 4,000, 2
        rf"|{digit}(?:{digit}|{small})*)"  # 贰仟, 零五百, 二
    )
    rest = rf"(?:{group})+{tail}?|{tail}"
    core = (
        rf"(?P<core>{ar_int}(?:{small_ar}(?!分))?(?:[ ]?{first_scale}(?:{rest})?)?"
        rf"|{ar_dec}(?:[ ]?{first_scale})?"
        rf"|{cn_dec}(?:{first_scale})?"
        rf"|{cn_seq}(?:{first_scale}(?:{rest})?)?)"
    )
    pct_prefix = _alt(regex.escape(p) for p in lex.percent_prefixes)
    hundred = _cls(c for c, e in lex.small_units.items() if e == 2)
    percent = rf"(?P<pp>{pct_prefix})(?P<pcore>{ar_dec}|{ar_int}|{cn_dec}|{cn_seq}|{hundred})"  # 百分之百
    neg = rf"(?P<neg>(?<![0-9A-Za-z.,%)）][ ]*)-|{_alt(regex.escape(w) for w in lex.negative_words)})"
    jiao_fen = "".join(
        f"(?:{zero}?{nonzero}{regex.escape(c)})?"
        for c, _ in sorted(lex.fractional_money.items(), key=lambda kv: kv[1])
    )
    # 200余万元, 30多人: an approximate figure (a lower bound), kept with its word
    unit_part = rf"(?:[ ]*(?:\r?\n[ ]*)?(?P<approx>[余多])?(?P<unit>{units})(?P<jf>(?<=[元圆]){jiao_fen})?)?"
    figure = rf"{neg}?(?:{percent}|{core}{unit_part})"
    cell_integer = r"(?>[0-9]{1,3}(?:(?:,[ ]?|[ ])[0-9]{3})+(?![0-9])|[0-9]+)"
    return _Patterns(
        figure=regex.compile(figure),
        fullmatch=regex.compile(rf"[ ]*{figure}[ ]*整?[ ]*"),
        quoted=regex.compile(r"《[^《》\n]{0,200}》|“[^“”\n]{0,120}”|「[^「」\n]{0,120}」"),
        cell=regex.compile(rf"(?P<neg>-)?[ ]*(?P<num>{cell_integer}(?:\.[0-9]+)?)[ ]*(?P<pct>%)?"),
        lex=lex,
    )


# --------------------------------------------------------------------------- reading one match


def _amount(m: regex.Match, lex: Lexicon) -> tuple[Amount, str, int] | None:
    """Amount, kind and end offset of a figure match (None when its numeric part is malformed).

    Raises FigureError for digits beyond what Decimal arithmetic keeps exact (81 digits and more)."""
    try:
        return _read_amount(m, lex)
    except InvalidOperation:
        raise FigureError(m.group(0)) from None


def _read_amount(m: regex.Match, lex: Lexicon) -> tuple[Amount, str, int] | None:
    end = m.end()
    negative = m.group("neg") is not None
    if m.group("pp") is not None:
        core = m.group("pcore")
        parsed = (Decimal(100), 0) if lex.small_units.get(core) == 2 else parse_core(core, lex)
        if parsed is None:
            return None
        value, decimals = parsed
        return Amount(-value if negative else value, "%", decimals), "percent", end
    parsed = parse_core(m.group("core"), lex)
    if parsed is None:
        return None
    value, decimals = parsed
    unit_text = m.group("unit")
    if unit_text is None:
        return Amount(-value if negative else value, "", decimals), "bare", end
    word = lex.unit_word(unit_text)
    if word is None:  # cannot happen: the pattern is built from the same list
        return None
    if word.scale:
        value = value.scaleb(word.scale)
        decimals -= word.scale
        value = value.quantize(Decimal(1).scaleb(-max(decimals, 0)))
    jf = m.group("jf")
    if jf:
        if not lex.written_in_chinese(m.group("core")):
            end = m.start("jf")  # 大写 角/分 only after a Chinese numeral
        else:
            for ch, place in lex.fractional_money.items():
                k = jf.find(ch)
                if k > 0:
                    value += Decimal(lex.digits[jf[k - 1]]).scaleb(-place)
                    decimals = max(decimals, place)
            value = value.quantize(Decimal(1).scaleb(-max(decimals, 0)))
    return Amount(-value if negative else value, word.unit, decimals), word.kind, end


# --------------------------------------------------------------------------- API


#: How many distinct strings ``parse_number`` and ``parse_cell`` remember their reading of: a
#: report reads the same cells and labels many times over (each check that looks at a table row
#: reads it again), and a worker reads the same headings and item names in report after report.
#: Bounded, so a worker's memory stays flat; a reading is an immutable ``Amount`` (or None).
PARSE_CACHE = 1 << 15


def parse_number(text: str, *, timeout: float = 1.0) -> Amount | None:
    """One whole figure with an optional unit ("16,687.89 万元", "3万元", "百分之一点五七");
    None when the string is not exactly one number."""
    return _parse_number(text, timeout)


@lru_cache(maxsize=PARSE_CACHE)
def _parse_number(text: str, timeout: float) -> Amount | None:
    pats = _patterns()
    m = pats.fullmatch.fullmatch(normalize(text), timeout=timeout)
    if m is None:
        return None
    try:
        got = _amount(m, pats.lex)
    except FigureError:
        return None
    if got is None or (m.group("jf") and got[2] != m.end("jf")) or too_long(got[0]):
        return None  # not a number, or 角/分 after an Arabic figure, or no budget figure
    return got[0]


_EMPTY_CELLS = {"", "-", "--", "—", "——", "–", "－", "/", "／", "无", "…", "...", "*", "x", "X", "×"}


def parse_cell(text: str, unit: str | None, *, timeout: float = 1.0) -> Amount | None:
    """A table cell in the table's ``unit`` ('万元', '元', None → ''); percent cells keep '%'.

    None for empty cells and dashes ('', '-', '—'), text, and targets such as '≥95%'. A cell that
    prints its own unit ('3万元', '39 批次') is read with it.
    """
    return _parse_cell(text, unit, timeout)


@lru_cache(maxsize=PARSE_CACHE)
def _parse_cell(text: str, unit: str | None, timeout: float) -> Amount | None:
    if text is None:
        return None
    norm = normalize(text).strip()
    if norm in _EMPTY_CELLS:
        return None
    pats = _patterns()
    negative = False
    if (
        len(norm) > 2
        and norm[0] in "(（"
        and norm[-1] in ")）"
        and regex.search(r"[.,]", norm, timeout=timeout)
    ):
        norm, negative = norm[1:-1].strip(), True  # (1,234.56): accounting negative
    m = pats.cell.fullmatch(norm, timeout=timeout)
    if m is None:
        amount = None if negative else parse_number(norm, timeout=timeout)
        if amount is not None and amount.unit == "" and unit:
            amount = Amount(amount.value, unit, amount.decimals)
        return amount
    num = m.group("num").replace(",", "").replace(" ", "")
    value = Decimal(num)
    decimals = len(num.partition(".")[2])
    if m.group("neg") or negative:
        value = -value
    amount = Amount(value, "%" if m.group("pct") else (unit or ""), decimals)
    return None if too_long(amount) else amount


def find_numbers(text: str, *, timeout: float = 1.0) -> list[NumberMatch]:
    """Every figure in ``text`` (a sentence or a line), left to right; see the module doc for what
    is deliberately left out. ``timeout`` bounds each regex call (regex raises TimeoutError).

    Raises FigureError for a figure with a unit and too many digits to be one (see ``too_long``);
    such a number without a unit is no figure and is left out."""
    pats = _patterns()
    lex = pats.lex
    norm = normalize(text)
    titles = [(m.start(), m.end(), m.group()[0] == "《") for m in pats.quoted.finditer(norm, timeout=timeout)]
    titles_at = [ts for ts, _, _ in titles]
    out: list[NumberMatch] = []
    prev_end = -1
    # every match first: regex's timeout clock (process CPU time) would otherwise run on in this loop
    for m in list(pats.figure.finditer(norm, timeout=timeout)):
        start = m.start()
        core_name = "pcore" if m.group("pp") is not None else "core"
        cs, ce = m.span(core_name)
        try:
            got = _amount(m, lex)
        except FigureError:
            if m.group("unit") is None and m.group("pp") is None:
                continue  # digits without a unit are a code, never a figure (see too_long below)
            raise
        if got is None:
            continue
        amount, kind, end = got
        held = bisect_left(titles_at, start) - 1  # spans never overlap: only the last opened before can hold it
        if not kept_in_context(norm, start, cs, ce, end, kind, m, lex, titles[held] if held >= 0 else None, prev_end,
                               timeout):
            continue
        if too_long(amount):
            if kind == "bare":
                continue
            raise FigureError(m.group(0))
        approximate = m.group("approx") is not None and m.group("unit") is not None
        out.append(NumberMatch(start, end, text[start:end], amount, kind, approximate))
        prev_end = end
    return out
