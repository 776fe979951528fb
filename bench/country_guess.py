"""Benchmark: timezones.customer_country, one figure per line.

* the first calls, which build the lookup tables (names of every locale, phones,
  language data),
* a call repeated with the same ticket (the per-input caches answer),
* calls on tickets never seen before (every phone, address, domain and Date
  header different), per evidence mix.

It is a measurement, not a test: it never fails on slow figures.

    .venv/bin/python bench/country_guess.py [--tickets N]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from timezones import customer_country  # noqa: E402

Ticket = dict[str, Any]


def _timed(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def _tickets(count: int, kind: str) -> list[Ticket]:
    """Distinct tickets of one evidence mix (no two share a cacheable value)."""
    countries = ["Deutschland", "France", "España", "日本", "Brasil", "United Kingdom"]
    languages = ["de", "fr", "es", "ja", "pt", "en", "zh-Hant", "ar", "it", "nl"]
    tlds = ["de", "fr", "es", "co.jp", "com.br", "co.uk", "com", "io", "it", "nl"]
    tickets: list[Ticket] = []
    for i in range(count):
        day = 1 + i % 28
        minute = i % 60
        hour = (i // 60) % 24
        sign = "+" if i % 2 else "-"
        header = f"Mon, {day:02d} Jun 2026 {hour:02d}:{minute:02d}:00 {sign}0{i % 10}00"
        ticket: Ticket
        if kind == "declared":
            ticket = {"declared": f"{i} Main St, {countries[i % len(countries)]}"}
        elif kind == "phone":
            ticket = {"phone": f"+49 30 {10_000_000 + i}"}
        elif kind == "email":
            ticket = {"email": f"user{i}@shop{i}.{tlds[i % len(tlds)]}"}
        elif kind == "date+language":
            ticket = {"date_header": header, "language": languages[i % len(languages)]}
        else:  # everything but a declared country
            ticket = {
                "phone": f"+33 1 {40_000_000 + i}",
                "email": f"user{i}@shop{i}.{tlds[i % len(tlds)]}",
                "date_header": header,
                "language": languages[i % len(languages)],
            }
        tickets.append(ticket)
    return tickets


def _per_call_us(tickets: list[Ticket]) -> float:
    start = time.perf_counter()
    for ticket in tickets:
        customer_country(**ticket)
    return (time.perf_counter() - start) / len(tickets) * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tickets", type=int, default=2000)
    args = parser.parse_args()

    first = {
        "declared_code": lambda: customer_country(declared="DE"),
        "declared_rare_name": lambda: customer_country(declared="Alemanya"),
        "phone": lambda: customer_country(phone="+49 30 12345678"),
        "email": lambda: customer_country(email="a@b.de"),
        "date_language": lambda: customer_country(
            date_header="Wed, 14 Jan 2026 10:00:00 +0100", language="de"
        ),
    }
    for name, call in first.items():
        print(f"first_call_{name}_ms {_timed(call) * 1e3:.1f}")

    repeated = {
        "declared": "Deutschland",
        "phone": "+49 30 12345678",
        "email": "hans@web.de",
        "date_header": "Wed, 14 Jan 2026 10:00:00 +0100",
        "language": "de",
    }
    runs = 20_000
    start = time.perf_counter()
    for _ in range(runs):
        customer_country(**repeated)
    print(f"repeated_ticket_us {(time.perf_counter() - start) / runs * 1e6:.1f}")

    for kind in ("declared", "phone", "email", "date+language", "all_but_declared"):
        warm = _tickets(50, kind)
        _per_call_us(warm)  # tables built; these 50 values are not reused below
        fresh = _tickets(args.tickets + 50, kind)[50:]
        print(f"new_ticket_{kind.replace('+', '_')}_us {_per_call_us(fresh):.1f}")


if __name__ == "__main__":
    main()
