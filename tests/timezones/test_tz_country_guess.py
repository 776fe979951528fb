"""customer_country: each source, precedence between them, and garbage of any kind."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import timezones
from timezones import CountryGuess, country_guess, customer_country

JAN_DE = "Wed, 14 Jan 2026 10:00:00 +0100"
JUL_DE = "Wed, 15 Jul 2026 10:00:00 +0200"


def guess(**evidence: Any) -> CountryGuess:
    return customer_country(**evidence)


def strict(
    declared: Any = None,
    email: Any = None,
    phone: Any = None,
    date_header: Any = None,
    language: Any = None,
) -> CountryGuess:
    """The guess without customer_country's catch-all, so a hidden exception fails."""
    return country_guess._guess(declared, email, phone, date_header, language)


def test_exported_from_package() -> None:
    assert {"customer_country", "CountryGuess"} <= set(timezones.__all__)
    assert customer_country() == CountryGuess(None, "none", False, ())


# --- declared ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("declared", "country"),
    [
        ("DE", "DE"),
        ("de", "DE"),
        (" de ", "DE"),
        ("DEU", "DE"),
        ("deu", "DE"),
        ("Germany", "DE"),
        ("GERMANY", "DE"),
        ("Deutschland", "DE"),
        ("Allemagne", "DE"),
        ("Alemania", "DE"),
        ("Германия", "DE"),
        ("ドイツ", "DE"),
        ("德国", "DE"),
        ("德國", "DE"),
        ("UK", "GB"),
        ("U.K.", "GB"),
        ("United Kingdom", "GB"),
        ("Great Britain", "GB"),
        ("英国", "GB"),
        ("英國", "GB"),
        ("USA", "US"),
        ("U.S.A.", "US"),
        ("United States of America", "US"),
        ("United States", "US"),
        ("美国", "US"),
        ("美國", "US"),
        ("Holland", "NL"),
        ("the Netherlands", "NL"),
        ("Nederland", "NL"),
        ("Österreich", "AT"),
        ("osterreich", "AT"),
        ("Türkiye", "TR"),
        ("Turkey", "TR"),
        ("Curaçao", "CW"),
        ("côte d'ivoire", "CI"),
        ("Saint Lucia", "LC"),
        ("St. Lucia", "LC"),
        ("the Bahamas", "BS"),
        ("Hong Kong", "HK"),
        ("香港", "HK"),
        ("中国香港", "HK"),
        ("澳門", "MO"),
        ("台湾", "TW"),
        ("臺灣", "TW"),
        ("中国", "CN"),
        ("中国大陆", "CN"),
        ("韩国", "KR"),
        ("南韓", "KR"),
        ("South Korea", "KR"),
        ("日本", "JP"),
        ("Brasil", "BR"),
        ("España", "ES"),
        ("México", "MX"),
        ("Schweiz", "CH"),
        ("Suisse", "CH"),
        ("Svizzera", "CH"),
        ("Polska", "PL"),
        ("Suomi", "FI"),
        ("Ελλάδα", "GR"),
        ("Magyarország", "HU"),
        ("Việt Nam", "VN"),
        ("ไทย", "TH"),
        ("Berlin, Germany", "DE"),
        ("12 Main St, Springfield, IL, USA", "US"),
        ("Deutschland, 10115 Berlin", "DE"),
        ("Germany (DE)", "DE"),
    ],
)
def test_declared_country_in_any_common_form(declared: str, country: str) -> None:
    assert guess(declared=declared) == CountryGuess(country, "declared", True, ())


@pytest.mark.parametrize(
    "declared",
    ["", "   ", "ZZ", "XX", "Atlantis", "Narnia, Middle Earth", "123", "\x00", "de\x00" * 5],
)
def test_unknown_declared_gives_no_evidence(declared: str) -> None:
    assert guess(declared=declared).country is None


@pytest.mark.parametrize(
    "declared",
    [
        "living in, somewhere",  # "in" is a word here, not India
        "Los Angeles, CA",  # California, not Canada
        "Springfield, IL 62701",
        "Denver, CO",
        "Berlin, de",
    ],
)
def test_codes_inside_an_address_are_not_countries(declared: str) -> None:
    assert guess(declared=declared).country is None


