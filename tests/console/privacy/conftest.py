"""Fixtures of the privacy tests; privacy_helpers.py sits beside this file."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
