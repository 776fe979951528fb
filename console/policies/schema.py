"""The policy pack's shape and its validation, field by field.

A pack is ``{"schema_version", "notice", "review_period_days", "markets": [...]}``;
each market is a plain JSON object (see ``resources/policies/pack.json``).
Validation never stops at the first problem: it returns every
:class:`FieldError` with the path of the field ("markets[3].withdrawal.days")
and what is wrong, so a compliance officer can fix a file in one go.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

SCHEMA_VERSION = 1
NOTICE = (
    "Guidance for compliance staff to confirm, not legal advice. Statutory values change; "
    "check the sources and mark each market reviewed."
)
DEFAULT_REVIEW_PERIOD_DAYS = 180

UNITS = ("days", "business_days", "months", "hours")
STARTS = ("delivery", "contract", "later_of_delivery_or_contract")
REFUND_FROM = ("withdrawal_notice", "goods_returned", "cancellation")
PAYERS = ("consumer", "merchant", "not_applicable")
REQUEST_TYPES = (
    "access",
    "correction",
    "deletion",
    "restriction",
    "portability",
    "objection",
    "opt_out_sale",
    "limit_sensitive",
    "withdraw_consent",
)
_CODE = re.compile(r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")

Json = dict[str, Any]


@dataclass(frozen=True)
class FieldError:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class PolicyValidationError(ValueError):
    """A market or a pack that does not pass validation; ``errors`` says where."""

    def __init__(self, errors: Sequence[FieldError]) -> None:
        self.errors = tuple(errors)
        super().__init__("\n".join(str(error) for error in self.errors))


class _Checker:
    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.errors: list[FieldError] = []

    def fail(self, path: str, message: str) -> None:
        self.errors.append(FieldError(f"{self.prefix}{path}", message))

    def obj(self, data: Mapping[str, Any], key: str, path: str) -> Mapping[str, Any] | None:
        value = data.get(key)
        if not isinstance(value, Mapping):
            self.fail(path, "missing" if value is None else "must be an object")
            return None
        return value

    def text(self, data: Mapping[str, Any], key: str, path: str, *, required: bool) -> str | None:
        value = data.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, str):
            self.fail(path, "missing" if value is None else "must be text")
            return None
        if required and not value.strip():
            self.fail(path, "must not be empty")
        return value

    def integer(
        self, data: Mapping[str, Any], key: str, path: str, *, nullable: bool, minimum: int = 0
    ) -> int | None:
        if key not in data and not nullable:
            self.fail(path, "missing")
            return None
        value = data.get(key)
        if value is None:
            if not nullable:
                self.fail(path, "must be a whole number, not null")
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(path, f"must be a whole number, got {value!r}")
            return None
        if value < minimum:
            self.fail(path, f"must be at least {minimum}, got {value}")
            return None
        return value

    def boolean(self, data: Mapping[str, Any], key: str, path: str) -> bool | None:
        value = data.get(key)
        if not isinstance(value, bool):
            self.fail(path, "missing" if value is None else "must be true or false")
            return None
        return value

    def choice(
        self, data: Mapping[str, Any], key: str, path: str, options: Sequence[str]
    ) -> str | None:
        value = data.get(key)
        if value not in options:
            shown = "missing" if value is None else f"{value!r} is not allowed"
            self.fail(path, f"{shown}; use one of: {', '.join(options)}")
            return None
        return str(value)

    def text_list(
        self, data: Mapping[str, Any], key: str, path: str, *, non_empty: bool = False
    ) -> list[str]:
        value = data.get(key)
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self.fail(path, "missing" if value is None else "must be a list of texts")
            return []
        if non_empty and not value:
            self.fail(path, "must name at least one entry")
        return list(value)

    def deadline(self, data: Mapping[str, Any], key: str, path: str, *, nullable: bool) -> None:
        value = data.get(key)
        if value is None and nullable:
            return
        block = self.obj(data, key, path)
        if block is None:
            return
        self.integer(block, "amount", f"{path}.amount", nullable=True)
        self.choice(block, "unit", f"{path}.unit", UNITS)
        for extra in ("note", "condition"):
            if extra in block:
                self.text(block, extra, f"{path}.{extra}", required=False)


def validate_market(data: Any, prefix: str = "") -> list[FieldError]:
    """Every problem with one market record (empty list when it is valid)."""
    check = _Checker(prefix)
    if not isinstance(data, Mapping):
        check.fail("", "a market must be an object")
        return check.errors
    code = check.text(data, "code", "code", required=True)
    if code is not None and not _CODE.match(code):
        check.fail("code", f"{code!r} is not a country code like 'DE' or 'US-CA'")
    check.text(data, "name", "name", required=True)
    parent = data.get("parent")
    if parent is not None and (not isinstance(parent, str) or not _CODE.match(parent)):
        check.fail("parent", "must be null or a country code like 'US'")
    check.text(data, "locale", "locale", required=True)

    withdrawal_days: int | None = None
    withdrawal_applies = False
    withdrawal = check.obj(data, "withdrawal", "withdrawal")
    if withdrawal is not None:
        applies = check.boolean(withdrawal, "applies", "withdrawal.applies")
        days = check.integer(withdrawal, "days", "withdrawal.days", nullable=True, minimum=1)
        check.choice(withdrawal, "unit", "withdrawal.unit", ("days", "business_days"))
        check.choice(withdrawal, "starts", "withdrawal.starts", STARTS)
        check.boolean(withdrawal, "roll_to_working_day", "withdrawal.roll_to_working_day")
        check.text(withdrawal, "note", "withdrawal.note", required=False)
        if applies and "days" in withdrawal and withdrawal["days"] is None:
            check.fail("withdrawal.days", "a withdrawal right needs its number of days")
        withdrawal_applies = bool(applies)
        withdrawal_days = days if applies else None
    payer = check.choice(data, "return_shipping_paid_by", "return_shipping_paid_by", PAYERS)

    refund_amount: int | None = None
    refund = check.obj(data, "refund", "refund")
    if refund is not None:
        refund_amount = check.integer(refund, "amount", "refund.amount", nullable=True)
        check.choice(refund, "unit", "refund.unit", ("days", "business_days"))
        check.choice(refund, "from", "refund.from", REFUND_FROM)
        check.text(refund, "note", "refund.note", required=False)
    guarantee = check.obj(data, "guarantee", "guarantee")
    if guarantee is not None:
        check.integer(guarantee, "months", "guarantee.months", nullable=True)
        check.text(guarantee, "note", "guarantee.note", required=False)

    privacy = check.obj(data, "privacy", "privacy")
    if privacy is not None:
        check.text_list(privacy, "laws", "privacy.laws", non_empty=True)
        types = check.text_list(privacy, "request_types", "privacy.request_types")
        for index, kind in enumerate(types):
            if kind not in REQUEST_TYPES:
                check.fail(
                    f"privacy.request_types[{index}]",
                    f"{kind!r} is not a request type; use one of: {', '.join(REQUEST_TYPES)}",
                )
        check.deadline(privacy, "response", "privacy.response", nullable=False)
        check.deadline(privacy, "extension", "privacy.extension", nullable=True)
        check.deadline(privacy, "breach", "privacy.breach", nullable=False)
        check.text(privacy, "transfer_note", "privacy.transfer_note", required=False)

    languages = check.text_list(data, "languages_required", "languages_required")
    for index, language in enumerate(languages):
        if not _LANGUAGE.match(language):
            check.fail(f"languages_required[{index}]", f"{language!r} is not a language code")
    check.text(data, "languages_note", "languages_note", required=False)
    check.text(data, "notes", "notes", required=False)
    check.text_list(data, "sources", "sources", non_empty=True)
    reviewed = check.text(data, "last_reviewed", "last_reviewed", required=True)
    if reviewed:
        try:
            date.fromisoformat(reviewed)
        except ValueError:
            check.fail("last_reviewed", f"{reviewed!r} is not a date like 2026-11-20")

    store = data.get("store_policy")
    if store is not None:
        block = check.obj(data, "store_policy", "store_policy")
        if block is not None:
            _check_store_policy(
                check, block, withdrawal_applies, withdrawal_days, payer, refund_amount
            )
    return check.errors


def _check_store_policy(
    check: _Checker,
    block: Mapping[str, Any],
    withdrawal_applies: bool,
    withdrawal_days: int | None,
    payer: str | None,
    refund_amount: int | None,
) -> None:
    """A store override sits on top of the statutory floor: it may never undercut it."""
    window = check.integer(
        block, "return_window_days", "store_policy.return_window_days", nullable=True, minimum=1
    )
    if window is not None and withdrawal_applies and withdrawal_days and window < withdrawal_days:
        check.fail(
            "store_policy.return_window_days",
            f"{window} days is shorter than the statutory withdrawal period of "
            f"{withdrawal_days} days; a store policy may extend the law, never shorten it",
        )
    shipping = block.get("return_shipping_paid_by")
    if shipping is not None:
        if shipping not in ("consumer", "merchant"):
            check.fail(
                "store_policy.return_shipping_paid_by",
                f"{shipping!r} is not allowed; use consumer, merchant or null",
            )
        elif shipping == "consumer" and payer == "merchant":
            check.fail(
                "store_policy.return_shipping_paid_by",
                "the law makes the merchant pay return shipping here; the store cannot "
                "charge the consumer",
            )
    refund_days = check.integer(
        block, "refund_days", "store_policy.refund_days", nullable=True, minimum=0
    )
    if refund_days is not None and refund_amount is not None and refund_days > refund_amount:
        check.fail(
            "store_policy.refund_days",
            f"{refund_days} days is longer than the statutory refund deadline of "
            f"{refund_amount} days; a store policy may refund sooner, never later",
        )


def validate_pack(data: Any) -> list[FieldError]:
    """Every problem with a whole pack (empty list when it is valid)."""
    errors: list[FieldError] = []
    if not isinstance(data, Mapping):
        return [FieldError("(file)", "the pack must be a JSON object")]
    version = data.get("schema_version")
    if version != SCHEMA_VERSION:
        errors.append(FieldError("schema_version", f"must be {SCHEMA_VERSION}, got {version!r}"))
    period = data.get("review_period_days", DEFAULT_REVIEW_PERIOD_DAYS)
    if isinstance(period, bool) or not isinstance(period, int) or period < 1:
        errors.append(FieldError("review_period_days", "must be a whole number of days, 1 or more"))
    markets = data.get("markets")
    if not isinstance(markets, list):
        errors.append(FieldError("markets", "missing" if markets is None else "must be a list"))
        return errors
    if not markets:
        errors.append(FieldError("markets", "must hold at least one market"))
    seen: dict[str, int] = {}
    for index, market in enumerate(markets):
        errors.extend(validate_market(market, f"markets[{index}]."))
        code = market.get("code") if isinstance(market, Mapping) else None
        if isinstance(code, str):
            if code in seen:
                errors.append(
                    FieldError(
                        f"markets[{index}].code", f"{code} already appears at markets[{seen[code]}]"
                    )
                )
            seen.setdefault(code, index)
    codes = set(seen)
    for index, market in enumerate(markets):
        parent = market.get("parent") if isinstance(market, Mapping) else None
        if isinstance(parent, str) and parent not in codes:
            errors.append(
                FieldError(f"markets[{index}].parent", f"{parent} is not a market of this pack")
            )
    return errors


def require_valid_market(data: Any) -> None:
    errors = validate_market(data)
    if errors:
        raise PolicyValidationError(errors)


# -- editing helpers: flat field paths for forms and diffs ---------------------------------


@dataclass(frozen=True)
class FieldSpec:
    """One editable field of a market, by its dotted path."""

    path: str
    label: str
    kind: str  # int, text, longtext, bool, choice, list, date
    choices: tuple[str, ...] = ()
    nullable: bool = False


FIELD_SPECS: tuple[FieldSpec, ...] = (
    FieldSpec("name", "Name", "text"),
    FieldSpec("locale", "Locale", "text"),
    FieldSpec("withdrawal.applies", "Right of withdrawal", "bool"),
    FieldSpec("withdrawal.days", "Withdrawal period", "int", nullable=True),
    FieldSpec("withdrawal.unit", "Withdrawal unit", "choice", ("days", "business_days")),
    FieldSpec("withdrawal.starts", "Withdrawal starts at", "choice", STARTS),
    FieldSpec("withdrawal.roll_to_working_day", "Ends on a working day", "bool"),
    FieldSpec("withdrawal.note", "Withdrawal note", "longtext"),
    FieldSpec("return_shipping_paid_by", "Return shipping paid by", "choice", PAYERS),
    FieldSpec("refund.amount", "Refund deadline", "int", nullable=True),
    FieldSpec("refund.unit", "Refund unit", "choice", ("days", "business_days")),
    FieldSpec("refund.from", "Refund counted from", "choice", REFUND_FROM),
    FieldSpec("refund.note", "Refund note", "longtext"),
    FieldSpec("guarantee.months", "Legal guarantee (months)", "int", nullable=True),
    FieldSpec("guarantee.note", "Guarantee note", "longtext"),
    FieldSpec("privacy.laws", "Privacy laws", "list"),
    FieldSpec("privacy.request_types", "Data-subject requests", "list"),
    FieldSpec("privacy.response.amount", "Response deadline", "int", nullable=True),
    FieldSpec("privacy.response.unit", "Response unit", "choice", UNITS),
    FieldSpec("privacy.response.note", "Response note", "longtext"),
    FieldSpec("privacy.breach.amount", "Breach notification", "int", nullable=True),
    FieldSpec("privacy.breach.unit", "Breach unit", "choice", UNITS),
    FieldSpec("privacy.breach.note", "Breach note", "longtext"),
    FieldSpec("privacy.transfer_note", "Cross-border transfers", "longtext"),
    FieldSpec("languages_required", "Required languages", "list"),
    FieldSpec("languages_note", "Language note", "longtext"),
    FieldSpec(
        "store_policy.return_window_days", "Store return window (days)", "int", nullable=True
    ),
    FieldSpec("store_policy.refund_days", "Store refund within (days)", "int", nullable=True),
    FieldSpec("notes", "Notes", "longtext"),
    FieldSpec("sources", "Sources", "list"),
    FieldSpec("last_reviewed", "Last reviewed", "date"),
)


def get_path(data: Mapping[str, Any], path: str) -> Any:
    value: Any = data
    for part in path.split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
    return value


def set_path(data: Json, path: str, value: Any) -> None:
    parts = path.split(".")
    target = data
    for part in parts[:-1]:
        child = target.get(part)
        if not isinstance(child, dict):
            child = {}
            target[part] = child
        target = child
    target[parts[-1]] = value


def flatten(data: Any, prefix: str = "") -> dict[str, Any]:
    """``{"a.b": leaf}`` for every leaf (lists are leaves)."""
    if not isinstance(data, Mapping):
        return {prefix: data} if prefix else {}
    flat: dict[str, Any] = {}
    for key in sorted(data):
        path = f"{prefix}.{key}" if prefix else str(key)
        value = data[key]
        if isinstance(value, Mapping) and value:
            flat.update(flatten(value, path))
        else:
            flat[path] = value
    return flat
