"""Exporting everything held about a customer: JSON, a hostile-safe HTML page, attachments."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from privacy_helpers import (
    ADDRESS,
    ATTACHMENT,
    HTML_PHRASE,
    OTHER_ADDRESS,
    OTHER_PHRASE,
    PHRASE,
    TRANSLATED_PHRASE,
    seed,
)
from sqlalchemy import select

from console.privacy.subject_export import collect_export, record_export, write_export
from console.privacy.subjects import find_customer
from console.problems import ProblemError
from console.store import Store
from console.store.models import AuditEntry


def test_export_holds_everything_about_the_customer(any_store: Store, tmp_path: Path) -> None:
    seeded = seed(any_store)
    with any_store.session() as session:
        export = collect_export(session, find_customer(session, email=ADDRESS))
    tables = export.data["tables"]
    assert tables["customers"][0]["name"] == "Maria Pérez"
    assert {row["address"] for row in tables["channel_identities"]} == {ADDRESS}
    assert {row["kind"] for row in tables["customer_keys"]} == {"email", "phone", "order"}
    (message,) = tables["messages"]
    assert PHRASE in message["text"] and HTML_PHRASE in message["html"]
    assert {row["text"] for row in tables["translations"]} >= {TRANSLATED_PHRASE}
    assert [row["kind"] for row in tables["policy_tasks"]] == ["data_deletion"]
    assert len(tables["drafts"]) == 1 and len(tables["conversation_kpis"]) == 1
    assert len(tables["merge_suggestions"]) == 1
    assert (
        any(
            row["action"] == "ingest" or row["entity"] == "conversation"
            for row in export.data["audit_log"]
        )
        or export.data["audit_log"] == []
    )
    dumped = json.dumps(export.data, ensure_ascii=False)
    assert OTHER_PHRASE not in dumped and OTHER_ADDRESS not in dumped
    assert export.conversation_count == 1 and export.message_count == 1

    folder = write_export(export, tmp_path / "out")
    assert folder.parent == tmp_path / "out" and folder.name.startswith(
        f"customer-{seeded.customer_id}-"
    )
    written = json.loads((folder / "customer.json").read_text(encoding="utf-8"))
    assert written["tables"]["messages"][0]["text"] == message["text"]
    (attachment,) = (folder / "attachments").iterdir()
    assert attachment.read_bytes() == ATTACHMENT
    assert "/" not in attachment.name and "<" not in attachment.name
    page = (folder / "customer.html").read_text(encoding="utf-8")
    assert PHRASE in page and TRANSLATED_PHRASE in page
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert f"<p>{PHRASE}" not in page  # the message's HTML is shown as source, never rendered
    assert "Content-Security-Policy" in page
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [folder.name]

    with any_store.session() as session:
        record_export(session, export, actor="Compliance Carla")
    with any_store.session() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "customer_export")
        ).one()
        assert entry.entity_id == seeded.customer_id and entry.detail["messages"] == 1
        assert ADDRESS not in json.dumps(entry.detail)


def test_unwritable_folder_writes_nothing(store: Store, tmp_path: Path) -> None:
    seed(store)
    with store.session() as session:
        export = collect_export(session, find_customer(session, email=ADDRESS))
    a_file = tmp_path / "file.txt"
    a_file.write_text("x")
    for target in (a_file, a_file / "inside"):
        with pytest.raises(ProblemError, match="could not be written"):
            write_export(export, target)
    assert not list(tmp_path.glob("customer-*"))
    assert not list(tmp_path.glob(".customer-export-*"))
    locked = tmp_path / "locked"
    locked.mkdir()
    os.chmod(locked, 0o500)
    try:
        if not os.access(locked, os.W_OK):  # not root: permissions hold
            with pytest.raises(ProblemError, match="could not be written"):
                write_export(export, locked)
        assert list(locked.iterdir()) == [] or os.access(locked, os.W_OK)
    finally:
        os.chmod(locked, 0o700)
