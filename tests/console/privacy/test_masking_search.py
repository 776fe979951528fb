"""Search for masked people in a team store: over masked words only.

The search tables of migration 0015 hold tsvectors of the raw texts (their words are
the text's words); a masked login role must not read them, yet its inbox search must
work: over ``masked_body`` through the ``console_masked`` views on its search path.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import psycopg
import pytest
from privacy_helpers import ADDRESS, NAME, SENT
from test_masking_team import _as, _connect, team  # noqa: F401 (the fixture)

from console.inbox import commands
from console.inbox.ingest import ingest
from console.inbox.queries import InboxFilter, conversation_ids, search_places
from console.incoming import CustomerInfo, IncomingMessage
from console.store import open_store
from console.store.models import ChannelKind

WORD = "tangerine"
REPLY_WORD = "marmalade"


def _write_again(store: Any) -> None:
    """Maria writes again: her surname, her address and a word of the message."""
    ingest(
        store,
        [
            IncomingMessage(
                channel=ChannelKind.EMAIL,
                address=ADDRESS,
                customer=CustomerInfo(name=NAME, country="DE"),
                sent_at=SENT + timedelta(hours=1),
                text=f"The {WORD} box is wrong. Regards, {NAME} ({ADDRESS}, +49 151 23456789)",
                external_id="maria-2",
                language="en",
            )
        ],
        actor="test",
    )


def test_a_masked_role_cannot_read_raw_tsvectors(team: dict[str, Any]) -> None:  # noqa: F811
    _write_again(team["store"])
    vera = _connect(team["url"], team["logins"]["vera"], "vera-pw")
    try:
        for statement in (
            "SELECT body FROM public.message_fts",
            "SELECT body FROM public.message_fts_translations",
            "SELECT * FROM public.message_fts",
            "SELECT message_id FROM public.message_fts "
            "WHERE body @@ to_tsquery('console_search', 'perez')",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                vera.execute(statement)
        words = " ".join(str(row[0]) for row in vera.execute("SELECT body FROM message_fts"))
        assert f"'{WORD}'" in words
        for raw in ("'perez'", "'pérez'", "'erase'", "'example'", "'23456789'"):
            assert raw not in words
        translated = " ".join(
            str(row[0]) for row in vera.execute("SELECT body FROM message_fts_translations")
        )
        assert translated and "erase" not in translated
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            vera.execute("DELETE FROM message_fts")  # the view is for searching only
    finally:
        vera.close()
    # The raw tsvector is still there for those who read raw values.
    uwe = _connect(team["url"], team["logins"]["uwe"], "uwe-pw")
    try:
        words = " ".join(str(row[0]) for row in uwe.execute("SELECT body FROM message_fts"))
        assert "'perez'" in words and "'erase'" in words
    finally:
        uwe.close()


def _found(store: Any, search: str, limit: int | None = None) -> list[int]:
    with store.session() as session:
        return conversation_ids(session, InboxFilter(search=search), limit=limit)


def test_a_masked_persons_inbox_search_finds_masked_words_only(team: dict[str, Any]) -> None:  # noqa: F811
    _write_again(team["store"])
    conversation = team["seeded"].conversation_id
    logins = team["logins"]
    vera = open_store(_as(team["url"], logins["vera"], "vera-pw"))
    uwe = open_store(_as(team["url"], logins["uwe"], "uwe-pw"))  # an unmasked in-house lead
    try:
        assert _found(vera, WORD) == [conversation]
        for surname_or_address in ("Pérez", "perez", "erase", "example.com", "maria.erase"):
            assert _found(vera, surname_or_address) == [], surname_or_address
            assert conversation in _found(uwe, surname_or_address), surname_or_address
        assert _found(vera, ADDRESS) == [conversation]  # the exact address: by keyed hash
        assert _found(vera, ADDRESS.upper()) == [conversation]
        with vera.session() as session:
            places = search_places(session, WORD, [conversation])[conversation]
        assert places and all(NAME not in p.text and ADDRESS not in p.text for p in places)
        # A masked person's reply is indexed through the tables, searchable by both.
        with vera.session() as session:
            commands.send_reply(
                session, conversation, f"Your {REPLY_WORD} is on its way.", agent_id=None
            )
        assert _found(vera, REPLY_WORD) == [conversation]
        assert _found(uwe, REPLY_WORD) == [conversation]
    finally:
        vera.close()
        uwe.close()


def test_a_masked_persons_one_word_search_finds_masked_words_only(
    team: dict[str, Any],  # noqa: F811
) -> None:
    """One word is searched in the postings (console/store/search_postings.py), not the
    indexes: the masked person's are the masked words only, the unmasked lead's all."""
    _write_again(team["store"])
    conversation = team["seeded"].conversation_id
    logins = team["logins"]
    vera = open_store(_as(team["url"], logins["vera"], "vera-pw"))
    uwe = open_store(_as(team["url"], logins["uwe"], "uwe-pw"))
    try:
        assert _found(vera, WORD, limit=2) == [conversation]
        for surname_or_address in ("Pérez", "perez", "erase", "example.com"):
            assert _found(vera, surname_or_address, limit=2) == [], surname_or_address
            assert conversation in _found(uwe, surname_or_address, limit=2), surname_or_address
        assert _found(vera, ADDRESS, limit=2) == [conversation]  # by keyed hash
    finally:
        vera.close()
        uwe.close()
