"""Every problem the core can report is worded in each UI language."""

from __future__ import annotations

import importlib
import pkgutil
import xml.etree.ElementTree as ET

import pytest

import console
import locales
from console.problems import TEMPLATES, placeholders
from translation.packages import TEMPLATES as PACKAGE_TEMPLATES


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
    from console.ui.common.problem_texts import WORDINGS

    assert TEMPLATES, "the core defines problem codes"
    defined = {**TEMPLATES, **PACKAGE_TEMPLATES}
    missing = sorted(set(defined) - set(WORDINGS))
    assert not missing, f"codes without a UI wording: {missing}"
    differing = sorted(code for code in defined if WORDINGS[code] != defined[code])
    assert not differing, f"UI English differs from the core's for: {differing}"


@pytest.mark.parametrize("language", ["zh_CN"])
def test_every_wording_is_translated_with_the_same_placeholders(language: str) -> None:
    from console.ui.common.problem_texts import WORDINGS

    translated = _finished_translations(language)
    untranslated = sorted(code for code, text in WORDINGS.items() if text not in translated)
    assert not untranslated, f"{language}: no finished translation for {untranslated}"
    for text in WORDINGS.values():
        assert placeholders(translated[text]) == placeholders(text), text


def test_a_package_error_is_worded_in_the_ui_language(qapp: object) -> None:
    from PySide6.QtCore import QCoreApplication

    from console.ui.common.problem_texts import error_text
    from console.ui.settings.ui_language import UiLanguage
    from translation.packages import PackageError

    error = PackageError("package.too_many_files", source="evil.argosmodel", limit="10000")
    ui = UiLanguage(QCoreApplication.instance())  # type: ignore[arg-type]
    try:
        ui.apply("zh_CN")
        assert error_text(error) == "翻译包 evil.argosmodel 含有超过 10000 个文件，因此被拒绝。"
    finally:
        ui.apply("en")
    assert error_text(error) == str(error)
