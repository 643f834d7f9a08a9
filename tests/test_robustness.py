"""Issue 13: hostile inputs cost what they touch and no more; every test is named after its bug."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from narrative_extract import api, cli
from narrative_extract.batch import Outcome
from narrative_extract.claims.lexicon import Frame
from narrative_extract.numbers import FigureError, find_numbers, parse_cell
from narrative_extract.summary import FindingTally, print_summary

ROOT = Path(__file__).resolve().parents[1]
ANJU = ROOT / "corpus" / "anju_org_2024_final.txt"
BUDGET = ROOT / "corpus" / "dachang_org_2024_budget.txt"
BIG = "1" * 81  # 81 digits: beyond the 80-digit context the numeral parser works in
runner = CliRunner()


def busy(seconds: float) -> None:
    """CPU work in the caller's loop body (regex's timeout clock is process CPU time)."""
    start = time.process_time()
    while time.process_time() - start < seconds:
        pass


def with_sentence(tmp_path: Path, sentence: str) -> tuple[Path, int]:
    """The anju report with ``sentence`` written on one of its blank lines (line numbers unchanged)."""
    lines = ANJU.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if i > 40 and not line.strip() and not lines[i - 1].strip())
    lines[at] = sentence
    path = tmp_path / "report.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path, at + 1


def claim_keys(claims) -> list[tuple]:
    return [(c.loc.line, c.kind, c.raw, c.subject.name) for c in claims if c.kind != "unread"]


# ------------------------------------------------------------------ 1. regex clock, unreadable figures


def test_finditer_timeout_charges_only_the_regex_work():
    """The clock of a lazy finditer ran on while the caller's loop body worked (spaCy's first load)."""
    frame = Frame("probe", r"b{3}d|a", timeout=0.2)
    text = "a" + "bbc" * 50_000 + "a" + "bbc" * 50_000 + "a"
    found = []
    for m in frame.finditer(text):
        busy(0.3)  # longer than the timeout, outside the regex
        found.append(m.start())
    assert found == [0, 150_001, 300_002]


def test_figure_of_81_digits_is_a_figure_error_not_invalid_operation():
    with pytest.raises(FigureError, match="unreadable figure"):
        find_numbers(f"另有收入{BIG}万元。")
    with pytest.raises(FigureError):
        find_numbers("另有收入" + "5" * 30 + ".04万元。")  # parsed, but 30 digits break Decimal's 28 later
    assert find_numbers(f"编号{BIG}。") == []  # digits without a unit are a code, as before
    assert [str(m.amount) for m in find_numbers("支出1,234,567,890,123,456.78万元")] == ["1234567890123456.78万元"]
    assert parse_cell("5" * 30 + ".04", "万元") is None


def test_figure_of_81_digits_costs_only_its_sentence(tmp_path):
    """A sentence with an 81-digit figure made the whole report an internal error (InvalidOperation)."""
    bad, line = with_sentence(tmp_path, f"另有收入{BIG}万元。")
    claims = api.extract(str(bad))
    unread = [c for c in claims if c.kind == "unread"]
    assert [(c.loc.line, c.sentence.text) for c in unread] == [(line, f"另有收入{BIG}万元。")]
    assert unread[0].text.startswith("sentence not read: unreadable figure 11111111111111111111…")
    assert claim_keys(claims) == claim_keys(api.extract(str(ANJU)))  # every other claim is still read

    result = runner.invoke(cli.app, ["check", str(bad), "-q"])
    assert result.exit_code == 1  # anju's one known mismatch; not 2 (a file that could not be read)
    records = [json.loads(x) for x in result.stdout.splitlines()]
    assert not [r for r in records if "error" in r]
    assert [(r["line"], r["sentence"]) for r in records if r.get("kind") == "unread"] == [(line, f"另有收入{BIG}万元。")]


def test_figure_with_30_digits_in_a_linked_sentence_costs_only_that_sentence(tmp_path):
    """30 digits parsed, then broke Decimal's 28-digit context in reconcile (finding.fmt): internal error."""
    text = ANJU.read_text(encoding="utf-8").replace("基本支出563.04万元", "基本支出" + "5" * 30 + ".04万元", 1)
    bad = tmp_path / "report.txt"
    bad.write_text(text, encoding="utf-8")
    findings = api.check(str(bad))
    unread = [f for f in findings if f.kind == "unread"]
    assert [f.claim.loc.line for f in unread] == [39]
    assert sum(f.status == "consistent" for f in findings) > 80


