"""Harvest the stated variance reasons of the sample reports into ``corpus/reasons/labels.jsonl``.

Sources: every report in ``corpus/*.txt`` and ``../shared/real_pdfs/*.pdf``, read with
``narrative_extract.api`` (the PDFs are never copied into the repository). Each row says where it
came from (``origin``):

* ``pipeline`` — a reason record of ``narrative-extract reasons`` (``claims/reasons.py`` spans,
  split and located by ``reasons/records.py``): what the classifier sees in production;
* ``frame`` — a reason the harvest's own, wider lead-in patterns find in the same narrative text
  (``api.text``) that the pipeline does not report: a pipeline miss, kept so that it is labelled;
* ``table`` — a reason record of the same command read from a table's reason column
  (``未完成原因分析`` / ``偏差原因分析`` / ``原因`` …, ``reasons/table_reasons.py``);
* ``heading`` — a heading announcing reasons (``…增减变化原因``) directly followed by the next
  heading: an empty reason.

Categories are labelled by hand. Re-running keeps every label already in the output file (matched
on source, location and text, then source and text, then text) and reports unlabelled rows; once
every row is labelled it assigns near-duplicate groups and keeps the train/held-out split fixed:
a row inherits the split of its family, only families never seen before are assigned (``--resplit``
recomputes every assignment; it was used once, when the held-out split was enlarged).

    python bench/harvest_reasons.py                # re-harvest, keep labels and split, write
    python bench/harvest_reasons.py --candidates   # print unlabelled rows with context
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from narrative_extract import api
from narrative_extract.claims.extract import document_to_claims
from narrative_extract.reasons.categories import CATEGORY_IDS, OTHER, is_empty_reason
from narrative_extract.reasons.grouping import group_reasons
from narrative_extract.reasons.records import claims_to_reason_records

TEXT_DIR = REPO / "corpus"
PDF_DIR = REPO.parent / "shared" / "real_pdfs"
OUT = REPO / "corpus" / "reasons" / "labels.jsonl"

#: share of each category's near-duplicate families held out, and the cap on its held-out rows
HELDOUT_SHARE = 0.6
HELDOUT_ROW_CAP = 0.65
SPLIT_SEED = "reasons-v2"


def _loc(loc) -> dict:
    return {"page": loc.page} if loc.page is not None else {"line": loc.line}


# --------------------------------------------------------------------------- pipeline


def pipeline_rows(path: Path) -> list[dict]:
    doc = api.read_document(str(path))
    rows = []
    for r in claims_to_reason_records(doc, document_to_claims(doc), None):
        before = r.sentence.split(r.text, 1)[0] if r.text else r.sentence
        table = {"origin": "table", "frame": f"表:{r.column}"} if r.origin == "table" else {"origin": "pipeline"}
        rows.append({
            "text": r.text, "basis": r.basis, "source": path.name,
            **({"page": r.page} if r.page is not None else {"line": r.line}),
            **table, "item": r.item, "direction": r.direction, "context": before[-80:],
        })
    return rows


# --------------------------------------------------------------------------- the narrative as one stream


@dataclass
class Stream:
    """The narrative of one report (``api.text`` paragraphs, one per line) with every character's location."""

    source: str
    text: str
    locs: list[dict]

    def loc(self, i: int) -> dict:
        return self.locs[min(i, len(self.locs) - 1)]


def narrative_stream(path: Path) -> Stream:
    parts: list[str] = []
    locs: list[dict] = []
    for p in api.text(str(path)):
        parts.append(p.text + "\n")
        locs.extend(_loc(p.loc_at(i)) for i in range(len(p.text) + 1))
    return Stream(path.name, "".join(parts), locs)


# --------------------------------------------------------------------------- narrative frames (wider than the pipeline)

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



# --------------------------------------------------------------------------- self-evaluation tables (raw text reports)

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


# --------------------------------------------------------------------------- harvest


