"""The inbox: its table, filters, search matches and translation ahead of time."""
