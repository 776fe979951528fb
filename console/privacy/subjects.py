"""Which customer a data-subject request is about, and the problems such requests report.

A request names the customer by e-mail address, phone number or id
(:func:`find_customer`); the address is matched as the identity linking stores it
(console/identity/linking.py normalises e-mail addresses and E.164 phones).
"""

from __future__ import annotations

import importlib
import pkgutil

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

import console.store
from console.identity.linking import normalize_email, normalize_phone
from console.problems import ProblemError, define, problem
from console.store.channel_tables import CustomerKey
from console.store.models import ChannelIdentity, ChannelKind, Customer

UNKNOWN_CUSTOMER = define(
    "privacy.unknown_customer", "There is no customer {who} in this store; nothing was changed."
)
NO_CUSTOMER_GIVEN = define(
    "privacy.no_customer_given",
    "Name the customer by e-mail address, phone number or customer id.",
)
EXPORT_FOLDER_UNWRITABLE = define(
    "privacy.export_folder_unwritable",
    "The export could not be written to {folder} ({reason}); nothing was written.",
)
ERASE_NEEDS_REASON = define(
    "privacy.erase_needs_reason", "An erasure needs a reason; nothing was erased."
)
ERASE_NEEDS_CONFIRMATION = define(
    "privacy.erase_needs_confirmation",
    "Erasing a customer cannot be undone: confirm it (--yes on the command line); "
    "nothing was erased.",
)
ALREADY_ERASED = define(
    "privacy.already_erased", "Customer {id} was already erased on {date}; nothing was changed."
)
RETENTION_NOT_ALLOWED = define(
    "privacy.retention_not_allowed",
    "Only compliance staff and admins may change retention rules; nothing was changed.",
)
RETENTION_MONTHS_RANGE = define(
    "privacy.retention_months_range",
    "A retention period is between {low} and {high} months; {value} was given.",
)
RETENTION_UNKNOWN_MARKET = define(
    "privacy.retention_unknown_market", "There is no market {market}; nothing was changed."
)


def find_customer(
    session: Session,
    *,
    email: str | None = None,
    phone: str | None = None,
    customer_id: int | None = None,
) -> int:
    """The id of the customer a request names; :class:`ProblemError` if there is none."""
    if customer_id is not None:
        if session.get(Customer, customer_id) is None:
            raise ProblemError(problem(UNKNOWN_CUSTOMER, who=f"#{customer_id}"))
        return customer_id
    if email:
        value = normalize_email(email) or email.strip().lower()
        found = session.scalars(
            select(CustomerKey.customer_id).where(
                CustomerKey.kind == "email", CustomerKey.value == value
            )
        ).first()
        if found is None:
            found = session.scalars(
                select(ChannelIdentity.customer_id).where(
                    ChannelIdentity.kind == ChannelKind.EMAIL,
                    or_(ChannelIdentity.address == email.strip(), ChannelIdentity.address == value),
                )
            ).first()
        if found is None:
            raise ProblemError(problem(UNKNOWN_CUSTOMER, who=email.strip()))
        return int(found)
    if phone:
        value = normalize_phone(phone) or phone.strip()
        found = session.scalars(
            select(CustomerKey.customer_id).where(
                CustomerKey.kind == "phone", CustomerKey.value == value
            )
        ).first()
        if found is None:
            found = session.scalars(
                select(ChannelIdentity.customer_id).where(
                    ChannelIdentity.kind == ChannelKind.PHONE,
                    ChannelIdentity.address.in_({value, phone.strip()}),
                )
            ).first()
        if found is None:
            raise ProblemError(problem(UNKNOWN_CUSTOMER, who=phone.strip()))
        return int(found)
    raise ProblemError(problem(NO_CUSTOMER_GIVEN))


def load_all_tables() -> None:
    """Import every ``console.store.*_tables`` module, so the metadata knows every table."""
    for info in pkgutil.iter_modules(console.store.__path__, "console.store."):
        if info.name.endswith("_tables"):
            importlib.import_module(info.name)
