"""Folder pairing (ingest/pairing.py): the files of a folder that form one report — named like
parts of one report AND sharing the totals the narrative states and the tables print."""

from __future__ import annotations

import itertools
import json
import random
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from narrative_extract import api
from narrative_extract.cli import app
from narrative_extract.ingest.pairing import How, pair_files
from narrative_extract.ingest.pairing_features import Role, file_features
from narrative_extract.ingest.pairing_names import NameMatch, name_evidence

from .conftest import CORPUS, corpus

TABLES_START = "第四部分 2024 年度部门决算表"
NATIONAL = Path(__file__).resolve().parents[2] / "shared" / "national_pdfs"


def liaoning_halves() -> tuple[str, str]:
    """liaoning as 北京 publishes: the narrative (情况说明) and the tables (报表) apart."""
    text = Path(corpus("liaoning_org_2024_final")).read_text(encoding="utf-8")
    cut = text.rindex(TABLES_START)  # the heading itself, not its line in the table of contents
    return text[:cut], text[cut:]


def write_report(folder: Path, narrative_name: str, tables_name: str, tables_text: str | None = None) -> tuple[Path, Path]:
    narrative, tables = liaoning_halves()
    folder.mkdir(parents=True, exist_ok=True)
    n, t = folder / narrative_name, folder / tables_name
    n.write_text(narrative, encoding="utf-8")
    t.write_text(tables if tables_text is None else tables_text, encoding="utf-8")
    return n, t


def add_distractors(folder: Path, narrative_name: str, tables_name: str) -> None:
    """Another unit's narrative (anju, final accounts) and another unit's tables (dachang, budget)."""
    shutil.copy(corpus("anju_org_2024_final"), folder / narrative_name)
    shutil.copy(corpus("dachang_org_2024_budget"), folder / tables_name)


def pairs_of(files: list[str]) -> set[tuple[str, ...]]:
    return {a.parts for a in pair_files(files) if a.how is How.PAIRED}


def files_in(folder: Path) -> list[str]:
    return sorted(str(p) for p in folder.iterdir() if p.is_file())


# --------------------------------------------------------------------------- what each file is


def test_the_halves_are_told_apart_by_their_figures(tmp_path: Path):
    n, t = write_report(tmp_path, "a.txt", "b.txt")
    narrative, tables = file_features(str(n)), file_features(str(t))
    assert narrative.role is Role.NARRATIVE and tables.role is Role.TABLES
    assert {(f.key, f.printed) for f in narrative.prose if f.key == "income_total"} == {("income_total", "11,103.41万元")}
    assert ("expenditure_total", "10,169.39") in {(f.key, f.printed) for f in tables.table}
    assert file_features(corpus("dachang_org_2024_budget")).role is Role.TABLES
    assert file_features(corpus("anju_org_2024_final")).role is Role.NARRATIVE


@pytest.mark.parametrize(("a", "b", "match", "shared"), [
    ("附件1：北京市审计局2026年度部门预算情况说明.pdf", "附件2：北京市审计局2026年度部门预算报表.pdf", NameMatch.SAME_NAME,
     "北京市审计局"),
    ("交通局_说明.pdf", "交通局_附表.pdf", NameMatch.SAME_NAME, "交通局"),
    ("情况说明.pdf", "报表.pdf", NameMatch.SAME_NAME, "情况说明 / 报表"),
    ("某县财政局2024年部门决算（文字版）.docx", "某县财政局2024年部门决算（表格版）.xlsx", NameMatch.SAME_NAME, "某县财政局"),
    ("2026年北京市审计局部门预算.pdf", "审计局_附件2：北京市审计局2026年度部门预算报表.pdf", NameMatch.SAME_UNIT,
     "北京市审计局"),
    ("beijing_02.pdf", "beijing_29.pdf", NameMatch.SAME_SERIES, "beijingN"),
])
def test_names_of_one_report(a: str, b: str, match: NameMatch, shared: str):
    evidence = name_evidence(a, b)
    assert evidence is not None and (evidence.match, evidence.shared) == (match, shared)


