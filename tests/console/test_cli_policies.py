"""``support-console policies export|import`` as a user runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from console.policies import version_history
from console.store import open_store, sqlite_url


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "console", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        stdin=subprocess.DEVNULL,
    )


def test_export_to_stdout_and_to_a_file(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "store.sqlite3")
    result = _run("policies", "export", "--db", url)
    assert result.returncode == 0, result.stderr
    pack = json.loads(result.stdout)
    assert len(pack["markets"]) >= 30 and "not legal advice" in pack["notice"]
    out = tmp_path / "pack" / "team.json"
    result = _run("--db", url, "policies", "export", str(out))
    assert result.returncode == 0, result.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["markets"] == pack["markets"]


def test_import_applies_a_good_file(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "store.sqlite3")
    pack = json.loads(_run("policies", "export", "--db", url).stdout)
    germany = next(m for m in pack["markets"] if m["code"] == "DE")
    germany["store_policy"]["return_window_days"] = 30
    path = tmp_path / "good.json"
    path.write_text(json.dumps(pack), encoding="utf-8")
    result = _run("policies", "import", str(path), "--db", url)
    assert result.returncode == 0, result.stderr
    assert "1 changed" in result.stderr
    store = open_store(url)
    try:
        with store.session() as session:
            history = version_history(session, "DE")
    finally:
        store.close()
    assert history[0].action == "import"
    assert [str(c) for c in history[0].changes] == ["store_policy.return_window_days: (none) → 30"]


def test_a_bad_file_changes_nothing_and_says_what_is_wrong(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "store.sqlite3")
    before = _run("policies", "export", "--db", url).stdout
    pack = json.loads(before)
    germany = next(m for m in pack["markets"] if m["code"] == "DE")
    germany["store_policy"]["return_window_days"] = 7
    germany["privacy"]["breach"]["unit"] = "fortnights"
    pack["markets"][1]["notes"] = "would change"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(pack), encoding="utf-8")
    result = _run("policies", "import", str(path), "--db", url)
    assert result.returncode == 1
    index = pack["markets"].index(germany)
    assert "nothing changed" in result.stderr
    assert f"markets[{index}].privacy.breach.unit: 'fortnights' is not allowed" in result.stderr
    assert (
        f"markets[{index}].store_policy.return_window_days: 7 days is shorter than the statutory "
        "withdrawal period of 14 days" in result.stderr
    )
    after = json.loads(_run("policies", "export", "--db", url).stdout)
    assert after["markets"] == json.loads(before)["markets"]


def test_unreadable_and_non_json_files(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "store.sqlite3")
    missing = _run("policies", "import", str(tmp_path / "nope.json"), "--db", url)
    assert missing.returncode == 1 and "cannot read" in missing.stderr
    junk = tmp_path / "junk.json"
    junk.write_text("{oops", encoding="utf-8")
    result = _run("policies", "import", str(junk), "--db", url)
    assert result.returncode == 1 and "not valid JSON" in result.stderr


def test_policies_needs_an_action() -> None:
    result = _run("policies")
    assert result.returncode == 2 and "usage:" in result.stderr


def test_import_as_an_agent_needs_the_compliance_role(tmp_path: Path) -> None:
    from console.store.models import Agent, AgentRole

    url = sqlite_url(tmp_path / "store.sqlite3")
    store = open_store(url)
    try:
        with store.session() as session:
            session.add(Agent(name="Arun", role=AgentRole.AGENT, languages=["en"]))
            session.add(Agent(name="Clara", role=AgentRole.COMPLIANCE, languages=["en"]))
    finally:
        store.close()
    path = tmp_path / "pack.json"
    assert _run("policies", "export", "--db", url, str(path)).returncode == 0
    denied = _run("policies", "import", str(path), "--db", url, "--agent", "Arun")
    assert denied.returncode == 1
    assert "only compliance staff can edit rules" in denied.stderr
    unknown = _run("policies", "import", str(path), "--db", url, "--agent", "Nobody")
    assert unknown.returncode == 1 and "no agent profile named 'Nobody'" in unknown.stderr
    allowed = _run("policies", "import", str(path), "--db", url, "--agent", "Clara")
    assert allowed.returncode == 0, allowed.stderr