def _norm(text: str) -> str:
    t = unicodedata.normalize("NFKC", text or "")
    t = re.sub(r"(?:等)?(?:原因)?(?:所致|造成|导致)?$", "", re.sub(r"[\s。；;，,：:]", "", t))
    return t


def _covered(row: dict, pipeline: list[dict]) -> bool:
    """A frame row the pipeline already reports: same place (±1), overlapping text."""
    key, where = _norm(row["text"]), row.get("page", row.get("line"))
    for p in pipeline:
        near = abs(p.get("page", p.get("line")) - where) <= 1
        other = _norm(p["text"])
        if near and (key == other or (key and other and (key in other or other in key))):
            return True
    return False


def harvest() -> list[dict]:
    rows: list[dict] = []
    paths = sorted(TEXT_DIR.glob("*.txt"))
    if PDF_DIR.is_dir():
        paths += sorted(PDF_DIR.glob("*.pdf"))
    else:
        print(f"warning: {PDF_DIR} not found; PDF reasons not harvested", file=sys.stderr)
    for path in paths:
        found = pipeline_rows(path)
        extra = [dict(r, origin="frame") for r in narrative_reasons(narrative_stream(path)) if not _covered(r, found)]
        rows += found + extra
        if path.suffix == ".txt":
            raw = path.read_text(encoding="utf-8").split("\n")
            rows += [dict(r, origin="heading") for r in empty_headings(path.name, raw)]
    for r in rows:
        r["text"] = r["text"].strip()
        r["empty"] = is_empty_reason(r["text"])
    rows.sort(key=lambda r: (r["source"], r.get("page", 0), r.get("line", 0)))
    return rows


def _key(r: dict) -> tuple:
    return (r["source"], r.get("page"), r.get("line"), r["text"])


def merge_labels(rows: list[dict], old: list[dict]) -> None:
    """Categories (and splits) of rows already labelled: by place and text, by source and text, by text."""
    by_key = {_key(o): o for o in old if o.get("category")}
    by_source = {(o["source"], o["text"]): o for o in old if o.get("category")}
    by_text = {o["text"]: o for o in old if o.get("category")}
    for r in rows:
        o = by_key.get(_key(r)) or by_source.get((r["source"], r["text"])) or by_text.get(r["text"])
        r["category"] = OTHER if r["empty"] else (o["category"] if o else None)
        if o and o.get("split"):
            r["old_split"] = o["split"]

_DIRECTION = re.compile(r"保持不变|不变|持平|增加|减少|增长|下降|提高|降低")


def families_of(texts: list[str]) -> list[str]:
    """Near-duplicate families: ``group_reasons`` after the direction words are neutralised, so
    that ``<item>经费增加`` and ``<item>经费保持不变`` boilerplate are one family."""
    return group_reasons([_DIRECTION.sub("增加", t) for t in texts])


