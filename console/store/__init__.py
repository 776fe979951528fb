"""The local store: SQLAlchemy models, opening/migrating, full-text search."""

from console.store.engine import Store, open_store, sqlite_url
from console.store.errors import (
    CorruptStoreError,
    ForeignDatabaseError,
    NewerSchemaError,
    StoreError,
)

__all__ = [
    "CorruptStoreError",
    "ForeignDatabaseError",
    "NewerSchemaError",
    "Store",
    "StoreError",
    "open_store",
    "sqlite_url",
]
