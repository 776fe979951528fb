"""Routing: which queue and which person a new or reopened conversation goes to (Qt-free)."""
