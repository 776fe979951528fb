"""Hostile and messy CSV/JSON exports through the real import path: the store is queried."""

from __future__ import annotations

import subprocess
from pathlib import Path

from sqlalchemy import func, select

from console.channels.admin import preview_table
from console.channels.importer import import_path
from console.channels.mapping import ColumnMapping, guess_mapping
from console.store import Store, sqlite_url
from console.store.channel_tables import CustomerKey, QuarantinedItem
from console.store.models import Customer, Message

ROOT = Path(__file__).resolve().parents[3]
HEADER = "user,time,message\n"


def _messages(store: Store) -> list[str]:
    with store.session() as session:
        return list(session.scalars(select(Message.text).order_by(Message.id)))


def _quarantine(store: Store) -> list[QuarantinedItem]:
    with store.session() as session:
        rows = list(session.scalars(select(QuarantinedItem).order_by(QuarantinedItem.id)))
        session.expunge_all()
        return rows


def test_one_bad_timestamp_is_quarantined_and_the_rest_goes_on(
    store: Store, tmp_path: Path
) -> None:
    rows = [f"u{n},2026-11-01T10:{n % 60:02d}:00Z,hello {n}" for n in range(1, 1001)]
    rows[748] = "u749,9999-12-31T23:59:59-01:00,far future"  # row 750 (header is row 1)
    path = tmp_path / "export.csv"
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    report = import_path(store, path)
    assert (report.imported, report.quarantined) == (999, 1)
    assert len(_messages(store)) == 999
    [item] = _quarantine(store)
    assert item.item_ref == "row 750"
    assert "far future" in item.excerpt and item.size > 0
    assert item.reason == "Row 750: the time sent “9999-12-31T23:59:59-01:00” is not a real date."
    assert item.problem is not None and '"import.time_out_of_range"' in item.problem


