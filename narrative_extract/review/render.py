"""A review page as one self-contained HTML file: styles, script and images inline, nothing fetched.

Every text taken from a report (names, sentences, cells, messages, file names) goes through ``text``:
control characters shown as their escapes (``\\x1b``), then HTML-escaped, so a report holding markup
or script shows it as text. The page's own script is allowed by its hash in a Content-Security-Policy,
so that even a script that slipped through would not run.
"""

from __future__ import annotations

import base64
import hashlib
import html
from collections import Counter
from importlib import resources

from ..summary import plain
from .model import ALARMS, STATUS_ORDER, Crop, Excerpt, Item, Quote, ReportView, ReviewPage

KIND_LABEL = {"final": "final accounts (决算)", "budget": "budget (预算)"}
BOX_LABEL = {"sentence": "sentence", "claim": "figure stated", "cell": "table cell"}


def text(value: object) -> str:
    """Report text made safe: controls shown as escapes, then HTML-escaped (quotes too)."""
    return html.escape(plain(value), quote=True)


def asset(name: str) -> str:
    return resources.files(__package__).joinpath("assets", name).read_text(encoding="utf-8")


def render_page(page: ReviewPage) -> str:
    css, script = asset("review.css"), asset("review.js")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    policy = f"default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'sha256-{digest}'"
    totals: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    for report in page.reports:
        totals.update(report.counts)
        kinds.update(item.kind for item in report.items)
    body = [header(page, totals, kinds), "<main>"]
    if len(page.reports) > 1:
        body.append(report_list(page.reports))
    body += [report_section(r, k) for k, r in enumerate(page.reports, 1)]
    body.append("</main>")
    return "\n".join([
        "<!DOCTYPE html>", '<html lang="zh-CN">', "<head>", '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{text(page.title)}</title>", f"<style>\n{css}</style>", "</head>", "<body>", *body,
        f"<script>{script}</script>", "</body>", "</html>", ""])


def header(page: ReviewPage, totals: Counter[str], kinds: Counter[str]) -> str:
    alarms = sum(totals[s] for s in ALARMS)
    status_boxes = "".join(
        f'<label><input type="checkbox" data-filter="status" value="{s}"{" checked" if s in ALARMS else ""}> '
        f'<span class="status {s}">{s}</span> {totals[s]}</label>' for s in STATUS_ORDER)
    kind_boxes = "".join(f'<label><input type="checkbox" data-filter="kind" value="{text(k)}" checked> '
                         f'<span class="kind">{text(k)}</span> {n}</label>' for k, n in sorted(kinds.items()))
    return (f'<header class="bar"><h1>{text(page.title)}</h1>'
            f'<span>{len(page.reports)} report{"s" if len(page.reports) != 1 else ""}, '
            f'<b id="alarms">{alarms}</b> alarm{"s" if alarms != 1 else ""}, <b id="shown">{sum(totals.values())}</b> shown</span>'
            f'<form class="filters" onsubmit="return false">'
            f'<fieldset><legend>status</legend>{status_boxes}</fieldset> '
            f'<details class="kinds"><summary>kind ({len(kinds)})</summary><fieldset>{kind_boxes}</fieldset></details></form>'
            '<span class="help">keys: <kbd>j</kbd>/<kbd>n</kbd> next, <kbd>k</kbd>/<kbd>p</kbd> previous</span></header>')


def report_list(reports: list[ReportView]) -> str:
    rows = []
    for k, r in enumerate(reports, 1):
        state = '<span class="error">not read</span>' if r.error else " · ".join(
            f'<span class="status {s}">{s}</span> {r.counts.get(s, 0)}' for s in ALARMS)
        if r.listed_only:
            state += ' · <span class="listed">alarms listed only</span>'
        rows.append(f'<li><a href="#report-{k}">{text(r.doc)}</a> {state}</li>')
    return f'<nav class="reports"><h2>Reports</h2><ol>{"".join(rows)}</ol></nav>'


