"""Property tests on the export parsers: they never crash, and what they read is what was written."""

from __future__ import annotations

import contextlib
import csv
import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from console.channels.mapping import ColumnMapping, guess_mapping
from console.channels.sources import (
    SourceError,
    decode_table_bytes,
    parse_timestamp,
    read_source,
    row_item,
    sniff_delimiter,
)
from console.channels.table_encoding import decode

# Text people write: no surrogates and no control characters. (A lone C1 control such
# as U+0093 in UTF-8 is C2 93, which reads as 聯 in GB18030; the importer then reports
# its encoding guess as uncertain rather than reading it back exactly.)
CELL = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x00\r"),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip() == s and s.strip())


@given(st.text(max_size=40), st.sampled_from(["UTC", "Asia/Shanghai", "Nope/Zone", ""]))
def test_parse_timestamp_returns_utc_or_a_readable_reason(value: str, zone: str) -> None:
    try:
        moment = parse_timestamp(value, zone, "Row 2")
    except ValueError as exc:
        assert str(exc).startswith("Row 2")
    except OverflowError:
        pytest.fail("overflow leaked")
    else:
        assert moment.tzinfo is UTC


@given(st.datetimes(min_value=datetime(1971, 1, 1), max_value=datetime(2100, 1, 1)))
def test_iso_timestamps_round_trip(moment: datetime) -> None:
    aware = moment.replace(tzinfo=UTC, microsecond=0)
    assert parse_timestamp(aware.isoformat(), "UTC") == aware
    assert parse_timestamp(aware.strftime("%Y-%m-%d %H:%M:%S"), "UTC") == aware


@given(
    st.dictionaries(
        st.sampled_from(["text", "time", "user", "direction", "x"]),
        st.text(max_size=20) | st.integers() | st.none(),
    )
)
def test_rows_become_a_message_or_a_reason(row: dict[str, object]) -> None:
    mapping = ColumnMapping(
        columns={"text": "text", "timestamp": "time", "handle": "user", "direction": "direction"}
    )
    item = row_item(row, "row 2", b"raw", mapping)
    assert (item.message is None) != (item.problem is None)
    if item.problem:
        assert str(item.problem)[0].isupper()


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(CELL, CELL), min_size=1, max_size=8),
    st.sampled_from([",", ";", "\t", "|"]),
    st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "gb18030"]),
)
def test_csv_written_any_way_reads_back(
    tmp_path_factory: pytest.TempPathFactory,
    rows: list[tuple[str, str]],
    delimiter: str,
    encoding: str,
) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(["user", "time", "message"])
    for number, (user, text) in enumerate(rows):
        writer.writerow([user, f"2026-11-01T10:{number:02d}:00Z", text])
    path = tmp_path_factory.mktemp("csv") / "export.csv"
    try:
        path.write_bytes(buffer.getvalue().encode(encoding))
    except UnicodeEncodeError:
        return  # gb18030 covers all of Unicode, but surrogates were filtered anyway
    items = list(read_source(path, "csv"))
    assert all((item.message is None) != (item.problem is None) for item in items)
    stored = [item.message.text for item in items if item.message is not None]
    # UTF encodings read back exactly; a short GB18030 sample may be undetectable
    # and is then quarantined whole, with a reason, never stored garbled silently.
    if encoding.startswith("utf"):
        # Valid UTF-8 reads back exactly, unless its reading is also a plausible two-byte
        # East Asian text (ð = C3 B0 = 冒): then the guess is reported as uncertain.
        decoded = decode(path.read_bytes())
        assert stored == [text for _, text in rows] or not decoded.certain
    elif stored:
        assert len(stored) == len(rows)


@given(st.binary(max_size=400))
def test_decoding_any_bytes_gives_text_or_a_source_error(data: bytes) -> None:
    with contextlib.suppress(SourceError):
        assert isinstance(decode_table_bytes(data), str)


@given(st.text(max_size=300))
def test_sniffing_any_text_gives_a_delimiter(text: str) -> None:
    assert sniff_delimiter(text) in (",", ";", "\t", "|")


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=300), st.sampled_from(["csv", "json"]))
def test_any_file_is_read_quarantined_or_refused(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, fmt: str
) -> None:
    path: Path = tmp_path_factory.mktemp("any") / f"data.{fmt}"
    path.write_bytes(data)
    try:
        items = list(read_source(path, fmt))
    except SourceError as exc:
        assert str(exc)
        return
    for item in items:
        assert (item.message is None) != (item.problem is None)


def test_guess_mapping_knows_common_names() -> None:
    mapping = guess_mapping(["Order ID", "Buyer Name", "E-mail", "Created At", "Message", "Tel"])
    assert mapping.columns == {
        "order_number": "Order ID",
        "customer_name": "Buyer Name",
        "email": "E-mail",
        "timestamp": "Created At",
        "text": "Message",
        "phone": "Tel",
    }
    assert mapping.missing() == []
