"""What translation models are installed, across engines (Qt-free; probes the disk)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from translation.engines import ApertiumEngine
from translation.packages import installed_packages


@dataclass(frozen=True)
class InstalledRoute:
    engine: str  # "argos" or "apertium"
    source: str
    target: str
    version: str
    removable: bool  # Argos packages are ours to remove; Apertium comes from Debian
    path: Path | None = None


def installed_routes(package_dir: Path) -> list[InstalledRoute]:
    routes = [
        InstalledRoute("argos", p.from_code, p.to_code, p.package_version, True, p.path)
        for p in installed_packages(package_dir)
    ]
    apertium = ApertiumEngine()
    routes += [
        InstalledRoute("apertium", source, target, apertium.version(source, target), False)
        for source, target in sorted(apertium.pairs())
    ]
    return routes
