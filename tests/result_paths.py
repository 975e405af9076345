"""Reading a result by the dotted path that a figure's `data-key` names.

"scenarios.instalment.total" -> result["scenarios"][item whose "key" is "instalment"]["total"];
the convention comes from calculators/web/results.py. Shared by the web and browser tests.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def resolve(result: Mapping[str, Any], path: str) -> Any:
    node: Any = result
    for part in path.split("."):
        if isinstance(node, list):
            node = next(item for item in node if item.get("key") == part)
        else:
            node = node[part]
    return node
