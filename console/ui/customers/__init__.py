"""The customer panel: details, place, local time and identities."""
