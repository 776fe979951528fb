"""Settings and the UI language."""
