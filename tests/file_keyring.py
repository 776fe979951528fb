"""A keyring backend in a JSON file, for tests that run the console in a child process.

The test machines have no OS keyring (no Secret Service). A child process picks
this backend with ``PYTHON_KEYRING_BACKEND=file_keyring.FileKeyring`` (the
``tests`` folder on ``PYTHONPATH``) and keeps its secrets in ``$TEST_KEYRING_FILE``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend

FILE_ENV = "TEST_KEYRING_FILE"


class FileKeyring(KeyringBackend):
    priority = 1

    def _path(self) -> Path:
        return Path(os.environ[FILE_ENV])

    def _load(self) -> dict[str, str]:
        path = self._path()
        return json.loads(path.read_text()) if path.exists() else {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(f"{service}\n{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        secrets = self._load()
        secrets[f"{service}\n{username}"] = password
        self._path().write_text(json.dumps(secrets))

    def delete_password(self, service: str, username: str) -> None:
        secrets = self._load()
        secrets.pop(f"{service}\n{username}", None)
        self._path().write_text(json.dumps(secrets))
