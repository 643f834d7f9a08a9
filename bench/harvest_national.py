"""Harvest the stated variance reasons of the national corpus into ``corpus/reasons/national_unlabelled.jsonl``.

Source: the PDFs of ``../shared/national_pdfs`` (``MANIFEST.tsv`` gives each file's city and part;
a 北京 report comes as a narrative PDF and a tables PDF: the narrative holds the reasons, the tables
PDF is read only with ``--tables``, for 说明 / 原因 columns: 北京's hold 绩效目标 forms whose
``其他说明`` is no variance reason, and reading them takes most of the time). Every row is one reason, **unlabelled**: no category and no
model output, so that it can be labelled blind. Rows come from

* ``pipeline`` — a reason record of ``narrative-extract reasons`` (without a classifier): what the
  classifier sees in production;
* ``frame`` — a reason the wider lead-in patterns of ``bench/harvest_reasons.py`` find in the same
  narrative that the pipeline does not report (a pipeline miss, kept so that it is labelled);
* ``table`` — a record of the same command read from a table's reason column (偏差原因分析, 原因,
  a 说明 column beside two figures: ``narrative_extract/reasons/table_reasons.py``).

``id`` is stable: a hash of source, page, the sentence lead-in and the text, so a row keeps its id
while the extraction does not change what it reads. The same reason printed twice at the same
place (same id) is kept once.

    python bench/harvest_national.py                 # write corpus/reasons/national_unlabelled.jsonl
    python bench/harvest_national.py --cache /tmp/nc # keep read documents (pickles) between runs
    python bench/harvest_national.py --only yantai_01.pdf --print
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import pickle
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import harvest_reasons
from harvest_reasons import Stream, _covered, narrative_reasons

from narrative_extract import api
from narrative_extract.claims.extract import document_to_claims
from narrative_extract.model import Document
from narrative_extract.reasons.categories import is_empty_reason
from narrative_extract.reasons.records import claims_to_reason_records

PDF_DIR = REPO.parent / "shared" / "national_pdfs"
OUT = REPO / "corpus" / "reasons" / "national_unlabelled.jsonl"
CONTEXT_MIN = 20  # a lead-in shorter than this borrows the end of the paragraph before as context
FIELDS = ("id", "text", "context", "source", "city", "page", "location", "basis", "item", "direction", "origin",
          "frame", "empty")


@dataclass(frozen=True)
class Entry:
    """One file of the manifest."""

    file: str
    city: str
    part: str  # whole | narrative | tables


def manifest(pdf_dir: Path) -> list[Entry]:
    with (pdf_dir / "MANIFEST.tsv").open(encoding="utf-8") as fh:
        return [Entry(r["file"], r["city"], r["part"]) for r in csv.DictReader(fh, delimiter="\t")]


def load(path: Path, cache: Path | None) -> Document:
    """The read document, from ``cache`` when it holds it (the extraction of claims is redone)."""
    if cache is None:
        return api.read_document(str(path))
    cache.mkdir(parents=True, exist_ok=True)
    pkl = cache / (path.name + ".pkl")
    if pkl.exists():
        return pickle.loads(pkl.read_bytes())
    doc = api.read_document(str(path))
    pkl.write_bytes(pickle.dumps(doc))
    return doc


def row_id(source: str, page: int | None, context: str, text: str) -> str:
    return hashlib.sha1(f"{source}|{page}|{context}|{text}".encode()).hexdigest()[:12]


# --------------------------------------------------------------------------- narrative


def pipeline_rows(doc: Document, source: str, prose: bool = True) -> list[dict]:
    """The records of ``narrative-extract reasons`` (no classifier); the context is the paragraph's
    text before the reason (its own sentence's lead-in, and the sentence before when it opens with it),
    or for a reason of a table's reason column (origin ``table``) its table and row. ``prose``: False
    for a tables part, whose prose is not harvested."""
    claims = document_to_claims(doc)
    reasons = [c for c in claims if c.kind == "reason"]
    position = {id(p): i for i, p in enumerate(doc.paragraphs)}
    records = claims_to_reason_records(doc, claims, None)
    rows = [{"text": r.text, "basis": r.basis, "source": source, "page": r.page, "origin": "table",
             "frame": f"表:{r.column}", "item": r.item, "direction": r.direction, "context": r.sentence[-80:]}
            for r in records[len(reasons):]]
    if not prose:
        return rows
    for r, claim in zip(records[: len(reasons)], reasons, strict=True):
        sentence = claim.sentence
        at = sentence.text.find(r.text, claim.start) if r.text else claim.start
        before = sentence.paragraph.text[: sentence.start + (at if at >= 0 else claim.start)]
        i = position.get(id(sentence.paragraph), 0)
        if len(before.strip()) < CONTEXT_MIN and i > 0:  # 主要原因：… opening its paragraph: the one before
            before = doc.paragraphs[i - 1].text + " " + before
        rows.append({"text": r.text, "basis": r.basis, "source": source, "page": r.page, "origin": "pipeline",
                     "item": r.item, "direction": r.direction, "context": before.strip()[-80:]})
    return rows


def stream_of(doc: Document, source: str) -> Stream:
    parts: list[str] = []
    locs: list[dict] = []
    for p in doc.paragraphs:
        parts.append(p.text + "\n")
        locs.extend({"page": p.loc_at(i).page} for i in range(len(p.text) + 1))
    return Stream(source, "".join(parts), locs)


# --------------------------------------------------------------------------- harvest


def harvest_file(entry: Entry, pdf_dir: Path, cache: Path | None) -> list[dict]:
    doc = load(pdf_dir / entry.file, cache)
    rows = pipeline_rows(doc, entry.file, prose=entry.part != "tables")
    if entry.part != "tables":
        rows += [dict(r, origin="frame") for r in narrative_reasons(stream_of(doc, entry.file))
                 if not _covered(r, rows)]
    out: dict[str, dict] = {}
    for r in rows:
        r["text"] = r["text"].strip()
        r["city"] = entry.city
        r["location"] = f"p.{r['page']}" if r.get("page") is not None else None
        r["empty"] = is_empty_reason(r["text"])
        r["id"] = row_id(entry.file, r.get("page"), r.get("context", ""), r["text"])
        out.setdefault(r["id"], r)  # the same reason at the same place, read twice: once
    return sorted(out.values(), key=lambda r: (r.get("page") or 0))


def write(rows: list[dict], path: Path) -> None:
    harvest_reasons.write(rows, path, FIELDS)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pdfs", type=Path, default=PDF_DIR)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--cache", type=Path, default=None, help="folder for read documents (pickles)")
    ap.add_argument("--tables", action="store_true", help="also read the tables PDFs of split reports")
    ap.add_argument("--only", nargs="*", default=None, help="these files of the manifest only (no file written)")
    ap.add_argument("--print", action="store_true", help="print the rows as text instead of writing")
    args = ap.parse_args(argv)
    if not (args.pdfs / "MANIFEST.tsv").exists():
        print(f"{args.pdfs}/MANIFEST.tsv not found: nothing to harvest", file=sys.stderr)
        return 2
    entries = [e for e in manifest(args.pdfs) if (args.only is None or e.file in args.only)
               and (args.tables or e.part != "tables")]
    rows: list[dict] = []
    for e in entries:
        rows += harvest_file(e, args.pdfs, args.cache)
    if args.print or args.only is not None:
        for r in rows:
            print(f"{r['source']}\t{r['location']}\t{r['origin']}\t{r['basis']}\t{r.get('item')}\t"
                  f"{r.get('direction')}\t{r.get('context', '')}\t>>> {r['text']}")
        return 0
    write(rows, args.out)
    by_city = Counter(r["city"] for r in rows)
    print(f"{len(rows)} reasons ({sum(r['empty'] for r in rows)} empty) from {len(entries)} files "
          f"-> {args.out}")
    for city, n in sorted(by_city.items()):
        print(f"  {city:10s} {n:4d}  " + " ".join(f"{o}={c}" for o, c in sorted(
            Counter(r["origin"] for r in rows if r["city"] == city).items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
