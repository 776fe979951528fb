"""Translating an agent's reply into the customer's language, and back to check it (Qt-free)."""

from __future__ import annotations

from dataclasses import dataclass

from translation.engines import TranslationError
from translation.translator import Translator


@dataclass(frozen=True)
class ReplyDraft:
    source_text: str  # what the agent wrote
    text: str  # in the customer's language: what would be sent
    back_translation: str  # ``text`` translated back into the agent's language
    engine: str
    warnings: tuple[str, ...] = ()
    problem: str | None = None  # no translation possible: why
    lost: tuple[str, ...] = ()  # protected text (order numbers ...) the engine lost


def translate_reply(
    translator: Translator, text: str, agent_language: str, customer_language: str
) -> ReplyDraft:
    if not text.strip() or agent_language == customer_language:
        return ReplyDraft(text, text, text, "none")
    if not translator.can_translate(agent_language, customer_language):
        return ReplyDraft(
            text,
            text,
            "",
            "none",
            problem=f"No installed translation model for {agent_language} → {customer_language}.",
        )
    try:
        forward = translator.translate(text, agent_language, customer_language)
        back = (
            translator.translate(forward.text, customer_language, agent_language).text
            if translator.can_translate(customer_language, agent_language)
            else ""
        )
    except TranslationError as exc:
        return ReplyDraft(text, text, "", "none", problem=str(exc))
    lost = tuple(item for w in forward.warnings if w.kind == "dropped" for item in w.items)
    return ReplyDraft(
        text, forward.text, back, forward.engine, tuple(str(w) for w in forward.warnings),
        lost=lost,
    )  # fmt: skip
