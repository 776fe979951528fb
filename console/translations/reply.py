"""Translating an agent's reply into the customer's language, and back to check it (Qt-free)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from console.problems import Problem, define, problem
from translation.engines import TranslationError
from translation.protect import Glossary, GlossaryTerm
from translation.translator import Translator, normalize_code

NO_ROUTE = define("reply.no_route", "No installed translation model for {source} → {target}.")


@dataclass(frozen=True)
class ReplyDraft:
    source_text: str  # what the agent wrote
    text: str  # in the customer's language: what would be sent
    back_translation: str  # ``text`` translated back into the agent's language
    engine: str
    warnings: tuple[str, ...] = ()
    problem: str | Problem | None = None  # no translation possible: why
    lost: tuple[str, ...] = ()  # protected text (order numbers ...) the engine lost


def _with_facts(translator: Translator, facts: Mapping[str, str], target: str) -> Glossary | None:
    """The team's glossary plus each fact (source text -> its fixed text in *target*)."""
    if not facts:
        return None
    code = normalize_code(target)
    terms = tuple(
        GlossaryTerm(source, {code: fixed}) for source, fixed in facts.items() if source.strip()
    )
    return Glossary(translator.glossary.terms + terms)


def translate_reply(
    translator: Translator,
    text: str,
    agent_language: str,
    customer_language: str,
    facts: Mapping[str, str] | None = None,
) -> ReplyDraft:
    """*text* in the customer's language, and back.

    *facts*: worked-out facts as the agent's text writes them -> as the customer's
    must (dates in their locale); each is kept out of machine translation and the
    customer's wording put in its place (and the reverse for the back-translation).
    """
    facts = {source: fixed for source, fixed in (facts or {}).items() if source in text}
    if not text.strip() or agent_language == customer_language:
        return ReplyDraft(text, text, text, "none")
    if not translator.can_translate(agent_language, customer_language):
        return ReplyDraft(
            text,
            text,
            "",
            "none",
            problem=problem(NO_ROUTE, source=agent_language, target=customer_language),
        )
    try:
        forward = translator.translate(
            text,
            agent_language,
            customer_language,
            glossary=_with_facts(translator, facts, customer_language),
        )
        reverse = {fixed: source for source, fixed in facts.items()}
        back = (
            translator.translate(
                forward.text,
                customer_language,
                agent_language,
                glossary=_with_facts(translator, reverse, agent_language),
            ).text
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
