"""Every problem the core can report is worded in each UI language."""

from __future__ import annotations

import importlib
import pkgutil
import xml.etree.ElementTree as ET

import pytest

import console
import locales
from console.problems import TEMPLATES, placeholders


def _import_all_core_modules() -> None:
    for info in pkgutil.walk_packages(console.__path__, "console."):
        if not info.name.startswith("console.ui") and "migrations" not in info.name:
            importlib.import_module(info.name)


def _finished_translations(language: str) -> dict[str, str]:
    tree = ET.parse(locales.source_path(language))
    found: dict[str, str] = {}
    for context in tree.getroot().iter("context"):
        if context.findtext("name") != "Problem":
            continue
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is not None and translation.get("type") is None and translation.text:
                found[message.findtext("source") or ""] = translation.text
    return found


def test_every_core_problem_has_a_ui_wording_with_the_same_english() -> None:
    _import_all_core_modules()
    from console.ui.problem_texts import WORDINGS

    assert TEMPLATES, "the core defines problem codes"
    missing = sorted(set(TEMPLATES) - set(WORDINGS))
    assert not missing, f"codes without a UI wording: {missing}"
    differing = sorted(code for code in TEMPLATES if WORDINGS[code] != TEMPLATES[code])
    assert not differing, f"UI English differs from the core's for: {differing}"


@pytest.mark.parametrize("language", ["zh_CN"])
def test_every_wording_is_translated_with_the_same_placeholders(language: str) -> None:
    from console.ui.problem_texts import WORDINGS

    translated = _finished_translations(language)
    untranslated = sorted(code for code, text in WORDINGS.items() if text not in translated)
    assert not untranslated, f"{language}: no finished translation for {untranslated}"
    for text in WORDINGS.values():
        assert placeholders(translated[text]) == placeholders(text), text
