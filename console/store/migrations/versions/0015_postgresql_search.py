"""PostgreSQL search as SQLite searches: CJK characters as words, prefixes, accents optional.

SQLite indexes ``fts_prepare(text)`` (console/store/fts.py: each Han, Kana,
Hangul and Thai character its own token) with FTS5's ``unicode61
remove_diacritics 2`` tokenizer. This revision gives PostgreSQL the same
tokens, so both engines find the same conversations:

* ``console_search_text(text)`` (IMMUTABLE SQL) puts each CJK/Thai character in
  its own token and turns every character unicode61 treats as a separator into
  a space (a regular expression over the ranges below), lower-cases with ICU
  (independent of the database's locale), then folds what unicode61 folds
  beyond lower case: Latin letters lose their accents (``é`` -> ``e``, ``Ä`` ->
  ``a``), ``ς`` -> ``σ``, and the combining accents it drops are dropped. The
  tables below were read from SQLite's tokenizer itself, code point by code
  point. PostgreSQL's ``unaccent`` is not used on purpose: it folds more than
  SQLite does (``ß`` -> ``ss``, ``ё`` -> ``е``, Greek tonos, ``ø`` -> ``o``), so
  the engines would disagree.
* the text search configuration ``console_search`` (a copy of ``simple``)
  splits that text at the spaces; a token longer than PostgreSQL's limit (2 KB)
  is not indexed, and positions past 16,383 share the last one (a phrase that
  far into one message may be missed).
* ``message_fts`` and ``message_fts_translations`` hold each message's and
  stored translation's tsvector with its conversation, like SQLite's FTS5
  tables (a match names its conversation without reading ``messages``; a phrase
  or a walk over conversations checks the stored tsvector instead of parsing
  the text again). Triggers keep them in step; GIN indexes serve the queries.
  They replace the expression indexes of revisions 0001 and 0010.
* ``console_search_query(phrases, prefixes)`` turns the bounded query terms
  (console/store/fts.py ``search_terms``) into one tsquery through the same
  function: every term must match, each as its tokens side by side (``<->``),
  the last a prefix (``:*``) if the term is a word. A term without a token is
  left out (as FTS5 leaves it out); with none left the query is NULL (no match).

SQLite: nothing changes.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-01 02:00:00
"""

from __future__ import annotations

from alembic import op
from sqlalchemy.engine import Connection

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