def test_address_with_alpha3_country() -> None:
    assert guess(declared="Los Angeles, CA, USA").country == "US"


# --- phone ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phone", "country", "certain"),
    [
        ("+49 30 12345678", "DE", True),
        ("+4930 12345678", "DE", True),
        ("0049 30 12345678", "DE", True),
        ("Tel: +49 (0)30 1234 5678", "DE", True),
        ("+33 1 42 68 53 00", "FR", True),
        ("+1 212 555 0123", "US", True),
        ("+1 604 555 0123", "CA", True),
        ("+7 999 123 45 67", "RU", True),
        ("+7 700 123 4567", "KZ", True),
        ("+86 138 0013 8000", "CN", True),
        ("+852 9123 4567", "HK", True),
        ("+55 11 91234 5678", "BR", True),
        ("+44 20 7946 0958", "GB", True),
        ("+49 1234", "DE", False),  # possible but not a valid German number
    ],
)
def test_phone_country(phone: str, country: str, certain: bool) -> None:
    result = guess(phone=phone)
    assert (result.country, result.source, result.certain) == (country, "phone", certain)


def test_invalid_number_of_a_shared_code_lists_the_other_countries() -> None:
    result = guess(phone="+1 999 555 0123")  # no such area code
    assert result.country == "US"
    assert not result.certain
    assert "CA" in result.alternatives


@pytest.mark.parametrize(
    "phone",
    [
        "030 12345678",  # national: whose?
        "12345678",
        "011 49 30 12345678",  # a North American exit code, not certain enough
        "+800 1234 5678",  # international freephone: no country
        "+999 123",
        "+",
        "call me",
        "+49",
        "9" * 200,
    ],
)
def test_phone_without_certain_country_gives_nothing(phone: str) -> None:
    assert guess(phone=phone).country is None


# --- e-mail -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("email", "country"),
    [
        ("hans@example.de", "DE"),
        ("HANS@EXAMPLE.DE", "DE"),
        ("ana@loja.com.br", "BR"),
        ("taro@mail.co.jp", "JP"),
        ("tom@shop.co.uk", "GB"),
        ("x@y.fr.", "FR"),
        ("Hans Müller <hans@web.de>", "DE"),
        ("<juan@empresa.com.co>", "CO"),
        ("x@yandex.ru", "RU"),
        ("x@пример.рф", "RU"),
        ("x@xn--e1afmkfd.xn--p1ai", "RU"),
        ("x@example.中国", "CN"),
        ("x@abc.com.ai", "AI"),
        ("a@b@c.de", "DE"),
    ],
)
def test_email_cctld(email: str, country: str) -> None:
    assert guess(email=email) == CountryGuess(country, "email_domain", True, ())


@pytest.mark.parametrize(
    "email",
    [
        "a@gmail.com",
        "a@example.org",
        "a@example.net",
        "a@startup.io",
        "a@brand.co",
        "a@about.me",
        "a@stream.tv",
        "a@model.ai",
        "a@bit.ly",
        "a@radio.fm",
        "a@shop.eu",
        "a@shop.berlin",
        "a@de",
        "example.de",  # no address
        "a@exa mple.de x",
        "a@-bad-.de",
        "a@.de",
        "a@",
        "@",
        "",
    ],
)
def test_generic_or_broken_email_gives_nothing(email: str) -> None:
    assert guess(email=email).country is None


# --- Date offset with language, and language alone --------------------------


