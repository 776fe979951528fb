"""Scorecards: rubrics whose every change is a new version.

Names a person reads are data in each language (``{"en": ..., "zh": ...}``),
seeded for the default rubric and written by leads for their own; the window
picks the UI language with :func:`localized`. A version is never edited: saving
a changed rubric adds the next version, and reviews keep the version they used.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from console import audit
from console.problems import define, problem
from console.quality.access import QualityError, require_lead
from console.store.models import utcnow
from console.store.quality_tables import QualityRubric, QualityRubricItem, QualityRubricVersion

DEFAULT_RUBRIC = "default"

NO_WEIGHTED_ITEM = define(
    "quality.no_weighted_item",
    "A scorecard needs at least one item with a weight (auto-fail items have none).",
)
ITEM_WITHOUT_NAME = define(
    "quality.item_without_name",
    "Item {position} has no wording; write what the reviewer checks.",
)
BAD_WEIGHT = define(
    "quality.bad_weight",
    "“{item}” needs a weight between 0 and {limit} (0 only for auto-fail items).",
)
MAX_WEIGHT = 100.0


@dataclass(frozen=True)
class ItemSpec:
    """An item as a lead writes it; ``key`` empty for a new item (made from its name)."""

    key: str
    section: Mapping[str, str]
    names: Mapping[str, str]
    weight: float
    auto_fail: bool = False


@dataclass(frozen=True)
class RubricItem:
    id: int
    key: str
    section: dict[str, str]
    names: dict[str, str]
    weight: float
    auto_fail: bool


@dataclass(frozen=True)
class RubricView:
    """One version of a rubric with its items, in order."""

    rubric_key: str
    version_id: int
    version: int
    names: dict[str, str]
    items: tuple[RubricItem, ...]


def _d(section_en: str, section_zh: str, key: str, en: str, zh: str, weight: float) -> ItemSpec:
    return ItemSpec(key, {"en": section_en, "zh": section_zh}, {"en": en, "zh": zh}, weight)


def _fail(key: str, en: str, zh: str) -> ItemSpec:
    section = {"en": "Critical errors", "zh": "严重错误"}
    return ItemSpec(key, section, {"en": en, "zh": zh}, 0.0, auto_fail=True)


DEFAULT_NAMES = {"en": "Customer conversation", "zh": "客户会话"}
DEFAULT_ITEMS: tuple[ItemSpec, ...] = (
    _d("Understanding", "理解问题", "understood", "Understood what the customer asked",
       "理解了客户的问题", 2),
    _d("Understanding", "理解问题", "answered_all", "Answered every question the customer asked",
       "回答了客户提出的所有问题", 2),
    _d("Accuracy", "准确性", "policy_correct",
       "Stated the return, refund and warranty rules correctly",
       "正确说明了退货、退款和保修规则", 3),
    _d("Accuracy", "准确性", "order_facts", "Order details (numbers, dates, amounts) are correct",
       "订单信息（单号、日期、金额）准确无误", 2),
    _d("Communication", "沟通", "tone", "Polite, friendly tone that suits the customer",
       "语气礼貌友好，适合客户", 1),
    _d("Communication", "沟通", "clear_language",
       "Clear, natural language (the translation reads well)", "语言清晰自然（译文通顺）", 1),
    _d("Communication", "沟通", "next_steps", "Said what happens next and when",
       "说明了后续步骤和时间", 1),
    _fail("wrong_statutory_deadline", "Stated a wrong statutory deadline", "说错了法定期限"),
    _fail("other_customer_data", "Shared another customer's data", "泄露了其他客户的数据"),
    _fail("wrong_language", "Replied in a language the customer did not write",
          "用客户没有使用的语言回复"),
)  # fmt: skip


def localized(names: Mapping[str, str], language: str) -> str:
    """The name in ``language`` (``zh_CN`` finds ``zh``), else English, else any."""
    base = language.replace("-", "_").split("_")[0]
    for candidate in (language, base, "en"):
        text = names.get(candidate)
        if text:
            return text
    return next((text for text in names.values() if text), "")


def ensure_default_rubric(session: Session) -> RubricView:
    """The default rubric, seeded (version 1, in English and Chinese) on first use."""
    rubric = session.scalars(
        select(QualityRubric).where(QualityRubric.key == DEFAULT_RUBRIC)
    ).one_or_none()
    if rubric is None:
        rubric = QualityRubric(key=DEFAULT_RUBRIC)
        session.add(rubric)
        session.flush()
        _add_version(session, rubric, 1, DEFAULT_NAMES, DEFAULT_ITEMS, "seed")
    view = current_rubric(session, DEFAULT_RUBRIC)
    assert view is not None
    return view


def current_rubric(session: Session, key: str = DEFAULT_RUBRIC) -> RubricView | None:
    """The newest version of the rubric ``key``, or None when there is none."""
    version_id = session.scalar(
        select(QualityRubricVersion.id)
        .join(QualityRubric)
        .where(QualityRubric.key == key)
        .order_by(QualityRubricVersion.version.desc())
        .limit(1)
    )
    return None if version_id is None else rubric_version(session, version_id)


def rubric_version(session: Session, version_id: int) -> RubricView:
    """A version as it was saved (the one a review used)."""
    version = session.get(QualityRubricVersion, version_id)
    if version is None:
        raise KeyError(version_id)
    items = tuple(
        RubricItem(
            item.id, item.key, dict(item.section), dict(item.names), item.weight, item.auto_fail
        )
        for item in version.items
    )
    return RubricView(version.rubric.key, version.id, version.version, dict(version.names), items)


def save_rubric(
    session: Session,
    items: Sequence[ItemSpec],
    *,
    agent_id: int | None,
    names: Mapping[str, str] | None = None,
    key: str = DEFAULT_RUBRIC,
) -> RubricView:
    """Save the rubric as a new version (a lead only); unchanged, the current one stays.

    Items without a key get one made from their name; reviews of older versions
    keep theirs.
    """
    lead = require_lead(session, agent_id)
    cleaned = _checked(items)
    rubric = session.scalars(select(QualityRubric).where(QualityRubric.key == key)).one_or_none()
    if rubric is None:
        rubric = QualityRubric(key=key)
        session.add(rubric)
        session.flush()
    current = current_rubric(session, key)
    new_names = dict(names) if names is not None else (current.names if current else {})
    if current is not None and _same(current, new_names, cleaned):
        return current
    number = (
        session.scalar(
            select(func.max(QualityRubricVersion.version)).where(
                QualityRubricVersion.rubric_id == rubric.id
            )
        )
        or 0
    ) + 1
    version = _add_version(session, rubric, number, new_names, cleaned, lead.name)
    audit.record(
        session,
        actor=lead.name,
        action="quality.rubric_saved",
        entity="quality_rubric",
        entity_id=rubric.id,
        version=number,
        items=len(cleaned),
    )
    return rubric_version(session, version.id)


def _add_version(
    session: Session,
    rubric: QualityRubric,
    number: int,
    names: Mapping[str, str],
    items: Sequence[ItemSpec],
    author: str,
) -> QualityRubricVersion:
    version = QualityRubricVersion(
        rubric_id=rubric.id,
        version=number,
        names=dict(names),
        created_by=author,
        created_at=utcnow(),
    )
    session.add(version)
    session.flush()
    for position, spec in enumerate(items):
        session.add(
            QualityRubricItem(
                version_id=version.id,
                position=position,
                key=spec.key,
                section=dict(spec.section),
                names=dict(spec.names),
                weight=float(spec.weight),
                auto_fail=spec.auto_fail,
            )
        )
    session.flush()
    session.expire(version, ["items"])
    return version


def _checked(items: Sequence[ItemSpec]) -> list[ItemSpec]:
    """Names trimmed, keys unique and present, weights in range; or a QualityError."""
    cleaned: list[ItemSpec] = []
    used: set[str] = set()
    for position, spec in enumerate(items, start=1):
        names = {lang: text.strip() for lang, text in spec.names.items() if text.strip()}
        section = {lang: text.strip() for lang, text in spec.section.items() if text.strip()}
        if not names:
            raise QualityError(problem(ITEM_WITHOUT_NAME, position=position))
        label = localized(names, "en")
        weight = 0.0 if spec.auto_fail else float(spec.weight)
        if not spec.auto_fail and not 0 < weight <= MAX_WEIGHT:
            raise QualityError(problem(BAD_WEIGHT, item=label, limit=int(MAX_WEIGHT)))
        key = _unique(spec.key.strip() or _slug(label) or f"item_{position}", used)
        used.add(key)
        cleaned.append(ItemSpec(key, section, names, weight, spec.auto_fail))
    if not any(not spec.auto_fail for spec in cleaned):
        raise QualityError(problem(NO_WEIGHTED_ITEM))
    return cleaned


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")[:48]


def _unique(key: str, used: set[str]) -> str:
    candidate, number = key, 2
    while candidate in used:
        candidate, number = f"{key}_{number}", number + 1
    return candidate


def _same(current: RubricView, names: Mapping[str, str], items: Sequence[ItemSpec]) -> bool:
    mine = [(i.key, i.section, i.names, i.weight, i.auto_fail) for i in current.items]
    theirs = [(i.key, dict(i.section), dict(i.names), i.weight, i.auto_fail) for i in items]
    return current.names == dict(names) and mine == theirs
