"""Reading a result by the dotted path that a figure's `data-key` names.

"scenarios.instalment.total" -> result["scenarios"][item whose "key" is "instalment"]["total"];
in a list without "key"s a number is an index ("shares.0.share"). The convention comes from
calculators/web/blocks.py. Shared by the web and browser tests.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def resolve(result: Mapping[str, Any], path: str) -> Any:
    node: Any = result
    for part in path.split("."):
        if isinstance(node, list):
            keyed = [item for item in node if isinstance(item, Mapping) and "key" in item]
            if keyed or not part.isdigit():
                node = next(item for item in keyed if item["key"] == part)
            else:
                node = node[int(part)]
        else:
            node = node[part]
    return node
