"""The initial memory a WebAssembly module declares, read from its binary (shared by
tests/pyodide/test_snapshot.py, which checks the snapshot fits the runtime's, and
tests/js/test_js_units.py, which checks the worker reads the same figure:
docs/assets/calc/snapshot.js, initialMemory)."""

from __future__ import annotations

from pathlib import Path


def wasm_initial_memory(path: Path) -> int:
    """The initial memory, in bytes, that a WebAssembly module declares (its memory section or
    an imported memory), read from the binary's sections."""
    data = path.read_bytes()
    assert data[:4] == b"\0asm", path
    pos = 8

    def leb() -> int:
        nonlocal pos
        value = shift = 0
        while True:
            byte = data[pos]
            pos += 1
            value |= (byte & 0x7F) << shift
            shift += 7
            if not byte & 0x80:
                return value

    while pos < len(data):
        section = data[pos]
        pos += 1
        size = leb()
        end = pos + size
        if section == 5:  # memory: count, then flags and the initial page count
            leb()
            pos += 1
            return leb() * 65536
        if section == 2:  # imports: module, name, kind (2 is a memory)
            for _ in range(leb()):
                for _name in range(2):  # the module's name and the field's, each length-prefixed
                    length = leb()
                    pos += length
                kind = data[pos]
                pos += 1
                if kind == 2:
                    pos += 1
                    return leb() * 65536
                if kind == 0:
                    leb()
                elif kind == 1:
                    pos += 1
                    flags = data[pos]
                    pos += 1
                    leb()
                    if flags & 1:
                        leb()
                elif kind == 3:
                    pos += 2
                else:
                    pos += 1
                    leb()
        pos = end
    raise AssertionError(f"{path.name} declares no memory")
