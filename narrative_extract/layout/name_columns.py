"""A project's name printed over several text columns side by side, read as one name.

Project tables (项目支出表, 项目支出预算表) often print a row's name in several adjacent text
columns before the figures: ``类型 | 一级项目 | 二级项目 | 项目单位`` (长春), ``一级项目 | 二级项目 |
项目名称``, ``单位名称 | 项目名称 | 项目类别``. Read one segment per name column, such a table gives
rows named by the unit or the category instead of the project. Here adjacent name columns of which
at least one names the project (its header a *level* word of patterns/project_columns.json) are one
name group; each row is named by its most specific filled level column (项目名称 over 二级项目 over
一级项目), whatever their printed order, or — a category or unit total that prints no project —
by the last filled of the other columns (类型, 单位名称).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

import regex

from ..patterns import pattern_path


@dataclass(frozen=True)
class ProjectColumnWords:
    levels: tuple[str, ...]  # header words of a column naming the project, least specific first
    titles: tuple[regex.Pattern, ...]  # titles of project tables
    not_titles: tuple[str, ...]  # words of a title that is no project table
    totals: tuple[str, ...] = ()  # a subject ending so is the whole of the projects' money (项目支出)


@lru_cache(maxsize=1)
def project_column_words() -> ProjectColumnWords:
    path = pattern_path("project_columns.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    try:
        return ProjectColumnWords(tuple(data["levels"]), tuple(regex.compile(t) for t in data["titles"]),
                                  tuple(data["not_titles"]), tuple(data["totals"]))
    except KeyError as err:
        raise ValueError(f"{path}: lacks {err}") from None
    except regex.error as err:
        raise ValueError(f"{path}: a title pattern does not compile: {err}") from None


def level(path: str) -> int | None:
    """How specific a project column is (its index in ``levels``), from its header's last part;
    None for a column that does not name the project (项目单位, 类型, 单位名称)."""
    leaf = path.rsplit("/", 1)[-1]
    for i, word in enumerate(project_column_words().levels):
        if leaf == word or leaf == word + "名称":
            return i
    return None


def is_project_title(title: str) -> bool:
    words = project_column_words()
    squashed = regex.sub(r"\s+", "", title)
    return any(t.search(squashed) for t in words.titles) and not any(w in squashed for w in words.not_titles)


def name_groups(header: list[str], roles: list[str]) -> list[list[int]]:
    """Runs of adjacent ``name`` columns (index columns between them skipped) that name a project:
    two or more columns, at least one of them a level column. Every other name column is its own run."""
    runs: list[list[int]] = []
    current: list[int] = []
    for j, role in enumerate(roles):
        if role == "name":
            current.append(j)
        elif role not in ("index", "blank") and current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    out: list[list[int]] = []
    for run in runs:
        if len(run) >= 2 and any(level(header[j]) is not None for j in run):
            out.append(run)
        else:
            out.extend([j] for j in run)
    return out


def project_name(texts: list[str], paths: list[str]) -> str | None:
    """The most specific filled level column of a row's name group, if any (spaces already squashed)."""
    ranked = [(lvl, t) for t, p in zip(texts, paths) if t and (lvl := level(p)) is not None]
    return max(ranked, key=lambda lt: lt[0])[1] if ranked else None


def group_name(texts: list[str], paths: list[str]) -> str:
    """The name of one row from the texts of its name group: its project, else its last other text."""
    if (project := project_name(texts, paths)) is not None:
        return project
    others = [t for t in texts if t]
    return others[-1] if others else ""
