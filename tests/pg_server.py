"""A throwaway PostgreSQL server for the tests: Debian's binaries, a temporary folder.

One server per test session (``tests/conftest.py`` starts it the first time a
test asks for PostgreSQL): ``initdb`` into a temporary folder owned by the
``postgres`` user (tests run as root in CI; PostgreSQL refuses to run as root),
listening on 127.0.0.1 on a free port with its unix socket in the same folder,
``fsync=off`` for speed, and stopped and removed at the end of the session.

Each test gets its own database: an empty one, or a copy of a template that
was migrated once (``CREATE DATABASE ... TEMPLATE`` copies files, much faster
than running the migrations again).
"""

from __future__ import annotations

import contextlib
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

SERVICE_USER = "postgres"
#: A role that must sign in with a password (every other connection is trusted).
PASSWORD_USER, PASSWORD = "console_agent", "agent-pw"
#: The group role of every person of a team store (console.team.people.PEOPLE_GROUP).
PEOPLE_GROUP = "console_people"
INSTALL_HINT = "apt-get install postgresql; .ci/setup does it"


def find_bin_dir() -> Path | None:
    """The newest ``/usr/lib/postgresql/<version>/bin`` with a server, or one on PATH."""
    candidates = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda path: int(path.parent.parent.name) if path.parent.parent.name.isdigit() else 0,
    )
    if candidates:
        return candidates[-1].parent
    on_path = shutil.which("initdb")
    return Path(on_path).parent if on_path else None


def unavailable_reason() -> str | None:
    """Why no server can be started here (None: it can)."""
    if find_bin_dir() is None:
        return f"PostgreSQL server binaries (initdb) are not installed ({INSTALL_HINT})"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(SERVICE_USER)
        except KeyError:
            return f"there is no {SERVICE_USER!r} user to run PostgreSQL as ({INSTALL_HINT})"
    return None


def _base_dir() -> str:
    """Where the server folder goes: the usual temporary folder if the service user can
    reach it (and the socket path stays short), else /tmp."""
    base = tempfile.gettempdir()
    if len(base) > 60:
        return "/tmp"
    if os.geteuid() == 0:
        for parent in [Path(base), *Path(base).parents]:
            if not parent.stat().st_mode & 0o001:  # others cannot pass through
                return "/tmp"
    return base


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class PgServer:
    """A running server; :meth:`stop` shuts it down and removes its folder."""

    folder: Path
    bin_dir: Path
    port: int
    user: str = SERVICE_USER
    started_in_s: float = 0.0
    _names: Iterator[int] = field(default_factory=lambda: itertools.count(1), repr=False)

    @property
    def data_dir(self) -> Path:
        return self.folder / "data"

    @property
    def log_file(self) -> Path:
        return self.folder / "server.log"

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{self.user}@127.0.0.1:{self.port}/{database}"

    def sql(self, statement: str) -> None:
        """Run one statement outside a transaction (CREATE/DROP DATABASE) as the superuser."""
        import psycopg

        with psycopg.connect(
            host="127.0.0.1", port=self.port, user=self.user, dbname="postgres", autocommit=True
        ) as connection:
            connection.execute(statement)

    def create_database(self, *, template: str = "template0") -> str:
        """A new database copied from ``template``; returns its name."""
        name = f"test_{os.getpid()}_{next(self._names)}"
        self.sql(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        return name

    def drop_database(self, name: str) -> None:
        self.sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        with contextlib.suppress(subprocess.SubprocessError, OSError):
            _run(self, "pg_ctl", "-D", str(self.data_dir), "-m", "fast", "-w", "stop", timeout=60)
        shutil.rmtree(self.folder, ignore_errors=True)


def _as_service_user(argv: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return argv
    return ["runuser", "-u", SERVICE_USER, "--", *argv]


def _run(server: PgServer, tool: str, *args: str, timeout: float) -> None:
    argv = _as_service_user([str(server.bin_dir / tool), *args])
    result = subprocess.run(
        argv,
        cwd=server.folder,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "LC_ALL": "C.UTF-8", "PGTZ": "UTC"},
        check=False,
    )
    if result.returncode != 0:
        log = (
            server.log_file.read_text(errors="replace")[-3000:] if server.log_file.exists() else ""
        )
        raise RuntimeError(
            f"{tool} failed ({result.returncode}): {result.stdout}{result.stderr}\n{log}"
        )


def start(*, max_connections: int = 60) -> PgServer:
    """Initialise and start a server in a new temporary folder (see module docstring).

    ``max_connections``: the server's limit (a benchmark of many seats needs more).
    """
    bin_dir = find_bin_dir()
    if bin_dir is None:
        raise RuntimeError(f"PostgreSQL is not installed ({INSTALL_HINT})")
    began = time.perf_counter()
    folder = Path(tempfile.mkdtemp(prefix="console-pg-", dir=_base_dir()))
    if os.geteuid() == 0:
        account = pwd.getpwnam(SERVICE_USER)
        os.chown(folder, account.pw_uid, account.pw_gid)
    server = PgServer(folder=folder, bin_dir=bin_dir, port=0)
    try:
        _run(
            server,
            "initdb",
            "-D", str(server.data_dir),
            "-U", SERVICE_USER,
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
            "--no-instructions",
            timeout=120,
        )  # fmt: skip
        hba = server.data_dir / "pg_hba.conf"
        hba.write_text(
            f"host all {PASSWORD_USER} 127.0.0.1/32 scram-sha-256\n"
            # Team people (console/team/people.py) sign in with their passwords too.
            f"host all +{PEOPLE_GROUP} 127.0.0.1/32 scram-sha-256\n" + hba.read_text()
        )
        for attempt in range(5):
            server.port = _free_port()
            options = " ".join(
                [
                    "-c listen_addresses=127.0.0.1",
                    f"-c port={server.port}",
                    f"-c unix_socket_directories={folder}",
                    "-c fsync=off",
                    "-c synchronous_commit=off",
                    "-c full_page_writes=off",
                    f"-c max_connections={max_connections}",
                    "-c timezone=UTC",
                ]
            )
            try:
                _run(
                    server,
                    "pg_ctl",
                    "-D", str(server.data_dir),
                    "-l", str(server.log_file),
                    "-o", options,
                    "-w", "-t", "60",
                    "start",
                    timeout=90,
                )  # fmt: skip
                break
            except RuntimeError:
                # Another process took the port between the probe and the start.
                if attempt == 4:
                    raise
        server.sql(f"CREATE ROLE {PASSWORD_USER} LOGIN PASSWORD '{PASSWORD}'")
    except BaseException:
        server.stop()
        raise
    server.started_in_s = time.perf_counter() - began
    return server