#: Code points (hex, ranges inclusive) that unicode61 treats as separators.
_SEPARATORS = (
    "1-2f 3a-40 5b-60 7b-a9 ab-b1 b4 b6-b8 bb bf d7 f7 2c2-2c5 2d2-2df 2e5-2eb 2ed 2ef-2ff 305 "
    "30d-30e 310 312-31a 31c-322 329-32c 32f 332-36f 375 37e 384-385 387 3f6 482-489 55a-55f "
    "589-58a 58f 591-5c7 5f3-5f4 600-604 606-61b 61e-61f 64b-65f 66a-66d 670 6d4 6d6-6e4 "
    "6e7-6ed 6fd-6fe 700-70d 70f 711 730-74a 7a6-7b0 7eb-7f3 7f6-7f9 816-819 81b-823 825-827 "
    "829-82d 830-83e 859-85b 85e 8e4-8fe 900-903 93a-93c 93e-94f 951-957 962-965 970 981-983 "
    "9bc 9be-9c4 9c7-9c8 9cb-9cd 9d7 9e2-9e3 9f2-9f3 9fa-9fb a01-a03 a3c a3e-a42 a47-a48 "
    "a4b-a4d a51 a70-a71 a75 a81-a83 abc abe-ac5 ac7-ac9 acb-acd ae2-ae3 af0-af1 b01-b03 b3c "
    "b3e-b44 b47-b48 b4b-b4d b56-b57 b62-b63 b70 b82 bbe-bc2 bc6-bc8 bca-bcd bd7 bf3-bfa "
    "c01-c03 c3e-c44 c46-c48 c4a-c4d c55-c56 c62-c63 c7f c82-c83 cbc cbe-cc4 cc6-cc8 cca-ccd "
    "cd5-cd6 ce2-ce3 d02-d03 d3e-d44 d46-d48 d4a-d4d d57 d62-d63 d79 d82-d83 dca dcf-dd4 dd6 "
    "dd8-ddf df2-df4 e31 e34-e3a e3f e47-e4f e5a-e5b eb1 eb4-eb9 ebb-ebc ec8-ecd f01-f1f "
    "f34-f3f f71-f87 f8d-f97 f99-fbc fbe-fcc fce-fda 102b-103e 104a-104f 1056-1059 105e-1060 "
    "1062-1064 1067-106d 1071-1074 1082-108d 108f 109a-109f 10fb 135d-1368 1390-1399 1400 "
    "166d-166e 1680 169b-169c 16eb-16ed 1712-1714 1732-1736 1752-1753 1772-1773 17b4-17d6 "
    "17d8-17db 17dd 1800-180e 18a9 1920-192b 1930-193b 1940 1944-1945 19b0-19c0 19c8-19c9 "
    "19de-19ff 1a17-1a1b 1a1e-1a1f 1a55-1a5e 1a60-1a7c 1a7f 1aa0-1aa6 1aa8-1aad 1b00-1b04 "
    "1b34-1b44 1b5a-1b7c 1b80-1b82 1ba1-1bad 1be6-1bf3 1bfc-1bff 1c24-1c37 1c3b-1c3f 1c7e-1c7f "
    "1cc0-1cc7 1cd0-1ce8 1ced 1cf2-1cf4 1dc0-1de6 1dfc-1dff 1fbd 1fbf-1fc1 1fcd-1fcf 1fdd-1fdf "
    "1fed-1fef 1ffd-1ffe 2000-2064 206a-206f 207a-207e 208a-208e 20a0-20b9 20d0-20f0 2100-2101 "
    "2103-2106 2108-2109 2114 2116-2118 211e-2123 2125 2127 2129 212e 213a-213b 2140-2144 "
    "214a-214d 214f 2190-23f3 2400-2426 2440-244a 249c-24e9 2500-26ff 2701-2775 2794-2b4c "
    "2b50-2b59 2ce5-2cea 2cef-2cf1 2cf9-2cfc 2cfe-2cff 2d70 2d7f 2de0-2e2e 2e30-2e3b 2e80-2e99 "
    "2e9b-2ef3 2f00-2fd5 2ff0-2ffb 3000-3004 3008-3020 302a-3030 3036-3037 303d-303f 3099-309c "
    "30a0 30fb 3190-3191 3196-319f 31c0-31e3 3200-321e 322a-3247 3250 3260-327f 328a-32b0 "
    "32c0-32fe 3300-33ff 4dc0-4dff a490-a4c6 a4fe-a4ff a60d-a60f a66f-a67e a69f a6f0-a6f7 "
    "a700-a716 a720-a721 a789-a78a a802 a806 a80b a823-a82b a836-a839 a874-a877 a880-a881 "
    "a8b4-a8c4 a8ce-a8cf a8e0-a8f1 a8f8-a8fa a926-a92f a947-a953 a95f a980-a983 a9b3-a9cd "
    "a9de-a9df aa29-aa36 aa43 aa4c-aa4d aa5c-aa5f aa77-aa79 aa7b aab0 aab2-aab4 aab7-aab8 aabe- "
    "aabf aac1 aade-aadf aaeb-aaf1 aaf5-aaf6 abe3-abed fb1e fb29 fbb2-fbc1 fd3e-fd3f fdfc-fdfd "
    "fe00-fe19 fe20-fe26 fe30-fe52 fe54-fe66 fe68-fe6b feff ff01-ff0f ff1a-ff20 ff3b-ff40 "
    "ff5b-ff65 ffe0-ffe6 ffe8-ffee fff9-ffff 10100-10102 10137-1013f 10179-10189 10190-1019b "
    "101d0-101fd 1039f 103d0 10857 1091f 1093f 10a01-10a03 10a05-10a06 10a0c-10a0f 10a38-10a3a "
    "10a3f 10a50-10a58 10a7f 10b39-10b3f 11000-11002 11038-1104d 11080-11082 110b0-110c1 "
    "11100-11102 11127-11134 11140-11143 11180-11182 111b3-111c0 111c5-111c8 116ab-116b7 "
    "12470-12473 16f51-16f7e 16f8f-16f92 1d000-1d0f5 1d100-1d126 1d129-1d1dd 1d200-1d245 "
    "1d300-1d356 1d6c1 1d6db 1d6fb 1d715 1d735 1d74f 1d76f 1d789 1d7a9 1d7c3 1eef0-1eef1 "
    "1f000-1f02b 1f030-1f093 1f0a0-1f0ae 1f0b1-1f0be 1f0c1-1f0cf 1f0d1-1f0df 1f110-1f12e "
    "1f130-1f16b 1f170-1f19a 1f1e6-1f202 1f210-1f23a 1f240-1f248 1f250-1f251 1f300-1f320 "
    "1f330-1f335 1f337-1f37c 1f380-1f393 1f3a0-1f3c4 1f3c6-1f3ca 1f3e0-1f3f0 1f400-1f43e 1f440 "
    "1f442-1f4f7 1f4f9-1f4fc 1f500-1f53d 1f540-1f543 1f550-1f567 1f5fb-1f640 1f645-1f64f "
    "1f680-1f6c5 1f700-1f773 e0001 e0020-e007f e0100-e01ef "
)
_FOLDS = (
    "b5:3bc e0:61 e1:61 e2:61 e3:61 e4:61 e5:61 e7:63 e8:65 e9:65 ea:65 eb:65 ec:69 ed:69 ee:69 "
    "ef:69 f1:6e f2:6f f3:6f f4:6f f5:6f f6:6f f9:75 fa:75 fb:75 fc:75 fd:79 ff:79 101:61 "
    "103:61 105:61 107:63 109:63 10b:63 10d:63 10f:64 113:65 115:65 117:65 119:65 11b:65 11d:67 "
    "11f:67 121:67 123:67 125:68 129:69 12b:69 12d:69 12f:69 135:6a 137:6b 13a:6c 13c:6c 13e:6c "
    "144:6e 146:6e 148:6e 14d:6f 14f:6f 151:6f 155:72 157:72 159:72 15b:73 15d:73 15f:73 161:73 "
    "163:74 165:74 169:75 16b:75 16d:75 16f:75 171:75 173:75 175:77 177:79 17a:7a 17c:7a 17e:7a "
    "17f:73 1a1:6f 1b0:75 1ce:61 1d0:69 1d2:6f 1d4:75 1d6:75 1d8:75 1da:75 1dc:75 1df:61 1e7:67 "
    "1e9:6b 1eb:6f 1ed:6f 1f0:6a 1f5:67 1f9:6e 1fb:61 201:61 203:61 205:65 207:65 209:69 20b:69 "
    "20d:6f 20f:6f 211:72 213:72 215:75 217:75 219:73 21b:74 21f:68 227:61 229:65 22b:6f 22d:6f "
    "22f:6f 231:6f 233:79 3c2:3c3 3d0:3b2 3d1:3b8 3d5:3c6 3d6:3c0 3f0:3ba 3f1:3c1 3f5:3b5 "
    "1e01:61 1e03:62 1e05:62 1e07:62 1e09:63 1e0b:64 1e0d:64 1e0f:64 1e11:64 1e13:64 1e15:65 "
    "1e17:65 1e19:65 1e1b:65 1e1d:65 1e1f:66 1e21:67 1e23:68 1e25:68 1e27:68 1e29:68 1e2b:68 "
    "1e2d:69 1e2f:69 1e31:6b 1e33:6b 1e35:6b 1e37:6c 1e39:6c 1e3b:6c 1e3d:6c 1e3f:6d 1e41:6d "
    "1e43:6d 1e45:6e 1e47:6e 1e49:6e 1e4b:6e 1e4d:6f 1e4f:6f 1e51:6f 1e53:6f 1e55:70 1e57:70 "
    "1e59:72 1e5b:72 1e5d:72 1e5f:72 1e61:73 1e63:73 1e65:73 1e67:73 1e69:73 1e6b:74 1e6d:74 "
    "1e6f:74 1e71:74 1e73:75 1e75:75 1e77:75 1e79:75 1e7b:75 1e7d:76 1e7f:76 1e81:77 1e83:77 "
    "1e85:77 1e87:77 1e89:77 1e8b:78 1e8d:78 1e8f:79 1e91:7a 1e93:7a 1e95:7a 1e96:68 1e97:74 "
    "1e98:77 1e99:79 1e9b:73 1ea1:61 1ea3:61 1ea5:61 1ea7:61 1ea9:61 1eab:61 1ead:61 1eaf:61 "
    "1eb1:61 1eb3:61 1eb5:61 1eb7:61 1eb9:65 1ebb:65 1ebd:65 1ebf:65 1ec1:65 1ec3:65 1ec5:65 "
    "1ec7:65 1ec9:69 1ecb:69 1ecd:6f 1ecf:6f 1ed1:6f 1ed3:6f 1ed5:6f 1ed7:6f 1ed9:6f 1edb:6f "
    "1edd:6f 1edf:6f 1ee1:6f 1ee3:6f 1ee5:75 1ee7:75 1ee9:75 1eeb:75 1eed:75 1eef:75 1ef1:75 "
    "1ef3:79 1ef5:79 1ef7:79 1ef9:79 1fbe:3b9 "
)
_DROPPED = (
    "300 301 302 303 304 306 307 308 309 30a 30b 30c 30f 311 31b 323 324 325 326 327 328 32d "
    "32e 330 331 "
)

