"""Qt-free translation library: language identification and machine translation.

Translation names are imported on first use (``translation.translate`` and friends),
so ``import translation`` stays light: no CTranslate2, SentencePiece, SQLAlchemy
or argostranslate until a translation or a package operation needs them.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from translation.detect import Detection, detect_language

if TYPE_CHECKING:
    from translation.argos import ArgosEngine
    from translation.engines import (
        ApertiumEngine,
        Engine,
        EngineError,
        NoEngineError,
        TranslationError,
    )
    from translation.memory import InMemoryMemory, MemoryKey, SqlMemory, TranslationMemory
    from translation.protect import Glossary, GlossaryTerm
    from translation.translator import (
        Translation,
        TranslationWarning,
        Translator,
        configure,
        get_translator,
        translate,
    )

_LAZY = {
    "ArgosEngine": "translation.argos",
    "ApertiumEngine": "translation.engines",
    "Engine": "translation.engines",
    "EngineError": "translation.engines",
    "NoEngineError": "translation.engines",
    "TranslationError": "translation.engines",
    "InMemoryMemory": "translation.memory",
    "MemoryKey": "translation.memory",
    "SqlMemory": "translation.memory",
    "TranslationMemory": "translation.memory",
    "Glossary": "translation.protect",
    "GlossaryTerm": "translation.protect",
    "Translation": "translation.translator",
    "TranslationWarning": "translation.translator",
    "Translator": "translation.translator",
    "configure": "translation.translator",
    "get_translator": "translation.translator",
    "translate": "translation.translator",
}

__all__ = [
    "ApertiumEngine",
    "ArgosEngine",
    "Detection",
    "Engine",
    "EngineError",
    "Glossary",
    "GlossaryTerm",
    "InMemoryMemory",
    "MemoryKey",
    "NoEngineError",
    "SqlMemory",
    "Translation",
    "TranslationError",
    "TranslationMemory",
    "TranslationWarning",
    "Translator",
    "configure",
    "detect_language",
    "get_translator",
    "translate",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'translation' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value
