"""Numeral data (patterns/numerals.json) and the arithmetic of one printed number.

``parse_core`` turns the numeric part of a figure into an exact Decimal and its printed precision.
It reads Arabic digits, Chinese numerals (小写 and 大写) and mixtures of the two with the scale
characters 万/亿::

    16,687.89 -> 16687.89 (decimals 2)     16.4亿   -> 1640000000 (decimals -7)
    1,100万   -> 11000000 (-4)             3万4000  -> 34000 (0)
    13万2     -> 132000 (-3)               25万6千  -> 256000 (0)
    三千五百万 -> 35000000 (-4)            二十万亿 -> 20000000000000 (-12)
    壹万贰仟   -> 12000 (0)                两个亿   -> 200000000 (-8)
    一点五七   -> 1.57 (2)

Precision (``decimals``, see ``model.Amount``) is the place of the last digit the writer printed:
digits after the point for Arabic figures, the scale for a number ending in 万/亿 (``3500万`` and
``三千五百万`` both keep the precision of one 万). Spelled-out Chinese digits below a scale count as
exact (``二十五万六千`` = 256000, decimals 0); a colloquial trailing digit (``十三万二`` = 13.2万,
``三千五`` = 3500) has the precision of the place it stands for.

No floats: every step is Decimal arithmetic in a wide local context.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal, localcontext
from functools import lru_cache
from pathlib import Path

import regex

from .model import MONEY_UNITS, PERCENT, PERCENT_POINT
from .patterns import pattern_path

KINDS = ("money", "percent", "percent_point", "count", "score")


class NumeralDataError(ValueError):
    """patterns/numerals.json is malformed; the message names the file and the entry."""


@dataclass(frozen=True)
class UnitWord:
    word: str  # as listed (may carry full-width forms)
    unit: str  # canonical unit of the Amount
    kind: str  # money | percent | percent_point | count | score
    scale: int  # power of ten: the value printed before the word times 10**scale is in ``unit``
    not_followed_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class Lexicon:
    digits: dict[str, int]
    small_units: dict[str, int]  # character -> exponent (十 -> 1)
    scales: dict[str, int]  # character -> exponent (万 -> 4)
    decimal_points: tuple[str, ...]
    negative_words: tuple[str, ...]
    percent_prefixes: tuple[str, ...]
    measure_word: str
    fractional_money: dict[str, int]  # 角 -> 1, 分 -> 2 (places after the point of 元)
    ordinal_prefixes: tuple[str, ...]
    approximate_prefixes: tuple[str, ...]
    temporal_suffixes: tuple[str, ...]
    units: tuple[UnitWord, ...]  # longest word first
    unit_index: dict[str, UnitWord]  # word without spaces -> entry

    def unit_word(self, printed: str) -> UnitWord | None:
        """The entry for a printed unit word (spaces inside it ignored)."""
        return self.unit_index.get(_squash(printed))

    def written_in_chinese(self, core: str) -> bool:
        """Written (at least partly) in Chinese numerals: 三千五百万, 十万 (not 3万4000, 25万6千)."""
        return bool(core) and (core[0] in self.small_units or any(c in self.digits for c in core))

    def has_scale(self, core: str) -> bool:
        """A scale or small unit character in the figure (万, 亿, 千, 十 …)."""
        return any(c in self.scales or c in self.small_units for c in core)


_SPACES = regex.compile(r"\s+")  # compiled once: the unit word of every figure is squashed


def _squash(text: str) -> str:
    return _SPACES.sub("", text, timeout=1.0)


def _power_of_ten(value: object) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        return None
    text = str(value)
    if text[0] != "1" or set(text[1:]) - {"0"}:
        return None
    return len(text) - 1


def _load(path: Path) -> Lexicon:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        raise NumeralDataError(f"{path}: not valid JSON: {err}") from None

    def bad(where: str, why: str) -> NumeralDataError:
        return NumeralDataError(f"{path}: {where}: {why}")

    def char_map(key: str, check) -> dict[str, int]:
        entries = data.get(key)
        if not isinstance(entries, dict) or not entries:
            raise bad(key, "must be a non-empty object")
        out = {}
        for ch, value in entries.items():
            if len(ch) != 1:
                raise bad(f"{key}[{ch!r}]", "keys must be single characters")
            converted = check(value)
            if converted is None:
                raise bad(f"{key}[{ch!r}]", f"bad value {value!r}")
            out[ch] = converted
        return out

    def strings(key: str, *, single: bool = False) -> tuple[str, ...]:
        entries = data.get(key)
        if not isinstance(entries, list) or not all(isinstance(s, str) and s for s in entries):
            raise bad(key, "must be a list of non-empty strings")
        if single and any(len(s) != 1 for s in entries):
            raise bad(key, "entries must be single characters")
        return tuple(entries)

    digits = char_map(
        "digits", lambda v: v if isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 9 else None
    )
    small = char_map("small_units", lambda v: e if (e := _power_of_ten(v)) in (1, 2, 3) else None)
    scales = char_map("scales", lambda v: e if (e := _power_of_ten(v)) in (4, 8) else None)
    fractional = char_map("fractional_money", lambda v: v if v in (1, 2) else None)
    measure = data.get("measure_word")
    if not isinstance(measure, str) or len(measure) != 1:
        raise bad("measure_word", "must be one character")
    overlap = (set(digits) & set(small)) | (set(digits) & set(scales)) | (set(small) & set(scales))
    if overlap:
        raise bad("digits/small_units/scales", f"characters listed twice: {sorted(overlap)}")

    units_data = data.get("units")
    if not isinstance(units_data, list) or not units_data:
        raise bad("units", "must be a non-empty list")
    units: list[UnitWord] = []
    seen: dict[str, int] = {}
    for i, entry in enumerate(units_data):
        where = f"units[{i}]"
        if not isinstance(entry, dict):
            raise bad(where, "must be an object")
        unknown = set(entry) - {"words", "unit", "kind", "scale", "not_followed_by"}
        if unknown:
            raise bad(where, f"unknown keys {sorted(unknown)}")
        words, unit, kind = entry.get("words"), entry.get("unit"), entry.get("kind")
        if (
            not isinstance(words, list)
            or not words
            or not all(isinstance(w, str) and w.strip() for w in words)
        ):
            raise bad(where, "'words' must be a non-empty list of non-empty strings")
        if not isinstance(unit, str) or not unit:
            raise bad(where, "'unit' must be a non-empty string")
        if kind not in KINDS:
            raise bad(where, f"'kind' {kind!r} is not one of {KINDS}")
        if kind == "money" and unit not in MONEY_UNITS:
            raise bad(where, f"money unit {unit!r} is not one of {sorted(MONEY_UNITS)}")
        if kind == "percent" and unit != PERCENT:
            raise bad(where, f"percent unit must be {PERCENT!r}")
        if kind == "percent_point" and unit != PERCENT_POINT:
            raise bad(where, f"percent-point unit must be {PERCENT_POINT!r}")
        scale = _power_of_ten(entry.get("scale", 1))
        if scale is None:
            raise bad(where, f"'scale' {entry.get('scale')!r} is not a positive power of ten")
        nfb = entry.get("not_followed_by", [])
        if not isinstance(nfb, list) or not all(isinstance(s, str) and s for s in nfb):
            raise bad(where, "'not_followed_by' must be a list of non-empty strings")
        for w in words:
            key = _squash(w)
            if key in seen:
                raise bad(f"{where}.words", f"{w!r} already listed in units[{seen[key]}]")
            if any(ch.isdigit() for ch in key):
                raise bad(f"{where}.words", f"{w!r} contains a digit")
            seen[key] = i
            units.append(UnitWord(key, unit, kind, scale, tuple(nfb)))
    units.sort(key=lambda u: -len(u.word))
    return Lexicon(
        digits=digits,
        small_units=small,
        scales=scales,
        decimal_points=strings("decimal_points", single=True),
        negative_words=strings("negative_words"),
        percent_prefixes=strings("percent_prefixes"),
        measure_word=measure,
        fractional_money=fractional,
        ordinal_prefixes=strings("ordinal_prefixes"),
        approximate_prefixes=strings("approximate_prefixes"),
        temporal_suffixes=strings("temporal_suffixes"),
        units=tuple(units),
        unit_index={u.word: u for u in units},
    )


@lru_cache(maxsize=4)
def lexicon(path: str | None = None) -> Lexicon:
    """The numeral lexicon, loaded once (``path`` for tests; default patterns/numerals.json)."""
    return _load(Path(path) if path else pattern_path("numerals.json"))


# --------------------------------------------------------------------------- arithmetic

_ARABIC = regex.compile(r"[0-9]+(?:\.[0-9]+)?")


@dataclass
class _Num:
    value: Decimal
    place: int  # exponent of the last printed digit (-decimals)
    single: bool  # one digit, no point: may be a colloquial abbreviation (十三万二)


def _tokens(core: str, lex: Lexicon) -> list[tuple] | None:
    """('num', _Num) | ('zero',) | ('small', e) | ('scale', e) | ('point', digits)."""
    s = core.replace(" ", "").replace(",", "")
    out: list[tuple] = []
    i = 0
    while i < len(s):
        ch = s[i]
        if "0" <= ch <= "9":
            m = _ARABIC.match(s, i, timeout=1.0)
            text = m.group()
            frac = text.partition(".")[2]
            out.append(("num", _Num(Decimal(text), -len(frac), len(text) == 1)))
            i = m.end()
        elif ch in lex.digits:
            j = i
            while j < len(s) and s[j] in lex.digits:
                j += 1
            run = s[i:j]
            if len(run) == 1 and lex.digits[run] == 0:
                out.append(("zero",))
            else:
                value = 0
                for c in run:
                    value = value * 10 + lex.digits[c]
                out.append(("num", _Num(Decimal(value), 0, len(run) == 1)))
            i = j
        elif ch in lex.decimal_points:
            j = i + 1
            while j < len(s) and s[j] in lex.digits:
                j += 1
            if j == i + 1:
                return None
            out.append(("point", "".join(str(lex.digits[c]) for c in s[i + 1 : j])))
            i = j
        elif ch in lex.small_units:
            out.append(("small", lex.small_units[ch]))
            i += 1
        elif ch in lex.scales:
            out.append(("scale", lex.scales[ch]))
            i += 1
        elif ch == lex.measure_word and i + 1 < len(s) and s[i + 1] in lex.scales:
            i += 1  # 两个亿
        else:
            return None
    return out


def parse_core(core: str, lex: Lexicon | None = None) -> tuple[Decimal, int] | None:
    """Exact value and printed precision (decimals) of a numeric core, or None if malformed."""
    lex = lex or lexicon()
    tokens = _tokens(core, lex)
    if not tokens:
        return None
    with localcontext() as ctx:
        ctx.prec = 80
        return _evaluate(tokens)


def _evaluate(tokens: list[tuple]) -> tuple[Decimal, int] | None:
    done: list[tuple[Decimal, int]] = []  # finished components: (value, place)
    block: list[tuple[Decimal, int]] = []  # the current group below 亿 (already times 10**4 where 万)
    section: list[tuple[Decimal, int]] = []  # below 万
    pending: _Num | None = None
    last_unit: int | None = None  # exponent of the unit token right before ``pending``
    last_small: int | None = None
    zero = False
    wan_in_block = False
    prev_kind = None
    for tok in tokens:
        kind = tok[0]
        if kind == "num":
            if pending is not None:
                return None
            pending = tok[1]
        elif kind == "zero":
            if pending is not None:
                return None
            zero = True
        elif kind == "point":
            if pending is None and not section and not zero:
                return None  # 零点五 is fine, 点五 is not
            base = sum((v for v, _ in section), Decimal(0)) + (pending.value if pending else 0)
            if pending is not None and pending.place < 0:
                return None
            frac = tok[1]
            pending = _Num(base + Decimal(f"0.{frac}"), -len(frac), False)
            section = []
        elif kind == "small":
            e = tok[1]
            if last_small is not None and e >= last_small:
                return None
            if pending is None:
                # only 十 may stand without a digit: at the start (十五, 十万) or after 零 (三万零十)
                if e != 1 or not (zero or not (section or block or done)):
                    return None
                value, place = Decimal(1), 0
            else:
                value = pending.value
                place = pending.place + e if pending.place < 0 else 0
            section.append((value.scaleb(e), place))
            pending, last_unit, last_small, zero = None, e, e, False
        elif kind == "scale":
            e = tok[1]
            items = section + ([(pending.value, pending.place)] if pending else [])
            if e == 4:
                if wan_in_block or not items:
                    return None
                block += [(v.scaleb(4), p + 4) for v, p in items]
                wan_in_block = True
                last_unit = 4
            else:
                if not items and not (prev_kind == "scale" and wan_in_block):
                    return None
                group = block + items
                earlier = [v for v, _ in done if v]
                if earlier and sum((v for v, _ in group), Decimal(0)).scaleb(8) >= min(earlier):
                    return None  # 1亿2亿
                done += [(v.scaleb(8), p + 8) for v, p in group]
                last_unit = 12 if prev_kind == "scale" else 8
                block, wan_in_block = [], False
            section, pending, last_small, zero = [], None, None, False
        prev_kind = kind
    if pending is not None:
        if pending.single and not zero and last_unit and last_unit >= 1 and pending.place == 0:
            section.append((pending.value.scaleb(last_unit - 1), last_unit - 1))
        else:
            if last_unit in (4, 8, 12) and pending.value >= Decimal(10) ** last_unit:
                return None  # 3万12345 is not one number
            section.append((pending.value, pending.place))
    parts = done + block + section
    if not parts:
        return None
    value = sum((v for v, _ in parts), Decimal(0))
    decimals = -min(p for _, p in parts)
    value = value.quantize(Decimal(1).scaleb(-max(decimals, 0)))
    return value, decimals
