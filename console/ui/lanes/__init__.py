"""The lanes work runs on (store, files, translation), the change bus and named operations."""
