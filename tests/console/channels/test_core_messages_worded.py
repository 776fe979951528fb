"""Keyring, source and mapping errors reach the window as problem codes, not English sentences;
an import's address column is kept on the customer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import KeyringError
from sqlalchemy import select

from console.channels.admin import PREVIEW_UNCHOSEN, preview_table
from console.channels.credentials import (
    KEYRING_CHANGE_FAILED,
    KEYRING_NO_SECRET,
    KEYRING_READ_FAILED,
    KEYRING_STORE_FAILED,
    CredentialError,
    delete_secret,
    get_secret,
    set_secret,
)
from console.channels.importer import import_path
from console.channels.mapping import ColumnMapping, guess_mapping
from console.channels.sources import (
    FILE_NOT_JSON,
    FORMAT_NAME_UNKNOWN,
    FORMAT_UNKNOWN,
    MAPPING_ABSENT,
    MAPPING_MISSING,
    NOT_MAILDIR,
    PATH_MISSING,
    SourceError,
    detect_format,
    read_maildir,
    read_source,
)
from console.problems import Problem, ProblemError
from console.store import Store
from console.store.models import ADDRESS_CHARS, Customer

SECRET = "s3cr3t-Pa55word"


class BrokenKeyring(KeyringBackend):
    """A keyring whose every call fails, quoting what it was given (as some backends do)."""

    priority = 1

    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringError(f"D-Bus said no for {service}/{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringError(f"cannot store password={password} for {username}\n" + "x" * 500)

    def delete_password(self, service: str, username: str) -> None:
        raise KeyringError("locked collection")


class EmptyKeyring(KeyringBackend):
    priority = 1

    def get_password(self, service: str, username: str) -> str | None:
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        raise AssertionError("not used")

    def delete_password(self, service: str, username: str) -> None:
        raise AssertionError("not used")


@pytest.fixture
def broken_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(BrokenKeyring())
    yield
    keyring.set_keyring(previous)


def test_a_failing_keyring_is_a_problem_without_the_secret(broken_keyring: None) -> None:
    with pytest.raises(CredentialError) as stored:
        set_secret("imap:Shop", SECRET)
    found = stored.value.problem
    assert found.code == KEYRING_STORE_FAILED
    assert SECRET not in found.to_json() and SECRET not in str(stored.value)
    assert stored.value.__cause__ is None and stored.value.__suppress_context__
    reason = found.values["reason"]
    assert "\n" not in reason and len(reason) <= 120 and reason.startswith("cannot store")

    with pytest.raises(CredentialError) as read:
        get_secret("imap:Shop")
    assert read.value.problem.code == KEYRING_READ_FAILED
    assert read.value.problem.values["account"] == "imap:Shop"
    assert "D-Bus said no" in read.value.problem.values["reason"]

    with pytest.raises(CredentialError) as changed:
        delete_secret("imap:Shop")
    assert changed.value.problem.code == KEYRING_CHANGE_FAILED
    assert changed.value.problem.values["reason"] == "locked collection"


def test_no_saved_password_is_a_problem_naming_the_account() -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(EmptyKeyring())
    try:
        with pytest.raises(CredentialError) as missing:
            get_secret("smtp:Outbox")
    finally:
        keyring.set_keyring(previous)
    assert missing.value.problem == Problem(KEYRING_NO_SECRET, (("account", "smtp:Outbox"),))
    assert str(missing.value) == (
        "No password is saved for smtp:Outbox; enter it in the channel settings."
    )


def test_source_errors_are_problems(tmp_path: Path) -> None:
    gone = tmp_path / "gone.csv"
    with pytest.raises(SourceError) as missing:
        list(read_source(gone))
    assert isinstance(missing.value, ProblemError)
    assert missing.value.problem.code == PATH_MISSING
    assert missing.value.problem.values == {"name": str(gone)}

    odd = tmp_path / "notes.bin"
    odd.write_bytes(b"\x00\x01 nothing anyone knows")
    with pytest.raises(SourceError) as unknown:
        detect_format(odd)
    assert unknown.value.problem == Problem(FORMAT_UNKNOWN, (("name", "notes.bin"),))

    with pytest.raises(SourceError) as named:
        list(read_source(odd, "xlsx"))
    assert named.value.problem.code == FORMAT_NAME_UNKNOWN
    assert named.value.problem.values["format"] == "xlsx"

    folder = tmp_path / "box"
    (folder / "cur").mkdir(parents=True)
    with pytest.raises(SourceError) as not_mail:
        list(read_maildir(folder))
    assert not_mail.value.problem.code == NOT_MAILDIR
    assert not_mail.value.problem.values["folder"] == "new/"

    broken = tmp_path / "broken.json"
    broken.write_bytes(b"nothing but words\nand more words\n")
    with pytest.raises(SourceError) as not_json:
        list(read_source(broken, "json"))
    assert not_json.value.problem.code == FILE_NOT_JSON


def test_mapping_problems_are_problems(tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_bytes(b"a,b,c\n1,2,3\n")
    (item,) = list(read_source(path))
    assert isinstance(item.problem, Problem) and item.problem.code == MAPPING_MISSING
    assert item.problem.values == {"fields": "text, timestamp, handle", "columns": "a, b, c"}

    mapping = ColumnMapping(columns={"text": "a", "timestamp": "b", "handle": "gone"})
    (absent,) = list(read_source(path, "csv", mapping))
    assert isinstance(absent.problem, Problem) and absent.problem.code == MAPPING_ABSENT
    assert absent.problem.values == {"columns": "gone"}

    preview = preview_table(path)
    assert preview.problem == Problem(PREVIEW_UNCHOSEN, (("fields", "text, timestamp, handle"),))
    assert all(row.problem == preview.problem for row in preview.rows)


def test_guess_mapping_knows_the_address_column() -> None:
    for header in ("Address", "shipping address", "收货地址", "住所", "Ship-Address"):
        mapping = guess_mapping(["Buyer", "Message", "Time", header])
        assert mapping.columns.get("address") == header, header
    assert "address" not in guess_mapping(["email address", "text"]).columns


def test_mapping_json_with_address_round_trips() -> None:
    mapping = ColumnMapping(columns={"text": "msg", "timestamp": "t", "address": "收货地址"})
    again = ColumnMapping.from_json(mapping.to_json())
    assert again == mapping and again.columns["address"] == "收货地址"


def test_a_csv_address_column_is_stored_on_the_customer(store: Store, tmp_path: Path) -> None:
    long_street = "Rue " + "très longue " * 60
    rows = [
        "buyer,message,time,shipping address",
        'anna,Where is my parcel?,2026-11-01 10:00,"12 Rue de Rivoli\n75001 Paris"',
        f"bob,Hello,2026-11-01 11:00,{long_street}",
        "chen,你好,2026-11-01 12:00,",
    ]
    path = tmp_path / "orders.csv"
    path.write_bytes(("\n".join(rows) + "\n").encode("utf-8"))
    report = import_path(store, path)
    assert (report.imported, report.quarantined) == (3, 0)
    with store.session() as session:
        stored = dict(session.execute(select(Customer.name, Customer.address)).all())
    assert stored["anna"] == "12 Rue de Rivoli, 75001 Paris"
    assert len(stored["bob"] or "") == ADDRESS_CHARS and (stored["bob"] or "").endswith("…")
    assert stored["chen"] is None
