"""The seed pack and validation, field by field."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from console.policies import PolicyValidationError, parse_pack, validate_market, validate_pack
from console.policies.rules import SEED_PACK, load_seed_pack

REQUIRED = {
    "DE",
    "FR",
    "ES",
    "IT",
    "NL",
    "PL",
    "SE",
    "IE",
    "AT",
    "BE",
    "GB",
    "US",
    "US-CA",
    "CA",
    "AU",
    "NZ",
    "JP",
    "KR",
    "SG",
    "MY",
    "TH",
    "VN",
    "ID",
    "PH",
    "BR",
    "MX",
    "AE",
    "SA",
    "TR",
    "IN",
    "CH",
    "NO",
}
EU = ("DE", "FR", "ES", "IT", "NL", "PL", "SE", "IE", "AT", "BE")


@pytest.fixture(scope="module")
def pack() -> dict[str, Any]:
    return load_seed_pack()


def markets(pack: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {market["code"]: market for market in pack["markets"]}


def test_seed_pack_is_valid_and_covers_the_markets(pack: dict[str, Any]) -> None:
    assert validate_pack(pack) == []
    assert len(pack["markets"]) >= 30
    assert set(markets(pack)) >= REQUIRED
    assert "not legal advice" in pack["notice"]
    assert pack["schema_version"] == 1


def test_eu_values_follow_the_directives(pack: dict[str, Any]) -> None:
    by_code = markets(pack)
    for code in EU:
        market = by_code[code]
        assert market["withdrawal"]["applies"] is True
        assert market["withdrawal"]["days"] == 14
        assert market["withdrawal"]["starts"] == "delivery"
        assert market["refund"]["amount"] == 14
        privacy = market["privacy"]
        assert privacy["response"] == {**privacy["response"], "amount": 1, "unit": "months"}
        assert privacy["extension"]["amount"] == 2 and privacy["extension"]["unit"] == "months"
        assert privacy["breach"]["amount"] == 72 and privacy["breach"]["unit"] == "hours"
        assert any("GDPR" in law for law in privacy["laws"])
        assert any("2011/83/EU" in source for source in market["sources"])
    assert by_code["ES"]["guarantee"]["months"] == 36
    assert by_code["FR"]["languages_required"] == ["fr"]


def test_other_markets_hold_their_own_law(pack: dict[str, Any]) -> None:
    by_code = markets(pack)
    assert by_code["US"]["withdrawal"]["applies"] is False
    california = by_code["US-CA"]
    assert california["parent"] == "US"
    assert california["privacy"]["response"]["amount"] == 45
    assert california["privacy"]["extension"]["amount"] == 45
    assert any("CCPA" in law for law in california["privacy"]["laws"])
    assert by_code["GB"]["withdrawal"]["days"] == 14
    assert any("UK GDPR" in law for law in by_code["GB"]["privacy"]["laws"])
    assert by_code["BR"]["withdrawal"]["days"] == 7
    assert by_code["BR"]["return_shipping_paid_by"] == "merchant"
    assert by_code["JP"]["withdrawal"]["days"] == 8
    assert by_code["KR"]["withdrawal"]["days"] == 7
    assert by_code["MX"]["withdrawal"]["unit"] == "business_days"
    assert by_code["TR"]["privacy"]["response"]["amount"] == 30


def test_a_broken_market_is_reported_field_by_field(pack: dict[str, Any]) -> None:
    market = copy.deepcopy(markets(pack)["DE"])
    market["withdrawal"]["days"] = "fourteen"
    market["privacy"]["response"]["unit"] = "weeks"
    market["privacy"]["request_types"].append("telepathy")
    market["last_reviewed"] = "last tuesday"
    del market["sources"]
    errors = {error.path: error.message for error in validate_market(market)}
    assert errors["withdrawal.days"].startswith("must be a whole number")
    assert "weeks" in errors["privacy.response.unit"]
    assert "telepathy" in errors["privacy.request_types[6]"]
    assert "not a date" in errors["last_reviewed"]
    assert errors["sources"] == "missing"
    assert len(errors) == 5


def test_a_store_policy_may_not_undercut_the_law(pack: dict[str, Any]) -> None:
    market = copy.deepcopy(markets(pack)["DE"])
    market["store_policy"] = {
        "return_window_days": 10,
        "return_shipping_paid_by": None,
        "refund_days": 30,
    }
    errors = {error.path: error.message for error in validate_market(market)}
    assert errors["store_policy.return_window_days"] == (
        "10 days is shorter than the statutory withdrawal period of 14 days; "
        "a store policy may extend the law, never shorten it"
    )
    assert "longer than the statutory refund deadline" in errors["store_policy.refund_days"]
    market["store_policy"] = {
        "return_window_days": 30,
        "return_shipping_paid_by": "merchant",
        "refund_days": 7,
    }
    assert validate_market(market) == []


def test_store_cannot_charge_return_shipping_where_the_law_says_the_merchant_pays(
    pack: dict[str, Any],
) -> None:
    market = copy.deepcopy(markets(pack)["BR"])
    market["store_policy"]["return_shipping_paid_by"] = "consumer"
    (error,) = validate_market(market)
    assert error.path == "store_policy.return_shipping_paid_by"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{not json", "(file): not valid JSON"),
        ("[]", "(file): the pack must be a JSON object"),
        ('{"schema_version": 1}', "markets: missing"),
        ('{"schema_version": 1, "markets": []}', "markets: must hold at least one market"),
    ],
)
def test_bad_files_say_what_is_wrong(text: str, expected: str) -> None:
    with pytest.raises(PolicyValidationError) as raised:
        parse_pack(text)
    assert str(raised.value.errors[0]).startswith(expected)


def test_duplicate_codes_and_unknown_parents_are_reported(pack: dict[str, Any]) -> None:
    broken = copy.deepcopy(pack)
    broken["markets"].append(copy.deepcopy(broken["markets"][0]))
    california = next(m for m in broken["markets"] if m["code"] == "US-CA")
    california["parent"] = "XX"
    messages = [str(error) for error in validate_pack(broken)]
    assert any("DE already appears at markets[0]" in message for message in messages)
    assert any("XX is not a market of this pack" in message for message in messages)


def test_the_seed_file_is_plain_utf8_json() -> None:
    data = json.loads(SEED_PACK.read_text(encoding="utf-8"))
    assert data["markets"][0]["code"] == "DE"