def test_names_of_two_units_are_no_candidates():
    assert name_evidence("北京市审计局情况说明.pdf", "北京市财政局报表.pdf") is None
    assert name_evidence("beijing_02.pdf", "shanghai_29.pdf") is None


# --------------------------------------------------------------------------- pairs found


@pytest.mark.parametrize(("narrative_name", "tables_name", "other_narrative", "other_tables"), [
    ("附件1_情况说明.txt", "附件2_报表.txt", "安居区2024年决算情况说明.txt", "大厂县2024年预算报表.txt"),
    ("省委组织部2024年部门决算说明.txt", "省委组织部2024年部门决算附表.txt", "安居区说明.txt", "大厂县附表.txt"),
    # the same unit: 省委组织部 (and the distractor 大厂回族自治县委组织部 shares 委组织部 with it)
    ("2024年度中共辽宁省委组织部部门决算.txt", "省委组织部_附件2.txt", "安居区部门决算.txt", "大厂回族自治县委组织部预算.txt"),
    ("report_03.txt", "report_11.txt", "report_05.txt", "report_08.txt"),
])
def test_the_two_files_of_a_report_are_paired(tmp_path: Path, narrative_name: str, tables_name: str,
                                              other_narrative: str, other_tables: str):
    n, t = write_report(tmp_path, narrative_name, tables_name)
    add_distractors(tmp_path, other_narrative, other_tables)
    reports = pair_files(files_in(tmp_path))
    paired = [a for a in reports if a.how is How.PAIRED]
    assert [a.parts for a in paired] == [(str(n), str(t))]
    record = paired[0].as_dict()
    assert {f["total"] for f in record["figures"]} >= {"收入总计", "支出总计"}
    assert {(f["narrative"]["printed"], f["tables"]["printed"]) for f in record["figures"]} >= {
        ("11,103.41万元", "11,103.41"), ("10,169.39万元", "10,169.39")}
    alone = [a for a in reports if a.how is How.UNPAIRED]
    assert len(alone) == 2 and all(len(a.parts) == 1 for a in alone)


def test_a_name_match_the_figures_contradict_is_not_paired(tmp_path: Path):
    """The tables of another year (or another unit) under the report's name: same name, one total
    (一般公共预算) agreeing, but the 收入总计 and 支出总计 the narrative states printed otherwise."""
    _, tables = liaoning_halves()
    altered = tables.replace("11,103.41", "11,183.41").replace("10,169.39", "10,199.39")
    _, t = write_report(tmp_path, "附件1_情况说明.txt", "附件2_报表.txt", altered)
    reports = pair_files(files_in(tmp_path))
    assert [a.how for a in reports] == [How.UNPAIRED, How.UNPAIRED]
    why = reports[0].as_dict()["rejected"]
    assert [r["file"] for r in why] == [str(t)]
    assert why[0]["why"].startswith("figures contradict: 收入总计: the narrative states 11,103.41万元")
    assert "支出总计: the narrative states 10,169.39万元" in why[0]["why"]


def test_another_units_tables_named_like_the_report_are_not_paired(tmp_path: Path):
    n = tmp_path / "附件1_情况说明.txt"
    n.write_text(liaoning_halves()[0], encoding="utf-8")
    shutil.copy(corpus("dachang_org_2024_budget"), tmp_path / "附件2_报表.txt")
    reports = pair_files(files_in(tmp_path))
    assert all(a.how is How.UNPAIRED for a in reports)
    assert "figures contradict" in reports[0].as_dict()["rejected"][0]["why"]


def test_a_whole_report_is_never_a_part(tmp_path: Path):
    folder = tmp_path / "r"
    write_report(folder, "附件1_情况说明.txt", "附件2_报表.txt")
    shutil.copy(CORPUS / "liaoning_org_2024_final.txt", folder / "附件1_情况说明.txt")  # the whole, named as a part
    reports = pair_files(files_in(folder))
    assert all(a.how is How.UNPAIRED for a in reports)
    assert reports[0].as_dict()["role"] == "whole"