#: CJK and Thai characters that fts_prepare puts in a token of their own (fts.py).
_UNIGRAMS = (
    (0x0E00, 0x0E7F),
    (0x3040, 0x30FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0xAC00, 0xD7AF),
)
#: Longest text indexed per message (a tsvector holds at most 1 MB of words).
MAX_INDEXED_CHARS = 200_000
_ICU = "und-x-icu"


def _escape(code: int) -> str:
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _char_class(ranges: list[tuple[int, int]]) -> str:
    return (
        "["
        + "".join(_escape(a) if a == b else f"{_escape(a)}-{_escape(b)}" for a, b in ranges)
        + "]"
    )


def _separator_ranges() -> list[tuple[int, int]]:
    found = []
    for part in "".join(_SEPARATORS).split():
        first, _, last = part.partition("-")
        found.append((int(first, 16), int(last or first, 16)))
    return found


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


#: Code point ranges the folds are applied in, one ``translate`` each, and only to a text
#: holding a character of the range. ``translate`` compares each character of the text
#: with each of its ``from`` characters: one call over all ~350 folds cost 0.4 ms per
#: message (most of an ingest's time on PostgreSQL); a text in a script without folds
#: (English, CJK, Cyrillic, Arabic...) now skips them all, and the others pay for their
#: own ranges. No fold's result is another fold's source, so the order changes nothing.
_FOLD_RANGES = (
    (0x00B5, 0x00FF),
    (0x0100, 0x017F),
    (0x0180, 0x024F),
    (0x0300, 0x03FF),
    (0x1E00, 0x1E9F),
    (0x1EA0, 0x1FFF),
)


