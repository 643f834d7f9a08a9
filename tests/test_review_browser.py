"""The review page in a real browser: headless Chromium (Debian's ``chromium`` and
``chromium-driver``, installed by ``make browser``, which ``make test`` runs first) driven by
Selenium through the chromedriver built from the same Chromium source, so the two always match.

Each test opens a page generated from a committed fixture (or, skipping when absent, a real PDF of
../shared/real_pdfs) from disk and asserts what a reviewer sees: the alarms shown, the cell
highlighted, the filters, the keys, a screenshot that is not blank, and that no script from the
report runs.
"""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest

from narrative_extract import api

from .conftest import CORPUS, REPO

FIXTURES = REPO / "tests" / "fixtures"
HOSTILE = FIXTURES / "review" / "hostile_final.txt"
#: the flags a sandboxed machine needs: no GPU, no network of its own, no first-run or sync
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--window-size=1200,1600")


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if chromium is None or driver is None:
        why = "headless Chromium not installed (Debian chromium + chromium-driver: run `make browser`)"
        if os.environ.get("CI"):
            pytest.fail(why)  # CI runs `make test`, which installs them: missing there is a failure
        pytest.skip(why)
    webdriver = pytest.importorskip("selenium.webdriver")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    session = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=driver))
    session.set_page_load_timeout(60)
    yield session
    session.quit()


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    """Review pages of the fixtures, written once for the module."""
    out = tmp_path_factory.mktemp("review")
    made = {}
    for name, paths in {"hostile": [HOSTILE], "batch": [CORPUS / "anju_org_2024_final.txt", HOSTILE],
                        "enumeration": [FIXTURES / "pdf" / "shifted_digits.pdf"],
                        "table_sum": [FIXTURES / "pdf" / "code_columns.pdf"]}.items():
        made[name] = out / f"{name}.html"
        api.review([str(p) for p in paths], made[name])
    return made


