"""The pieces of a reason claim and what each one explains (item, direction, amount, percent).

Used by ``records.py``. A few repairs are made here rather than in the extraction, because they
need the claims around a reason:

* the item and direction fall back to the claims and words around the lead-in when the reason
  explains no claim (``财政拨款收入支出增加的主要原因是…``: a change word with no number) or when the
  explained claim's subject is a fragment (``年初``);
* in a 预算 (budget) report every comparison is with last year's budget or execution, so basis
  ``budget`` there means ``yoy`` (actual-against-budget only exists in a 决算).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..claims.cell_reasons import cell_label_start
from ..claims.lexicon import claim_frames
from ..claims.performance import performance_window, section_project, shortfall_direction, shortfall_item
from ..claims.reasons import CHANGE_KINDS, names_its_own_change, own_change_clause
from ..claims.subjects import LEADING_MARK
from ..model import Claim, Document, Sentence
from .categories import DIRECTIONS

#: Output directions (DOMAIN.md): yoy increase / decrease / flat, budget over / under / flat.

_DIRECTION_WORDS = (
    ("increase", re.compile(r"增加|增长|上升|提高|新增")),
    ("decrease", re.compile(r"减少|下降|降低|减")),
    ("flat", re.compile(r"持平|不变|一致|相同")),
    ("over", re.compile(r"大于|高于|超过|超出")),
    ("under", re.compile(r"小于|低于|未完成|未达")),
)
_ANY_DIRECTION = re.compile("|".join(p.pattern for _, p in _DIRECTION_WORDS))
_STATED_CHANGE = re.compile(r"(增加|减少|增长|下降|上升|降低)\s*\d")
_EITHER_OR = re.compile(r"[（(](?:增加|减少|增长|下降|大于|小于)[）)]")  # 增加（减少）: a template's either-or
_CLAUSE = re.compile(r"[，,。；;：:]")
_ALTERNATIVE = re.compile(r"[（(](?:增加|减少|增长|下降|大于|小于)[）)]|增减")  # 增减变化的主要原因: no direction
_NO_CHANGE = re.compile(r"\s*0(?:\.0+)?\s*(?:万元|元|%|％)")  # 增加0万元，增长0%: no change, whatever the word
_ITEM_LEAD = re.compile(
    r"^(?:[、，,\s]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．)）]|其中[:：]?|\d{4}\s*年度?|今年|本年|当年|之所以)+"
)
_ITEM_TAIL = re.compile(r"(?:[（(](?:增加|减少|增长|下降)[）)])|的$|决算数?$|预算数?$")
_COMPARED = re.compile(r"(?:与|比|较|同)(?:上年|上一年度?|\s*\d{4}\s*年).*$")
_NAME_TAIL = re.compile(r"(?:年初|全年|年中|上年)$")
# 市本级“三公”经费预算略有（下降）: how much it changed, not part of the name
_DEGREE_TAIL = re.compile(r"(?:略有|有所|大幅度?|小幅|明显|较大幅度|进一步|相应)$")
# 收、支总计各减少1267.86（,2570.97万元）: a change and its figure read into the name of the next figure
_CHANGE_AND_FIGURE = re.compile(r"[各均]?(?:增加|减少|增长|下降|上升|降低)\s*\d.*$")
_ARRANGED_BY = re.compile(r"^通过[^，,。；]{0,20}?安排的")
_CAUSED_BY = re.compile(r"^(?:(?:因(?!公)|由于)[^，,。；]{1,30}?)?(?:导致|致使|造成|使得?|引起了?)")
_TOTAL_TAIL = re.compile(r"(?:预算)?(?:总额|合计)?共$")
_NOT_A_NAME = ("与", "和", "比", "较", "同", "年初", "全年", "决算", "预算", "高于", "低于", "包含", "包括", "出现")
_EDITORIAL = re.compile(r"[（(](?:下同|同上|下略)[）)]")  # 比上年实际（下同）增长: a note, not a name
_CHANGE_ONLY = re.compile(r"(?:增加|减少|增长|下降|减收|增收|短收|超收)")  # 同比减收20745万元: a change word, not a name
_RECKONING = re.compile(r"(?:按|以|从)[^，,。；]{0,8}口径(?:计算|统计|看)?")
_CAUSE_INSIDE = re.compile(r"因[^，,。；、]{1,20}?原因$")
_BOTH = re.compile(r"^(?:\d{4}\s*年度?)?(?:财政拨款)?收[、，,]?支")  # 收、支总计 / 收支较上年决算数减少
_TIME_WORDS = frozenset({"上年", "本年", "去年", "当年", "今年", "预计", "上年预计", "上年预算", "上年执行", "实际"})
_PROJECT = re.compile(r"[“\"](?P<item>[^”\"]{2,40})[”\"]\s*项目")
# 一般公共服务支出（类）组织事务（款）行政运行（项）: the item is the name before （项）
# (a name may hold a short bracket of its own: 其他政府办公厅（室）及相关机构事务支出（项）)
_FUNCTION_PATH = re.compile(r"(?P<item>(?:[^（）()，。；：:、\d\s“”\-－—–]|[（(][^（）()项款类]{1,3}[）)]){2,30})[（(]项[）)]")


@dataclass(frozen=True)
class Piece:
    """A reason text and its offset in its sentence; ``lead`` is where its lead-in starts."""

    text: str
    offset: int
    lead: int


def _lead_start(sentence: Sentence, start: int) -> int:
    """Start of the lead-in (主要原因是…) that ends at ``start``; ``start`` when none is found."""
    best = start
    for name in ("reason_lead", "reason_soft_lead"):
        for m in claim_frames()[name].finditer(sentence.text, 0, start + 1):
            if abs(m.end() - start) <= 2:
                best = min(best, m.start())
    return best


def reason_piece(claim: Claim) -> Piece:
    """The claim's reason text and where it and its lead-in start (the extraction ends a reason at
    the ； before the next lead-in, so one claim never holds two reasons)."""
    sentence = claim.sentence
    raw = claim.text or ""
    base = sentence.text.find(raw, claim.start) if raw else claim.start
    base = claim.start if base < 0 else base
    return Piece(raw, base, _lead_start(sentence, claim.start))


# --------------------------------------------------------------------------- what a piece explains


class ClaimIndex:
    """The document's claims by sentence, to look around a reason quickly."""

    def __init__(self, claims: list[Claim]):
        self.by_sentence: dict[int, list[Claim]] = {}
        self.sentences: dict[int, list[Sentence]] = {}  # per paragraph, in order
        for c in claims:
            if id(c.sentence) not in self.by_sentence:
                self.by_sentence[id(c.sentence)] = []
                self.sentences.setdefault(id(c.sentence.paragraph), []).append(c.sentence)
            self.by_sentence[id(c.sentence)].append(c)

    def of(self, sentence: Sentence) -> list[Claim]:
        return self.by_sentence.get(id(sentence), [])

    def previous(self, sentence: Sentence) -> Sentence | None:
        """The sentence before ``sentence`` in its paragraph that has claims."""
        earlier = [s for s in self.sentences.get(id(sentence.paragraph), []) if s.start < sentence.start]
        return max(earlier, key=lambda s: s.start) if earlier else None


