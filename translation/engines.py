"""Translation engines behind one interface, and the Apertium engine.

An engine translates batches of plain lines (placeholders included) for the
language pairs it has installed. :class:`translation.translator.Translator` picks
the best engine per pair by ``priority`` (higher wins) and pivots through English.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol, runtime_checkable


class TranslationError(Exception):
    """Base class of the library's translation errors."""


class NoEngineError(TranslationError, LookupError):
    """No installed engine translates the pair, directly or through English."""


class EngineError(TranslationError):
    """An engine failed to translate (crashed, missing files, bad output)."""


@runtime_checkable
class Engine(Protocol):
    """What the translator needs from an engine."""

    name: str
    priority: int
    """Higher is preferred when several engines translate the same pair."""

    def pairs(self) -> frozenset[tuple[str, str]]:
        """Installed (source, target) pairs, ISO 639-1 codes where they exist."""
        ...

    def version(self, source: str, target: str) -> str:
        """Changes whenever the output for the pair could change (cache key)."""
        ...

    def translate_batch(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        """Translate each text (one line, no line breaks); same length and order."""
        ...


# Apertium names languages with ISO 639-3 codes; the library uses ISO 639-1.
_ISO3_TO_1 = {
    "eng": "en", "spa": "es", "cat": "ca", "fra": "fr", "por": "pt", "ita": "it",
    "deu": "de", "nld": "nl", "glg": "gl", "oci": "oc", "ron": "ro", "eus": "eu",
    "epo": "eo", "nob": "nb", "nno": "nn", "swe": "sv", "dan": "da", "isl": "is",
    "rus": "ru", "ukr": "uk", "bel": "be", "pol": "pl", "ces": "cs", "slk": "sk",
    "hbs": "sh", "srp": "sr", "hrv": "hr", "bos": "bs", "slv": "sl", "mkd": "mk",
    "bul": "bg", "ell": "el", "tur": "tr", "kaz": "kk", "tat": "tt", "ara": "ar",
    "mlt": "mt", "hin": "hi", "urd": "ur", "ind": "id", "msa": "ms", "zlm": "ms",
    "afr": "af", "cym": "cy", "bre": "br", "gle": "ga", "arg": "an", "ast": "ast",
}  # fmt: skip

APERTIUM_MODES_DIR = Path("/usr/share/apertium/modes")


def _iso1(code: str) -> str | None:
    if len(code) == 2:
        return code
    return _ISO3_TO_1.get(code)


class ApertiumEngine:
    """Rule-based translation with the Debian ``apertium`` pipeline and pair packages.

    All lines of a batch go through one pipeline run, separated by blank lines
    (Apertium keeps text-format blanks); if the count of lines coming back differs,
    each line is translated on its own.
    """

    name = "apertium"
    priority = 10

    def __init__(
        self,
        modes_dir: Path | None = None,
        executable: str | None = None,
        timeout: float = 120.0,
    ) -> None:
        self.modes_dir = modes_dir or APERTIUM_MODES_DIR
        self.executable = executable or shutil.which("apertium") or "apertium"
        self.timeout = timeout
        self._lock = threading.Lock()
        self._modes: dict[tuple[str, str], str] | None = None
        self._versions: dict[str, str] = {}

    def _scan(self) -> dict[tuple[str, str], str]:
        if self._modes is None:
            modes: dict[tuple[str, str], str] = {}
            if shutil.which(self.executable) and self.modes_dir.is_dir():
                for mode_file in sorted(self.modes_dir.glob("*.mode")):
                    mode = mode_file.stem
                    parts = mode.split("-")
                    if len(parts) != 2:  # variants such as spa-eng_US, debug modes
                        continue
                    source, target = (_iso1(p) for p in parts)
                    if source and target:
                        modes.setdefault((source, target), mode)
            self._modes = modes
        return self._modes

    def refresh(self) -> None:
        """Forget the scanned pairs (after installing or removing a pair package)."""
        with self._lock:
            self._modes = None
            self._versions.clear()

    def pairs(self) -> frozenset[tuple[str, str]]:
        with self._lock:
            return frozenset(self._scan())

    def _mode(self, source: str, target: str) -> str:
        with self._lock:
            mode = self._scan().get((source, target))
        if mode is None:
            raise EngineError(f"Apertium has no {source}->{target} pair installed")
        return mode

    def version(self, source: str, target: str) -> str:
        mode = self._mode(source, target)
        with self._lock:
            if mode not in self._versions:
                self._versions[mode] = self._read_version(mode)
            return self._versions[mode]

    def _read_version(self, mode: str) -> str:
        # The pair package's version when dpkg knows it, else the data files' stamps.
        mode_file = self.modes_dir / f"{mode}.mode"
        pair_package = None
        try:
            for word in mode_file.read_text().split():
                if word.strip("'\"").startswith("/usr/share/apertium/apertium-"):
                    pair_package = Path(word.strip("'\"")).parent.name
                    break
        except OSError:
            pass
        if pair_package and shutil.which("dpkg-query"):
            result = subprocess.run(
                ["dpkg-query", "-W", "-f=${Package}=${Version} ", pair_package, "apertium"],
                capture_output=True,
                text=True,
                check=False,
            )
            if result.returncode == 0 and result.stdout:
                return " ".join(sorted(result.stdout.split()))
        stat = mode_file.stat()
        return f"{mode}@{stat.st_mtime_ns}"

    def _run(self, mode: str, text: str) -> str:
        try:
            result = subprocess.run(
                [self.executable, "-u", mode],
                input=text,
                capture_output=True,
                text=True,
                timeout=self.timeout,
                check=False,
                env={**os.environ, "LC_ALL": "C.UTF-8"},
            )
        except (OSError, subprocess.TimeoutExpired) as err:
            raise EngineError(f"Apertium {mode} failed: {err}") from err
        if result.returncode != 0:
            raise EngineError(f"Apertium {mode} failed: {result.stderr.strip()[:500]}")
        return result.stdout

    def translate_batch(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        if not texts:
            return []
        mode = self._mode(source, target)
        clean = [" ".join(text.split()) for text in texts]
        filled = [text for text in clean if text]
        if not filled:
            return ["" for _ in clean]
        output = self._run(mode, "\n\n".join(filled) + "\n")
        lines = [line.strip() for line in output.strip("\n").split("\n\n")]
        if len(lines) != len(filled):
            lines = [self._run(mode, text + "\n").strip() for text in filled]
        done = iter(lines)
        return [next(done) if text else "" for text in clean]
