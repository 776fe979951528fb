"""The local store: SQLAlchemy models, opening/migrating, full-text search."""

from console.store.engine import Store, open_store, sqlite_url
from console.store.errors import (
    CorruptStoreError,
    ForeignDatabaseError,
    NewerSchemaError,
    ReadOnlyStoreError,
    StoreBusyError,
    StoreError,
    StoreFullError,
    StoreIOError,
    translate_database_error,
)

__all__ = [
    "CorruptStoreError",
    "ForeignDatabaseError",
    "NewerSchemaError",
    "ReadOnlyStoreError",
    "Store",
    "StoreBusyError",
    "StoreError",
    "StoreFullError",
    "StoreIOError",
    "open_store",
    "sqlite_url",
    "translate_database_error",
]
