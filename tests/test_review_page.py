"""The review page without a browser: what it holds, its escaping, its size bounds, its order
whatever the jobs, the command and its short summary (``api.review``, ``narrative-extract review``)."""

from __future__ import annotations

import base64
import hashlib
import io
import re

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from narrative_extract import api, cli
from narrative_extract.review.excerpt import column_window
from narrative_extract.review.model import STATUS_ORDER, ReviewLimits
from narrative_extract.review.render import render_page

from .conftest import CORPUS, REPO

HOSTILE = REPO / "tests" / "fixtures" / "review" / "hostile_final.txt"
SHIFTED = REPO / "tests" / "fixtures" / "pdf" / "shifted_digits.pdf"
CODES = REPO / "tests" / "fixtures" / "pdf" / "code_columns.pdf"
ANJU = CORPUS / "anju_org_2024_final.txt"
runner = CliRunner()


@pytest.fixture(scope="module")
def hostile():
    return api.review(str(HOSTILE))


def test_alarms_first_then_the_rest_in_status_order(hostile):
    [report] = hostile.reports
    statuses = [i.status for i in report.items]
    assert statuses[0] == "mismatch" and statuses.count("consistent") == 44
    assert statuses == sorted(statuses, key=STATUS_ORDER.index)
    assert report.counts == {"consistent": 44, "rounding": 0, "mismatch": 1, "unverifiable": 0, "warning": 0}
    assert report.families == {"prose": {"consistent": 3, "rounding": 0, "mismatch": 1, "unverifiable": 0, "warning": 0},
                               "tables": {"consistent": 41, "rounding": 0, "mismatch": 0, "unverifiable": 0, "warning": 0}}


def test_alarm_carries_sentence_figures_and_table_excerpt(hostile):
    alarm = hostile.reports[0].items[0]
    assert (alarm.stated, alarm.expected, alarm.where) == ("299.20万元", "290.20万元", "line 11")
    [quote] = alarm.quotes
    [mark] = quote.marks
    assert quote.text[mark.start:mark.end] == "299.20万元" and mark.role == "claim"
    [excerpt] = alarm.excerpts
    assert excerpt.standard_id == "final.05" and excerpt.columns == ("本年支出/小计", "本年支出/基本支出", "本年支出/项目支出")
    hit = [r for r in excerpt.rows if r.hits]
    assert [(r.code, r.name, r.cells[r.hits[0]]) for r in hit] == [("2080501", "行政单位离退休", "290.20")]
    # two rows of context on each side, in the same table
    assert [r.code for r in excerpt.rows] == ["208", "20805", "2080501", "2080505", "2080506"]


def test_report_text_is_escaped_and_only_the_pages_script_runs(hostile):
    page = render_page(hostile)
    assert "<script>alert" not in page and "<b onmouseover" not in page and "<imgsrc" not in page
    assert "&lt;b onmouseover=alert(3)&gt;" in page and "&lt;imgsrc=xonerror=alert(2)&gt;" in page
    assert "\x1b" not in page and "\\x1b[2J\\x1b]0;owned" in page
    scripts = re.findall(r"<script>(.*?)</script>", page, flags=re.DOTALL)
    assert len(scripts) == 1
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in page  # a script that slipped in would not run
    assert "http://" not in page and "https://" not in page  # nothing fetched


def test_file_name_with_markup_is_escaped(tmp_path):
    odd = tmp_path / 'a"><img src=x onerror=alert(1)>.txt'
    odd.write_text(HOSTILE.read_text(encoding="utf-8"), encoding="utf-8")
    page = render_page(api.review(str(odd)))
    assert "<img src=x" not in page and 'a&quot;&gt;&lt;img src=x onerror=alert(1)&gt;.txt' in page


def test_pdf_alarm_gets_a_bounded_page_image():
    page = api.review(str(SHIFTED))
    [alarm] = [i for i in page.reports[0].items if i.alarm]
    # a list printed whole (其中：A；B) is about its total, stated in the sentence before
    assert alarm.stated == "5,080.62万元" and alarm.expected == "4,717.38万元"
    marked = [(q.text[m.start:m.end], m.role) for q in alarm.quotes for m in q.marks]
    assert marked == [("5,080.62万元", "claim"), ("4,021.51万元", "part"), ("695.87万元", "part")]
    [crop] = alarm.crops
    from PIL import Image

    image = Image.open(io.BytesIO(crop.data))
    assert image.format == "JPEG" and (image.width, image.height) == (crop.width, crop.height)
    assert crop.page == 1 and crop.roles == ("sentence", "claim")
    assert image.width <= ReviewLimits().max_width and len(crop.data) < 200_000
    # only alarms get images
    assert all(not i.crops for i in page.reports[0].items if not i.alarm)


