"""Harvest the stated variance reasons of the sample reports into ``corpus/reasons/labels.jsonl``.

Sources: the text reports in ``corpus/*.txt`` and the PDFs in ``../shared/real_pdfs`` (read with
pdfplumber ``extract_text()``; the PDFs are never copied into the repository).

What is harvested (see corpus/reasons/README.md):

* narrative frames: ``主要原因：…``, ``主要原因是…``, ``原因系…``, ``原因是…``, ``主要变动原因系…``,
  ``决算数大于/小于（年初）预算数的（主要）原因（主要是）：…``, ``发现的主要问题及原因：…``,
  ``主要是…`` / ``主要由于…`` when the sentence states a change, ``，系…`` after a change,
  ``持平，此项经费…`` ; the reason runs from after the lead-in to the end of its sentence
  (。 or ；), joined across line and page breaks;
* self-evaluation tables: the text in the 未完成原因分析 / 偏差原因分析 / 原因 columns;
* announced reasons without content (``主要原因是。``, template placeholders ``XXXXXXXX``, a
  heading ``…增减变化原因`` directly followed by the next heading), recorded with ``empty: true``.

``主要用于…`` is a use, not a reason, and is skipped.

Categories are labelled by hand. Re-running the script keeps every label already in the output
file (matched on source, location and text) and reports new, unlabelled candidates; once every
row is labelled it assigns near-duplicate groups and the train/held-out split.

    python bench/harvest_reasons.py                # re-harvest, keep labels, assign split
    python bench/harvest_reasons.py --candidates   # print unlabelled candidates with context
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from narrative_extract.reasons.categories import CATEGORY_IDS, OTHER, is_empty_reason
from narrative_extract.reasons.grouping import group_reasons

TEXT_DIR = REPO / "corpus"
PDF_DIR = REPO.parent / "shared" / "real_pdfs"
OUT = REPO / "corpus" / "reasons" / "labels.jsonl"

HELDOUT_SHARE = 0.25
SPLIT_SEED = "reasons-v1"

# --------------------------------------------------------------------------- text streams

_TERMINAL = "。；;！？!?"
_PAGE_NUMBER = re.compile(r"^\s*[-—–]?\s*\d{1,3}\s*[-—–]?\s*$")


@dataclass
class Stream:
    """The running text of one report with the location of every character."""

    source: str
    text: str
    locs: list[dict]  # one {"line": n} or {"page": n} per character of ``text``

    def loc(self, i: int) -> dict:
        return self.locs[min(i, len(self.locs) - 1)]


def _stream(source: str, lines: list[tuple[str, dict]]) -> Stream:
    """Join wrapped lines: a line that does not end a sentence runs on into the next one."""
    parts: list[str] = []
    locs: list[dict] = []
    for text, loc in lines:
        text = text.strip()
        if not text:
            continue
        parts.append(text)
        locs.extend([loc] * len(text))
        if text[-1] in _TERMINAL:
            parts.append("\n")
            locs.append(loc)
    return Stream(source, "".join(parts), locs)


def text_report(path: Path) -> tuple[Stream, list[str]]:
    """The narrative of a text report (table rows left out) and its raw lines."""
    raw = path.read_text(encoding="utf-8").split("\n")
    lines = []
    for n, line in enumerate(raw, 1):
        if "\t" in line:  # a table row (tab-separated cells or one cell per line)
            lines.append(("", {"line": n}))
            continue
        line = re.sub(r"\[bookmark: [^\]]*\]", "", line)
        lines.append((line, {"line": n}))
    return _stream(path.name, lines), raw


def pdf_report(path: Path) -> Stream:
    import pdfplumber

    lines = []
    with pdfplumber.open(path) as pdf:
        for p, page in enumerate(pdf.pages, 1):
            for line in (page.extract_text() or "").split("\n"):
                if _PAGE_NUMBER.match(line):
                    continue
                lines.append((line, {"page": p}))
    return _stream(path.name, lines)


# --------------------------------------------------------------------------- narrative frames

_CHANGE = re.compile(r"增加|减少|增长|下降|持平|大于|小于|变动|变化|一致|减|增")
# 原因 + (主要) + (是/系/为)(：) or 原因 + ： ; the lead-in includes 主要 / 变动 before it.
_REASON_FRAME = re.compile(r"(?:(?:主要)?(?:变动)?)原因(?:主要)?(?:(?:是|系|为)[：:]?|[：:])[ \t]*")
_MAINLY = re.compile(r"主要(?:是|由于)[：:]?[ \t]*")
_IS_SYSTEM = re.compile(r"[，,][ \t]*系[ \t]*")
_FLAT_NOTE = re.compile(r"(?:持平|一致)[，,](?=此项经费|该项经费|此部分|该部分)")
_SENT_END = re.compile(r"[。；;\n]")


def _sentence_start(text: str, i: int) -> int:
    j = max(text.rfind(c, 0, i) for c in "。；;\n")
    return j + 1


def _basis(stream: Stream, start: int, lead: str) -> str:
    s0 = _sentence_start(stream.text, start)
    if re.search(r"问题及$", stream.text[s0:start].replace(lead, "")):
        return "performance"
    before = stream.text[s0:start]
    if not _CHANGE.search(before) and s0 > 0:  # "…增加的主要原因是…" may need the sentence before
        before = stream.text[_sentence_start(stream.text, s0 - 1) : start]
    if re.search(r"决算数|完成(?:年初|全年)?预算|预算数的|执行率|绩效", before):
        return "budget"
    return "yoy"


def narrative_reasons(stream: Stream) -> list[dict]:
    text = stream.text
    found: list[tuple[int, int, str]] = []  # (start of reason, end, lead-in)

    def add(lead_start: int, start: int, lead: str) -> None:
        m = _SENT_END.search(text, start)
        end = m.start() if m else len(text)
        if any(s <= lead_start < e for s, e, _ in found):  # inside a reason already taken
            return
        found.append((start, end, lead))

    for m in _REASON_FRAME.finditer(text):
        add(m.start(), m.end(), m.group(0).strip())
    for m in _MAINLY.finditer(text):
        if text[m.end() : m.end() + 3].startswith("为保障"):
            continue
        before = text[_sentence_start(text, m.start()) : m.start()]
        if "原因" in before[-4:] or not _CHANGE.search(before) or "主要用于" in before:
            continue
        add(m.start(), m.end(), m.group(0).strip())
    for m in _IS_SYSTEM.finditer(text):
        before = text[_sentence_start(text, m.start()) : m.start()]
        if re.search(r"(?:增加|减少|增长|下降)[^，。]{0,8}$", before):
            add(m.start(), m.end(), "系")
    for m in _FLAT_NOTE.finditer(text):
        add(m.start(), m.end(), m.group(0))

    out = []
    for start, end, lead in sorted(found):
        reason = text[start:end].strip()
        s0 = _sentence_start(text, start)
        context = text[s0:start].strip()
        out.append(
            {
                "text": reason,
                "basis": _basis(stream, start, lead),
                "source": stream.source,
                **stream.loc(start),
                "frame": lead,
                "context": context[-80:],
            }
        )
    return out


_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])")


def empty_headings(source: str, raw: list[str]) -> list[dict]:
    """A heading announcing reasons (…增减变化原因) with the next heading right after it."""
    out = []
    nonblank = [(n, l.strip()) for n, l in enumerate(raw, 1) if l.strip()]
    for k, (n, line) in enumerate(nonblank[:-1]):
        announced = _HEADING.match(line) and re.search(r"(?:变化|变动)原因$", line)
        if announced and _HEADING.match(nonblank[k + 1][1]):
            out.append(
                {
                    "text": "",
                    "basis": "yoy",
                    "source": source,
                    "line": n,
                    "frame": "增减变化原因",
                    "context": line[-80:],
                }
            )
    return out


# --------------------------------------------------------------------------- self-evaluation tables

_TABLE_HEAD = re.compile(r"未完成原因分析|偏差原因分析")
_TABLE_END = re.compile(r"得分小计|总评价得分|绩效自评总得分")
_INSTRUCTION = re.compile(r"预算执行率=|需说明原因|应单独说明理由")
_CELL_LEAD = re.compile(r"^(?:其他|经费保障|制度保障|人员保障|硬件条件保障)[:：]\s*")


def _is_text(cell: str) -> bool:
    return len(re.findall(r"[\u4e00-\u9fff]", cell)) >= 4


def tsv_table_reasons(source: str, raw: list[str]) -> list[dict]:
    """Rows of tab-separated self-evaluation tables: the text after the ticked (√) reason column."""
    out = []
    inside = False
    for n, line in enumerate(raw, 1):
        if "\t" not in line or line.startswith("\t") and line.count("\t") == 1:
            continue
        if _TABLE_HEAD.search(line):
            inside = True
            continue
        if _TABLE_END.search(line):
            inside = False
            continue
        if not inside:
            continue
        cells = [c.strip() for c in line.split("\t")]
        if "√" not in cells:
            continue
        after = cells[cells.index("√") + 1 :]
        cell = next((c for c in after if _is_text(c)), None)
        if cell:
            lead = _CELL_LEAD.match(cell)
            out.append(
                {
                    "text": cell[lead.end() :] if lead else cell,
                    "basis": "performance",
                    "source": source,
                    "line": n,
                    "frame": "表:未完成原因分析",
                    "context": " | ".join(c for c in cells[:4] if c)[-80:],
                }
            )
    return out


def cell_table_reasons(source: str, raw: list[str]) -> list[dict]:
    """Tables exported one cell per line (``\\t`` + value, blank line between rows)."""
    rows: list[tuple[int, list[str]]] = []
    cur: list[str] = []
    start = 0
    for n, line in enumerate(raw + [""], 1):
        if line.startswith("\t") and line.count("\t") == 1:
            if not cur:
                start = n
            cur.append(line[1:].strip())
        elif cur:
            rows.append((start, cur))
            cur = []
    out = []
    column: tuple[int, int] | None = None  # (width, index of the reason column)
    for start, cells in rows:
        if cells and cells[-1] in ("原因", "未完成原因分析", "偏差原因分析", "原因说明"):
            column = (len(cells), len(cells) - 1)
            continue
        if column is None or len(cells) != column[0]:
            continue
        cell = cells[column[1]]
        if cell and _is_text(cell) and not _INSTRUCTION.search(cell):
            out.append(
                {
                    "text": cell,
                    "basis": "performance",
                    "source": source,
                    "line": start + column[1],
                    "frame": "表:" + ("原因" if column[0] < 11 else "未完成原因分析"),
                    "context": " | ".join(c for c in cells[:3] if c)[-80:],
                }
            )
    return out


# --------------------------------------------------------------------------- harvest


def harvest() -> list[dict]:
    rows: list[dict] = []
    for path in sorted(TEXT_DIR.glob("*.txt")):
        stream, raw = text_report(path)
        rows += narrative_reasons(stream)
        rows += empty_headings(path.name, raw)
        rows += tsv_table_reasons(path.name, raw)
        rows += cell_table_reasons(path.name, raw)
    if PDF_DIR.is_dir():
        for path in sorted(PDF_DIR.glob("*.pdf")):
            rows += narrative_reasons(pdf_report(path))
    else:
        print(f"warning: {PDF_DIR} not found; PDF reasons not harvested", file=sys.stderr)
    for r in rows:
        r["text"] = r["text"].strip()
        if is_empty_reason(r["text"]):
            r["empty"] = True
    rows.sort(key=lambda r: (r["source"], r.get("page", 0), r.get("line", 0)))
    return rows


def _key(r: dict) -> tuple:
    return (r["source"], r.get("page"), r.get("line"), r["text"])


def merge_labels(rows: list[dict], old: list[dict]) -> None:
    by_key = {_key(o): o["category"] for o in old if o.get("category")}
    by_text = {(o["source"], o["text"]): o["category"] for o in old if o.get("category")}
    for r in rows:
        cat = by_key.get(_key(r)) or by_text.get((r["source"], r["text"]))
        if r.get("empty"):
            cat = OTHER
        r["category"] = cat


_DIRECTION = re.compile(r"保持不变|不变|持平|增加|减少|增长|下降|提高|降低")


def assign_split(rows: list[dict], share: float = HELDOUT_SHARE, seed: str = SPLIT_SEED) -> None:
    """Hold out about ``share`` of each category's distinct reasons, whole families at a time.

    ``group`` (written to the file) is the near-duplicate group of ``group_reasons``. The split
    works on coarser families: the same grouping after the direction words (增加/减少/保持不变…)
    are neutralised, so that ``<item>经费增加`` and ``<item>经费保持不变`` boilerplate land on the
    same side. Per category, families are taken in a seeded hash order until a quarter of the
    category's families are held out, skipping a family that would push the held-out rows of the
    category above 35% (big boilerplate families stay in train). Empty reasons form their own
    stratum (they are not scored: the classifier answers them by rule).
    """
    groups = group_reasons([r["text"] for r in rows])
    families = group_reasons([_DIRECTION.sub("增加", r["text"]) for r in rows])
    members: dict[str, list[dict]] = defaultdict(list)
    for r, g, f in zip(rows, groups, families):
        r["group"] = g
        members[f].append(r)
    strata: dict[str, list[str]] = defaultdict(list)
    for f, rs in members.items():
        cat = Counter(r["category"] for r in rs).most_common(1)[0][0]
        strata["(empty)" if all(r.get("empty") for r in rs) else cat].append(f)
    held: set[str] = set()
    for fs in strata.values():
        n_rows = sum(len(members[f]) for f in fs)
        want = max(1, round(share * len(fs))) if len(fs) >= 2 else 0
        cap = max(1, round(0.35 * n_rows))
        fs.sort(key=lambda f: hashlib.sha1(f"{seed}:{f}".encode()).hexdigest())
        got_f = got_rows = 0
        for f in fs:
            if got_f >= want:
                break
            if got_rows + len(members[f]) <= cap:
                held.add(f)
                got_f += 1
                got_rows += len(members[f])
    for f, rs in members.items():
        for r in rs:
            r["split"] = "heldout" if f in held else "train"


FIELDS = (
    "text",
    "category",
    "basis",
    "source",
    "page",
    "line",
    "split",
    "group",
    "empty",
    "frame",
    "context",
)


def write(rows: list[dict], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for r in rows:
            out = {k: r[k] for k in FIELDS if k in r and r[k] is not None}
            fh.write(json.dumps(out, ensure_ascii=False) + "\n")


def read(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(l) for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--candidates", action="store_true", help="print unlabelled candidates, write nothing")
    args = ap.parse_args(argv)

    rows = harvest()
    merge_labels(rows, read(args.out))
    missing = [r for r in rows if not r.get("category")]
    bad = [r for r in rows if r.get("category") and r["category"] not in CATEGORY_IDS]
    if args.candidates:
        for r in missing:
            loc = f"p.{r['page']}" if "page" in r else f"l.{r['line']}"
            print(f"{r['source']}\t{loc}\t{r['basis']}\t{r['frame']}\t{r['context']}\t>>> {r['text']}")
        print(f"{len(missing)} unlabelled of {len(rows)}", file=sys.stderr)
        return 0
    if bad:
        for r in bad:
            print(f"unknown category {r['category']!r}: {r['text']}", file=sys.stderr)
        return 1
    if missing:
        print(f"{len(missing)} of {len(rows)} reasons have no label; run with --candidates", file=sys.stderr)
        return 1
    assign_split(rows)
    write(rows, args.out)
    cats = Counter((r["category"], r["split"]) for r in rows)
    print(
        f"{len(rows)} reasons ({sum(1 for r in rows if r.get('empty'))} empty), "
        f"{len({r['group'] for r in rows})} groups -> {args.out.relative_to(REPO)}"
    )
    for c in CATEGORY_IDS:
        print(f"  {c:22s} train {cats[(c, 'train')]:4d}  heldout {cats[(c, 'heldout')]:4d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
