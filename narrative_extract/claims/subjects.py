"""What a number is about (its Subject) and at which fund scope, read from the words before it."""

from __future__ import annotations

from functools import cached_property

import regex

from ..model import Document, Subject
from .lexicon import subject_lexicon
from .listed import SentenceFigures, after_listed_figures
from .span_patterns import TermMatcher

# 一般公共服务支出（类）组织事务（款）行政运行（项）: the function-classification path of an item.
# The parts may be joined by dashes: “一般公共服务支出(类）-统计信息事务（款）-统计管理（项）”.
ITEM_PATH = regex.compile(
    r"“?(?P<lei>[\p{Han}]+?)[（(]类[）)][-－—–\s]*(?:(?P<kuan>[^（()）“”\-－—–]+?)[（(]款[）)])?[-－—–\s]*"
    r"(?:(?P<xiang>[^（()）“”\-－—–]+?)[（(]项[）)])?”?(?:科目)?"
)
# 行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）: a path that starts at the 款 (无锡, 苏州).
KUAN_PATH = regex.compile(
    r"(?P<lei>)(?P<kuan>\p{Han}+?)[（(]款[）)][-－—–\s]*(?:(?P<xiang>[^（()）“”\-－—–]+?)[（(]项[）)])?"
)
# 苏州市交通运输局2026年度… / 无锡市交通运输局（本级）2026年…: the unit and the year before an item's name
UNIT_AND_YEAR = regex.compile(r"^(?P<unit>.*)(?:20\d{2}\s*年(?:度)?|本年度)(?:的)?")
# “住房保障支出-住房改革支出-住房公积金”: the same path written with dashes (some district templates).
DASH_PATH = regex.compile(
    r"“(?P<lei>[\p{Han}]+?)-(?P<kuan>[^-“”，。；]+?)(?:-(?P<xiang>[^-“”，。；]+?))?”"
)
LEADING_MARK = regex.compile(r"^(?:[一二三四五六七八九十]+、|\d+[、.．]|[（(][一二三四五六七八九十\d]+[）)]、?)\s*")
CLAUSE_BREAK = regex.compile(r"[，,；;。：:]")
SPACES = regex.compile(r"[\s\u3000]+")
LIST_LEAD = regex.compile(r"^(?:其中[：:]?)")


def clean_name(text: str) -> str:
    """A row or subject name without list marks, quotes, spaces and 其中："""
    text = SPACES.sub("", text).replace("其它", "其他")  # both spellings name one item
    text = text.replace("(", "（").replace(")", "）")  # 因公出国(境)费 = 因公出国（境）费: half-width brackets of an export
    text = LIST_LEAD.sub("", text)
    text = LEADING_MARK.sub("", text)
    text = text.strip("：:")
    if text.count("“") != text.count("”"):  # a quote cut off by the clause: drop the stray mark
        text = text.strip("“”")
    elif text.startswith("“") and text.endswith("”") and text.count("“") == 1:
        text = text[1:-1]  # “一般公共服务支出”科目: the quoted item itself
    return text


HAN = regex.compile(r"\p{Han}")


