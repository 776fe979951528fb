"""Data protection: the audit chain, data-subject export and erasure, retention (Qt-free)."""
