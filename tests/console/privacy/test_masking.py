"""The masks a masked person reads (console/privacy/masking.py), and the same masks in SQL."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from console.privacy.masking import (
    MASKED,
    RAW,
    iban_valid,
    luhn_valid,
    mask_address,
    mask_email,
    mask_identity,
    mask_name,
    mask_phone,
    mask_text,
)
from console.store import Store


@pytest.mark.parametrize(
    ("address", "masked"),
    [
        ("maria.perez@gmail.com", "m***@g***.com"),
        ("Maria.Perez@GMAIL.COM", "M***@G***.COM"),
        ("li.wei@mail.qq.com", "l***@m***.com"),
        ("x@shop.co.uk", "x***@s***.uk"),
        ("m***@g***.com", "m***@g***.com"),
    ],
)
def test_emails(address: str, masked: str) -> None:
    assert mask_email(address) == masked


@pytest.mark.parametrize(
    ("number", "masked"),
    [
        ("+49 170 1234512", "+49 *** *** 12"),
        ("+491701234512", "+49 *** *** 12"),
        ("+1 (415) 555-0134", "+1 *** *** 34"),
        ("+33 6 12 34 56 78", "+33 *** *** 78"),
        ("+86 138 0013 8000", "+86 *** *** 00"),
        ("+81 90-1234-5678", "+81 *** *** 78"),
        ("+82 10-1234-5678", "+82 *** *** 78"),
        ("+353 87 123 4567", "+353 *** *** 67"),
        ("+7 912 345-67-89", "+7 *** *** 89"),
        ("+55 11 91234-5678", "+55 *** *** 78"),
        ("0049 170 1234512", "+49 *** *** 12"),
        ("030 12345678", "*** *** 78"),
        ("13800138000", "*** *** 00"),
        ("+49 *** *** 12", "+49 *** *** 12"),
    ],
)
def test_phones_of_many_countries(number: str, masked: str) -> None:
    assert mask_phone(number) == masked


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("Maria Pérez", "Maria P."),
        ("Maria José García López", "Maria L."),
        ("Jean-Luc Picard", "Jean-Luc P."),
        ("Maria", "Maria"),
        ("Maria P.", "Maria P."),
        ("王芳", "王*"),
        ("欧阳娜娜", "欧***"),
        ("山田太郎", "山***"),
        ("김민준", "김**"),
        ("王*", "王*"),
        ("maria.perez@gmail.com", "m***@g***.com"),
        ("  Anna   Schmidt ", "Anna S."),
    ],
)
def test_names(name: str, masked: str) -> None:
    assert mask_name(name) == masked


def test_addresses() -> None:
    assert mask_address("Hauptstraße 5, 10115 Berlin") == "H***, 1***"
    assert mask_address("") == ""


def test_checks() -> None:
    assert luhn_valid("4111111111111111")
    assert not luhn_valid("4111111111111112")
    assert iban_valid("DE89 3704 0044 0532 0130 00")
    assert not iban_valid("DE89 3704 0044 0532 0130 01")


#: Texts and their masks; order and tracking numbers stay readable.
TEXTS = [
    (
        "Hi, I am Maria Pérez, write me at maria.perez@gmail.com or +49 170 1234512.",
        "Hi, I am Maria P., write me at m***@g***.com or +49 *** *** 12.",
    ),
    ("Order #A12345 has not arrived", "Order #A12345 has not arrived"),
    ("Amazon order 123-4567890-1234567 please", "Amazon order 123-4567890-1234567 please"),
    (
        "Tracking 1Z999AA10123456784 and JD0123456789",
        "Tracking 1Z999AA10123456784 and JD0123456789",
    ),
    ("My card 4111 1111 1111 1111 was charged", "My card **** **** **** 1111 was charged"),
    ("card 4111-1111-1111-1111", "card **** **** **** 1111"),
    ("not a card 1234 5678 9012 3456", "not a card 1234 5678 9012 3456"),
    ("IBAN DE89 3704 0044 0532 0130 00 thanks", "IBAN DE** **** **** 00 thanks"),
    ("IBAN GB82WEST12345698765432", "IBAN GB** **** **** 32"),
    ("Ruf an: 030 12345678", "Ruf an: *** *** 78"),
    ("电话 13800138000 谢谢", "电话 *** *** 00 谢谢"),
    ("我是王芳，订单 #A12345", "我是王*，订单 #A12345"),
    ("Deliver to Hauptstraße 5 please", "Deliver to H*** please"),
    ("Rue de Rivoli 12, Paris", "R***, Paris"),
    (
        "Delivered on 05.06.2024 at 14:30, price 1.299,00 EUR",
        "Delivered on 05.06.2024 at 14:30, price 1.299,00 EUR",
    ),
    ("PEREZ wrote it", "P. wrote it"),
]


@pytest.mark.parametrize(("raw", "masked"), TEXTS)
def test_texts(raw: str, masked: str) -> None:
    names = ("Maria Pérez", "Maria Perez", "王芳")
    assert mask_text(raw, ("Maria Pérez", "王芳", "Ana Perez")) == masked
    assert mask_text(masked, names) == masked  # idempotent


def test_the_customers_stored_address_is_masked_inside_texts() -> None:
    out = mask_text("Send it to Am Ring 7b, 50667 Köln", (), ("Am Ring 7b, 50667 Köln",))
    assert "Ring" not in out and "50667" not in out


def test_identities() -> None:
    assert mask_identity("email", "a.b@web.de") == "a***@w***.de"
    assert mask_identity("phone", "+4917012345") == "+49 *** *** 45"
    assert mask_identity("chat", "buyer_123") == "buyer_123"


def test_raw_and_masked_readers() -> None:
    assert RAW.name("Maria Pérez") == "Maria Pérez"
    assert MASKED.name("Maria Pérez") == "Maria P."
    assert RAW.text("x maria@web.de") == "x maria@web.de"


def test_postgresql_masks_alike(pg_store: Store) -> None:
    """The team store's masked columns use the same masks (console/store/masking_sql.py)."""
    with pg_store.session() as session:
        for raw, masked in TEXTS:
            got = session.scalar(
                text("SELECT console_masked.mask_text(:t, :n, NULL)"),
                {
                    "t": raw,
                    "n": "Ana Perez"
                    if "PEREZ" in raw
                    else "王芳"
                    if "王" in raw
                    else "Maria Pérez",
                },
            )
            assert got == masked, raw
        for name, masked in [("Maria Pérez", "Maria P."), ("王芳", "王*"), ("김민준", "김**")]:
            assert (
                session.scalar(text("SELECT console_masked.mask_name(:n)"), {"n": name}) == masked
            )
        for number in ["+49 170 1234512", "+1 (415) 555-0134", "+353 87 123 4567", "030 12345678"]:
            got = session.scalar(text("SELECT console_masked.mask_phone(:n)"), {"n": number})
            assert got == mask_phone(number)
        assert (
            session.scalar(
                text("SELECT console_masked.mask_address(:a)"), {"a": "Hauptstraße 5, 10115 Berlin"}
            )
            == "H***, 1***"
        )
