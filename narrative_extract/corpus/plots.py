"""``corpus stats --plot DIR``: the statistics as charts (matplotlib, Agg: no display needed).

Three charts, each as PNG and SVG: reason categories by year (stacked bars), alarm rate by region
and alarm rate by check family (horizontal bars). Labels are the data's own (Chinese region names
are drawn in characters when a CJK font is installed (Noto CJK, WenQuanYi), else in Latin letters
(``patterns/regions.json``), never as empty boxes).
"""

from __future__ import annotations

from pathlib import Path

from .region import latin_names
from .stats import CorpusStats

CJK_FONTS = ["Noto Sans CJK SC", "Noto Sans CJK JP", "WenQuanYi Zen Hei", "Droid Sans Fallback"]


def cjk_font() -> str | None:
    """The first CJK font matplotlib can find, or None."""
    from matplotlib import font_manager

    for name in CJK_FONTS:
        try:
            font_manager.findfont(font_manager.FontProperties(family=name), fallback_to_default=False)
        except ValueError:
            continue
        return name
    return None


def region_label(region: str | None, cjk: bool) -> str:
    if region is None:
        return "?"
    return region if cjk else latin_names().get(region, region)


def write_plots(stats: CorpusStats, folder: str | Path) -> list[Path]:
    """Write the charts into ``folder`` (created if needed); returns the files written."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    font = cjk_font()
    with plt.rc_context({"font.sans-serif": [font] if font else ["DejaVu Sans"], "svg.hashsalt": "narrative_extract",
                         "axes.unicode_minus": False}):
        for name, draw in (("reasons_by_year", _reasons_by_year), ("alarms_by_region", _alarms_by_region),
                           ("alarms_by_family", _alarms_by_family)):
            fig = draw(plt, stats, font is not None)
            for suffix in ("png", "svg"):
                path = out / f"{name}.{suffix}"
                fig.savefig(path, bbox_inches="tight", metadata={"Date": None} if suffix == "svg" else None)
                written.append(path)
            plt.close(fig)
    return written


def _reasons_by_year(plt, stats: CorpusStats, cjk: bool):
    by_year = stats.reasons_by("year", "category")
    years = sorted(by_year, key=lambda y: (y is None, y or 0))
    categories = sorted({c for counts in by_year.values() for c in counts}, key=lambda c: (c is None, c or ""))
    fig, ax = plt.subplots(figsize=(max(4, 1.2 * len(years) + 3), 4.5))
    labels = [str(y) if y is not None else "?" for y in years]
    bottom = [0] * len(years)
    colours = plt.get_cmap("tab20")
    for i, category in enumerate(categories):
        heights = [by_year[y].get(category, 0) for y in years]
        ax.bar(labels, heights, bottom=bottom, label=category or "?", color=colours(i % 20))
        bottom = [b + h for b, h in zip(bottom, heights)]
    ax.set_xlabel("year")
    ax.set_ylabel("reasons")
    ax.set_title("stated reasons by category and year")
    if categories:
        ax.legend(fontsize="small", bbox_to_anchor=(1.02, 1), loc="upper left")
    return fig


def _rate_bars(plt, labels: list[str], rates: list[float], counts: list[int], title: str, what: str):
    fig, ax = plt.subplots(figsize=(7, 0.35 * len(labels) + 1.5))
    ax.barh(labels, [100 * r for r in rates])
    for i, (rate, n) in enumerate(zip(rates, counts)):
        ax.text(100 * rate, i, f" {rate:.1%} of {n}", va="center", fontsize="small")
    ax.set_xlim(0, max([1.0, *(125 * r for r in rates)]))  # room for the labels; no negative axis when all are 0
    ax.set_xlabel(f"alarms (mismatch + warning), % of {what}")
    ax.set_title(title)
    ax.invert_yaxis()
    return fig


def _alarms_by_region(plt, stats: CorpusStats, cjk: bool):
    regions = [r for r in stats.regions if r.findings]
    return _rate_bars(plt, [region_label(r.region, cjk) for r in regions], [r.alarm_rate for r in regions],
                      [r.findings for r in regions], "alarm rate by region", "findings")


def _alarms_by_family(plt, stats: CorpusStats, cjk: bool):
    families = list(stats.families)
    return _rate_bars(plt, [f.kind for f in families], [f.alarm_rate for f in families],
                      [f.findings for f in families], "alarm rate by check family", "findings")