def test_image_budget_leaves_images_out_and_says_so():
    tight = ReviewLimits(max_report_image_bytes=1)
    page = api.review(str(CODES), limits=tight)
    alarms = [i for i in page.reports[0].items if i.alarm]
    assert len(alarms) == 2 and all(not i.crops for i in alarms)
    assert all("budget" in (i.crop_note or "") for i in alarms)
    counted = ReviewLimits(max_crops=1)
    alarms = [i for i in api.review(str(CODES), limits=counted).reports[0].items if i.alarm]
    assert [len(i.crops) for i in alarms] == [1, 0]


def test_table_sum_alarm_cites_total_and_parts():
    page = api.review(str(CODES))
    alarm = page.reports[0].items[0]
    [excerpt] = alarm.excerpts
    assert [(r.code, r.cells[r.hits[0]]) for r in excerpt.rows if r.hits] == [
        ("201", "3,296,600"), ("20105", "438,300"), ("20129", "422,900")]
    [crop] = alarm.crops
    assert crop.roles == ("cell",)


def test_report_of_two_files_crops_each_from_its_own_file():
    page = api.review(f"{SHIFTED}+{CODES}")
    alarms = [i for i in page.reports[0].items if i.alarm]
    assert [(i.kind, i.where) for i in alarms] == [("enumeration", f"{SHIFTED} p.1"),
                                                  ("table_children_sum", f"{CODES} p.1"),
                                                  ("table_children_sum", f"{CODES} p.1")]
    assert [[(c.file, c.page) for c in i.crops] for i in alarms] == [[(str(SHIFTED), 1)], [(str(CODES), 1)],
                                                                    [(str(CODES), 1)]]


def test_warning_of_no_claim_quotes_its_sentence():
    """anju line 147: the report's year contradicted is no claim, but its sentence is shown, marked."""
    page = api.review(str(ANJU))
    [warning] = [i for i in page.reports[0].items if i.status == "warning"]
    [quote] = warning.quotes
    assert quote.where == "line 147" and quote.text.startswith("截至2023年末，区委组织部在职人员28人")
    assert [(quote.text[m.start:m.end], m.role) for m in quote.marks] == [("截至2023年末", "claim")]


def test_bad_limits_are_refused():
    with pytest.raises(ValueError, match="scale"):
        ReviewLimits(scale=0)
    with pytest.raises(ValueError, match="max_crops"):
        ReviewLimits(max_crops=-1)


def test_column_window_keeps_the_cited_columns_and_their_neighbours():
    assert column_window(5, [2], 8) == ([0, 1, 2, 3, 4], 0)
    assert column_window(20, [10], 3) == ([9, 10, 11], 17)
    assert column_window(20, [0, 19], 4) == ([0, 1, 18, 19], 16)


def test_same_page_whatever_the_jobs(tmp_path):
    files = [str(HOSTILE), str(SHIFTED), str(tmp_path / "missing.pdf")]
    one, two = tmp_path / "one.html", tmp_path / "two.html"
    api.review(files, one, jobs=1)
    api.review(files, two, jobs=2)
    assert one.read_bytes() == two.read_bytes()


def test_command_writes_the_page_and_exits_like_check(tmp_path):
    out = tmp_path / "review.html"
    result = runner.invoke(cli.app, ["review", str(HOSTILE), "-o", str(out)], env={"COLUMNS": "80"})
    assert result.exit_code == 1  # a mismatch
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert f"review page: {out}" in result.stderr
    missing = runner.invoke(cli.app, ["review", str(HOSTILE), "nope.pdf", "-o", str(out)])
    assert missing.exit_code == 2 and "error: nope.pdf: no such file" in missing.stderr
    assert "nope.pdf" in out.read_text(encoding="utf-8") and "could not be read" in out.read_text(encoding="utf-8")
    bad_out = runner.invoke(cli.app, ["review", str(HOSTILE), "-o", str(tmp_path / "no" / "dir.html")])
    assert bad_out.exit_code == 2 and "error: output" in bad_out.stderr


def test_summary_fits_80_columns(tmp_path, monkeypatch):
    """check's and review's summaries: counts, then one line per alarm, cut to the width."""
    monkeypatch.chdir(tmp_path)
    for args in (["check", str(ANJU), str(HOSTILE), "-o", "f.jsonl"], ["review", str(ANJU), str(HOSTILE), "-o", "r.html"]):
        result = runner.invoke(cli.app, args, env={"COLUMNS": "80"})
        lines = result.stderr.splitlines()
        assert lines and all(cell_len(line) <= 80 for line in lines), lines
        alarm_lines = [line for line in lines[2:] if line.startswith(("mismatch", "warning"))]
        assert len(alarm_lines) == 3  # anju's list and year, the hostile report's 离退休
        assert any("563.04万元" in line for line in alarm_lines)
        assert "\x1b" not in result.stderr
        assert lines[:2] == ["347 findings:", "mismatch 2  warning 1  rounding 0  consistent 140  unverifiable 204"]


