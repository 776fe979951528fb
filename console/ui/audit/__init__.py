"""The audit viewer: the log with filters and the chain's state (admins and compliance staff)."""
