"""The multilingual reply library (Qt-free): entries, variants, drafting, export/import."""

from console.replies.context import ReplyContext, reply_context
from console.replies.exchange import export_library, import_library, parse_library
from console.replies.library import (
    VARIABLES,
    EntryView,
    VariantView,
    approve_variant,
    draft_missing,
    draft_variant,
    list_entries,
    render,
    save_entry,
    search,
    set_variant,
    suggest,
    suggested_categories,
)

__all__ = [
    "VARIABLES",
    "EntryView",
    "ReplyContext",
    "VariantView",
    "approve_variant",
    "draft_missing",
    "draft_variant",
    "export_library",
    "import_library",
    "list_entries",
    "parse_library",
    "render",
    "reply_context",
    "save_entry",
    "search",
    "set_variant",
    "suggest",
    "suggested_categories",
]
