"""Qt-free translation library: language identification and machine translation."""

from translation.detect import Detection, detect_language

__all__ = ["Detection", "detect_language"]
