"""The Qt user interface. The only part of the console that imports PySide6."""
