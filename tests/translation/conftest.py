"""Fixtures for translation tests: tiny but real Argos packages, built once per session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from translation.argos_builder import build_package, zip_package
from translation.packages import install_package


@pytest.fixture(scope="session")
def built_packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Unpacked package folders by pair name (``de_en``, ``en_fr``, ``fr_en``)."""
    root = tmp_path_factory.mktemp("argos-built")
    return {
        "de_en": build_package(root / "de_en", "de", "en", seed=1),
        "en_fr": build_package(root / "en_fr", "en", "fr", seed=2),
        "fr_en": build_package(root / "fr_en", "fr", "en", seed=3),
    }


@pytest.fixture(scope="session")
def built_archives(
    built_packages: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("argos-archives")
    return {
        name: zip_package(folder, root / f"translate-{name}-1_0.argosmodel")
        for name, folder in built_packages.items()
    }


@pytest.fixture
def package_dir(tmp_path: Path, built_packages: dict[str, Path]) -> Path:
    """A package folder with de->en and en->fr installed."""
    target = tmp_path / "packages"
    install_package(built_packages["de_en"], target)
    install_package(built_packages["en_fr"], target)
    return target


@pytest.fixture
def apertium_required() -> None:
    """Apertium is part of the project's setup (.ci/setup installs it): fail, not skip."""
    assert shutil.which("apertium"), "apertium is not installed: run .ci/setup"
    assert Path("/usr/share/apertium/modes/eng-spa.mode").exists(), (
        "apertium-eng-spa is not installed: run .ci/setup"
    )
