"""Why a store could not be opened, in words a user can act on."""

from __future__ import annotations


class StoreError(Exception):
    """A store that cannot be used. The message is meant for the user."""


class CorruptStoreError(StoreError):
    pass


class NewerSchemaError(StoreError):
    pass


class ForeignDatabaseError(StoreError):
    pass
