"""The package stays light to import and exports its API."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import timezones


def test_import_does_not_load_heavy_dependencies() -> None:
    code = (
        "import json, sys, timezones; "
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'holidays', 'phonenumbers', 'babel', 'PySide6', 'dateutil'})))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert json.loads(result.stdout) == []


def test_public_api() -> None:
    assert set(timezones.__all__) >= {
        "customer_zone",
        "ZoneGuess",
        "local_facts",
        "LocalFacts",
        "BusinessHours",
        "is_open",
        "next_open",
        "add_business_time",
        "business_time_between",
        "format_local_time",
        "format_local_date",
        "format_money",
    }
    for name in timezones.__all__:
        assert getattr(timezones, name) is not None


def test_zone_table_falls_back_to_the_tzdata_package(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a system tz database (Windows), zone.tab comes from the tzdata package."""
    from timezones import countries

    monkeypatch.setattr(countries, "TZPATH", ("/nonexistent",))
    countries._zone_table.cache_clear()
    countries._zone_countries.cache_clear()
    try:
        assert countries.country_zones("US")[0] == "America/New_York"
        assert "Pacific/Chatham" in countries.country_zones("NZ")
    finally:
        monkeypatch.undo()
        countries._zone_table.cache_clear()
        countries._zone_countries.cache_clear()