def test_a_file_that_cannot_be_read_stays_alone_and_the_others_pair(tmp_path: Path):
    n, t = write_report(tmp_path, "附件1_情况说明.txt", "附件2_报表.txt")
    (tmp_path / "附件3_empty.txt").write_bytes(b"")
    reports = pair_files(files_in(tmp_path))
    assert [(a.how, a.parts) for a in reports] == [(How.PAIRED, (str(n), str(t))),
                                                  (How.UNPAIRED, (str(tmp_path / "附件3_empty.txt"),))]
    assert reports[1].as_dict()["why"] == "could not be read for pairing"
    result = CliRunner().invoke(app, ["check", str(tmp_path), "-q"])
    assert result.exit_code == 2
    errors = [json.loads(line) for line in result.stdout.splitlines() if '"error"' in line]
    assert errors == [{"doc": str(tmp_path / "附件3_empty.txt"), "error": "empty file"}]


def test_two_narratives_equally_confirmed_leave_the_tables_unpaired(tmp_path: Path):
    """Certainty before pairing: a copy of the narrative makes the tables' partner ambiguous."""
    n, t = write_report(tmp_path, "report_01.txt", "report_03.txt")
    shutil.copy(n, tmp_path / "report_02.txt")
    reports = pair_files(files_in(tmp_path))
    assert all(a.how is How.UNPAIRED for a in reports)
    tables = next(a for a in reports if a.parts == (str(t),)).as_dict()
    assert [r["why"] for r in tables["rejected"]] == ["as well confirmed as another candidate: ambiguous, not paired"] * 2


def test_files_of_two_folders_are_not_paired(tmp_path: Path):
    n, _ = write_report(tmp_path / "a", "附件1_情况说明.txt", "x.txt")
    _, t = write_report(tmp_path / "b", "y.txt", "附件2_报表.txt")
    assert not pairs_of([str(n), str(t)])


# --------------------------------------------------------------------------- same folder, same reports


def test_the_listing_order_does_not_matter(tmp_path: Path):
    n, t = write_report(tmp_path, "report_03.txt", "report_11.txt")
    add_distractors(tmp_path, "report_05.txt", "report_08.txt")
    files = files_in(tmp_path)
    expected = [a.as_dict() for a in pair_files(files)]
    assert expected[0]["parts"] == [str(n), str(t)]
    orders = list(itertools.permutations(files))
    for order in random.Random(0).sample(orders, 6) + [tuple(reversed(files))]:
        assert [a.as_dict() for a in pair_files(list(order))] == expected


def test_the_number_of_jobs_does_not_matter(tmp_path: Path):
    write_report(tmp_path, "report_03.txt", "report_11.txt")
    add_distractors(tmp_path, "report_05.txt", "report_08.txt")
    one = [a.as_dict() for a in api.assemble([str(tmp_path)], jobs=1)]
    assert [a.as_dict() for a in api.assemble([str(tmp_path)], jobs=2)] == one


# --------------------------------------------------------------------------- the commands and the API


def test_check_on_a_folder_checks_the_pair_as_one_report(tmp_path: Path):
    n, t = write_report(tmp_path, "附件1_情况说明.txt", "附件2_报表.txt")
    result = CliRunner().invoke(app, ["check", str(tmp_path), "-q"])
    records = [json.loads(line) for line in result.stdout.splitlines()]
    reports = [r for r in records if "report" in r]
    assert [r["doc"] for r in reports] == [f"{n}+{t}"]
    assembly = reports[0]["report"]["assembly"]
    assert assembly["how"] == "paired" and assembly["parts"] == [str(n), str(t)]
    assert assembly["names"].startswith("the same name once the part words are taken off")
    named = CliRunner().invoke(app, ["check", f"{n}+{t}", "-q"])
    named_records = [json.loads(line) for line in named.stdout.splitlines()]
    assert named_records[0]["report"]["assembly"] == {"how": "named", "parts": [str(n), str(t)]}
    assert [r for r in records if "report" not in r] == [r for r in named_records if "report" not in r]


