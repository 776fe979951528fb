"""Channels: settings, status, import, outbox and quarantine."""
