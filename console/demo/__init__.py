"""A deterministic demo store: multilingual shoppers, real support topics."""

from console.demo.generator import DEMO_NOW, build_demo_store, ensure_demo_store

__all__ = ["DEMO_NOW", "build_demo_store", "ensure_demo_store"]
