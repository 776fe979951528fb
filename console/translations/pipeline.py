"""Detect and translate one stored message (runs on the translation thread; Qt-free)."""

from __future__ import annotations

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


def translate_message(
    translator: Translator,
    request: TranslationRequest,
    target: str,
    context: DetectionContext,
) -> MessageTranslation:
    language, detection = request.language, None
    if language is None:
        detection = detect_language(
            request.text,
            context.candidates or None,
            prior_languages=context.earlier_languages,
            country=context.country,
        )
        if detection.language == "und":
            return MessageTranslation(
                request.message_id, None, detection, None, "The language could not be detected."
            )
        language = detection.language
    if language == target:
        return MessageTranslation(request.message_id, language, detection, None)
    if not translator.can_translate(language, target):
        return MessageTranslation(
            request.message_id,
            language,
            detection,
            None,
            f"No installed translation model for {language} → {target}.",
            (language, target),
        )
    try:
        translation = translator.translate(request.text, language, target)
    except TranslationError as exc:
        return MessageTranslation(request.message_id, language, detection, None, str(exc))
    return MessageTranslation(request.message_id, language, detection, translation)