class SubjectReader:
    """Reads subjects for one document: the lexicon plus the document's own row names and codes."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.lex = subject_lexicon()
        self.codes: dict[str, list[str]] = {}
        names = []
        for table in doc.tables:
            for row in table.rows:
                name = clean_name(row.name)
                if len(HAN.findall(name)) < 2:
                    continue  # a row named 26 (a form's number) or 1 names no item: never a word of the prose
                names.append(name)
                if row.code:
                    self.codes.setdefault(name, [])
                    if row.code not in self.codes[name]:
                        self.codes[name].append(row.code)
        self.row_names = names
        scope_words = sorted(
            [(k, v) for k, v in self.lex.scope_keywords]
            + [("政府性基金预算财政拨款", "gov_fund"), ("国有资本经营预算财政拨款", "state_capital")],
            key=lambda kv: -len(kv[0]),
        )
        self.scope_map = dict(scope_words)
        self.scope_re = regex.compile("|".join(regex.escape(k) for k, _ in scope_words))

    @cached_property
    def matcher(self) -> TermMatcher:
        return TermMatcher(self.row_names)

    def knows(self, name: str) -> bool:
        """Whether ``name`` is an item of the lexicon (a term, an alias's name, a 三公 item) or a row of the
        document's tables."""
        return name in self.known_names or name in self.lex.three_public_items

    @cached_property
    def known_names(self) -> frozenset[str]:
        """The lexicon's terms and canonical names, and the document's row names."""
        return frozenset(self.lex.terms) | frozenset(self.lex.aliases.values()) | frozenset(self.row_names)

    def canonical(self, name: str) -> str:
        """The lexicon's name for ``name``; 公务用车购置及运行维护费支出 is 公务用车购置及运行维护费's spending,
        so a known name followed by 支出 is that name."""
        if name in self.lex.aliases:
            return self.lex.aliases[name]
        base = name.removesuffix("支出")
        if base != name and (base in self.lex.aliases or base in self.lex.three_public_items):
            return self.lex.aliases.get(base, base)
        return name

    def code_for(self, name: str, parent: str | None = None, level: int | None = None) -> str | None:
        """The function code of ``name`` in this document's tables, when only one fits.

        ``parent`` (the 款 of a 项) and ``level`` (3 类, 5 款, 7 项) narrow it: 其他公共安全支出 is
        both a 款 (22999) and a 项 (2299901) name.
        """
        name = clean_name(name)
        codes = self.codes.get(name) or self.codes.get(name + "支出") or []
        if parent and len(codes) > 1:
            parent_codes = self.codes.get(parent) or self.codes.get(parent + "支出") or []
            narrowed = [c for c in codes if any(c.startswith(p) and c != p for p in parent_codes)]
            codes = narrowed or codes
        elif parent and codes and not (self.codes.get(parent) or self.codes.get(parent + "支出")):
            # 林业和草原（款）一般行政管理事务（项） in a report whose tables print no 林业和草原: the one
            # 一般行政管理事务 they print sits under another 款, so it is not this item's code
            codes = []
        if level:
            # …统计信息事务（款）统计信息事务（项） where the tables only print the 款 20105: the 项 has no
            # code (the 款's row is not the item's)
            codes = [c for c in codes if len(c) == level]
        return codes[0] if len(codes) == 1 else None

    def after_unit_and_year(self, clause: str) -> str:
        """无锡市交通运输局（本级）2026年度财政拨款基本支出预算 → 财政拨款基本支出预算: the unit's name and
        the year before an item name no item; kept when nothing names one after them (基本支出2024年预算数)."""
        m = UNIT_AND_YEAR.match(clause)
        if m is None or len(m.group("unit")) < 4:
            return clause
        rest = clause[m.end():]
        named = clean_name(self.lex.strip_prefix.sub("", self.lex.strip_suffix.sub("", rest.strip())).strip())
        if named in ("收入", "支出") and rest.rstrip().endswith("预算"):
            return rest  # 某中心本年度支出预算: the unit's spending budget (from_left reads 支出预算 as its total)
        return rest if len(regex.findall(r"\p{Han}", named)) >= 2 and named not in self.lex.generic else clause

    def from_left(self, left: str, figures: SentenceFigures | None = None, at: int = 0) -> Subject | None:
        """The subject named just before a number (``left`` is the text of its clause before it).

        ``figures``: those of the sentence ``left`` is the piece of it from ``at`` on, found once for
        all its figures (else the figures of ``left`` are found here)."""
        paths = list(ITEM_PATH.finditer(left)) or list(KUAN_PATH.finditer(left)) or list(DASH_PATH.finditer(left))
        if paths:
            m = paths[-1]
            lei, kuan, xiang = m.group("lei"), m.group("kuan"), m.group("xiang")
            parts = tuple(p for p in (lei, kuan, xiang) if p)
            name = parts[-1]
            parent = parts[-2] if len(parts) > 1 else None
            code = self.code_for(name, parent, level=7 if xiang else 5 if kuan else 3)
            return Subject(printed=m.group(0), name=name, path=parts, code=code)
        own = CLAUSE_BREAK.split(left)[-1]
        if figures is None:
            listed = after_listed_figures(own)
        else:
            assert figures.text.startswith(left, at), "left must be the sentence's text from at"
            listed = figures.after_listed(at + len(left) - len(own), at + len(left))
        clause = self.after_unit_and_year(listed)
        trimmed = self.lex.strip_suffix.sub("", clause.strip())
        bare = clean_name(self.lex.strip_prefix.sub("", trimmed).strip())
        # The nearest known term that ends where the clause's own words end.
        best = None
        for _, end, term in self.matcher.find(trimmed):
            if len(trimmed) - end <= 2 and clean_name(term) not in self.lex.generic:
                best = clean_name(term)
        if best is not None and (len(bare) <= len(best) or len(bare) > 14):
            return Subject(printed=best, name=self.canonical(best), code=self.code_for(best))
        budget_total = self.doc.kind == "budget" and regex.search(r"(?:收入|支出)预算\s*$", clause) is not None
        if (total := self.lex.organization_total.fullmatch(bare)) and (total.group("org") or budget_total):
            # 上海市普陀区商务委员会收入预算 X / 支出预算 X: the unit's whole income (收入总计) or spending;
            # 本年收入预算 / 本年支出预算 is this year's money only (本年收入合计), without 结转结余
            this_year = trimmed.startswith(("本年", "当年"))
            name = f"本年{total.group('what')}合计" if this_year else f"{total.group('what')}总计"
            return Subject(printed=trimmed, name=name)
        if len(bare) < 2 or bare in self.lex.generic or not regex.search(r"\p{Han}", bare):
            return Subject(printed=best, name=self.canonical(best), code=self.code_for(best)) if best else None
        name = self.canonical(bare[-24:])
        return Subject(printed=trimmed, name=name, code=self.code_for(name))

    def scope(self, prefix: str, section: tuple[str, ...], subject: Subject | None) -> str:
        """Fund scope: the last scope word before the number, else the nearest heading's, else all funds."""
        found = list(self.scope_re.finditer(prefix))
        return self.scope_of(found[-1].group(0) if found else None, section, subject)

    def scope_of(self, word: str | None, section: tuple[str, ...], subject: Subject | None) -> str:
        """``scope`` given the last scope word before the number (``Reach.last_scope_word``)."""
        if subject is not None and subject.name in self.lex.three_public_items:
            return "three_public"
        if subject is not None and subject.name in self.lex.all_funds_items:
            return "all_funds"
        if word is not None:
            return self.scope_map[word]
        for title in reversed(section):
            found = list(self.scope_re.finditer(title))
            if found:
                return self.scope_map[found[-1].group(0)]
        return "all_funds"
