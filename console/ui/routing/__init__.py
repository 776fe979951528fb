"""Routing in the window: the leads' routing rules editor and the routing operations."""
