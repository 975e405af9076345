"""JSON text from outside (a page's inputs, an imported file), read defensively: size, then
shape, then values.

`load` checks, in this order and before `json.loads` sees the text:

1. the size (`max_chars`), so a huge text costs nothing;
2. the depth of nesting (`max_depth`): ``"[" * 9999 + "]" * 9999`` is 19,998 characters,
   well under any size limit, and would make the parser recurse until Python (or, in the
   browser, Pyodide's stack) gives up. The strings are blanked out first (a bracket inside a
   string is text), then each pass of a regular expression removes the innermost brackets:
   after `max_depth` passes a well-formed text has none left. Both steps run in the regex
   engine, linear in the text, whatever it holds;
3. the syntax, with duplicate keys refused (``{"a": 1, "a": 2}``: the standard keeps the
   last, so a bad first value would never be checked).

Every refusal is a `Refused` with a `reason` ("size", "depth", "syntax" or "duplicate")
that the caller words for the reader; nothing else escapes.

>>> load('{"a": [1, 2]}', max_chars=100, max_depth=2)
{'a': [1, 2]}
>>> load('[[[]]]', max_chars=100, max_depth=2)
Traceback (most recent call last):
...
calculators.jsontext.Refused: depth
"""

from __future__ import annotations

import json
import re
from typing import Any

# A JSON string, possessively (no backtracking): its quotes, escapes and text.
_STRING = re.compile(r'"(?:[^"\\]++|\\.)*+"', re.DOTALL)
_INNERMOST = re.compile(r"\[[^\[\]{}]*+\]|\{[^\[\]{}]*+\}")
_BRACKETS = re.compile(r"[\[\]{}]")
# A BOM is what Windows Notepad writes at the start of a UTF-8 file.
BOM = "\ufeff"


class Refused(ValueError):
    """The text is not read: `reason` is "size", "depth", "syntax" or "duplicate"."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise Refused("duplicate")
        out[key] = value
    return out


def nesting_within(text: str, max_depth: int) -> bool:
    """Whether no bracket in `text` (outside strings) nests deeper than `max_depth`.

    >>> nesting_within('{"a": "[[[["}', 1), nesting_within("[[1]]", 1)
    (True, False)
    """
    bare = _STRING.sub('""', text)
    for _ in range(max_depth):
        bare, removed = _INNERMOST.subn("0", bare)
        if not removed:
            break
    return _BRACKETS.search(bare) is None


def load(text: object, *, max_chars: int, max_depth: int) -> Any:
    """The JSON value in `text` (a leading BOM allowed); `Refused` when it cannot be used."""
    if not isinstance(text, str) or len(text) > max_chars:
        raise Refused("size")
    text = text.removeprefix(BOM)
    if not nesting_within(text, max_depth):
        raise Refused("depth")
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates)
    except Refused:
        raise
    except (ValueError, RecursionError):  # JSONDecodeError is a ValueError
        raise Refused("syntax") from None
