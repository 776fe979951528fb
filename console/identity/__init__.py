"""One customer across channels: linking identities, merge suggestions, merge and split."""

from console.identity.linking import normalize_email, normalize_order, normalize_phone
from console.identity.merge import (
    CustomerSuggestion,
    IdentityChangeInfo,
    IdentityError,
    IdentityInfo,
    IdentityOverview,
    MergeSuggestionInfo,
    accept_suggestion,
    conversations_of_identities,
    customer_identities,
    dismiss_suggestion,
    identity_overview,
    merge_customers,
    open_suggestions,
    split_customer,
    split_off_identities,
    undo_change,
)

__all__ = [
    "CustomerSuggestion",
    "IdentityChangeInfo",
    "IdentityError",
    "IdentityInfo",
    "IdentityOverview",
    "MergeSuggestionInfo",
    "accept_suggestion",
    "conversations_of_identities",
    "customer_identities",
    "dismiss_suggestion",
    "identity_overview",
    "merge_customers",
    "normalize_email",
    "normalize_order",
    "normalize_phone",
    "open_suggestions",
    "split_customer",
    "split_off_identities",
    "undo_change",
]