def _changes(claims: list[Claim]) -> list[Claim]:
    return [c for c in claims if c.kind in CHANGE_KINDS]


def _change_group(explained: Claim | None, index: ClaimIndex, sentence: Sentence, lo: int, hi: int) -> list[Claim]:
    """The change claims stated together with the explained one (减少 X 万元，下降 Y%): those of its
    sentence up to it (after ``lo`` when that is the reason's own sentence); when that is only a
    wordless comparison (决算数小于预算数), also the figures of the sentence before it."""
    if explained is None:
        group = [c for c in _changes(index.of(sentence)) if lo <= c.start < hi]
    else:
        group = [c for c in _changes(index.of(explained.sentence)) if c.start <= explained.start
                 and (explained.sentence is not sentence or c.start >= lo)] or [explained]
        if explained.subject.name:
            # …减少 19.66 万元，其中：公务接待费支出决算增加 0.40 万元: the part's own figures, not the whole's
            group = [c for c in group if c.subject.name == explained.subject.name] or [explained]
    if group and all(c.kind == "comparison" for c in group):
        prev = index.previous(group[0].sentence)
        if prev is not None:
            group = _changes(index.of(prev)) + group
    return group


def _direction_from(text: str) -> str | None:
    text = _ALTERNATIVE.sub("", text)  # 支出减少（增加）的: a template's either-or — the word printed first
    found = list(_ANY_DIRECTION.finditer(text))
    if not found:
        return None
    word = found[-1].group(0)
    if _NO_CHANGE.match(text, found[-1].end()):
        return "flat"
    return next(d for d, p in _DIRECTION_WORDS if p.fullmatch(word))


