"""IMAP against a real Dovecot started on loopback with its own config in a temp folder.

Skipped only when the ``dovecot`` binary is missing on a developer machine;
CI installs ``dovecot-imapd`` (.ci/setup), so there it always runs.
"""

from __future__ import annotations

import os
import shutil
import socket
import ssl
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from corpus import mail
from imapclient import IMAPClient
from sqlalchemy import func, select

from console.channels.imap_source import ImapConnector, ImapError, ImapSettings
from console.store import Store
from console.store.models import Message

DOVECOT = shutil.which("dovecot") or (
    "/usr/sbin/dovecot" if Path("/usr/sbin/dovecot").exists() else None
)
USER, PASSWORD = "agent", "s3cret-pw"


@dataclass
class Dovecot:
    folder: Path
    imaps_port: int
    imap_port: int
    cert: Path

    def client(self) -> IMAPClient:
        context = ssl.create_default_context(cafile=str(self.cert))
        client = IMAPClient("127.0.0.1", port=self.imaps_port, ssl=True, ssl_context=context)
        client.login(USER, PASSWORD)
        return client

    def deliver(self, *messages: bytes, folder: str = "INBOX") -> None:
        client = self.client()
        try:
            for raw in messages:
                client.append(folder, raw)
        finally:
            client.logout()

    def settings(self, **overrides: object) -> ImapSettings:
        values: dict[str, object] = {
            "host": "127.0.0.1",
            "port": self.imaps_port,
            "username": USER,
            "security": "tls",
            "ca_file": str(self.cert),
            "timeout": 10.0,
        }
        values.update(overrides)
        return ImapSettings(**values)  # type: ignore[arg-type]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for_port(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"dovecot exited: {log.read_text() if log.exists() else ''}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError("dovecot did not start listening")


@pytest.fixture
def dovecot() -> Iterator[Dovecot]:
    if DOVECOT is None:
        pytest.skip("dovecot is not installed (apt-get install dovecot-imapd; .ci/setup does it)")
    # Not under pytest's tmp_path: Dovecot's unprivileged processes must reach the folder.
    folder = Path(tempfile.mkdtemp(prefix="dovecot-test-"))
    folder.chmod(0o755)
    for sub in ("run", "state", "home"):
        (folder / sub).mkdir()
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    key.chmod(0o644)  # read by the login processes when Dovecot drops privileges
    (folder / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}\n", encoding="utf-8")
    if os.geteuid() == 0:
        # Dovecot refuses to run its processes or mail as root: use its own users.
        import pwd

        internal, login = "dovecot", "dovenull"
        mail_user = pwd.getpwnam("dovecot")
        uid, gid = mail_user.pw_uid, mail_user.pw_gid
        os.chown(folder / "home", uid, gid)
    else:
        import grp
        import pwd

        internal = login = pwd.getpwuid(os.getuid()).pw_name
        uid, gid = os.getuid(), os.getgid()
        del grp
    imaps_port, imap_port = _free_port(), _free_port()
    log = folder / "dovecot.log"
    config = folder / "dovecot.conf"
    config.write_text(
        f"""
base_dir = {folder}/run
state_dir = {folder}/state
log_path = {log}
protocols = imap
listen = 127.0.0.1
ssl = required
ssl_cert = <{cert}
ssl_key = <{key}
auth_mechanisms = plain
default_internal_user = {internal}
default_login_user = {login}
first_valid_uid = {min(uid, 100)}
mail_location = maildir:{folder}/home/%u/Maildir
passdb {{
  driver = passwd-file
  args = scheme=PLAIN {folder}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={folder}/home/%u
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {imap_port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {imaps_port}
    ssl = yes
  }}
}}
service anvil {{
  chroot =
}}
""",
        encoding="utf-8",
    )
    process = subprocess.Popen(
        [DOVECOT, "-F", "-c", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        _wait_for_port(imaps_port, process, log)
        _wait_for_port(imap_port, process, log)
        yield Dovecot(folder, imaps_port, imap_port, cert)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(folder, ignore_errors=True)


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