def assign_split(rows: list[dict], share: float = HELDOUT_SHARE, seed: str = SPLIT_SEED, resplit: bool = False) -> None:
    """Train / held-out, whole families at a time, stratified by category; fixed once assigned.

    A family keeps the split its rows had in the labels file (so adding reports never moves a
    reason across). Families never seen before (all of them with ``resplit``) are assigned per
    category in a seeded hash order until ``share`` of the category's families are held out,
    skipping a family that would push the category's held-out rows above ``HELDOUT_ROW_CAP``
    (so the big ``<item>经费增加`` boilerplate family stays in train). A category with a single
    family stays in train. Empty reasons are their own stratum: they are not scored.
    """
    families = families_of([r["text"] for r in rows])
    groups = group_reasons([r["text"] for r in rows])
    members: dict[str, list[dict]] = defaultdict(list)
    for r, g, f in zip(rows, groups, families):
        r["group"] = g
        members[f].append(r)
    decided = {}
    if not resplit:
        for f, rs in members.items():
            old = {r["old_split"] for r in rs if r.get("old_split")}
            if len(old) == 1:
                decided[f] = old.pop()
    strata: dict[str, list[str]] = defaultdict(list)
    for f, rs in members.items():
        cat = Counter(r["category"] for r in rs).most_common(1)[0][0]
        strata["(empty)" if all(r.get("empty") for r in rs) else cat].append(f)
    for fs in strata.values():
        n_rows = sum(len(members[f]) for f in fs)
        want = max(1, round(share * len(fs))) if len(fs) >= 2 else 0
        cap = max(1, round(HELDOUT_ROW_CAP * n_rows))
        got_f = sum(decided.get(f) == "heldout" for f in fs)
        got_rows = sum(len(members[f]) for f in fs if decided.get(f) == "heldout")
        for f in sorted(fs, key=lambda f: hashlib.sha1(f"{seed}:{f}".encode()).hexdigest()):
            if f in decided:
                continue
            take = got_f < want and got_rows + len(members[f]) <= cap
            decided[f] = "heldout" if take else "train"
            got_f += take
            got_rows += len(members[f]) if take else 0
    for f, rs in members.items():
        for r in rs:
            r["split"] = decided[f]
            r.pop("old_split", None)


FIELDS = ("text", "category", "basis", "source", "report", "page", "line", "split", "group", "empty", "origin", "frame",
          "item", "direction", "context", "batch", "certain", "extraction")
#: Rows labelled from reports that are not in ../shared (a ``batch`` such as unseen-2026-11): this
#: harvest cannot re-read them, so they are carried over as they are.


def write(rows: list[dict], path: Path, fields: tuple[str, ...] = FIELDS) -> None:
    """One JSON line per row: ``fields`` in order, those unset (and a false ``empty``) left out."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for r in rows:
            out = {k: r[k] for k in fields if r.get(k) is not None and not (k == "empty" and not r[k])}
            fh.write(json.dumps(out, ensure_ascii=False) + "\n")


def read(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--candidates", action="store_true", help="print unlabelled rows, write nothing")
    ap.add_argument("--resplit", action="store_true", help="recompute every train/held-out assignment")
    args = ap.parse_args(argv)

    rows = harvest()
    existing = read(args.out)
    merge_labels(rows, [r for r in existing if not r.get("batch")])
    batches = [r for r in existing if r.get("batch")]
    missing = [r for r in rows if not r.get("category")]
    bad = [r for r in rows if r.get("category") and r["category"] not in CATEGORY_IDS]
    if args.candidates:
        for r in missing:
            loc = f"p.{r['page']}" if "page" in r else f"l.{r['line']}"
            print(f"{r['source']}\t{loc}\t{r['origin']}\t{r['basis']}\t{r.get('context', '')}\t>>> {r['text']}")
        print(f"{len(missing)} unlabelled of {len(rows)}", file=sys.stderr)
        return 0
    if bad:
        for r in bad:
            print(f"unknown category {r['category']!r}: {r['text']}", file=sys.stderr)
        return 1
    if missing:
        print(f"{len(missing)} of {len(rows)} reasons have no label; run with --candidates", file=sys.stderr)
        return 1
    assign_split(rows, resplit=args.resplit)
    rows += batches
    # near-duplicate groups over every row, batches included (what `reasons` would print for them together)
    for r, g in zip(rows, group_reasons([r["text"] for r in rows])):
        r["group"] = g
    write(rows, args.out)
    cats = Counter((r["category"], r["split"]) for r in rows if not r.get("empty"))
    print(f"{len(rows)} reasons ({sum(bool(r.get('empty')) for r in rows)} empty), "
          f"{len({r['group'] for r in rows})} groups -> {args.out.relative_to(REPO)}")
    for c in CATEGORY_IDS:
        print(f"  {c:22s} train {cats[(c, 'train')]:4d}  heldout {cats[(c, 'heldout')]:4d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
