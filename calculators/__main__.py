"""Command line: ``python -m calculators NAME key=value ...`` prints the result as JSON.

Exit status 0 on success; 2 on bad input (the message goes to stderr), an unknown
calculator or a malformed argument (with the usage).

    python -m calculators schedule principal=1000000 annual_rate=4.9 months=360 method=equal_payment
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence

from calculators import NAMES, InputError, registry, run

USAGE = (
    "用法：python -m calculators 计算器名 参数=值 ...\n"
    f"计算器：{', '.join(NAMES)}\n"
    "例如：python -m calculators schedule principal=1000000 annual_rate=4.9 months=360 "
    "method=equal_payment"
)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in {"-h", "--help"}:
        print(USAGE, file=sys.stdout if args else sys.stderr)
        return 0 if args else 2
    name, pairs = args[0], args[1:]
    if name not in NAMES:
        print(f"没有名为“{name}”的计算器。\n{USAGE}", file=sys.stderr)
        return 2
    known = {f.name for f in registry.get(name).fields}
    inputs: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or key not in known:
            print(
                f"参数“{pair}”不对：{name} 接受 {', '.join(sorted(known))}，"
                f"写成 参数=值。\n{USAGE}",
                file=sys.stderr,
            )
            return 2
        inputs[key] = value
    try:
        result = run(name, inputs)
    except InputError as err:
        print(f"{err.field}: {err.message}", file=sys.stderr)
        return 2
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