def _fold_function() -> str:
    """``console_search_fold(text)``: what unicode61 folds beyond lower case (see above)."""
    folds = [
        (int(a, 16), int(b, 16)) for a, b in (pair.split(":") for pair in "".join(_FOLDS).split())
    ]
    dropped = [int(a, 16) for a in "".join(_DROPPED).split()]
    steps = []
    for first, last in _FOLD_RANGES:
        pairs = [(a, b) for a, b in folds if first <= a <= last]
        gone = [a for a in dropped if first <= a <= last]
        source = "".join(chr(a) for a, _ in pairs) + "".join(chr(a) for a in gone)
        target = "".join(chr(b) for _, b in pairs)
        steps.append(
            f"IF body ~ {_sql_string(_char_class([(first, last)]))} THEN "
            f"body := translate(body, {_sql_string(source)}, {_sql_string(target)}); END IF;"
        )
    covered = sum(1 for a, _ in folds for low, high in _FOLD_RANGES if low <= a <= high)
    covered += sum(1 for a in dropped for low, high in _FOLD_RANGES if low <= a <= high)
    assert covered == len(folds) + len(dropped), "a fold outside _FOLD_RANGES"
    body = "\n        ".join(steps)
    return f"""CREATE OR REPLACE FUNCTION console_search_fold(body text) RETURNS text
        LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
    BEGIN
        {body}
        RETURN body;
    END $fn$"""