def _paragraph_before(doc: Document, sentence: Sentence) -> str:
    at = next((i for i, p in enumerate(doc.paragraphs) if p is sentence.paragraph), 0)
    return doc.paragraphs[at - 1].text if at > 0 else ""


def _direction_stated_before(text: str) -> str | None:
    """The first change word of the last sentence of ``text`` that a figure follows (支出预算减少976.9万元，
    其中基本支出增加…: decrease)."""
    last = text.rstrip().rstrip("。").rsplit("。", 1)[-1]
    first = _STATED_CHANGE.search(last)  # (a template's 减少（增加）XXX万元 or note 如持平作持平表述 states none)
    if first is None:
        return None
    return "flat" if _NO_CHANGE.match(last, first.end(1)) else _direction_from(first.group(1))


def _item_from(prefix: str) -> str | None:
    """``财政拨款收入支出增加的`` → ``财政拨款收入支出``; ``2024 年因公出国（境）费与上年持平`` →
    ``因公出国（境）费``: the last clause before the lead-in, if it names what changed."""
    clause = _CLAUSE.split(prefix.rstrip("，,：:；; "))[-1].strip()
    if (why := clause.find("之所以")) > 0:  # 梅江区的财政增速之所以保持高速，得益于…: what the clause names
        return _usable(re.sub(r"的?$", "", clause[:why]))
    first = _ANY_DIRECTION.search(clause)  # first: 支出减少（增加）的 is a template's either-or
    if first is None:
        return None
    item = _COMPARED.sub("", clause[: first.start()])
    return _usable(_ITEM_TAIL.sub("", _ITEM_LEAD.sub("", item).strip()))


def _usable(name: str | None) -> str | None:
    """A subject name worth reporting as the item; None for fragments such as ``年初`` or ``与2024年预算一致``."""
    if not name:
        return None
    name = _NAME_TAIL.sub("", _ITEM_LEAD.sub("", name.strip("、，,（( ")))
    name = _DEGREE_TAIL.sub("", _CHANGE_AND_FIGURE.sub("", name))
    name = _ARRANGED_BY.sub("", _TOTAL_TAIL.sub("", name))  # 通过…安排的“三公”经费预算共 → “三公”经费
    name = _CAUSED_BY.sub("", name)  # 因人员增加导致人员经费 / 导致项目支出: the cause is the reason, not the item
    name = _COMPARED.sub("", _EDITORIAL.sub("", name))  # 收支较上年决算数增加 → 收支
    name = _CAUSE_INSIDE.sub("", name)  # 地方政府债务还本支出因收舍原因 → 地方政府债务还本支出
    if _CHANGE_ONLY.fullmatch(name) or name.endswith("相比") or _RECKONING.fullmatch(name):
        # 执行数相比: the base, not the item; 按自然口径计算: how the change is reckoned
        return None
    if len(re.findall(r"[\u4e00-\u9fff]", name)) < 2 or name.startswith(_NOT_A_NAME) or "原因" in name:
        return None
    if name in _TIME_WORDS or _unbalanced(name):  # 上年 (a base figure's), 公开时请删除注释） (a bracket's tail)
        return None
    return name


def _unbalanced(name: str) -> bool:
    depth = 0
    for ch in name:
        depth += 1 if ch in "（(" else -1 if ch in "）)" else 0
        if depth < 0:
            return True
    return depth != 0


