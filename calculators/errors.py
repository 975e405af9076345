"""The one exception that `calculators.run` lets out."""

from __future__ import annotations


class InputError(ValueError):
    """Bad input: `field` is the input's name, `message` a plain Chinese sentence for the person.

    The message says what is wrong and what to type instead, e.g.
    ``InputError("months", "还款期数请填 1 到 600 之间的整数。")``.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message

    def to_dict(self) -> dict[str, str]:
        return {"field": self.field, "message": self.message}


class UnknownCalculator(InputError, KeyError):
    """There is no calculator of that name: an `InputError` on "name" with a sentence, like
    any bad input, and a `KeyError`, as a lookup of an unknown name has always raised.

    >>> str(UnknownCalculator("nope").message)
    '没有名为“nope”的计算器。'
    """

    def __init__(self, name: object) -> None:
        shown = name[:40] if isinstance(name, str) else ""
        super().__init__("name", f"没有名为“{shown}”的计算器。")

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"
