"""Medians, extremes and percentiles of repeated measurements."""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Sample:
    """Repeated measurements of one quantity, in the order they were taken."""

    values: tuple[float, ...]
    unit: str = "ms"

    @classmethod
    def of(cls, values: Iterable[float], unit: str = "ms") -> Sample:
        return cls(tuple(values), unit)

    @property
    def n(self) -> int:
        return len(self.values)

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def min(self) -> float:
        return min(self.values)

    @property
    def max(self) -> float:
        return max(self.values)

    def percentile(self, p: float) -> float:
        """Nearest-rank percentile: the smallest value with at least p % of values <= it."""
        ordered = sorted(self.values)
        rank = max(1, math.ceil(p / 100 * len(ordered)))
        return ordered[rank - 1]