def _claim_item(claim: Claim) -> str | None:
    """A claim's subject as the item: none when it was read inside a bracket that is a note (（排已公开的
    6个区最高） / （包含…分成收入9.66亿元））, not a breakdown (（其中，中央本级支出…）) holding the claim's own
    figure; and the total of both (收、支总计 / 收支较上年…减少, which the lexicon reads as its income row,
    收入总计) as 收支总计."""
    text = claim.sentence.text
    printed = claim.subject.printed or claim.subject.name
    core = LEADING_MARK.sub("", printed).lstrip("（(") if printed else ""
    at = text.find(core) if core else -1
    opened = _open_bracket(text, at) if at >= 0 else None
    if opened is not None and (not text.startswith("其中", opened + 1) or _open_bracket(text, claim.start) != opened):
        return None
    name = _usable(claim.subject.name)
    clause = _CLAUSE.split(text[: claim.start])[-1]
    if name in ("收入总计", "收支") and (_BOTH.match(clause.strip()) or _BOTH.search(printed or "")):
        return "收支总计"
    return name


def _open_bracket(text: str, at: int) -> int | None:
    """Where the innermost bracket still open at ``at`` opens, or None."""
    stack: list[int] = []
    for i, ch in enumerate(text[:at]):
        if ch in "（(":
            stack.append(i)
        elif ch in "）)" and stack:
            stack.pop()
    return stack[-1] if stack else None


def _named(claims: list[Claim]) -> tuple[str, str | None] | None:
    """The last of these claims (not a reason or list) with a usable subject: (name, code)."""
    for c in sorted(claims, key=lambda c: c.start, reverse=True):
        if c.kind not in ("reason", "enumeration") and (name := _claim_item(c)):
            return name, c.subject.code
    return None


def _item(group: list[Claim], index: ClaimIndex, sentence: Sentence, lo: int, lead: int) -> tuple[str | None, str | None]:
    """(item, function code), from the first source that names one: the change group; a claim
    before the lead-in in the same sentence; the paragraph's …（项） heading; the clause before the
    lead-in; a claim of the sentence before; the project the paragraph opens with."""
    heads = [_usable(m.group("item")) for m in _FUNCTION_PATH.finditer(sentence.paragraph.text, 0, sentence.start + lead)]
    for c in reversed(group):  # the explained claim, which ends its group, before the figures leading to it
        if name := _claim_item(c):
            if heads and heads[-1] and name in heads[-1]:  # 及相关机构事务: a name cut at its own bracket
                return heads[-1], c.subject.code
            return name, c.subject.code
    if found := _named([c for c in index.of(sentence) if lo <= c.start < lead]):
        return found
    if heads and heads[-1]:
        return heads[-1], None
    if item := _item_from(sentence.text[lo:lead]):
        return item, None
    prev = index.previous(sentence)
    if not lo and prev is not None and (found := _named(index.of(prev))):
        return found
    if group and group[-1].sentence is not sentence and (found := _named(
            [c for c in index.of(group[-1].sentence) if c.start <= group[-1].start])):
        return found  # 委托业务费预算为A万元，比上年预计减少B万元 (a paragraph before): the figure's subject names it
    # a self-evaluation paragraph opens with the project: (12) “省级行政事业单位房屋维修经费”项目自评综述
    projects = list(_PROJECT.finditer(sentence.paragraph.text, 0, sentence.start + lead))
    return (projects[0].group("item"), None) if projects else (None, None)


def _rate(claims: list[Claim], kind: str) -> Decimal | None:
    found = [c.amount for c in claims if c.kind == kind and c.amount is not None]
    return found[-1].value if found else None


