"""A person who reads customer data masked may not export a customer's data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from privacy_helpers import ADDRESS, seed
from sqlalchemy import func, select
from test_masking_team import _as, team  # noqa: F401 (the fixture)

from console.cli import main
from console.privacy.masking import set_viewer
from console.privacy.subject_export import EXPORT_MASKED, collect_export
from console.problems import ProblemError
from console.store import Store
from console.store.models import AuditEntry


def test_a_masked_seat_may_not_export(store: Store) -> None:
    seeded = seed(store)
    with store.session() as session:
        set_viewer(session, True)
        with pytest.raises(ProblemError) as refused:
            collect_export(session, seeded.customer_id)
    assert refused.value.problem.code == EXPORT_MASKED
    assert "Nothing was exported" in str(refused.value)
    with store.session() as session:
        set_viewer(session, False)  # the same store, read unmasked: exported
        assert collect_export(session, seeded.customer_id).message_count == 1


def test_a_masked_login_role_may_not_export_on_the_command_line(
    team: dict[str, Any],  # noqa: F811
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "out"
    for login in ("vera", "lena"):  # a masked vendor agent and a masked (temporary) lead
        url = _as(team["url"], team["logins"][login], f"{login}-pw")
        code = main(["customer", "export", "--db", url, "--email", ADDRESS, "--out", str(out)])
        assert code == 1
        assert "may not export a customer's data" in capsys.readouterr().err
    assert not out.exists()
    with team["store"].session() as session:
        exports = session.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.action == "customer_export")
        )
    assert exports == 0
