"""customer_zone: evidence precedence, tables, phones, date headers, garbage."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from timezones import ZoneGuess, ZoneSource, customer_zone

JAN = datetime(2026, 1, 15, 12, tzinfo=UTC)
JUL = datetime(2026, 7, 15, 12, tzinfo=UTC)


def hours(zone: str | None, when: datetime = JAN) -> float:
    assert zone is not None
    offset = when.astimezone(ZoneInfo(zone)).utcoffset()
    assert offset is not None
    return offset / timedelta(hours=1)


# --- explicit ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("explicit", "zone"),
    [
        ("Europe/Paris", "Europe/Paris"),
        ("america/new_york", "America/New_York"),
        ("  Asia/Kathmandu ", "Asia/Kathmandu"),
        ("UTC", "UTC"),
        ("Pacific/Chatham", "Pacific/Chatham"),
    ],
)
def test_explicit_zone_wins_over_everything(explicit: str, zone: str) -> None:
    guess = customer_zone(
        explicit=explicit, country="JP", region="CA", city="Sydney", phone="+49 30 123456"
    )
    assert guess == ZoneGuess(zone, "explicit", True, (), guess.country)
    assert guess.source is ZoneSource.EXPLICIT


@pytest.mark.parametrize(
    "bad",
    [
        "Not/AZone",
        "Mars/Olympus_Mons",
        "",
        "   ",
        "../../etc/passwd",
        "/etc/localtime",
        "localtime",
        "Europe/",
        "x" * 500,
    ],
)
def test_invalid_explicit_zone_is_ignored(bad: str) -> None:
    guess = customer_zone(explicit=bad, country="FR")
    assert guess.zone == "Europe/Paris"
    assert guess.source == "country"


# --- country ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("country", "zone"),
    [
        ("DE", "Europe/Berlin"),
        ("FR", "Europe/Paris"),
        ("JP", "Asia/Tokyo"),
        ("IN", "Asia/Kolkata"),
        ("NP", "Asia/Kathmandu"),
        ("CN", "Asia/Shanghai"),
        ("AR", "America/Argentina/Buenos_Aires"),
        ("GB", "Europe/London"),
        ("UA", "Europe/Kyiv"),
        ("SG", "Asia/Singapore"),
        ("ZA", "Africa/Johannesburg"),
        ("IL", "Asia/Jerusalem"),
        ("SA", "Asia/Riyadh"),
        ("AE", "Asia/Dubai"),
        ("TR", "Europe/Istanbul"),
        ("UZ", "Asia/Tashkent"),
        ("MY", "Asia/Kuala_Lumpur"),
    ],
)
def test_single_clock_countries_are_certain(country: str, zone: str) -> None:
    guess = customer_zone(country=country)
    assert (guess.zone, guess.source, guess.certain, guess.alternatives) == (
        zone,
        "country",
        True,
        (),
    )
    assert guess.country == country


@pytest.mark.parametrize(
    ("country", "zone", "must_include"),
    [
        ("US", "America/New_York", {"America/Chicago", "America/Los_Angeles", "Pacific/Honolulu"}),
        ("CA", "America/Toronto", {"America/Vancouver", "America/St_Johns"}),
        ("AU", "Australia/Sydney", {"Australia/Perth", "Australia/Adelaide", "Australia/Brisbane"}),
        ("BR", "America/Sao_Paulo", {"America/Manaus", "America/Noronha"}),
        ("MX", "America/Mexico_City", {"America/Tijuana", "America/Cancun"}),
        ("RU", "Europe/Moscow", {"Europe/Kaliningrad", "Asia/Vladivostok", "Asia/Kamchatka"}),
        ("ID", "Asia/Jakarta", {"Asia/Makassar", "Asia/Jayapura"}),
        ("CL", "America/Santiago", {"Pacific/Easter"}),
        ("ES", "Europe/Madrid", {"Atlantic/Canary"}),
        ("PT", "Europe/Lisbon", {"Atlantic/Azores"}),
        ("NZ", "Pacific/Auckland", {"Pacific/Chatham"}),
        ("EC", "America/Guayaquil", {"Pacific/Galapagos"}),
        ("CD", "Africa/Kinshasa", {"Africa/Lubumbashi"}),
        ("MN", "Asia/Ulaanbaatar", {"Asia/Hovd"}),
    ],
)
def test_multi_zone_countries_are_uncertain(
    country: str, zone: str, must_include: set[str]
) -> None:
    guess = customer_zone(country=country)
    assert guess.zone == zone
    assert guess.source == "country"
    assert guess.certain is False
    assert must_include <= set(guess.alternatives)
    assert zone not in guess.alternatives


def test_alternatives_are_distinct_clocks() -> None:
    alternatives = customer_zone(country="US").alternatives
    # Detroit and Indianapolis keep New York's clock: not alternatives.
    assert "America/Detroit" not in alternatives
    assert "America/Indiana/Indianapolis" not in alternatives
    assert len(set(alternatives)) == len(alternatives)


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("Germany", "Europe/Berlin"),
        ("germany", "Europe/Berlin"),
        ("Deutschland", "Europe/Berlin"),
        ("DEU", "Europe/Berlin"),
        ("de", "Europe/Berlin"),
        ("UK", "Europe/London"),
        ("United Kingdom", "Europe/London"),
        ("Japan", "Asia/Tokyo"),
        ("日本", "Asia/Tokyo"),
        ("Россия", "Europe/Moscow"),
        ("USA", "America/New_York"),
        ("United States", "America/New_York"),
        ("Brasil", "America/Sao_Paulo"),
        ("España", "Europe/Madrid"),
        ("Côte d'Ivoire", "Africa/Abidjan"),
    ],
)
def test_country_codes_and_names(text: str, zone: str) -> None:
    assert customer_zone(country=text).zone == zone


def _iso_countries() -> list[str]:
    from importlib import resources

    text = resources.files("tzdata").joinpath("zoneinfo", "iso3166.tab").read_text("utf-8")
    return [line.split("\t")[0] for line in text.splitlines() if line and line[0] != "#"]


def test_every_iso_country_gets_a_valid_main_zone() -> None:
    codes = _iso_countries()
    assert len(codes) > 240
    for code in codes:
        guess = customer_zone(country=code)
        assert guess.zone is not None, code
        ZoneInfo(guess.zone)
        assert guess.source == "country"
        assert guess.country == code


# --- regions ----------------------------------------------------------------

US_JANUARY_OFFSETS = {
    "AL": -6,
    "AK": -9,
    "AZ": -7,
    "AR": -6,
    "CA": -8,
    "CO": -7,
    "CT": -5,
    "DE": -5,
    "DC": -5,
    "FL": -5,
    "GA": -5,
    "HI": -10,
    "ID": -7,
    "IL": -6,
    "IN": -5,
    "IA": -6,
    "KS": -6,
    "KY": -5,
    "LA": -6,
    "ME": -5,
    "MD": -5,
    "MA": -5,
    "MI": -5,
    "MN": -6,
    "MS": -6,
    "MO": -6,
    "MT": -7,
    "NE": -6,
    "NV": -8,
    "NH": -5,
    "NJ": -5,
    "NM": -7,
    "NY": -5,
    "NC": -5,
    "ND": -6,
    "OH": -5,
    "OK": -6,
    "OR": -8,
    "PA": -5,
    "RI": -5,
    "SC": -5,
    "SD": -6,
    "TN": -6,
    "TX": -6,
    "UT": -7,
    "VT": -5,
    "VA": -5,
    "WA": -8,
    "WV": -5,
    "WI": -6,
    "WY": -7,
    "PR": -4,
    "GU": 10,
}
US_NAMES = {
    "California": "CA",
    "new york": "NY",
    "TEXAS": "TX",
    "Hawaii": "HI",
    "Arizona": "AZ",
    "District of Columbia": "DC",
    "North Dakota": "ND",
    "West Virginia": "WV",
    "Calif.": "CA",
    "Mich.": "MI",
    "Washington": "WA",
    "Alaska": "AK",
}


@pytest.mark.parametrize(("code", "expected"), sorted(US_JANUARY_OFFSETS.items()))
def test_every_us_state_maps(code: str, expected: int) -> None:
    for text, country in ((code, "US"), (f"US-{code}", None), (code.lower(), "us")):
        guess = customer_zone(region=text, country=country)
        assert guess.source == "region", text
        assert guess.country == "US"
        assert hours(guess.zone) == expected, (text, guess)


@pytest.mark.parametrize(("name", "code"), sorted(US_NAMES.items()))
def test_us_state_names(name: str, code: str) -> None:
    guess = customer_zone(region=name)
    assert hours(guess.zone) == US_JANUARY_OFFSETS[code]
    assert guess.country == "US"


def test_arizona_has_no_dst_and_hawaii_neither() -> None:
    assert hours(customer_zone(region="AZ").zone, JUL) == -7
    assert hours(customer_zone(region="HI").zone, JUL) == -10
    assert hours(customer_zone(region="CA").zone, JUL) == -7


@pytest.mark.parametrize(
    ("region", "zone", "alternative"),
    [
        ("KY", "America/Kentucky/Louisville", "America/Chicago"),
        ("TN", "America/Chicago", "America/New_York"),
        ("IN", "America/Indiana/Indianapolis", "America/Chicago"),
        ("ID", "America/Boise", "America/Los_Angeles"),
    ],
)
def test_split_states_are_uncertain(region: str, zone: str, alternative: str) -> None:
    guess = customer_zone(country="US", region=region)
    assert (guess.zone, guess.certain, guess.alternatives) == (zone, False, (alternative,))


def test_split_state_is_narrowed_by_the_date_header() -> None:
    guess = customer_zone(
        country="US", region="Tennessee", date_header="Mon, 12 Jan 2026 10:00:00 -0500"
    )
    assert (guess.zone, guess.source, guess.certain) == ("America/New_York", "date_header", True)


CA_JANUARY_OFFSETS = {
    "AB": -7,
    "BC": -8,
    "MB": -6,
    "NB": -4,
    "NL": -3.5,
    "NS": -4,
    "NT": -7,
    "NU": -5,
    "ON": -5,
    "PE": -4,
    "QC": -5,
    "SK": -6,
    "YT": -7,
}


@pytest.mark.parametrize(("code", "expected"), sorted(CA_JANUARY_OFFSETS.items()))
def test_every_canadian_province_maps(code: str, expected: float) -> None:
    for text, country in ((code, "CA"), (f"CA-{code}", None)):
        guess = customer_zone(region=text, country=country)
        assert guess.country == "CA"
        assert hours(guess.zone) == expected, text


def test_saskatchewan_keeps_standard_time_all_year() -> None:
    assert hours(customer_zone(region="Saskatchewan").zone, JUL) == -6


AU_OFFSETS = {  # (January, July)
    "ACT": (11, 10),
    "NSW": (11, 10),
    "NT": (9.5, 9.5),
    "QLD": (10, 10),
    "SA": (10.5, 9.5),
    "TAS": (11, 10),
    "VIC": (11, 10),
    "WA": (8, 8),
}
AU_NAMES = {
    "New South Wales": "NSW",
    "Victoria": "VIC",
    "Queensland": "QLD",
    "South Australia": "SA",
    "Western Australia": "WA",
    "Tasmania": "TAS",
    "Northern Territory": "NT",
    "Australian Capital Territory": "ACT",
}


@pytest.mark.parametrize(("code", "expected"), sorted(AU_OFFSETS.items()))
def test_every_australian_state_maps(code: str, expected: tuple[float, float]) -> None:
    for text, country in ((code, "AU"), (f"AU-{code}", None), (code.lower(), "Australia")):
        guess = customer_zone(region=text, country=country)
        assert guess.country == "AU", text
        assert (hours(guess.zone, JAN), hours(guess.zone, JUL)) == expected, text
        assert guess.certain


@pytest.mark.parametrize(("name", "code"), sorted(AU_NAMES.items()))
def test_australian_state_names(name: str, code: str) -> None:
    guess = customer_zone(region=name, country="AU")
    assert (hours(guess.zone, JAN), hours(guess.zone, JUL)) == AU_OFFSETS[code]


def test_bare_nsw_needs_no_country() -> None:
    assert customer_zone(region="NSW") == ZoneGuess("Australia/Sydney", "region", True, (), "AU")


def test_ambiguous_bare_code_is_uncertain() -> None:
    guess = customer_zone(region="WA")
    assert guess.zone == "America/Los_Angeles"
    assert not guess.certain
    assert guess.alternatives == ("Australia/Perth",)
    assert customer_zone(region="WA", country="AU").zone == "Australia/Perth"
    # A phone number's country disambiguates too.
    assert customer_zone(region="WA", phone="+61 8 9123 4567").zone == "Australia/Perth"


def words(text: str) -> list[str]:
    return text.split()


BR_OFFSETS = {
    code: -3 for code in words("AL AP BA CE DF ES GO MA MG PA PB PR PE PI RJ RN RS SC SP SE TO")
} | {"AC": -5, "AM": -4, "RR": -4, "RO": -4, "MT": -4, "MS": -4}


@pytest.mark.parametrize(("code", "expected"), sorted(BR_OFFSETS.items()))
def test_every_brazilian_state_maps(code: str, expected: int) -> None:
    for text, country in ((f"BR-{code}", None), (code, "BR"), (code, "Brazil")):
        guess = customer_zone(region=text, country=country)
        assert guess.country == "BR", text
        assert hours(guess.zone, JAN) == expected == hours(guess.zone, JUL), text


@pytest.mark.parametrize(
    ("name", "offset"),
    [
        ("São Paulo", -3),
        ("Sao Paulo", -3),
        ("Amazonas", -4),
        ("Acre", -5),
        ("Mato Grosso", -4),
        ("Mato Grosso do Sul", -4),
        ("Rio de Janeiro", -3),
        ("Pará", -3),
        ("Rondônia", -4),
    ],
)
def test_brazilian_state_names(name: str, offset: int) -> None:
    assert hours(customer_zone(region=name, country="BR").zone) == offset


MX_JANUARY_OFFSETS = {
    code: -6
    for code in words(
        "AGU CAM CHP CHH CMX COA COL DUR GUA GRO HID JAL MEX MIC MOR NLE OAX PUE QUE SLP TAB TAM "
        "TLA VER YUC ZAC"
    )
} | {"BCN": -8, "BCS": -7, "NAY": -7, "SIN": -7, "SON": -7, "ROO": -5}


@pytest.mark.parametrize(("code", "expected"), sorted(MX_JANUARY_OFFSETS.items()))
def test_every_mexican_state_maps(code: str, expected: int) -> None:
    for text, country in ((f"MX-{code}", None), (code, "MX")):
        guess = customer_zone(region=text, country=country)
        assert guess.country == "MX", text
        assert hours(guess.zone) == expected, text


def test_mexico_abolished_dst_except_the_border() -> None:
    assert hours(customer_zone(region="CDMX", country="MX").zone, JUL) == -6
    assert hours(customer_zone(region="Quintana Roo").zone, JUL) == -5
    assert hours(customer_zone(region="Baja California", country="MX").zone, JUL) == -7
    assert hours(customer_zone(city="Ciudad Juárez").zone, JUL) == -6
    assert hours(customer_zone(city="Ciudad Juárez").zone, JAN) == -7


RU_OFFSETS = {
    2: "KGD",
    3: "AD CE CU DA IN KB KC KL KO KR ME MO SE TA KDA STA ARK BEL BRY IVA KLU KIR KOS KRS LEN "
    "LIP MOS MUR NIZ NGR ORL PNZ PSK ROS RYA SMO TAM TUL TVE VLA VGG VLG VOR YAR MOW SPE NEN",
    4: "AST SAR ULY SAM UD",
    5: "BA PER CHE KGN ORE SVE TYU KHM YAN",
    6: "OMS",
    7: "AL ALT KEM KYA KK TY NVS TOM",
    8: "BU IRK",
    9: "SA AMU ZAB",
    10: "KHA PRI YEV",
    11: "MAG SAK",
    12: "KAM CHU",
}
RU_CODES = {code: offset for offset, codes in RU_OFFSETS.items() for code in codes.split()}


def test_russia_has_83_federal_subjects_in_the_test_table() -> None:
    assert len(RU_CODES) == 83


@pytest.mark.parametrize(("code", "expected"), sorted(RU_CODES.items()))
def test_every_russian_federal_subject_maps(code: str, expected: int) -> None:
    for text, country in ((f"RU-{code}", None), (code, "RU"), (code, "Russia")):
        guess = customer_zone(region=text, country=country)
        assert guess.country == "RU", text
        assert guess.source == "region"
        assert hours(guess.zone, JAN) == expected == hours(guess.zone, JUL), (text, guess.zone)


@pytest.mark.parametrize(
    ("name", "offset"),
    [
        ("Moscow Oblast", 3),
        ("Московская область", 3),
        ("г. Москва", 3),
        ("Tatarstan", 3),
        ("Республика Татарстан", 3),
        ("Sverdlovsk Oblast", 5),
        ("Primorsky Krai", 10),
        ("Kamchatka", 12),
        ("Kaliningrad", 2),
        ("Sakha (Yakutia)", 9),
        ("Samara Oblast", 4),
        ("Khanty-Mansi Autonomous Okrug", 5),
        ("Crimea", 3),
        ("Saint Petersburg", 3),
    ],
)
def test_russian_region_names(name: str, offset: int) -> None:
    assert hours(customer_zone(region=name, country="RU").zone) == offset


@pytest.mark.parametrize(
    ("kwargs", "zone"),
    [
        ({"region": "Canarias"}, "Atlantic/Canary"),
        ({"region": "Canary Islands", "country": "ES"}, "Atlantic/Canary"),
        ({"region": "ES-CN"}, "Atlantic/Canary"),
        ({"region": "canarias", "country": "es"}, "Atlantic/Canary"),
        ({"region": "Tenerife", "country": "ES"}, "Atlantic/Canary"),
        ({"region": "Cataluña", "country": "ES"}, "Europe/Madrid"),
        ({"region": "CT", "country": "ES"}, "Europe/Madrid"),
        ({"region": "Ceuta"}, "Africa/Ceuta"),
        ({"region": "Azores"}, "Atlantic/Azores"),
        ({"region": "Açores"}, "Atlantic/Azores"),
        ({"region": "ACORES", "country": "PT"}, "Atlantic/Azores"),
        ({"region": "PT-20"}, "Atlantic/Azores"),
        ({"region": "Madeira"}, "Atlantic/Madeira"),
        ({"region": "PT-30"}, "Atlantic/Madeira"),
        ({"region": "Chatham Islands", "country": "NZ"}, "Pacific/Chatham"),
        ({"region": "NZ-CIT"}, "Pacific/Chatham"),
        ({"region": "Galápagos", "country": "EC"}, "Pacific/Galapagos"),
        ({"region": "Easter Island", "country": "CL"}, "Pacific/Easter"),
        ({"region": "Magallanes", "country": "CL"}, "America/Punta_Arenas"),
        ({"region": "Bali", "country": "ID"}, "Asia/Makassar"),
        ({"region": "ID-PA"}, "Asia/Jayapura"),
        ({"region": "Nord-Kivu", "country": "CD"}, "Africa/Lubumbashi"),
        ({"region": "Khovd", "country": "MN"}, "Asia/Hovd"),
        ({"region": "Crimea", "country": "UA"}, "Europe/Simferopol"),
        ({"region": "Lviv", "country": "UA"}, "Europe/Kyiv"),
    ],
)
def test_special_regions(kwargs: dict[str, str], zone: str) -> None:
    guess = customer_zone(**kwargs)
    assert guess.zone == zone
    assert guess.source == "region"
    assert guess.certain


def test_region_prefix_names_a_country_even_when_unknown() -> None:
    # No table for Germany's Länder, but "DE-BY" still says "Germany".
    guess = customer_zone(region="DE-BY")
    assert (guess.zone, guess.source, guess.certain) == ("Europe/Berlin", "country", True)


def test_unknown_region_falls_back_to_country() -> None:
    guess = customer_zone(country="US", region="Atlantis")
    assert (guess.zone, guess.source, guess.certain) == ("America/New_York", "country", False)


def test_region_of_another_country_is_not_trusted() -> None:
    # "Ontario" is not a US state: the country decides.
    assert customer_zone(country="US", region="Ontario").source == "country"


# --- cities -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "zone", "certain"),
    [
        ({"city": "Los Angeles"}, "America/Los_Angeles", True),
        ({"city": "denver"}, "America/Denver", True),
        ({"city": "El Paso", "region": "TX"}, "America/Denver", True),
        ({"city": "Houston", "country": "US"}, "America/Chicago", True),
        ({"city": "Perth", "country": "AU"}, "Australia/Perth", True),
        ({"city": "Perth, WA"}, "Australia/Perth", True),
        ({"city": "Austin, TX"}, "America/Chicago", True),
        ({"city": "Portland", "region": "ME"}, "America/New_York", True),
        ({"city": "Portland", "region": "Oregon"}, "America/Los_Angeles", True),
        ({"city": "Broken Hill"}, "Australia/Broken_Hill", True),
        ({"city": "Calgary"}, "America/Edmonton", True),
        ({"city": "St. John's", "country": "CA"}, "America/St_Johns", True),
        ({"city": "Novosibirsk"}, "Asia/Novosibirsk", True),
        ({"city": "Екатеринбург"}, "Asia/Yekaterinburg", True),
        ({"city": "Manaus"}, "America/Manaus", True),
        ({"city": "Cancún"}, "America/Cancun", True),
        ({"city": "Tijuana", "country": "MX"}, "America/Tijuana", True),
        ({"city": "Las Palmas de Gran Canaria"}, "Atlantic/Canary", True),
        ({"city": "Ponta Delgada"}, "Atlantic/Azores", True),
        ({"city": "Denpasar"}, "Asia/Makassar", True),
        ({"city": "Paris"}, "Europe/Paris", True),
        ({"city": "Kathmandu"}, "Asia/Kathmandu", True),
        ({"city": "Mumbai"}, "Asia/Kolkata", True),
        ({"city": "Munich", "country": "DE"}, "Europe/Berlin", True),
        ({"city": "Portland"}, "America/Los_Angeles", False),
    ],
)
def test_cities(kwargs: dict[str, str], zone: str, certain: bool) -> None:
    guess = customer_zone(**kwargs)
    assert (guess.zone, guess.source, guess.certain) == (zone, "city", certain)


def test_city_beats_region_and_a_wrong_city_is_ignored() -> None:
    assert customer_zone(country="US", region="TX", city="El Paso").zone == "America/Denver"
    # Sydney is not in the US: the city is ignored, the region decides.
    guess = customer_zone(country="US", region="CA", city="Sydney")
    assert (guess.zone, guess.source) == ("America/Los_Angeles", "region")


# --- phones -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "zone", "certain"),
    [
        ({"phone": "+1 212 555 0100"}, "America/New_York", True),
        ({"phone": "(415) 555-2671", "country": "US"}, "America/Los_Angeles", True),
        ({"phone": "+1 604 555 0100"}, "America/Vancouver", True),
        ({"phone": "+61 2 9374 4000"}, "Australia/Sydney", True),
        ({"phone": "08 9123 4567", "country": "AU"}, "Australia/Perth", False),  # 08: WA+SA+NT
        ({"phone": "+7 495 123 45 67"}, "Europe/Moscow", True),
        ({"phone": "+34 922 123 456"}, "Atlantic/Canary", True),
        ({"phone": "+351 296 123 456"}, "Atlantic/Azores", True),
        ({"phone": "+91 22 2345 6789"}, "Asia/Kolkata", True),
        ({"phone": "+977 1 4123456"}, "Asia/Kathmandu", True),
        ({"phone": "0049 30 123456"}, "Europe/Berlin", True),
        ({"phone": "+55 11 91234 5678"}, "America/Sao_Paulo", True),
        ({"phone": "+1 907 555 0100"}, "America/Anchorage", False),
        ({"phone": "+7 912 345 67 89"}, "Europe/Moscow", False),
        ({"phone": "+1 800 555 0199"}, "America/New_York", False),
    ],
)
def test_phones(kwargs: dict[str, str], zone: str, certain: bool) -> None:
    guess = customer_zone(**kwargs)
    assert (guess.zone, guess.source, guess.certain) == (zone, "phone", certain)
    if not certain:
        assert guess.alternatives


def test_mobile_number_zones_stay_in_its_country() -> None:
    guess = customer_zone(phone="+7 912 345 67 89")
    assert guess.country == "RU"
    assert "Europe/Bucharest" not in guess.alternatives
    assert "Asia/Almaty" not in guess.alternatives
    assert "Asia/Yekaterinburg" in guess.alternatives


def test_uncertain_phone_is_narrowed_by_the_date_header() -> None:
    guess = customer_zone(phone="+7 912 345 67 89", date_header="Tue, 3 Mar 2026 09:12:00 +0500")
    assert (guess.zone, guess.source, guess.certain) == ("Asia/Yekaterinburg", "date_header", True)


def test_phone_beats_date_header_and_country() -> None:
    guess = customer_zone(
        country="US", phone="+1 212 555 0100", date_header="Tue, 3 Mar 2026 09:12:00 -0800"
    )
    assert (guess.zone, guess.source) == ("America/New_York", "phone")


@pytest.mark.parametrize("junk", ["hello", "+", "123", "++1 (((", "+999 1234 5678", "ℵ" * 40])
def test_unusable_phone_falls_through(junk: str) -> None:
    assert customer_zone(phone=junk, country="FR").zone == "Europe/Paris"


# --- date headers -----------------------------------------------------------


@pytest.mark.parametrize(
    ("country", "header", "zone", "certain"),
    [
        ("US", "Tue, 3 Mar 2026 09:12:00 -0800", "America/Los_Angeles", True),
        ("US", "Tue, 3 Mar 2026 09:12:00 -0500", "America/New_York", True),
        ("US", "Tue, 10 Mar 2026 09:12:00 -0500", "America/Chicago", True),  # CDT after DST
        ("US", "Tue, 10 Mar 2026 09:12:00 -0400", "America/New_York", True),
        ("US", "Fri, 3 Jul 2026 09:12:00 -0700", "America/Los_Angeles", False),  # or Phoenix
        ("US", "Tue, 3 Mar 2026 09:12:00 -1000", "Pacific/Honolulu", False),  # or Adak (HST)
        ("US", "Fri, 3 Jul 2026 09:12:00 -1000", "Pacific/Honolulu", True),  # Adak is on HDT
        ("CA", "Tue, 3 Mar 2026 09:12:00 -0330", "America/St_Johns", True),
        ("AU", "Thu, 15 Jan 2026 10:00:00 +1030", "Australia/Adelaide", True),
        ("AU", "Thu, 15 Jan 2026 10:00:00 +1000", "Australia/Brisbane", True),
        ("AU", "Wed, 15 Jul 2026 10:00:00 +1000", "Australia/Sydney", False),  # or Brisbane
        ("AU", "Thu, 15 Jan 2026 10:00:00 +0800", "Australia/Perth", True),
        ("BR", "Tue, 3 Mar 2026 09:12:00 -0400", "America/Manaus", True),
        ("RU", "Tue, 3 Mar 2026 09:12:00 +0700", "Asia/Novosibirsk", True),
        ("MX", "Tue, 3 Mar 2026 09:12:00 -0800", "America/Tijuana", True),
        ("ES", "Tue, 3 Mar 2026 09:12:00 +0000", "Atlantic/Canary", True),
        ("PT", "Tue, 3 Mar 2026 09:12:00 -0100", "Atlantic/Azores", True),
        ("NZ", "Tue, 3 Mar 2026 09:12:00 +1345", "Pacific/Chatham", True),
        ("DE", "Tue, 3 Mar 2026 09:12:00 +0100", "Europe/Berlin", True),
    ],
)
def test_date_header_with_country(country: str, header: str, zone: str, certain: bool) -> None:
    guess = customer_zone(country=country, date_header=header)
    assert (guess.zone, guess.source, guess.certain) == (zone, "date_header", certain)


def test_date_header_that_fits_no_zone_of_the_country() -> None:
    guess = customer_zone(country="DE", date_header="Tue, 3 Mar 2026 09:12:00 -0800")
    assert (guess.zone, guess.source, guess.certain) == ("Europe/Berlin", "country", False)


@pytest.mark.parametrize(
    ("header", "zone"),
    [
        ("Tue, 3 Mar 2026 09:12:00 -0800", "Etc/GMT+8"),
        ("Tue, 3 Mar 2026 09:12:00 +0300", "Etc/GMT-3"),
        ("Tue, 3 Mar 2026 09:12:00 +0000", "Etc/UTC"),
        ("Tue, 3 Mar 2026 09:12:00 +0530", "Asia/Kolkata"),
        ("Tue, 3 Mar 2026 09:12:00 +0545", "Asia/Kathmandu"),
        ("Date: Tue, 3 Mar 2026 09:12:00 +0545", "Asia/Kathmandu"),
        ("2026-03-03T09:12:00+05:45", "Asia/Kathmandu"),
    ],
)
def test_date_header_alone_is_an_uncertain_offset(header: str, zone: str) -> None:
    guess = customer_zone(date_header=header)
    assert (guess.zone, guess.source, guess.certain) == (zone, "date_header", False)
    assert hours(guess.zone, datetime(2026, 3, 3, tzinfo=UTC)) * 60 == _header_minutes(header)


def _header_minutes(header: str) -> int:
    from email.utils import parsedate_to_datetime

    try:
        parsed = parsedate_to_datetime(header.removeprefix("Date: "))
    except ValueError:
        parsed = datetime.fromisoformat(header)
    offset = parsed.utcoffset()
    assert offset is not None
    return int(offset / timedelta(minutes=1))


@pytest.mark.parametrize("header", ["garbage", "Tue, 3 Mar 2026 09:12:00 -0000", "", "Date:"])
def test_unusable_date_header(header: str) -> None:
    assert customer_zone(date_header=header, country="JP").source == "country"
    assert customer_zone(date_header=header).zone is None


# --- nothing / garbage ------------------------------------------------------


def test_no_evidence() -> None:
    assert customer_zone() == ZoneGuess(zone=None, source="none", certain=False, alternatives=())
    assert customer_zone(country="ZZ", region="Nowhere", city="Atlantis") == customer_zone()


@pytest.mark.parametrize(
    "junk",
    [
        None,
        "",
        " ",
        42,
        3.5,
        b"US",
        ["US"],
        {"a": 1},
        object(),
        "\x00",
        "💥" * 100,
        "x" * 10_000,
        "US-",
        "-CA",
        "US--CA",
    ],
)
def test_garbage_never_raises(junk: object) -> None:
    guess = customer_zone(
        explicit=junk,  # type: ignore[arg-type]
        country=junk,  # type: ignore[arg-type]
        region=junk,  # type: ignore[arg-type]
        city=junk,  # type: ignore[arg-type]
        phone=junk,  # type: ignore[arg-type]
        date_header=junk,  # type: ignore[arg-type]
    )
    assert isinstance(guess, ZoneGuess)
    assert guess.zone is None or isinstance(ZoneInfo(guess.zone), ZoneInfo)


def test_source_is_a_str_enum_and_guess_is_frozen() -> None:
    guess = customer_zone(country="JP")
    assert guess.source == "country" and isinstance(guess.source, str)
    with pytest.raises(AttributeError):
        guess.zone = "Europe/Paris"  # type: ignore[misc]
    assert ZoneGuess(None, "city").source is ZoneSource.CITY
    with pytest.raises(ValueError):
        ZoneGuess(None, "telepathy")  # type: ignore[arg-type]


def test_exact_names_beat_loose_names_across_countries() -> None:
    # "Las Palmas" must not fall to Brazil's "Palmas" through its loose form "palmas".
    assert customer_zone(city="Las Palmas").zone == "Atlantic/Canary"
    assert customer_zone(city="Palmas").zone == "America/Araguaina"


def test_city_typed_into_the_region_field() -> None:
    guess = customer_zone(region="Perth", country="AU")
    assert (guess.zone, guess.source) == ("Australia/Perth", "region")


def test_explicit_zoneinfo_object() -> None:
    guess = customer_zone(explicit=ZoneInfo("Asia/Kolkata"))
    assert (guess.zone, guess.source, guess.certain) == ("Asia/Kolkata", "explicit", True)