def test_a_bad_cell_is_shown_printable_never_as_python_escapes(
    store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "nul.csv"
    path.write_bytes(b"Message,Sent,Buyer\nhello,not\x00a\x1btime,ana\n")
    report = import_path(store, path)
    assert report.quarantined == 1
    [item] = _quarantine(store)
    assert "\\x" not in item.reason and "'" not in item.reason
    assert "not\ufffda\ufffdtime" in item.reason


def test_limits_are_reported_as_such_with_the_content_kept(store: Store, tmp_path: Path) -> None:
    big = "x" * 1_000_000
    path = tmp_path / "big.csv"
    path.write_text(
        HEADER + f'u1,2026-11-01T10:00:00Z,"{big}"\nu2,2026-11-01T10:01:00Z,fine\n',
        encoding="utf-8",
    )
    report = import_path(store, path)
    assert (report.imported, report.quarantined) == (1, 1)
    [item] = _quarantine(store)
    assert item.item_ref == "row 2" and item.size > 1_000_000
    assert "longer than" in item.reason and item.excerpt.startswith("u1,")


def test_deep_json_and_huge_numbers_are_quarantined_per_item(store: Store, tmp_path: Path) -> None:
    deep = '{"a":' * 5000 + "1" + "}" * 5000
    ok = '{"user": "u%d", "time": "2026-11-01T10:0%d:00Z", "message": "hi %d"}'
    items = [ok % (1, 1, 1), deep, '{"user": "u2", "n": ' + "9" * 5000 + "}", ok % (3, 3, 3)]
    path = tmp_path / "export.json"
    path.write_text("[" + ",\n".join(items) + "]", encoding="utf-8")
    report = import_path(store, path)
    assert (report.imported, report.quarantined) == (2, 2)
    reasons = {item.item_ref: item.reason for item in _quarantine(store)}
    assert "levels deep" in reasons["item 2"]
    assert "number longer" in reasons["item 3"]
    lines = tmp_path / "export.jsonl"
    lines.write_text("\n".join([ok % (4, 4, 4), deep, ok % (5, 5, 5)]), encoding="utf-8")
    report = import_path(store, lines)
    assert (report.imported, report.quarantined) == (2, 1)


def test_gb18030_and_shift_jis_are_recognised_even_short(store: Store, tmp_path: Path) -> None:
    for name, text, encoding, label in (
        ("cn.csv", "退款", "gb18030", "GB18030"),
        ("jp.csv", "返品したいです", "shift_jis", "Shift-JIS"),
        ("tw.csv", "請問我的訂單", "big5", "Big5"),
        ("kr.csv", "환불 요청합니다", "euc-kr", "EUC-KR"),
    ):
        path = tmp_path / name
        path.write_bytes(f"{HEADER}u-{name},2026-11-01T10:00:00Z,{text}\n".encode(encoding))
        report = import_path(store, path)
        assert report.imported == 1, name
        assert any(f"as {label}" in notice.text for notice in report.notices), name
    assert _messages(store) == ["退款", "返品したいです", "請問我的訂單", "환불 요청합니다"]


def test_declared_encoding_flags_rows_that_do_not_decode(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    good = "u1,2026-11-01T10:00:00Z,退款\n".encode("gb18030")
    bad = b"u2,2026-11-01T10:01:00Z,\x80\xff\x80\n"
    path.write_bytes(HEADER.encode() + good + bad)
    report = import_path(store, path, encoding="gb18030")
    assert (report.imported, report.quarantined) == (1, 1)
    assert any("not valid GB18030" in notice.text for notice in report.notices)
    assert _messages(store) == ["退款"]
    assert "not valid GB18030" in _quarantine(store)[0].reason
    mapping = ColumnMapping.from_json('{"columns": {}, "encoding": "GBK"}')
    assert mapping.encoding == "gbk"


def test_mapping_fills_region_city_and_phone(store: Store, tmp_path: Path) -> None:
    header = "买家昵称,发送时间,买家留言,收货人电话,收货国家,省份,城市\n"
    path = tmp_path / "tmall.csv"
    path.write_text(
        header + "wang,2026-11-01 10:00,我要退款,138 0013 8000,CN,广东,深圳\n", encoding="utf-8"
    )
    assert guess_mapping(header.strip().split(",")).missing() == []
    assert import_path(store, path).imported == 1
    with store.session() as session:
        customer = session.scalars(select(Customer)).one()
        assert (customer.region, customer.city, customer.country) == ("广东", "深圳", "CN")
        keys = {
            (kind, value)
            for kind, value in session.execute(select(CustomerKey.kind, CustomerKey.value))
        }
    assert ("phone", "+8613800138000") in keys


def test_preview_names_the_encoding(tmp_path: Path) -> None:
    path = tmp_path / "cn.csv"
    path.write_bytes(f"{HEADER}u1,2026-11-01T10:00:00Z,我要退款\n".encode("gb18030"))
    preview = preview_table(path)
    assert preview.encoding == "GB18030"
    assert preview.rows[0].values[0] == "我要退款"


def test_cli_exits_0_with_a_summary_and_no_traceback(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    rows = [HEADER.strip(), "u1,2026-11-01T10:00:00Z,退款", "u2,0001-01-01T00:00:00+01:00,x"]
    path.write_bytes("\n".join(rows).encode("gb18030"))
    db = sqlite_url(tmp_path / "cli.sqlite3")
    command = [str(ROOT / ".venv/bin/support-console"), "import", str(path), "--db", db]
    done = subprocess.run(
        [*command, "--encoding", "gb18030"], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "imported 1, duplicates 0, quarantined 1"
    assert "Traceback" not in done.stderr
    refused = subprocess.run(
        [*command, "--encoding", "klingon"], cwd=ROOT, capture_output=True, text=True
    )
    assert refused.returncode == 1 and "klingon" in refused.stderr
    assert "Traceback" not in refused.stderr
    with Store_count(db) as count:
        assert count == 1


class Store_count:
    def __init__(self, url: str) -> None:
        from console.store import open_store

        self.store = open_store(url)

    def __enter__(self) -> int:
        with self.store.session() as session:
            return int(session.scalar(select(func.count()).select_from(Message)) or 0)

    def __exit__(self, *exc: object) -> None:
        self.store.close()


def test_a_bare_buyer_column_is_the_customer_name() -> None:
    columns = guess_mapping(["买家", "买家邮箱", "收货国家", "发送时间", "买家留言"]).columns
    assert columns["customer_name"] == "买家"
    assert columns["email"] == "买家邮箱" and columns["text"] == "买家留言"
