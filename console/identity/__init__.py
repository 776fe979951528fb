"""One customer across channels: linking identities, merge suggestions, merge and split."""

from console.identity.linking import normalize_email, normalize_order, normalize_phone
from console.identity.merge import (
    IdentityChangeInfo,
    MergeSuggestionInfo,
    dismiss_suggestion,
    merge_customers,
    open_suggestions,
    split_customer,
    undo_change,
)

__all__ = [
    "IdentityChangeInfo",
    "MergeSuggestionInfo",
    "dismiss_suggestion",
    "merge_customers",
    "normalize_email",
    "normalize_order",
    "normalize_phone",
    "open_suggestions",
    "split_customer",
    "undo_change",
]