def test_regex_timeout_costs_only_its_sentence(tmp_path, monkeypatch):
    """A TimeoutError in one sentence made the whole report an internal error."""
    from narrative_extract.claims import extract

    real = extract.find_numbers

    def slow_on_marker(text, **kw):
        if "超时标记" in text:
            raise TimeoutError("regex timed out")
        return real(text, **kw)

    monkeypatch.setattr(extract, "find_numbers", slow_on_marker)
    bad, line = with_sentence(tmp_path, "超时标记收入12.5万元。")
    claims = api.extract(str(bad))
    assert [(c.loc.line, c.text) for c in claims if c.kind == "unread"] == [
        (line, "sentence not read: a pattern took longer than its time limit")]
    assert claim_keys(claims) == claim_keys(api.extract(str(ANJU)))


def test_unread_sentence_is_a_warning(tmp_path):
    bad, _ = with_sentence(tmp_path, f"另有收入{BIG}万元。")
    unread = [f for f in api.check(str(bad)) if f.kind == "unread"]
    assert [f.status for f in unread] == ["warning"]
    assert unread[0].message.startswith("sentence not read: unreadable figure 1")


# ------------------------------------------------------------------ 2. non-regular files


def run_cli(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    """The installed command in its own process: a FIFO that were opened would block it, not the suite."""
    exe = Path(sys.executable).with_name("narrative-extract")
    return subprocess.run([str(exe), *args], check=False, capture_output=True, text=True, timeout=timeout, cwd=ROOT)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_fifo_on_the_command_line_is_refused_unopened(tmp_path):
    """A FIFO named on the command line blocked forever."""
    fifo = tmp_path / "reports.txt"
    os.mkfifo(fifo)
    start = time.monotonic()
    done = run_cli("check", str(fifo), "-q")
    assert time.monotonic() - start < 30
    assert done.returncode == 2
    assert json.loads(done.stdout) == {"doc": str(fifo), "error": "not a regular file (a FIFO); refused"}
    assert done.stderr == f"error: {fifo}: not a regular file (a FIFO); refused\n"


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_device_on_the_command_line_is_refused_unopened():
    """/dev/zero was opened (and reported as an empty file)."""
    result = runner.invoke(cli.app, ["text", "/dev/zero"])
    assert result.exit_code == 2
    assert json.loads(result.stdout) == {"doc": "/dev/zero", "error": "not a regular file (a character device); refused"}


# ------------------------------------------------------------------ 3. -o atomic, checked first


def never_called(*args, **kwargs):
    raise AssertionError("reports were read before the output was checked")


@pytest.mark.parametrize(("target", "says"), [
    ("missing/out.jsonl", "folder {tmp}/missing does not exist"),
    (".", "is a directory; give a file name"),
])
@pytest.mark.parametrize("command", ["check", "extract", "reasons"])
def test_bad_output_is_one_error_before_any_work(tmp_path, monkeypatch, command, target, says):
    """A bad -o was a traceback with exit 1 ("mismatch found"); reasons failed only after reading every report."""
    monkeypatch.setattr(cli, "map_reports", never_called)
    monkeypatch.setattr(cli.api, "reasons", never_called)
    out = tmp_path / target
    result = runner.invoke(cli.app, [command, str(ANJU), "-o", str(out)])
    assert result.exit_code == 2
    assert result.stderr == f"error: output {out}: {says.format(tmp=tmp_path)}\n"


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write read-only files")
def test_read_only_output_is_one_error_before_any_work(tmp_path, monkeypatch):
    monkeypatch.setattr(cli, "map_reports", never_called)
    out = tmp_path / "out.jsonl"
    out.write_text("old\n")
    out.chmod(0o444)
    result = runner.invoke(cli.app, ["check", str(ANJU), "-q", "-o", str(out)])
    assert (result.exit_code, result.stderr) == (2, f"error: output {out}: the file exists and is read-only\n")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_full_disk_is_one_error_not_a_traceback():
    result = runner.invoke(cli.app, ["check", str(ANJU), "-q", "-o", "/dev/full"])
    assert (result.exit_code, result.stderr) == (2, "error: output /dev/full: cannot write: No space left on device\n")


def test_output_replaces_the_target_only_when_whole(tmp_path):
    from narrative_extract.atomic import atomic_output

    out = tmp_path / "out.jsonl"
    out.write_text("old\n")
    out.chmod(0o640)
    with atomic_output(out) as fh:
        fh.write("new\n")
        fh.flush()
        assert out.read_text() == "old\n"  # the target is untouched while the records are written
        beside = [p.name for p in tmp_path.iterdir() if p != out]
        assert len(beside) == 1 and beside[0].startswith(".out.jsonl.") and beside[0].endswith(".tmp")
    assert out.read_text() == "new\n"
    assert oct(out.stat().st_mode & 0o777) == oct(0o640)
    assert list(tmp_path.iterdir()) == [out]


def test_interrupted_batch_leaves_the_output_as_it_was(tmp_path, monkeypatch):
    """Ctrl-C left a truncated -o file (and exit 1, "mismatch found")."""
    def first_then_interrupt(paths, records, jobs, limits=None):
        yield Outcome(str(ANJU), [{"doc": str(ANJU), "status": "consistent"}])
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "map_reports", first_then_interrupt)
    out = tmp_path / "out.jsonl"
    out.write_text("old\n")
    result = runner.invoke(cli.app, ["check", str(ANJU), str(ANJU), "-q", "-o", str(out)])
    assert result.exit_code == 130
    assert result.stderr == f"interrupted after 1 files; {out} left as it was\n"
    assert out.read_text() == "old\n"
    assert list(tmp_path.iterdir()) == [out]  # no temporary file left behind


