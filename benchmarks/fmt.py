"""Formatting of the report's numbers, and the readers of a run's results (objects in the run
that measured them, plain JSON when the report is written again from results.json)."""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from benchmarks.lighthouse import LighthouseRun
from benchmarks.stats import Sample


def ms(value: float) -> str:
    return f"{value:,.0f} ms" if value >= 100 else f"{value:.1f} ms"


def kb(value: float) -> str:
    return f"{value / 1024:,.1f} KiB" if value < 1024 * 1024 else f"{value / 1048576:,.2f} MiB"


def fmt(value: float, unit: str) -> str:
    if unit == "ms":
        return ms(value)
    if unit == "B":
        return kb(value)
    return f"{value:g}"


def row(label: str, s: Sample) -> str:
    return (
        f"| {label} | **{fmt(s.median, s.unit)}** | {fmt(s.min, s.unit)} | "
        f"{fmt(s.max, s.unit)} | {s.n} |"
    )


def sample(data: Any) -> Sample:
    if isinstance(data, Sample):
        return data
    return Sample(tuple(data["values"]), data.get("unit", "ms"))


def lh(data: Any) -> LighthouseRun:
    return data if isinstance(data, LighthouseRun) else LighthouseRun(**data)


def median(values: Iterable[float]) -> float:
    return statistics.median(list(values))


def without_search(rows: Sequence[Sequence[Any]]) -> int:
    return sum(int(n) for p, n in rows if not str(p).endswith("search/search_index.json"))


def get(data: Any, *keys: str) -> Any:
    """``data[k1][k2]...`` for nested mappings, None where a level is missing or None."""
    for key in keys:
        if not isinstance(data, Mapping) or data.get(key) is None:
            return None
        data = data[key]
    return data


def collect(runs: Iterable[Any], *keys: str) -> list[Any]:
    """The value at ``keys`` of every run that has one."""
    return [v for v in (get(run, *keys) for run in runs) if v is not None]