def test_real_report_page(real_pdfs, tmp_path):
    out = tmp_path / "review.html"
    page = api.review(str(real_pdfs / "putuo_finance_2025_dept_budget.pdf"), out)
    [alarm] = [i for i in page.reports[0].items if i.alarm]
    assert alarm.where == "p.7" and alarm.stated == "887.36万元"
    assert [c.page for c in alarm.crops] == [7, 15]
    assert out.stat().st_size < 1_000_000


# --------------------------------------------------------------------------- the page's text cap

LIAONING = CORPUS / "liaoning_org_2024_final.txt"


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """Three reports on one page: uncapped, and with a cap the first report alone fills."""
    from narrative_extract.review.text_cap import text_bytes

    folder = tmp_path_factory.mktemp("batch")
    files = [str(HOSTILE), str(ANJU), str(LIAONING)]
    full = api.review(files, folder / "full.html")
    first = text_bytes(full.reports[0], 1)
    capped = api.review(files, folder / "capped.html", limits=ReviewLimits(max_page_text_bytes=first + 1000))
    return folder, full, capped


def test_a_batch_page_under_its_text_cap_shows_every_report_in_full(batch):
    _, full, _ = batch
    assert [r.listed_only for r in full.reports] == [None, None, None]
    assert [len(r.items) for r in full.reports] == [sum(r.counts.values()) for r in full.reports]


def test_past_the_text_cap_reports_list_every_alarm_with_its_sentence_and_say_how_to_see_all(batch):
    folder, full, capped = batch
    head, *listed = capped.reports
    assert head.listed_only is None and len(head.items) == len(full.reports[0].items)
    for whole, short in zip(full.reports[1:], listed, strict=True):
        alarms = [i for i in whole.items if i.alarm]
        assert len(whole.items) > 3 * len(alarms)
        assert [(i.number, i.status, i.message, i.where, i.quotes, i.stated, i.expected) for i in short.items] == \
            [(i.number, i.status, i.message, i.where, i.quotes, i.stated, i.expected) for i in alarms]
        assert all(not i.excerpts and not i.crops and i.relation is None for i in short.items)
        assert short.counts == whole.counts  # the counts table still counts every finding
        assert f"narrative-extract review {short.doc} -o " in (short.listed_only or "")
        assert f"the other {len(whole.items) - len(alarms)} findings are left out" in (short.listed_only or "")
    html = (folder / "capped.html").read_text(encoding="utf-8")
    anju = capped.reports[1]
    assert [i.status for i in anju.items] == ["mismatch", "warning"] and capped.reports[2].items == []
    assert "It has no alarm; " in (capped.reports[2].listed_only or "")
    mismatch = next(i for i in anju.items if i.status == "mismatch")
    assert mismatch.stated == "563.04万元"  # the list of 基本支出, quoted with its figure marked
    assert '2024年度一般公共预算财政拨款基本支出<mark class="claim">563.04万元</mark>，其中：' in html
    assert html.count('<article class="finding"') == len(head.items) + sum(len(r.items) for r in listed)
    assert html.count('class="note listed-only"') == 2 and html.count("alarms listed only") == 2
    assert len(html.encode("utf-8")) < (folder / "full.html").stat().st_size / 3


def test_the_first_report_is_shown_in_full_whatever_the_cap(tmp_path):
    page = api.review([str(HOSTILE), str(ANJU)], limits=ReviewLimits(max_page_text_bytes=0))
    assert page.reports[0].listed_only is None and len(page.reports[0].items) == 45
    assert page.reports[1].listed_only is not None
    assert [i.status for i in page.reports[1].items] == ["mismatch", "warning"]
    with pytest.raises(ValueError):
        ReviewLimits(max_page_text_bytes=-1)


def test_command_says_how_many_reports_are_listed_only(tmp_path):
    out = tmp_path / "review.html"
    result = runner.invoke(cli.app, ["review", str(HOSTILE), str(ANJU), "-o", str(out), "--max-text-mb", "0"],
                           env={"COLUMNS": "200"})
    assert result.exit_code == 1
    assert "1 report past the page's text cap: alarms listed only" in result.stderr
    assert "alarms listed only" in out.read_text(encoding="utf-8")
