"""Near-duplicate grouping of variance reasons."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

import pytest

from narrative_extract.reasons import group_reasons, normalize_reason

LABELS = Path(__file__).resolve().parents[1] / "corpus" / "reasons" / "labels.jsonl"

LIAONING_A = (
    "2025年1月2日,经提请省委常委会暨辽宁省委人才工作领导小组会议审议通过,正式印发《关于印发“兴辽英才”等"
    "高层次人才劳动综合奖励操作细则、医疗保健服务操作细则的通知》(辽委人才办〔2025〕1号)。鉴于2024年我省有关"
    "政策正在修改完善,相关政策资金下发缺乏政策支持,因此,2024年12月3日我向贵厅去函,申请将“高层次人才个税奖补"
    "资金”7000万元项目资金收回。"
)
LIAONING_B = (
    "2025年1月2日,经提请省委常委会暨辽宁省人才工作领导小组会议审议通过,正式印发《关于印发“兴辽英才”等"
    "高层次人才劳动综合奖励操作细则、医疗保健服务操作细则的通知》(辽委人才办〔2025〕1号)。鉴于2024年我省有关"
    "政策正在修改完善,相关资金下发缺乏政策支持,因此,2024年12月3日我部向贵厅去函,申请将“高层次人才个税奖补"
    "资金”7000万元项目资金收回。"
)

SAME = [
    # income vs expenditure sentence of one report (liaoning l.96 / l.110)
    ("省级人才专项经费、主题教育工作经费收入减少", "省级人才专项经费、主题教育工作经费支出减少"),
    # PDF spacing around numbers (social work p.17 / p.19)
    ("单位于 2024 年成立", "单位于2024年成立"),
    ("单位 2024 年新成立，人员变动，按实际支出", "单位2024年新成立，人员变动，按实际支出"),
    # street-office boilerplate differing only by the item name
    ("统计管理经费增加", "群众体育经费增加"),
    ("机关事业单位基本养老保险缴费支出经费增加", "行政运行经费增加"),
    ("因公出国（境）费保持不变", "公务车用车运行费保持不变"),
    # 部门预算 vs 单位预算 of the same body
    ("根据本部门实际业务需求开展公务接待", "根据本单位实际业务需求开展公务接待"),
    # self-evaluation rows repeating one reason with small edits (Jaccard)
    (LIAONING_A, LIAONING_B),
    (
        "单位办公用房维修改造项目的预算指标下达时间是2024年11月26日,截止2024年底,项目执行中。",
        "办公用房维修改造项目的预算指标下达时间是2024年11月26日,截止2024年底,项目执行中。",
    ),
    # punctuation only
    ("严格控制“三公”经费支出，节约开支", "严格控制“三公”经费支出,节约开支。"),
    ("", "XXXXXXXX"),
]

DIFFERENT = [
    ("人员变动，支出减少", "执行中追加经费支出"),
    ("为以前年度结转资金在本年支出", "执行中追加经费支出"),
    ("省级人才专项经费、主题教育工作经费收入减少", "项目经费结转结余减少"),
    ("严格控制公务接待费支出，节约开支", "公务接待批次和人次均有所增加等原因"),
    ("严格控制公务接待费支出，节约开支", "严格管控公务用车经费支出，节约开支"),
    ("无公务用车车辆", "购置公务用车"),
    ("项目调整", "项目经费结转结余减少"),
    ("群众体育经费增加", "省级人才专项经费、主题教育工作经费收入减少"),
    ("单位于 2024 年成立", "单位 2024 年新成立，人员变动，按实际支出"),
    ("人员变动，支出减少", "人员变动引起实际支出低于预算"),
]


@pytest.mark.parametrize("a, b", SAME)
def test_boilerplate_grouped(a, b):
    ga, gb = group_reasons([a, b])
    assert ga == gb


@pytest.mark.parametrize("a, b", DIFFERENT)
def test_different_reasons_apart(a, b):
    ga, gb = group_reasons([a, b])
    assert ga != gb


def test_nothing_dropped_order_kept_ids_stable():
    texts = [t for pair in SAME + DIFFERENT for t in pair]
    ids = group_reasons(texts)
    assert len(ids) == len(texts)
    assert all(re.fullmatch(r"g[0-9a-f]{8}", g) for g in ids)
    # the id of a text does not depend on the order of the input
    rev = group_reasons(texts[::-1])[::-1]
    assert rev == ids
    assert group_reasons([]) == []


def test_id_depends_only_on_the_group():
    (g1,) = group_reasons(["统计管理经费增加"])
    (g2,) = group_reasons(["购房补贴经费增加"])
    assert g1 == g2
    assert normalize_reason("统计管理经费增加") == normalize_reason("购房补贴经费增加")


def test_corpus_groups_match_the_labels_file():
    import json

    path = Path(__file__).resolve().parents[1] / "corpus" / "reasons" / "labels.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert [r["group"] for r in rows] == group_reasons([r["text"] for r in rows])
    sizes = defaultdict(int)
    for r in rows:
        sizes[r["group"]] += 1
    # the three copies of the anju one-off reason are one group
    anju = {r["group"] for r in rows if "人才协同大会" in r["text"]}
    assert len(anju) == 1 and sizes[anju.pop()] == 3


def test_similar_pairs_finds_exactly_the_pairs_all_pairs_comparison_finds():
    # prefix filtering must not lose a pair: compare with the plain O(n²) loop on the real label texts
    # and on texts spliced from them (many near-duplicates of different lengths)
    import itertools
    import random

    from narrative_extract.reasons.grouping import _bigrams, similar_pairs

    texts = [json.loads(x)["text"] for x in LABELS.read_text(encoding="utf-8").splitlines() if x.strip()]
    rng = random.Random(0)
    long = [t for t in texts if len(t) >= 6]
    spliced = [a[: rng.randint(3, len(a))] + b[rng.randint(0, max(0, len(b) - 3)):]
               for a, b in ((rng.choice(long), rng.choice(long)) for _ in range(600))]
    keys = sorted({normalize_reason(t) for t in texts + spliced if len(normalize_reason(t)) >= 4})
    for threshold in (0.8, 0.5):
        plain = {frozenset((a, b)) for a, b in itertools.combinations(keys, 2)
                 if len(_bigrams(a) & _bigrams(b)) / len(_bigrams(a) | _bigrams(b)) >= threshold}
        found = {frozenset(p) for p in similar_pairs(keys, threshold)}
        assert found == plain and len(plain) > 20
