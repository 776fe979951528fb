"""IMAP against a real Dovecot started on loopback with its own config in a temp folder.

Skipped only when the ``dovecot`` binary is missing on a developer machine;
CI installs ``dovecot-imapd`` (.ci/setup), so there it always runs.
"""

from __future__ import annotations

import threading
import time

import pytest
from corpus import mail
from mailservers import PASSWORD, Dovecot
from sqlalchemy import func, select

from console.channels.imap_source import ImapConnector, ImapError
from console.store import Store
from console.store.models import Message


def _messages(store: Store) -> int:
    with store.session() as session:
        return int(session.scalar(select(func.count()).select_from(Message)) or 0)


def test_initial_sync_marks_nothing_read_and_restart_resumes(
    dovecot: Dovecot, store: Store
) -> None:
    dovecot.deliver(*(mail(n) for n in range(5)))
    with ImapConnector(store, dovecot.settings(), PASSWORD) as connector:
        report = connector.sync()
    assert (report.imported, report.duplicates) == (5, 0)
    client = dovecot.client()
    client.select_folder("INBOX", readonly=True)
    assert all(
        b"\\Seen" not in flags[b"FLAGS"]
        for flags in client.fetch(client.search(["ALL"]), ["FLAGS"]).values()
    )
    client.logout()
    # A restart: a new connector reads only what arrived since, from the stored cursor.
    dovecot.deliver(mail(10), mail(11))
    with ImapConnector(store, dovecot.settings(), PASSWORD) as connector:
        again = connector.sync()
        assert (again.imported, again.duplicates) == (2, 0)
        assert connector.sync().imported == 0
    assert _messages(store) == 7


def test_new_mail_while_running_arrives_through_idle(dovecot: Dovecot, store: Store) -> None:
    with ImapConnector(store, dovecot.settings(), PASSWORD) as connector:
        assert connector.sync().imported == 0
        timer = threading.Timer(0.5, dovecot.deliver, args=(mail(1), mail(2)))
        timer.start()
        try:
            assert connector.wait_for_mail(timeout=10) is True
        finally:
            timer.join()
        assert connector.sync().imported == 2


def test_run_loop_stops_when_asked(dovecot: Dovecot, store: Store) -> None:
    dovecot.deliver(mail(1))
    stop = threading.Event()
    with ImapConnector(store, dovecot.settings(), PASSWORD) as connector:
        worker = threading.Thread(target=connector.run, args=(stop,), kwargs={"idle_seconds": 1})
        worker.start()
        deadline = time.monotonic() + 10
        while _messages(store) < 1 and time.monotonic() < deadline:
            time.sleep(0.05)
        stop.set()
        worker.join(timeout=10)
    assert not worker.is_alive()
    assert _messages(store) == 1


def test_starttls_and_certificate_checks(dovecot: Dovecot, store: Store) -> None:
    dovecot.deliver(mail(1))
    starttls = dovecot.settings(port=dovecot.imap_port, security="starttls")
    with ImapConnector(store, starttls, PASSWORD) as connector:
        assert connector.sync().imported == 1
    untrusted = dovecot.settings(ca_file=None)
    with pytest.raises(ImapError, match="Cannot sign in"):
        ImapConnector(store, untrusted, PASSWORD).connect()
    with pytest.raises(ImapError, match="Cannot sign in"):
        ImapConnector(store, dovecot.settings(), "wrong password").connect()


def test_mark_seen_when_configured_and_other_folders(dovecot: Dovecot, store: Store) -> None:
    client = dovecot.client()
    client.create_folder("Orders")
    client.logout()
    dovecot.deliver(mail(1))
    dovecot.deliver(mail(2), folder="Orders")
    settings = dovecot.settings(folders=("INBOX", "Orders"), mark_seen=True)
    with ImapConnector(store, settings, PASSWORD) as connector:
        assert connector.sync().imported == 2
    client = dovecot.client()
    client.select_folder("Orders", readonly=True)
    assert all(
        b"\\Seen" in flags[b"FLAGS"]
        for flags in client.fetch(client.search(["ALL"]), ["FLAGS"]).values()
    )
    client.logout()
