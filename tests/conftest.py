"""Shared test set-up.

The repository root goes on sys.path so the build hooks import as `hooks.shortcodes` and
`hooks.runtime` (MkDocs itself loads them by file path; see the hook files).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
