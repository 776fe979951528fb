"""Detect and translate one stored message (runs on the translation thread; Qt-free)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from console.translations.service import DetectionContext, TranslationRequest
from translation import detect_language
from translation.detect import Detection
from translation.engines import TranslationError
from translation.translator import Translation, Translator


@dataclass(frozen=True)
class MessageTranslation:
    message_id: int
    language: str | None
    detection: Detection | None  # set when the language had to be detected
    translation: Translation | None
    problem: str | None = None  # why there is no translation, for the agent
    no_route: tuple[str, str] | None = None  # (source, target) no installed engine covers

    @property
    def engine_version(self) -> str:
        if self.translation is None:
            return ""
        return "+".join(hop.engine_version for hop in self.translation.route)


def translate_messages(
    translator: Translator,
    requests: Sequence[TranslationRequest],
    target: str,
    context: DetectionContext,
) -> list[MessageTranslation]:
    """Several messages: detected one by one, then one engine call per source language.

    Batching is what makes background translation of an inbox fast
    (``Translator.translate_many``, the path ``bench/translate.py`` measures).
    """
    results: list[MessageTranslation | None] = []
    detections: dict[int, Detection | None] = {}
    by_language: dict[str, list[int]] = {}
    for position, request in enumerate(requests):
        settled, language, detection = _settle(translator, request, target, context)
        results.append(settled)
        if settled is None and language is not None:
            by_language.setdefault(language, []).append(position)
            detections[position] = detection
    for language, positions in by_language.items():
        batch = [requests[p] for p in positions]
        try:
            translations = translator.translate_many([r.text for r in batch], language, target)
        except TranslationError as exc:
            for p, request in zip(positions, batch, strict=True):
                results[p] = MessageTranslation(
                    request.message_id, language, detections[p], None, str(exc)
                )
            continue
        for p, request, translation in zip(positions, batch, translations, strict=True):
            results[p] = MessageTranslation(
                request.message_id, language, detections[p], translation
            )
    return [result for result in results if result is not None]


def _detect(request: TranslationRequest, context: DetectionContext) -> Detection:
    return detect_language(
        request.text,
        context.candidates or None,
        prior_languages=context.earlier_languages,
        country=context.country,
    )


def _settle(
    translator: Translator,
    request: TranslationRequest,
    target: str,
    context: DetectionContext,
) -> tuple[MessageTranslation | None, str | None, Detection | None]:
    """A final result when nothing is to be translated, else (None, language, detection)."""
    language, detection = request.language, None
    if language is None or language == "und":  # undetermined at arrival: try with context
        detection = _detect(request, context)
        if detection.language == "und":
            message = "The language could not be detected."
            return (
                MessageTranslation(request.message_id, None, detection, None, message),
                None,
                None,
            )
        language = detection.language
    if language == target:
        return MessageTranslation(request.message_id, language, detection, None), None, None
    if not translator.can_translate(language, target):
        return (
            MessageTranslation(
                request.message_id,
                language,
                detection,
                None,
                f"No installed translation model for {language} → {target}.",
                (language, target),
            ),
            None,
            None,
        )
    return None, language, detection
