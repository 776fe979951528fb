"""Make the shared mail corpus builder (corpus.py beside this file) importable."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