@pytest.mark.parametrize(
    ("date_header", "language", "country", "alternatives_include"),
    [
        (JAN_DE, "de", "DE", {"AT", "CH"}),
        (JUL_DE, "de", "DE", {"AT", "CH"}),
        (JAN_DE, "de-CH", "CH", {"DE", "AT"}),
        ("Wed, 14 Jan 2026 10:00:00 -0600", "es", "MX", {"GT", "CR"}),
        ("Wed, 14 Jan 2026 10:00:00 -0300", "es", "AR", {"UY"}),
        ("Wed, 14 Jan 2026 10:00:00 -0300", "pt", "BR", set()),
        ("Wed, 14 Jan 2026 10:00:00 +0000", "pt", "PT", set()),
        ("Wed, 14 Jan 2026 10:00:00 +0900", "ja", "JP", set()),
        ("Wed, 14 Jan 2026 10:00:00 +0800", "zh", "CN", {"TW", "HK"}),
        ("Wed, 14 Jan 2026 10:00:00 -0500", "en", "US", {"CA"}),
        ("Wed, 14 Jan 2026 10:00:00 -0800", "en", "US", {"CA"}),
        ("Wed, 14 Jan 2026 10:00:00 +0000", "en", "GB", {"IE"}),
        ("Wed, 15 Jul 2026 10:00:00 +0100", "en", "GB", {"IE"}),
        ("Wed, 14 Jan 2026 10:00:00 +1100", "en", "AU", set()),
        ("Wed, 14 Jan 2026 10:00:00 +0530", "en", "IN", set()),
        ("Wed, 14 Jan 2026 10:00:00 -0330", "en", "CA", set()),  # Newfoundland
        ("Wed, 14 Jan 2026 10:00:00 +0300", "ar", "SA", {"KW", "QA"}),
        ("Wed, 14 Jan 2026 10:00:00 +0400", "ar", "AE", {"OM"}),
        ("Wed, 14 Jan 2026 10:00:00 +0200", "ar", "EG", set()),
        (datetime(2026, 1, 14, 10, tzinfo=timezone(timedelta(hours=1))), "fr", "FR", {"BE"}),
        ("2026-01-14T10:00:00-05:00", "fr", "CA", set()),
    ],
)
def test_date_offset_with_language(
    date_header: str | datetime, language: str, country: str, alternatives_include: set[str]
) -> None:
    result = guess(date_header=date_header, language=language)
    assert (result.country, result.source, result.certain) == (
        country,
        "date_offset_language",
        False,
    )
    assert alternatives_include <= set(result.alternatives)
    assert country not in result.alternatives


def test_offset_is_taken_at_the_header_date() -> None:
    # +0200 is German summer time, not winter time: in January it points elsewhere
    summer = guess(date_header=JUL_DE, language="de")
    winter = guess(date_header="Wed, 14 Jan 2026 10:00:00 +0200", language="de")
    assert summer.country == "DE"
    assert winter.country == "DE" and winter.source == "language"
    # 29 Mar 2026 01:00 UTC Europe moves to summer time: +0200 is German from then on
    before = guess(date_header="Sun, 29 Mar 2026 02:59:00 +0200", language="de")
    after = guess(date_header="Sun, 29 Mar 2026 03:00:00 +0200", language="de")
    assert (before.country, before.source) == ("DE", "language")
    assert (after.country, after.source) == ("DE", "date_offset_language")
    # Newfoundland (-0330 / -0230) changes at 02:00 local time, 05:30 UTC
    assert guess(date_header="Sun, 08 Mar 2026 01:59:00 -0330", language="en").country == "CA"
    assert guess(date_header="Sun, 08 Mar 2026 02:00:00 -0330", language="en").source == "language"
    assert guess(date_header="Sun, 08 Mar 2026 02:59:00 -0230", language="en").source == "language"
    assert guess(date_header="Sun, 08 Mar 2026 03:00:00 -0230", language="en").country == "CA"


@settings(max_examples=150, deadline=None)
@given(
    language=st.sampled_from(["en", "es", "fr", "de", "pt", "ar", "zh", "ru"]),
    when=st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 12, 31)),
    data=st.data(),
)
def test_dated_guess_matches_every_zone_checked_directly(
    language: str, when: datetime, data: st.DataObject
) -> None:
    from zoneinfo import ZoneInfo

    instant = when.replace(tzinfo=UTC)
    candidates = country_guess._candidates(language, None, None)
    offsets: dict[str, set[timedelta]] = {}
    for country in candidates:
        for zone in country_guess._clocks(country):
            offset = instant.astimezone(ZoneInfo(zone)).utcoffset()
            assert offset is not None
            offsets.setdefault(country, set()).add(offset)
    chosen = data.draw(st.sampled_from(sorted({o for s in offsets.values() for o in s})))
    expected = [c for c in candidates if chosen in offsets[c]]
    header = instant.astimezone(timezone(chosen))
    result = country_guess._date_guess((language, None, None), header)
    assert result is not None
    assert [result.country, *result.alternatives] == expected[: 1 + country_guess.MAX_ALTERNATIVES]