def _direction(group: list[Claim], basis: str, completion: Decimal | None, prefix: str, before: str) -> str | None:
    direction = next((c.direction for c in reversed(group) if c.direction), None)
    direction = {"equal": "flat"}.get(direction or "", direction)
    if direction is None and basis in ("budget", "performance") and completion is not None:
        direction = "over" if completion > 100 else "under" if completion < 100 else "flat"
    if direction is None:  # the change word right before the reason (…持平，主要原因是…), else the sentence before
        direction = _direction_from(_CLAUSE.split(prefix.rstrip("，,：: "))[-1]) or _direction_from(prefix)
        direction = direction or _direction_from(before)
    if direction is None and basis == "performance":
        direction = "under"  # a self-evaluation states reasons for shortfalls only
    if basis in ("budget", "performance") and direction in ("increase", "decrease"):
        direction = "over" if direction == "increase" else "under"
    if basis == "yoy" and direction in ("over", "under"):  # 决算大于上年决算数的主要情况
        direction = "increase" if direction == "over" else "decrease"
    return direction if direction in DIRECTIONS else None


def explained_fields(piece: Piece, claim: Claim, index: ClaimIndex, doc: Document) -> dict:
    sentence = claim.sentence
    # after the reason before this one in the same sentence, if any
    lo = max([r.start + len(r.text or "") for r in index.of(sentence) if r.kind == "reason"
              and r.start < piece.lead] + [0])
    explained = claim.explains
    if explained is None and (clause := own_change_clause(sentence.text, piece.lead)):
        lo = max(lo, clause)  # …；B…增加较多，主要原因是…: B's change, not the figures before the ；
    basis = claim.basis or "yoy"
    if basis == "performance" and (cell := cell_label_start(sentence, piece.offset)) is not None:
        lo = max(lo, cell)  # a form's cells joined: the item is not read from the cells before the label
    group = _change_group(explained, index, sentence, lo, piece.lead)
    if doc.kind == "budget" and basis == "budget":
        basis = "yoy"  # a 预算 compares with last year's budget or execution: there is no actual yet
    item, code = _item(group, index, sentence, lo, piece.lead)
    window = performance_window(sentence.text, max(lo, piece.lead), piece.offset, lo) if basis == "performance" else ""
    if window and (short := shortfall_item(window)):
        item, code = short, None  # 预算执行率未达到100%，主要原因是… / 资金执行率偏低的原因是…: the rate or indicator
    elif basis == "performance" and item is None:
        item = section_project(sentence.section)  # 偏差原因：… under （二）农村饮水安全项目
    elif item is None and explained is None and claim.subject.name:
        item = _usable(claim.subject.name)  # a paragraph under 三、“三公”经费变动原因: the heading's item
    if item is None and explained is not None and explained.sentence is not sentence:
        # 今年支出减少 X 万元，下降 Y%。主要原因：… — the item is the clause before the first figure
        first = min(c.start for c in group if c.sentence is explained.sentence)
        item = _item_from(explained.sentence.text[:first])
    completion = _rate(group, "budget_completion")
    # the sentence before, for a reason that opens its own sentence (…持平。主要原因是…)
    before = "" if lo else sentence.paragraph.text[: sentence.start].rstrip("。").rsplit("。", 1)[-1]
    amounts = [c.amount for c in group if c.kind == "yoy_amount" and c.amount is not None
               and (item is None or _usable(c.subject.name) in (None, item))]  # the item's own change only
    direction = shortfall_direction(window) if window else None
    direction = direction or _direction(group, basis, completion, sentence.text[lo: piece.offset], before)
    if direction is None and explained is None:
        direction = claim.direction  # the way its heading says the item went (…减少原因)
    lead_in = sentence.text[lo: piece.lead]
    if not any(c.direction for c in group) and _EITHER_OR.search(lead_in) and names_its_own_change(lead_in):
        # 收支预算增加（减少）的主要原因 (a template's either-or): the way the figures before it went
        direction = _direction_stated_before(before or _paragraph_before(doc, sentence)) or direction
    if amounts and amounts[-1].value == 0 and direction in ("increase", "decrease"):
        direction = "flat"  # 比2025年预算增加0万元: no change, whatever the word
    return {
        "basis": basis,
        "item": item,
        "item_code": code,
        "direction": direction,
        "amount": amounts[-1].value if amounts else None,
        "unit": amounts[-1].unit if amounts else None,
        "percent": _rate(group, "yoy_pct"),
        "completion": completion,
    }