def test_no_pair_reads_each_file_alone(tmp_path: Path):
    n, t = write_report(tmp_path, "附件1_情况说明.txt", "附件2_报表.txt")
    result = CliRunner().invoke(app, ["tables", str(tmp_path), "--no-pair"])
    assert {json.loads(line)["doc"] for line in result.stdout.splitlines()} == {str(t)}
    result = CliRunner().invoke(app, ["check", str(tmp_path), "--no-pair", "-q"])
    reports = [json.loads(line) for line in result.stdout.splitlines() if '"report"' in line]
    assert [(r["doc"], r["report"]["assembly"]["how"]) for r in reports] == [(str(n), "single"), (str(t), "single")]


def test_assemble_says_how_each_report_is_made(tmp_path: Path):
    write_report(tmp_path, "report_03.txt", "report_11.txt")
    add_distractors(tmp_path, "report_05.txt", "report_08.txt")
    result = CliRunner().invoke(app, ["assemble", str(tmp_path)])
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.exit_code == 0
    assert [(r["assembly"]["how"], len(r["assembly"]["parts"])) for r in records] == [
        ("paired", 2), ("unpaired", 1), ("unpaired", 1)]
    anju = records[1]["assembly"]
    assert anju["role"] == "narrative" and anju["why"].startswith("a narrative part")


def test_the_api_takes_a_list_of_paths_as_one_report(tmp_path: Path):
    n, t = write_report(tmp_path, "a.txt", "b.txt")
    as_list = api.check([str(n), str(t)])
    joined = api.check(f"{n}+{t}")
    assert [(f.kind, f.status, f.message) for f in as_list] == [(f.kind, f.status, f.message) for f in joined]
    assert sum(f.status == "consistent" for f in as_list) > 50
    summary, _ = api.checked([str(n), str(t)])
    assert summary.doc == f"{n}+{t}" and summary.parts == (str(n), str(t))


# --------------------------------------------------------------------------- real reports


def manifest_pairs() -> set[tuple[str, str]]:
    rows = [line.split("\t") for line in (NATIONAL / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines()[1:]]
    pairs = {(r[0], r[5]) for r in rows if len(r) > 5 and r[4] == "narrative" and r[5]}
    # MANIFEST.tsv pairs beijing_03 (北京市人民政府办公厅) with beijing_44, whose source name was
    # 政府办公厅_2026年部门预算.pdf; but beijing_44 is 首都绿化委员会办公室's tables (its projects are
    # 义务植树 and 绿化; it prints 收入总计 5,133.737491 and 一般公共预算拨款收入 5,131.706333, which
    # beijing_48, that unit's narrative, states: 5,133.74 and 5,131.71, while beijing_03 states 14894.79).
    pairs.discard(("beijing_03.pdf", "beijing_44.pdf"))
    return pairs | {("beijing_48.pdf", "beijing_44.pdf")}


@pytest.fixture(scope="module")
def national() -> Path:
    if not (NATIONAL / "MANIFEST.tsv").exists():
        pytest.skip(f"{NATIONAL} not found (the real reports are not committed; CI places ../shared beside the repo)")
    return NATIONAL


def test_the_beijing_pairs_are_found_and_no_other(national: Path):
    reports = pair_files(sorted(str(p) for p in national.glob("*.pdf")))
    found = {tuple(Path(p).name for p in a.parts) for a in reports if a.how is How.PAIRED}
    assert found == manifest_pairs()
    assert len(found) == 27
    assert sum(len(a.parts) for a in reports) == 132


def test_the_beijing_pairs_are_found_by_their_published_names(national: Path, tmp_path: Path):
    """The same files under the names they were published with (MANIFEST's path_in_source):
    北京市审计局…情况说明 / 审计局_附件2：…报表, 发展和改革委员会 / 发展和改革局 … Only 北京市文化和旅游局
    (narrative) and 文化广电旅游体育局 (its tables) share no name: not a candidate, so not paired."""
    rows = [line.split("\t") for line in (national / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines()[1:]]
    published = {}
    for r in rows:
        if r[0].startswith("beijing_"):
            name = r[6].split("/")[-1]
            (tmp_path / name).symlink_to(national / r[0])
            published[str(tmp_path / name)] = r[0]
    reports = pair_files(sorted(published))
    found = {tuple(published[p] for p in a.parts) for a in reports if a.how is How.PAIRED}
    assert found == manifest_pairs() - {("beijing_20.pdf", "beijing_54.pdf")}