def report_section(r: ReportView, k: int) -> str:
    out = [f'<section class="report" id="report-{k}"><h2>{text(r.doc)}</h2>']
    if r.error is not None:
        out.append(f'<p class="error">could not be read: {text(r.error)}</p></section>')
        return "".join(out)
    facts = [("unit", r.department), ("year", r.year), ("kind", KIND_LABEL.get(r.kind or "", r.kind)),
             ("format", r.format), ("pages", r.pages), ("claims", r.claims)]
    out.append('<dl class="facts">' + "".join(f"<div><dt>{name}</dt><dd>{text(v)}</dd></div>"
                                            for name, v in facts if v is not None) + "</dl>")
    out.append(counts_table(r))
    out += [f'<p class="note">{text(n)}</p>' for n in r.notes]
    if r.listed_only:
        out.append(f'<p class="note listed-only">{text(r.listed_only)}</p>')
    if not r.items:
        out.append('<p class="empty">no finding</p>')
    out += [item_html(item, f"r{k}-{item.number}") for item in r.items]
    out.append("</section>")
    return "".join(out)


def counts_table(r: ReportView) -> str:
    head = "".join(f'<th><span class="status {s}">{s}</span></th>' for s in STATUS_ORDER)
    rows = [f'<tr><th>all</th>{"".join(f"<td>{r.counts.get(s, 0)}</td>" for s in STATUS_ORDER)}</tr>']
    rows += [f'<tr><th>{text(family)}</th>{"".join(f"<td>{n.get(s, 0)}</td>" for s in STATUS_ORDER)}</tr>'
             for family, n in r.families.items()]
    return f'<table class="counts"><thead><tr><th>check family</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def item_html(item: Item, ident: str) -> str:
    out = [(f'<article class="finding" id="{ident}" tabindex="-1" data-status="{text(item.status)}" '
            f'data-kind="{text(item.kind)}" data-family="{text(item.family.value)}">'),
           (f'<h3><span class="status {text(item.status)}">{text(item.status)}</span> '
            f'<span class="kind">{text(item.kind)}</span> {text(item.subject or "")} '
            f'<span class="where">{text(item.where)}</span></h3>'),
           f'<p class="message">{text(item.message)}</p>']
    figures = [("stated", item.stated), ("expected", item.expected)] + [("formula", f) for f in item.formulas]
    if any(v for _, v in figures):
        out.append('<dl class="figures">' + "".join(f"<dt>{name}</dt><dd>{text(v)}</dd>"
                                                   for name, v in figures if v) + "</dl>")
    out += [quote_html(q) for q in item.quotes]
    out += [excerpt_html(e) for e in item.excerpts]
    out += [crop_html(c) for c in item.crops]
    if item.crop_note:
        out.append(f'<p class="crop-note">{text(item.crop_note)}</p>')
    if item.relation:
        out.append(f'<details class="relation"><summary>relation</summary><pre>{text(item.relation)}</pre></details>')
    out.append("</article>")
    return "".join(out)


def quote_html(q: Quote) -> str:
    parts, at = [], 0
    for m in q.marks:
        parts.append(text(q.text[at:m.start]))
        parts.append(f'<mark class="{m.role}">{text(q.text[m.start:m.end])}</mark>')
        at = m.end
    parts.append(text(q.text[at:]))
    return f'<blockquote class="sentence"><span class="where">{text(q.where)}</span>{"".join(parts)}</blockquote>'


def excerpt_html(e: Excerpt) -> str:
    about = " · ".join(text(v) for v in (e.standard_id, f"unit {e.unit}" if e.unit else None, e.where) if v)
    skipped = f" · {e.skipped_columns} columns not shown" if e.skipped_columns else ""
    head = "".join(f"<th>{text(c)}</th>" for c in e.columns)
    rows = []
    for row in e.rows:
        cells = "".join(f'<td class="hit">{text(v)}</td>' if j in row.hits else f"<td>{text(v)}</td>"
                        for j, v in enumerate(row.cells))
        label = f"{row.code} {row.name}" if row.code and row.code not in row.name else row.name
        gap = ' class="gap"' if row.gap_before else ""
        rows.append(f'<tr{gap}><td class="name" title="{text(row.where)}">{text(label)}</td>{cells}</tr>')
    return (f'<div class="excerpt"><p><b>{text(e.title)}</b> · {about}{skipped}</p><table>'
            f'<thead><tr><th>row</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>')


def crop_html(c: Crop) -> str:
    data = base64.b64encode(c.data).decode("ascii")
    key = ", ".join(f'<span class="key-{r}">▭ {BOX_LABEL[r]}</span>' for r in c.roles)
    return (f'<figure class="crop"><img src="data:{c.mime};base64,{data}" width="{c.width}" height="{c.height}" '
            f'alt="{text(c.file)} page {c.page}" loading="lazy"><figcaption>{text(c.file)} p.{c.page}: {key}'
            f"</figcaption></figure>")
