"""Command line: ``python -m calculators NAME key=value ...`` prints the result as JSON.

Each input once (``key=value``); a value that holds line breaks, such as a contact log, comes
from a file with ``key=@path`` (UTF-8; a byte-order mark is allowed) or from standard input
with ``key=@-``; ``key=@@text`` is the text ``@text`` itself.

Exit status 0 on success; 2 on bad input (the message goes to stderr), an unknown
calculator, a malformed or repeated argument or a file that cannot be read (with the usage);
1 when the output cannot be written (a closed pipe: ``| head -c 10``), without a traceback.

    python -m calculators schedule principal=1000000 annual_rate=4.9 months=360 method=equal_payment
    python -m calculators contacts log=@通话记录.txt
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from typing import TextIO

from calculators import NAMES, InputError, registry, run
from calculators.money import MAX_LINES_TEXT

USAGE = (
    "用法：python -m calculators 计算器名 参数=值 ...\n"
    "  多行的内容（例如沟通记录）可以放在文件里：参数=@文件名；从标准输入读：参数=@-；\n"
    "  以 @ 开头的文字本身写成 参数=@@文字。每个参数只写一次。\n"
    f"计算器：{', '.join(NAMES)}\n"
    "例如：python -m calculators schedule principal=1000000 annual_rate=4.9 months=360 "
    "method=equal_payment"
)


class _Usage(Exception):
    """A malformed command line: the sentence, printed with the usage."""


def _read(source: TextIO) -> str:
    # One character more than any box holds is enough for the box to refuse it by length.
    return source.read(MAX_LINES_TEXT + 1)


def _value(key: str, value: str, stdin: TextIO, used_stdin: list[str]) -> str:
    if value.startswith("@@"):
        return value[1:]
    if not value.startswith("@"):
        return value
    path = value[1:]
    if path == "-":
        if used_stdin:
            raise _Usage(f"标准输入只能读一次，{used_stdin[0]} 已经用了 @-。")
        used_stdin.append(key)
        return _read(stdin)
    try:
        with open(path, encoding="utf-8-sig") as handle:
            return _read(handle)
    except UnicodeDecodeError:
        raise _Usage(f"文件“{path}”不是 UTF-8 文本，请另存为 UTF-8 再试。") from None
    except OSError as err:
        raise _Usage(f"读不了文件“{path}”：{err.strerror or err}。") from None


def parse_args(name: str, pairs: Sequence[str], stdin: TextIO) -> dict[str, str]:
    """The inputs named on the command line; `_Usage` when one is malformed or repeated."""
    known = {f.name for f in registry.get(name).fields}
    inputs: dict[str, str] = {}
    used_stdin: list[str] = []
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or key not in known:
            raise _Usage(
                f"参数“{pair[:60]}”不对：{name} 接受 {', '.join(sorted(known))}，写成 参数=值。"
            )
        if key in inputs:
            raise _Usage(f"参数 {key} 写了两次，请只写一次。")
        inputs[key] = _value(key, value, stdin, used_stdin)
    return inputs


def _write(text: str) -> int:
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader of the pipe has gone (| head): stop quietly. Python would flush stdout
        # again at exit and print a traceback, so point it at /dev/null first (as the
        # signal module's documentation advises).
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in {"-h", "--help"}:
        if args:
            return _write(USAGE + "\n")
        print(USAGE, file=sys.stderr)
        return 2
    name, pairs = args[0], args[1:]
    if name not in NAMES:
        print(f"没有名为“{name[:40]}”的计算器。\n{USAGE}", file=sys.stderr)
        return 2
    try:
        inputs = parse_args(name, pairs, sys.stdin)
    except _Usage as usage:
        print(f"{usage}\n{USAGE}", file=sys.stderr)
        return 2
    try:
        result = run(name, inputs)
    except InputError as err:
        print(f"{err.field}: {err.message}", file=sys.stderr)
        return 2
    return _write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")


if __name__ == "__main__":
    raise SystemExit(main())