def _text_function(collation: str) -> str:
    pattern = f"{_char_class(_separator_ranges())}+|({_char_class(list(_UNIGRAMS))})"
    lowered = f"lower(regexp_replace(left(body, {MAX_INDEXED_CHARS}), {_sql_string(pattern)}, "
    lowered += f"' \\1 ', 'g') COLLATE {collation})"
    return f"""CREATE OR REPLACE FUNCTION console_search_text(body text) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        AS $fn$ SELECT console_search_fold({lowered}) $fn$"""


def text_functions(bind: Connection) -> list[str]:
    """The statements that (re)create the two text functions (revision 0024 replaces the
    slower ones of stores made before)."""
    has_icu = bind.exec_driver_sql(
        "SELECT 1 FROM pg_collation WHERE collname = %(name)s", {"name": _ICU}
    ).first()
    # Without ICU the database's own lower case is used (its locale decides non-ASCII).
    return [_fold_function(), _text_function(f'"{_ICU}"' if has_icu else '"default"')]


_QUERY_FUNCTION = """CREATE FUNCTION console_search_query(phrases text[], prefixes boolean[])
    RETURNS tsquery LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
    SELECT string_agg('(' || term || ')', ' & ' ORDER BY n)::tsquery
    FROM (
        SELECT n, string_agg(
            CASE WHEN previous IS NULL THEN '' ELSE ' <' || (pos - previous) || '> ' END
            || '''' || lexeme || ''''
            || CASE WHEN prefixes[n] AND pos = last THEN ':*' ELSE '' END,
            '' ORDER BY pos) AS term
        FROM (
            SELECT n, lexeme, pos, lag(pos) OVER (PARTITION BY n ORDER BY pos) AS previous,
                max(pos) OVER (PARTITION BY n) AS last
            FROM unnest(phrases) WITH ORDINALITY AS p(phrase, n),
                unnest(to_tsvector('console_search', console_search_text(phrase)))
                    AS v(lexeme, positions, weights),
                unnest(positions) AS pos
        ) AS tokens
        GROUP BY n
    ) AS terms
$fn$"""

_VECTOR = "to_tsvector('console_search', console_search_text(coalesce({}, '')))"