def open_page(browser, page: Path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(page.as_uri())
    WebDriverWait(browser, 20).until(lambda b: b.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "1")
    return By


def visible(browser, By, selector: str = "article.finding") -> list:
    return [e for e in browser.find_elements(By.CSS_SELECTOR, selector) if e.is_displayed()]


def test_alarm_shown_with_its_cell_and_figure_marked(browser, pages):
    By = open_page(browser, pages["hostile"])
    shown = visible(browser, By)
    assert [e.get_attribute("data-status") for e in shown] == ["mismatch"]
    alarm = shown[0]
    assert [td.text for td in alarm.find_elements(By.CSS_SELECTOR, "td.hit")] == ["290.20"]
    hit_row = alarm.find_element(By.CSS_SELECTOR, "td.hit").find_element(By.XPATH, "..")
    assert "2080501 行政单位离退休" in hit_row.text
    assert alarm.find_element(By.CSS_SELECTOR, "mark.claim").text == "299.20万元"
    assert browser.find_element(By.ID, "shown").text == "1"


def test_report_markup_and_escapes_shown_as_text_and_never_run(browser, pages):
    from selenium.common.exceptions import NoAlertPresentException

    By = open_page(browser, pages["hostile"])
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018 - an alert would be the report's script running
    sentence = browser.find_element(By.CSS_SELECTOR, "article.finding blockquote.sentence").text
    assert "<b onmouseover=alert(3)>离退休</b>" in sentence
    assert "\\x1b[2J" in sentence and "\x1b" not in sentence
    # only the page's own script; the report's <script> is text in the title
    assert len(browser.find_elements(By.TAG_NAME, "script")) == 1
    assert browser.find_elements(By.CSS_SELECTOR, "[onerror], [onmouseover], img:not([src^='data:'])") == []
    assert "抚恤<imgsrc=xonerror=alert(2)>" in browser.find_element(By.TAG_NAME, "body").get_attribute("textContent")


def test_status_filter_shows_and_hides_consistent_findings(browser, pages):
    By = open_page(browser, pages["hostile"])
    consistent = browser.find_elements(By.CSS_SELECTOR, 'article.finding[data-status="consistent"]')
    assert len(consistent) == 44 and not any(e.is_displayed() for e in consistent)
    box = browser.find_element(By.CSS_SELECTOR, 'input[data-filter="status"][value="consistent"]')
    box.click()
    assert all(e.is_displayed() for e in consistent)
    assert browser.find_element(By.ID, "shown").text == "45"
    box.click()
    assert not any(e.is_displayed() for e in consistent)
    assert [e.get_attribute("data-status") for e in visible(browser, By)] == ["mismatch"]


def test_kind_filter_hides_a_kind(browser, pages):
    By = open_page(browser, pages["batch"])
    assert {e.get_attribute("data-kind") for e in visible(browser, By)} == {"enumeration", "report_year", "amount"}
    browser.find_element(By.CSS_SELECTOR, "details.kinds summary").click()
    browser.find_element(By.CSS_SELECTOR, 'input[data-filter="kind"][value="amount"]').click()
    assert {e.get_attribute("data-kind") for e in visible(browser, By)} == {"enumeration", "report_year"}


def test_keys_move_between_alarms(browser, pages):
    By = open_page(browser, pages["batch"])
    alarms = visible(browser, By)
    assert len(alarms) == 3  # anju: the 基本支出 list, the year; the hostile report's 离退休
    body = browser.find_element(By.TAG_NAME, "body")
    current = lambda: browser.find_element(By.CSS_SELECTOR, "article.finding.current").get_attribute("id")
    body.send_keys("j")
    assert current() == alarms[0].get_attribute("id")
    body.send_keys("j")
    body.send_keys("n")
    assert current() == alarms[2].get_attribute("id")
    body.send_keys("j")  # past the last: stays
    assert current() == alarms[2].get_attribute("id")
    body.send_keys("k")
    assert current() == alarms[1].get_attribute("id")
    body.send_keys("p")
    assert current() == alarms[0].get_attribute("id")


def test_pdf_alarm_has_a_page_image_with_boxes(browser, pages):
    By = open_page(browser, pages["enumeration"])
    [alarm] = visible(browser, By)
    img = alarm.find_element(By.CSS_SELECTOR, "figure.crop img")
    assert browser.execute_script("return arguments[0].complete && arguments[0].naturalWidth", img) > 300
    caption = alarm.find_element(By.CSS_SELECTOR, "figure.crop figcaption").text
    assert "p.1" in caption and "sentence" in caption and "figure stated" in caption


def test_table_sum_alarm_marks_its_total_and_parts(browser, pages):
    By = open_page(browser, pages["table_sum"])
    alarms = visible(browser, By)
    assert [a.get_attribute("data-kind") for a in alarms] == ["table_children_sum"] * 2
    hits = [td.text for td in alarms[0].find_elements(By.CSS_SELECTOR, "td.hit")]
    assert hits == ["3,296,600", "438,300", "422,900"]  # the 类 total and its two 款
    assert alarms[0].find_elements(By.CSS_SELECTOR, "figure.crop img")


def test_screenshot_is_not_blank(browser, pages, tmp_path):
    from PIL import Image, ImageStat

    open_page(browser, pages["enumeration"])
    shot = Image.open(io.BytesIO(browser.get_screenshot_as_png())).convert("L")
    assert shot.size[0] >= 800
    assert ImageStat.Stat(shot).stddev[0] > 20  # a blank or one-colour page is ~0
    assert sum(1 for n in shot.histogram() if n) > 50  # grey levels used: text, images, colours


def test_real_report_alarm_in_browser(browser, real_pdfs, tmp_path):
    page = tmp_path / "review.html"
    api.review(str(real_pdfs / "putuo_finance_2025_dept_budget.pdf"), page)
    By = open_page(browser, page)
    [alarm] = visible(browser, By)
    assert [td.text for td in alarm.find_elements(By.CSS_SELECTOR, "td.hit")] == ["873,617.00"]
    assert alarm.find_element(By.CSS_SELECTOR, "mark.claim").text == "887.36万元"
    images = alarm.find_elements(By.CSS_SELECTOR, "figure.crop img")
    assert [browser.execute_script("return arguments[0].naturalWidth > 0", i) for i in images] == [True, True]


def test_page_prints_the_alarms_without_the_controls(browser, pages):
    """Chromium's own print: the alarm and its table are on paper, the filters and key help are not."""
    import base64

    import pypdfium2 as pdfium

    open_page(browser, pages["hostile"])
    pdf = pdfium.PdfDocument(base64.b64decode(browser.print_page()))
    text = "".join(pdf[k].get_textpage().get_text_range() for k in range(len(pdf)))
    assert "299.20万元" in text and "290.20" in text
    assert "keys:" not in text and "previous" not in text
    assert "equals the sum of its parts" not in text  # the 41 consistent table sums stay hidden
    assert len(pdf) <= 2