def test_offset_no_country_of_the_language_has_falls_back_to_language() -> None:
    result = guess(date_header="Wed, 14 Jan 2026 10:00:00 -0500", language="de")
    assert (result.country, result.source, result.certain) == ("DE", "language", False)


def test_date_header_without_language_gives_nothing() -> None:
    assert guess(date_header=JAN_DE).country is None


@pytest.mark.parametrize(
    ("language", "country", "first_alternatives"),
    [
        ("es", "ES", ("MX", "AR", "CO")),
        ("pt", "BR", ("PT",)),
        ("pt-PT", "PT", ("BR",)),
        ("pt_BR", "BR", ("PT",)),
        ("de", "DE", ("AT", "CH")),
        ("de-AT", "AT", ("DE", "CH")),
        ("fr", "FR", ("CA", "BE")),
        ("en", "US", ("GB", "CA")),
        ("en-GB,en;q=0.9,de;q=0.8", "GB", ("US",)),
        ("ar", "SA", ("AE", "EG")),
        ("zh", "CN", ("TW", "HK")),
        ("zh-Hant", "TW", ("HK", "MO")),
        ("zh-Hant-HK", "HK", ("TW", "MO")),
        ("zh-Hans", "CN", ("SG",)),
        ("ja", "JP", ()),
        ("ko", "KR", ()),
        ("he", "IL", ()),
        ("iw", "IL", ()),
        ("no", "NO", ()),
        ("nb", "NO", ()),
        ("id", "ID", ()),
        ("German", "DE", ("AT",)),
        ("Deutsch", "DE", ("AT",)),
        ("español", "ES", ("MX",)),
        ("中文", "CN", ("TW",)),
    ],
)
def test_language_alone_is_weak(
    language: str, country: str, first_alternatives: tuple[str, ...]
) -> None:
    result = guess(language=language)
    assert (result.country, result.source, result.certain) == (country, "language", False)
    assert result.alternatives[: len(first_alternatives)] == first_alternatives


@pytest.mark.parametrize("language", ["", "x", "xx", "qqq", "klingon", "12", "de" * 200])
def test_unknown_language_gives_nothing(language: str) -> None:
    assert guess(language=language).country is None


# --- precedence -------------------------------------------------------------

ALL = {
    "declared": "France",
    "phone": "+49 30 12345678",
    "email": "a@example.it",
    "date_header": "Wed, 14 Jan 2026 10:00:00 -0300",
    "language": "es",
}


@pytest.mark.parametrize(
    ("drop", "country", "source"),
    [
        ((), "FR", "declared"),
        (("declared",), "DE", "phone"),
        (("declared", "phone"), "IT", "email_domain"),
        (("declared", "phone", "email"), "AR", "date_offset_language"),
        (("declared", "phone", "email", "date_header"), "ES", "language"),
        (("declared", "phone", "email", "date_header", "language"), None, "none"),
    ],
)
def test_precedence(drop: tuple[str, ...], country: str | None, source: str) -> None:
    evidence = {k: v for k, v in ALL.items() if k not in drop}
    result = guess(**evidence)
    assert (result.country, result.source) == (country, source)


def test_declared_stays_certain_and_lists_conflicting_evidence() -> None:
    result = guess(declared="FR", phone="+49 30 12345678", email="a@example.it")
    assert result == CountryGuess("FR", "declared", True, ("DE", "IT"))


def test_phone_and_email_disagreeing_is_not_certain() -> None:
    result = guess(phone="+49 30 12345678", email="a@example.fr")
    assert result == CountryGuess("DE", "phone", False, ("FR",))


def test_phone_and_email_agreeing_is_certain() -> None:
    assert guess(phone="+49 30 12345678", email="a@web.de") == CountryGuess("DE", "phone", True, ())


