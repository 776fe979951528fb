"""Translations of stored messages: what needs translating, detection, saving, overrides."""
