"""Arbitrary CSV/JSON bytes through the table reader and the importer: every row is stored,
quarantined or reported, and nothing raises."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from console.channels.importer import import_path
from console.channels.sources import SourceError, read_source
from console.channels.table_encoding import _frequencies, decode
from console.store import open_store, sqlite_url
from console.store.channel_tables import QuarantinedItem
from console.store.models import Message

HEADER = b"user,time,message\n"
PIECES = st.sampled_from(
    [
        b"u1,2026-11-01T10:00:00Z,hello\n",
        b"u2,9999-12-31T23:59:59-01:00,far\n",
        b'u3,1700000000,"multi\nline"\n',
        "u4,2026-11-01 10:00,退款\n".encode("gb18030"),
        b"\xff\xfe\x00",
        b'"unterminated,',
        b",,,\n",
        b"\x00\r\n",
        b"9" * 40,
        b'{"a":' * 80,
    ]
)
BYTES = st.lists(st.binary(max_size=40) | PIECES, max_size=12).map(b"".join)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(BYTES, st.sampled_from(["csv", "json"]), st.booleans())
def test_any_bytes_are_stored_quarantined_or_refused(
    tmp_path_factory: pytest.TempPathFactory, body: bytes, fmt: str, with_header: bool
) -> None:
    folder = tmp_path_factory.mktemp("prop")
    path = folder / f"data.{fmt}"
    path.write_bytes((HEADER if with_header and fmt == "csv" else b"") + body)
    try:
        items = list(read_source(path, fmt))
    except SourceError as exc:
        assert str(exc)
        return
    for item in items:
        assert (item.message is None) != (item.problem is None)
        if item.problem is not None:
            assert str(item.problem)[:1].isupper()
    store = open_store(sqlite_url(folder / "store.sqlite3"))
    try:
        report = import_path(store, path, fmt=fmt, batch_size=3)
        with store.session() as session:
            messages = session.scalar(select(func.count()).select_from(Message)) or 0
            quarantined = session.scalar(select(func.count()).select_from(QuarantinedItem)) or 0
    finally:
        store.close()
    assert report.imported == messages
    assert report.imported + report.duplicates + report.quarantined == len(items)
    assert quarantined == report.quarantined


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300), st.sampled_from([None, "gb18030", "shift_jis", "cp1252"]))
def test_decoding_gives_text_and_counts_what_did_not_decode(
    data: bytes, declared: str | None
) -> None:
    decoded = decode(data, declared)
    assert isinstance(decoded.text, str)
    assert decoded.lossy == (decoded.replaced > 0)
    if decoded.lossy:
        assert "\ufffd" in decoded.text
        assert any("not valid" in notice.text for notice in decoded.notices())


# The 500 commonest characters of Chinese text (GB2312 level 1 holds 3,755).
COMMON_HANZI = "".join(sorted(_frequencies("zh"), key=_frequencies("zh").__getitem__)[-500:])


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(COMMON_HANZI), min_size=2, max_size=40))
def test_chinese_text_in_gb18030_is_never_stored_garbled_without_a_word(text: str) -> None:
    decoded = decode(text.encode("gb18030"))
    assert decoded.text == text or not decoded.certain