def test_weaker_evidence_narrows_an_uncertain_phone() -> None:
    by_mail = guess(phone="+1 999 555 0123", email="a@example.ca")
    assert by_mail.country == "CA"
    by_language = guess(
        phone="+1 999 555 0123", language="fr", date_header="Wed, 14 Jan 2026 10:00:00 -0500"
    )
    assert (by_language.country, by_language.source, by_language.certain) == (
        "CA",
        "phone",
        False,
    )


def test_cctld_beats_a_number_that_is_not_valid() -> None:
    result = guess(phone="+1 999 555 0123", email="a@example.de")
    assert (result.country, result.source, result.certain) == ("DE", "email_domain", True)
    assert result.alternatives[0] == "US"


def test_certain_evidence_is_not_diluted_by_language() -> None:
    result = guess(phone="+49 30 12345678", language="en", date_header=JAN_DE)
    assert result == CountryGuess("DE", "phone", True, ())


def test_generic_email_does_not_hide_language() -> None:
    result = guess(email="a@gmail.com", language="pt")
    assert (result.country, result.source) == ("BR", "language")


def test_bad_declared_falls_through_to_the_next_source() -> None:
    assert guess(declared="Atlantis", phone="+33 1 42 68 53 00").country == "FR"


# --- never raising ----------------------------------------------------------

WRONG_TYPES: list[Any] = [
    None,
    0,
    -1,
    3.5,
    float("nan"),
    b"DE",
    bytearray(b"+49"),
    ["DE"],
    ("DE",),
    {"DE": 1},
    {"DE"},
    object(),
    datetime(2026, 1, 1),  # naive
    datetime(2026, 1, 1, tzinfo=UTC),
    True,
]


@pytest.mark.parametrize("value", WRONG_TYPES, ids=lambda v: type(v).__name__)
@pytest.mark.parametrize("argument", ["declared", "email", "phone", "date_header", "language"])
def test_wrong_types_give_no_evidence(argument: str, value: Any) -> None:
    result = strict(**{argument: value})
    assert result.country is None


def test_huge_and_nul_inputs() -> None:
    huge = "Germany " * 100_000
    nul = "\x00" * 1000
    for value in (huge, nul, "+49" + "0" * 10_000, "a@" + "b." * 10_000 + "de"):
        result = strict(value, value, value, value, value)
        assert result.country is None


text_or_junk = st.one_of(
    st.none(),
    st.text(max_size=300),
    st.text(alphabet="+0123456789 ()-.@", max_size=40),
    st.sampled_from(["DE", "Deutschland", "+49 30 12345678", "a@b.de", JAN_DE, "de-AT"]),
    st.binary(max_size=20),
    st.integers(),
    st.datetimes(timezones=st.sampled_from([UTC, timezone(timedelta(hours=5, minutes=45))])),
)


@settings(max_examples=300, deadline=None)
@given(
    declared=text_or_junk,
    email=text_or_junk,
    phone=text_or_junk,
    date_header=text_or_junk,
    language=text_or_junk,
)
def test_arbitrary_input_never_raises(
    declared: Any, email: Any, phone: Any, date_header: Any, language: Any
) -> None:
    result = strict(declared, email, phone, date_header, language)
    assert isinstance(result, CountryGuess)
    assert result.country is None or (len(result.country) == 2 and result.country.isupper())
    assert result.country not in result.alternatives or result.country is None
    assert len(set(result.alternatives)) == len(result.alternatives)
    assert result.source in {
        "declared",
        "phone",
        "email_domain",
        "date_offset_language",
        "language",
        "none",
    }
    assert (result.country is None) == (result.source == "none")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120))
def test_arbitrary_strings_in_each_argument_never_raise(text: str) -> None:
    for argument in ("declared", "email", "phone", "date_header", "language"):
        result = strict(**{argument: text})
        assert isinstance(result, CountryGuess)


@pytest.mark.parametrize("code", ["und", "mul", "zxx", "mis", "und-Latn"])
def test_codes_that_name_no_language_say_nothing_of_a_country(code: str) -> None:
    assert customer_country(language=code).country is None
