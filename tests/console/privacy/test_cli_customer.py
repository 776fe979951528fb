"""``support-console customer export|erase``: the data-subject requests on the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from privacy_helpers import ADDRESS, PHONE, PHRASE, seed
from sqlalchemy import func, select

from console.cli import main
from console.store import Store
from console.store.privacy_tables import DataSubjectRequest


def _url(store: Store) -> str:
    return store.engine.url.render_as_string(hide_password=False)


def test_export_and_erase(
    any_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seeded = seed(any_store)
    url = _url(any_store)
    out = tmp_path / "exports"
    assert main(["customer", "export", "--db", url, "--phone", PHONE, "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert f"Exported customer {seeded.customer_id}: 1 conversations, 1 messages" in printed
    (folder,) = out.iterdir()
    data = json.loads((folder / "customer.json").read_text(encoding="utf-8"))
    assert PHRASE in data["tables"]["messages"][0]["text"]
    assert (folder / "customer.html").exists()

    code = main(
        ["customer", "erase", "--db", url, "--email", ADDRESS, "--reason", "asked by mail", "--yes"]
    )
    assert code == 0
    assert f"Erased customer {seeded.customer_id}: 1 conversations, 1 messages" in (
        capsys.readouterr().out
    )
    assert main(["customer", "export", "--db", url, "--email", ADDRESS, "--out", str(out)]) == 1
    assert "There is no customer maria.erase@example.com" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("extra", "says"),
    [
        (["--reason", "why"], "confirm it (--yes"),
        (["--yes"], "needs a reason"),
        (["--reason", "  ", "--yes"], "needs a reason"),
    ],
)
def test_erase_refused_without_reason_or_yes(
    store: Store, capsys: pytest.CaptureFixture[str], extra: list[str], says: str
) -> None:
    seed(store)
    assert main(["customer", "erase", "--db", _url(store), "--email", ADDRESS, *extra]) == 1
    assert says in capsys.readouterr().err
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(DataSubjectRequest)) == 0


def test_unknown_customer_and_unwritable_folder(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed(store)
    url = _url(store)
    code = main(
        ["customer", "erase", "--db", url, "--customer-id", "999", "--reason", "x", "--yes"]
    )
    assert code == 1
    assert "There is no customer #999 in this store; nothing was changed." in (
        capsys.readouterr().err
    )
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    assert main(["customer", "export", "--db", url, "--email", ADDRESS, "--out", str(blocker)]) == 1
    assert "could not be written" in capsys.readouterr().err
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(DataSubjectRequest)) == 0
    with pytest.raises(SystemExit):  # argparse: one of --email, --phone, --customer-id
        main(["customer", "export", "--db", url, "--out", str(tmp_path)])