def test_output_written_whole_matches_standard_output(tmp_path):
    out = tmp_path / "out.jsonl"
    result = runner.invoke(cli.app, ["text", str(ANJU), "-o", str(out)])
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8") == runner.invoke(cli.app, ["text", str(ANJU)]).stdout
    assert list(tmp_path.iterdir()) == [out]


# ------------------------------------------------------------------ 4. terminal safety


HOSTILE = "支出\x1b[2J\x1b]0;owned\x07[reverse]反色[/reverse] 和 [/] 和 \u202e倒序"


def test_summary_shows_report_text_literally(capsys, monkeypatch):
    """ESC sequences from a report cleared the screen; [reverse] rendered; a stray [/] crashed the summary."""
    monkeypatch.setenv("COLUMNS", "1000")  # one line per row, so that the texts can be found whole
    tally = FindingTally()
    tally([{"doc": "a/x[reverse].txt", "line": 3, "status": "mismatch", "subject": HOSTILE, "raw": "[bold]1万元",
            "expected": "2万元", "section": [HOSTILE], "message": HOSTILE}])
    print_summary(tally)
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err and "\u202e" not in err
    assert "[reverse]反色[/reverse]" in err and "和 [/] 和" in err and "[bold]1万元" in err and "x[reverse].txt:3" in err
    assert "\\x1b[2J\\x1b]0;owned\\x07" in err and "\\u202e倒序" in err


def test_error_line_shows_file_name_literally():
    name = "no\x1b[2Jsuch.txt"
    result = runner.invoke(cli.app, ["text", name])
    assert result.exit_code == 2
    assert result.stderr == "error: no\\x1b[2Jsuch.txt: no such file\n"


# ------------------------------------------------------------------ 5. --only


def test_only_with_an_unknown_status_is_one_error(monkeypatch):
    """--only mismatchh kept nothing and exited 0: "no mismatch" without having looked."""
    monkeypatch.setattr(cli, "map_reports", never_called)
    result = runner.invoke(cli.app, ["check", str(ANJU), "--only", "mismatchh,warning"])
    assert result.exit_code == 2
    assert result.stderr == ("error: --only: unknown status 'mismatchh' "
                             "(statuses: consistent, rounding, mismatch, unverifiable, warning)\n")


# ------------------------------------------------------------------ 6. determinism


def records_by_doc(stdout: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for line in stdout.splitlines():
        out.setdefault(json.loads(line)["doc"], []).append(line)
    return out


def test_records_do_not_depend_on_batch_order_or_jobs():
    """A file's verdicts changed with what ran before it in the process (the regex clock) and with -j."""
    a, b = str(ANJU.relative_to(ROOT)), str(BUDGET.relative_to(ROOT))
    runs = {}
    for order in ((a, b), (b, a)):
        for jobs in ("1", "2"):
            done = run_cli("check", *order, "-q", "-j", jobs, timeout=300)
            assert done.returncode == 1, done.stderr  # both reports print known mismatches
            runs[order, jobs] = records_by_doc(done.stdout)
    first = runs[(a, b), "1"]
    assert set(first) == {a, b} and all(len(v) > 50 for v in first.values())
    for key, found in runs.items():
        assert found == first, key


def test_a_documents_row_names_do_not_stay_in_jieba():
    """Each report's table row names were added to jieba's process-wide dictionary and stayed, so
    how the next report was segmented depended on what ran before it."""
    import jieba

    from narrative_extract.claims.lexicon import nlp

    nlp()
    jieba.dt.check_initialized()
    before = (dict(jieba.dt.FREQ), jieba.dt.total)
    findings = api.check(str(ANJU))
    assert findings and (dict(jieba.dt.FREQ), jieba.dt.total) == before