_TABLES_AND_TRIGGERS = [
    "CREATE TEXT SEARCH CONFIGURATION console_search (COPY = simple)",
    _QUERY_FUNCTION,
    """CREATE TABLE message_fts (
        message_id integer PRIMARY KEY REFERENCES messages (id) ON DELETE CASCADE,
        conversation_id integer NOT NULL,
        body tsvector NOT NULL
    )""",
    """CREATE TABLE message_fts_translations (
        translation_id integer PRIMARY KEY REFERENCES translations (id) ON DELETE CASCADE,
        message_id integer NOT NULL,
        conversation_id integer NOT NULL,
        body tsvector NOT NULL
    )""",
    # Inserts: one statement per batch (transition tables), so a bulk import pays once.
    f"""CREATE FUNCTION message_fts_insert() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
        INSERT INTO message_fts (message_id, conversation_id, body)
        SELECT id, conversation_id, {_VECTOR.format("text")} FROM new_rows;
        RETURN NULL;
    END $fn$""",
    """CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
        EXECUTE FUNCTION message_fts_insert()""",
    f"""CREATE FUNCTION message_fts_update() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
        UPDATE message_fts SET conversation_id = NEW.conversation_id,
            body = {_VECTOR.format("NEW.text")}
        WHERE message_id = NEW.id;
        IF NEW.conversation_id IS DISTINCT FROM OLD.conversation_id THEN
            UPDATE message_fts_translations SET conversation_id = NEW.conversation_id
            WHERE message_id = NEW.id;
        END IF;
        RETURN NULL;
    END $fn$""",
    """CREATE TRIGGER messages_fts_update AFTER UPDATE OF text, conversation_id ON messages
        FOR EACH ROW EXECUTE FUNCTION message_fts_update()""",
    f"""CREATE FUNCTION message_fts_translations_insert() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
        INSERT INTO message_fts_translations (translation_id, message_id, conversation_id, body)
        SELECT t.id, t.message_id, m.conversation_id, {_VECTOR.format("t.text")}
        FROM new_rows AS t JOIN messages AS m ON m.id = t.message_id;
        RETURN NULL;
    END $fn$""",
    """CREATE TRIGGER translations_fts_insert AFTER INSERT ON translations
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
        EXECUTE FUNCTION message_fts_translations_insert()""",
    f"""CREATE FUNCTION message_fts_translations_update() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
        UPDATE message_fts_translations SET message_id = NEW.message_id,
            conversation_id = (SELECT conversation_id FROM messages WHERE id = NEW.message_id),
            body = {_VECTOR.format("NEW.text")}
        WHERE translation_id = NEW.id;
        RETURN NULL;
    END $fn$""",
    """CREATE TRIGGER translations_fts_update AFTER UPDATE OF text, message_id ON translations
        FOR EACH ROW EXECUTE FUNCTION message_fts_translations_update()""",
    f"""INSERT INTO message_fts (message_id, conversation_id, body)
        SELECT id, conversation_id, {_VECTOR.format("text")} FROM messages""",
    f"""INSERT INTO message_fts_translations (translation_id, message_id, conversation_id, body)
        SELECT t.id, t.message_id, m.conversation_id, {_VECTOR.format("t.text")}
        FROM translations AS t JOIN messages AS m ON m.id = t.message_id""",
    "CREATE INDEX ix_message_fts_body ON message_fts USING gin (body)",
    "CREATE INDEX ix_message_fts_conversation ON message_fts (conversation_id)",
    "CREATE INDEX ix_message_fts_translations_body ON message_fts_translations USING gin (body)",
    "CREATE INDEX ix_message_fts_translations_conversation "
    "ON message_fts_translations (conversation_id)",
    "CREATE INDEX ix_message_fts_translations_message ON message_fts_translations (message_id)",
    "DROP INDEX IF EXISTS ix_messages_text_fts",
    "DROP INDEX IF EXISTS ix_translations_text_fts",
    "ANALYZE message_fts",
    "ANALYZE message_fts_translations",
]

_DOWN = [
    "DROP TRIGGER IF EXISTS messages_fts_insert ON messages",
    "DROP TRIGGER IF EXISTS messages_fts_update ON messages",
    "DROP TRIGGER IF EXISTS translations_fts_insert ON translations",
    "DROP TRIGGER IF EXISTS translations_fts_update ON translations",
    "DROP TABLE IF EXISTS message_fts_translations",
    "DROP TABLE IF EXISTS message_fts",
    "DROP FUNCTION IF EXISTS message_fts_insert()",
    "DROP FUNCTION IF EXISTS message_fts_update()",
    "DROP FUNCTION IF EXISTS message_fts_translations_insert()",
    "DROP FUNCTION IF EXISTS message_fts_translations_update()",
    "DROP FUNCTION IF EXISTS console_search_query(text[], boolean[])",
    "DROP FUNCTION IF EXISTS console_search_text(text)",
    "DROP FUNCTION IF EXISTS console_search_fold(text)",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS console_search",
    "CREATE INDEX ix_messages_text_fts ON messages USING gin (to_tsvector('simple', text))",
    "CREATE INDEX ix_translations_text_fts ON translations USING gin (to_tsvector('simple', text))",
]


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    for function in text_functions(bind):
        op.execute(function)
    for statement in _TABLES_AND_TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for statement in _DOWN:
        op.execute(statement)
