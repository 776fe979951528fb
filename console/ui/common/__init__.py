"""Widgets, models and wordings every feature of the window uses."""
