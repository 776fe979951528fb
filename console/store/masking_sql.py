"""Masked customer data in a team store (PostgreSQL): masked columns, views, keyed hashes, reveal.

The masks are those of ``console/privacy/masking.py`` (the Python module is the
reference; ``tests/console/privacy/test_masking_sql.py`` runs both on the same
texts), computed by the server so that no reader needs the raw value:

* every table holding customer data (:data:`MASKED`) gets a ``masked_<column>``
  beside each raw column, kept by a BEFORE INSERT/UPDATE trigger
  (``zz_console_masks``, SECURITY DEFINER: a message's masks hide its customer's
  surname, read from ``customers``);
* schema ``console_masked`` holds a view of the same name per table
  (``security_invoker``, so the reader's own privileges and row-level security
  apply) whose raw columns read the masked ones; INSTEAD OF
  triggers write through to the table (a reply's text, a status change), so a
  masked person's console works unchanged with ``search_path = console_masked, public``;
* ``channel_identities.address_hash``: HMAC-SHA256 of the lower-cased address with
  the team's secret (``console_private.team_secret``, readable by the owner only);
  ``console_private.identity_hash(text)`` (SECURITY DEFINER) hashes what a person
  typed, so a masked person finds a customer by the exact e-mail or phone;
* ``console_private.reveal(customer_id, field, reason, identity_id)`` (SECURITY
  DEFINER) returns one raw value to a lead, compliance person or administrator
  (or an unmasked person) for a stated reason and audits it (never the value);
* the search tables of migration 0015 (:data:`SEARCH_TABLES`) hold tsvectors of the
  raw texts, which list their words: each gets ``masked_body``, the tsvector of the
  masked text (kept by a BEFORE trigger, its own GIN index), and a view of the same
  name in ``console_masked`` whose ``body`` is ``masked_body`` (SELECT only). A masked
  person's search runs unchanged over masked words; the raw ``body`` is not theirs to
  read. The 0015 trigger functions get a fixed ``search_path`` so that a masked
  person's write always reaches the tables, never these views.

The privileges (masked people read the tables' masked columns only) are granted
by ``console/team/masking_roles.py`` when ``team init`` prepares the roles.
"""

from __future__ import annotations

import os
import re
from typing import Any

from sqlalchemy import text

from console.store.row_scope import IN_SCOPE

MASKED_SCHEMA = "console_masked"
PRIVATE_SCHEMA = "console_private"
TRIGGER = "zz_console_masks"
#: Roles that may reveal a value (besides any unmasked person).
REVEAL_ROLES = ("lead", "compliance", "admin")

_CUSTOMER_OF_CONVERSATION = (
    "SELECT c.name, c.address INTO v_name, v_address FROM {s}.conversations v "
    "JOIN {s}.customers c ON c.id = v.customer_id WHERE v.id = NEW.conversation_id"
)
_CUSTOMER_OF_MESSAGE = (
    "SELECT c.name, c.address INTO v_name, v_address FROM {s}.messages m "
    "JOIN {s}.conversations v ON v.id = m.conversation_id "
    "JOIN {s}.customers c ON c.id = v.customer_id WHERE m.id = NEW.message_id"
)


def _text(column: str) -> str:
    return f"console_masked.mask_text(NEW.{column}, v_name, v_address)"


#: Table -> (how its customer's name and address are found, {raw column: mask expression}).
MASKED: dict[str, tuple[str | None, dict[str, str]]] = {
    "customers": (
        None,
        {
            "name": "console_masked.mask_name(NEW.name)",
            "address": "console_masked.mask_address(NEW.address)",
        },
    ),
    "channel_identities": (
        None,
        {"address": "console_masked.mask_identity(NEW.kind::text, NEW.address)"},
    ),
    "customer_keys": (
        None,
        {
            "value": "CASE WHEN NEW.kind IN ('email', 'phone') "
            "THEN console_masked.mask_identity(NEW.kind::text, NEW.value) ELSE NEW.value END"
        },
    ),
    "conversations": (
        "SELECT c.name, c.address INTO v_name, v_address FROM {s}.customers c "
        "WHERE c.id = NEW.customer_id",
        {"subject": _text("subject"), "preview": _text("preview")},
    ),
    "messages": (
        _CUSTOMER_OF_CONVERSATION,
        {
            "subject": _text("subject"),
            "text": _text("text"),
            "html": _text("html"),
            "composed_text": _text("composed_text"),
        },
    ),
    "translations": (_CUSTOMER_OF_MESSAGE, {"text": _text("text")}),
    "channel_outbox": (
        _CUSTOMER_OF_CONVERSATION,
        {
            "to_address": "console_masked.mask_identity('email', NEW.to_address)",
            "to_name": "console_masked.mask_name(NEW.to_name)",
            "subject": _text("subject"),
            "body": _text("body"),
        },
    ),
    "quarantine": (None, {"excerpt": "console_masked.mask_text(NEW.excerpt, NULL, NULL)"}),
}

#: Search table (migration 0015) -> (the table whose text it indexes, its key column there).
SEARCH_TABLES: dict[str, tuple[str, str]] = {
    "message_fts": ("messages", "message_id"),
    "message_fts_translations": ("translations", "translation_id"),
}
#: The 0015 functions that write the search tables (run with their caller's rights).
_SEARCH_WRITERS = (
    "message_fts_insert()",
    "message_fts_update()",
    "message_fts_translations_insert()",
    "message_fts_translations_update()",
)
_SEARCH_VECTOR = "to_tsvector('console_search', console_search_text(coalesce({}, '')))"


def raw_columns() -> dict[str, tuple[str, ...]]:
    """Table -> the columns a masked person may not read (the rest they may)."""
    found = {table: tuple(masks) for table, (_finder, masks) in MASKED.items()}
    found.update({table: ("body",) for table in SEARCH_TABLES})
    return found


_CJK = r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]"

#: The masks, as in console/privacy/masking.py (keep the two alike).
FUNCTIONS = r"""
CREATE OR REPLACE FUNCTION console_masked.mask_word(t text) RETURNS text
LANGUAGE sql IMMUTABLE AS $f$
  SELECT CASE WHEN t IS NULL THEN NULL
              WHEN btrim(t) = '' OR position('*' in btrim(t)) > 0 THEN btrim(t)
              ELSE left(btrim(t), 1) || '***' END
$f$;

CREATE OR REPLACE FUNCTION console_masked.mask_email(t text) RETURNS text
LANGUAGE plpgsql IMMUTABLE AS $f$
DECLARE s text := btrim(t); at int; local text; domain text; labels text[]; top text;
BEGIN
  IF t IS NULL THEN RETURN NULL; END IF;
  at := length(s) - position('@' in reverse(s)) + 1;
  IF position('@' in s) = 0 THEN RETURN console_masked.mask_word(s); END IF;
  local := left(s, at - 1); domain := substr(s, at + 1);
  IF position('*' in local) > 0 AND position('*' in domain) > 0 THEN RETURN s; END IF;
  labels := string_to_array(domain, '.');
  top := CASE WHEN array_length(labels, 1) > 1 THEN labels[array_length(labels, 1)] ELSE '' END;
  RETURN coalesce(nullif(left(local, 1), ''), '*') || '***@'
      || coalesce(nullif(left(labels[1], 1), ''), '*') || '***'
      || CASE WHEN top <> '' THEN '.' || top ELSE '' END;
END $f$;

CREATE OR REPLACE FUNCTION console_masked.calling_code(d text) RETURNS text
LANGUAGE sql IMMUTABLE AS $f$
  SELECT CASE WHEN left(d, 1) IN ('1', '7') THEN left(d, 1)
              WHEN left(d, 2) = ANY (string_to_array(
                '20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 '
                '60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98', ' ')) THEN left(d, 2)
              ELSE left(d, 3) END
$f$;

CREATE OR REPLACE FUNCTION console_masked.mask_phone(t text) RETURNS text
LANGUAGE plpgsql IMMUTABLE AS $f$
DECLARE s text := btrim(t); d text := regexp_replace(btrim(t), '\D', '', 'g'); intl text;
BEGIN
  IF t IS NULL THEN RETURN NULL; END IF;
  IF length(d) < 4 OR position('*' in s) > 0 THEN RETURN s; END IF;
  IF left(s, 1) = '+' OR left(s, 2) = '00' THEN
    intl := CASE WHEN left(s, 2) = '00' THEN substr(d, 3) ELSE d END;
    RETURN '+' || console_masked.calling_code(intl) || ' *** *** ' || right(d, 2);
  END IF;
  RETURN '*** *** ' || right(d, 2);
END $f$;

CREATE OR REPLACE FUNCTION console_masked.is_cjk(t text) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $f$ SELECT left(t, 1) ~ '^CJK' $f$;

CREATE OR REPLACE FUNCTION console_masked.mask_name(t text) RETURNS text
LANGUAGE plpgsql IMMUTABLE AS $f$
DECLARE s text := btrim(regexp_replace(coalesce(t, ''), '\s+', ' ', 'g'));
        words text[]; last text; compact text;
BEGIN
  IF t IS NULL THEN RETURN NULL; END IF;
  IF s = '' THEN RETURN s; END IF;
  IF s ~ '^EMAIL$' THEN RETURN console_masked.mask_email(s); END IF;
  IF s ~ '^[+(]?[0-9 ()./-]{6,}$' AND length(regexp_replace(s, '\D', '', 'g')) >= 7 THEN
    RETURN console_masked.mask_phone(s);
  END IF;
  IF console_masked.is_cjk(s) THEN
    compact := replace(s, ' ', '');
    IF length(compact) <= 1 OR substr(compact, 2) = repeat('*', length(compact) - 1) THEN
      RETURN compact;
    END IF;
    RETURN left(compact, 1) || repeat('*', length(compact) - 1);
  END IF;
  words := string_to_array(s, ' ');
  IF array_length(words, 1) = 1 THEN RETURN s; END IF;
  last := words[array_length(words, 1)];
  IF last ~ '^\w\.$' THEN RETURN s; END IF;
  RETURN words[1] || ' ' || left(last, 1) || '.';
END $f$;

CREATE OR REPLACE FUNCTION console_masked.mask_address(t text) RETURNS text
LANGUAGE sql IMMUTABLE AS $f$
  SELECT CASE WHEN t IS NULL OR t = '' THEN t ELSE (
    SELECT string_agg(console_masked.mask_word(part), ', ' ORDER BY n)
    FROM regexp_split_to_table(t, '[,\n;]') WITH ORDINALITY AS p(part, n)
    WHERE btrim(part) <> '') END
$f$;

CREATE OR REPLACE FUNCTION console_masked.luhn_valid(d text) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE AS $f$
DECLARE total int := 0; v int; i int; n int := length(d);
BEGIN
  FOR i IN 0 .. n - 1 LOOP
    v := substr(d, n - i, 1)::int;
    IF i % 2 = 1 THEN v := v * 2; IF v > 9 THEN v := v - 9; END IF; END IF;
    total := total + v;
  END LOOP;
  RETURN total % 10 = 0;
END $f$;

CREATE OR REPLACE FUNCTION console_masked.iban_valid(t text) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE AS $f$
DECLARE c text := replace(t, ' ', ''); moved text; r int := 0; ch text; digits text; i int;
BEGIN
  IF length(c) < 15 OR length(c) > 34 THEN RETURN false; END IF;
  moved := substr(c, 5) || left(c, 4);
  FOR i IN 1 .. length(moved) LOOP
    ch := substr(moved, i, 1);
    digits := CASE WHEN ch ~ '[0-9]' THEN ch ELSE (ascii(ch) - 55)::text END;
    r := ((r::text || digits)::bigint % 97)::int;
  END LOOP;
  RETURN r = 1;
END $f$;

CREATE OR REPLACE FUNCTION console_masked.mask_match(kind text, m text) RETURNS text
LANGUAGE plpgsql IMMUTABLE AS $f$
DECLARE d text := regexp_replace(m, '\D', '', 'g'); c text := replace(m, ' ', '');
BEGIN
  IF kind = 'email' THEN RETURN console_masked.mask_email(m); END IF;
  IF kind = 'card' THEN
    RETURN CASE WHEN console_masked.luhn_valid(d) THEN '**** **** **** ' || right(d, 4) ELSE m END;
  END IF;
  IF kind = 'iban' THEN
    RETURN CASE WHEN console_masked.iban_valid(m)
                THEN left(c, 2) || '** **** **** ' || right(c, 2) ELSE m END;
  END IF;
  IF kind = 'intl' THEN
    RETURN CASE WHEN length(d) BETWEEN 8 AND 17 THEN console_masked.mask_phone(m) ELSE m END;
  END IF;
  IF kind = 'national' THEN
    RETURN CASE WHEN length(d) BETWEEN 9 AND 12 THEN console_masked.mask_phone(m) ELSE m END;
  END IF;
  IF kind = 'mobile' THEN RETURN console_masked.mask_phone(m); END IF;
  RETURN console_masked.mask_word(m);
END $f$;

CREATE OR REPLACE FUNCTION console_masked.replace_matches(t text, pattern text, kind text)
RETURNS text LANGUAGE plpgsql IMMUTABLE AS $f$
DECLARE out text := ''; rest text := t; m text[]; pos int; whole text;
BEGIN
  LOOP
    m := regexp_match(rest, CASE WHEN left(pattern, 4) = '(?i)'
                                 THEN '(?i)(' || substr(pattern, 5) || ')'
                                 ELSE '(' || pattern || ')' END);
    EXIT WHEN m IS NULL;
    whole := m[1];
    pos := position(whole in rest);
    -- the match found by the pattern (with its look-arounds) at its first occurrence
    out := out || left(rest, pos - 1) || console_masked.mask_match(kind, whole);
    rest := substr(rest, pos + length(whole));
  END LOOP;
  RETURN out || rest;
END $f$;

CREATE OR REPLACE FUNCTION console_masked.mask_text(
    t text, customer_name text, customer_address text)
RETURNS text LANGUAGE plpgsql IMMUTABLE AS $f$
DECLARE s text := t; part text; word text; name text := btrim(coalesce(customer_name, ''));
        words text[]; i int;
BEGIN
  IF t IS NULL OR t = '' THEN RETURN t; END IF;
  FOR part IN SELECT btrim(p) FROM regexp_split_to_table(coalesce(customer_address, ''), '[,\n;]') p
  LOOP
    IF length(part) >= 4 AND position(part in s) > 0 THEN
      s := replace(s, part, console_masked.mask_word(part));
    END IF;
  END LOOP;
  s := console_masked.replace_matches(s, 'EMAIL', 'email');
  s := console_masked.replace_matches(s, '(?<![\w#-])\d(?:[ -]?\d){12,18}(?![\w-])', 'card');
  s := console_masked.replace_matches(s,
    '(?<![\w#-])[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}(?![\w-])', 'iban');
  s := console_masked.replace_matches(s,
    '(?<![\w#+-])(?:\+|00)[1-9](?:[ ./-]?\(?\d\)?){6,16}(?![\w-])', 'intl');
  s := console_masked.replace_matches(s,
    '(?<![\w#+/.-])(?:\(0?\d{1,5}\)|0\d{1,5})(?:[ ./-]\d{2,8}){1,4}(?![\w/-]|\.\d)', 'national');
  s := console_masked.replace_matches(s, '(?<![\w#+-])1[3-9]\d{9}(?![\w-])', 'mobile');
  s := console_masked.replace_matches(s, 'STREET_FIRST', 'word');
  s := console_masked.replace_matches(s, 'STREET', 'word');
  IF name <> '' AND name !~ '^EMAIL$' THEN
    IF console_masked.is_cjk(name) THEN
      name := replace(name, ' ', '');
      IF length(name) >= 2 AND position('*' in name) = 0 THEN
        s := replace(s, name, console_masked.mask_name(name));
      END IF;
    ELSE
      words := string_to_array(regexp_replace(name, '\s+', ' ', 'g'), ' ');
      FOR i IN 2 .. coalesce(array_length(words, 1), 1) LOOP
        word := btrim(words[i], '.,');
        IF length(word) >= 2 AND position('*' in word) = 0 THEN
          s := regexp_replace(s,
            '(?<!\w)' || regexp_replace(word, '([.\\+*?\[^\]$(){}=!<>|:#/-])', '\\\1', 'g')
            || '(?!\w)', left(word, 1) || '.', 'gi');
        END IF;
      END LOOP;
    END IF;
  END IF;
  RETURN s;
END $f$;

CREATE OR REPLACE FUNCTION console_masked.mask_identity(kind text, t text) RETURNS text
LANGUAGE sql IMMUTABLE AS $f$
  SELECT CASE
    WHEN t IS NULL THEN NULL
    WHEN position('@' in t) > 0 AND btrim(t) ~ '^EMAIL$' THEN console_masked.mask_email(t)
    WHEN kind IN ('phone', 'sms', 'whatsapp') OR t ~ '^\+?[0-9 ()./-]{7,}$'
      THEN console_masked.mask_phone(t)
    ELSE console_masked.mask_text(t, NULL, NULL) END
$f$;
"""

_EMAIL_ARE = r"[A-Za-z0-9._%+*-]+@[A-Za-z0-9*-]+(?:\.[A-Za-z0-9*-]+)*\.[A-Za-z]{2,}"
_STREET_ARE = (
    r"(?:\y\d{1,5}[a-z]?\s+)?\y(?:[A-ZÄÖÜ][\w'-]*(?:straße|strasse|str\.|weg|allee|platz|"
    r"gasse|gatan|vägen|straat|laan)|[A-Z][\w'-]+\s+(?:Street|St\.|Road|Rd\.|Avenue|Ave\.|Lane|"
    r"Boulevard|Blvd\.|Drive|Way))(?:\s+\d{1,5}[a-z]?)?(?!\w)"
)
_STREET_FIRST_ARE = (
    r"\y(?:Rue|rue|Calle|calle|Avenida|avenida|Rua|rua|Viale|Piazza|Chemin|chemin|Ulica|ulica)"
    r"\s+(?:(?:de|del|da|des|la|do|di)\s+)?[A-Z][\w'-]+(?:,?\s*\d{1,5}[a-z]?)?(?!\w)"
)


def _functions_sql() -> str:
    body = FUNCTIONS.replace("'^EMAIL$'", "'^" + _EMAIL_ARE + "$'")
    body = body.replace("'EMAIL'", "'" + _EMAIL_ARE + "'")
    body = body.replace("'STREET_FIRST'", "'" + _STREET_FIRST_ARE.replace("'", "''") + "'")
    body = body.replace("'STREET'", "'" + _STREET_ARE.replace("'", "''") + "'")
    body = body.replace("'^CJK'", "'^" + _CJK + "'")
    return body


#: A reply queued by a masked person names the customer as they read it (masked): the
#: outbox takes the raw address, name and subject those masks stand for, so delivery
#: (the worker's rights) reaches the real address.
UNMASK_ON_INSERT = {
    "channel_outbox": """IF TG_OP = 'INSERT' THEN
    SELECT i.address INTO v_raw FROM {s}.channel_identities i
      JOIN {s}.conversations v ON v.customer_id = i.customer_id
     WHERE v.id = NEW.conversation_id AND i.masked_address = NEW.to_address
       AND i.address <> NEW.to_address ORDER BY i.id DESC LIMIT 1;
    IF FOUND THEN NEW.to_address := v_raw; END IF;
    SELECT c.name INTO v_raw FROM {s}.customers c
      JOIN {s}.conversations v ON v.customer_id = c.id
     WHERE v.id = NEW.conversation_id AND c.masked_name = NEW.to_name AND c.name <> NEW.to_name;
    IF FOUND THEN NEW.to_name := v_raw; END IF;
    SELECT v.subject INTO v_raw FROM {s}.conversations v
     WHERE v.id = NEW.conversation_id AND v.masked_subject = NEW.subject
       AND v.subject <> NEW.subject;
    IF FOUND THEN NEW.subject := v_raw; END IF;
  END IF;""",
}

#: Keyed hashes kept beside the raw values a masked person may look a customer up by.
HASHES = {
    "channel_identities": f"NEW.address_hash := {PRIVATE_SCHEMA}.identity_hash(NEW.address);",
    "customer_keys": f"NEW.value_hash := CASE WHEN NEW.kind IN ('email', 'phone') "
    f"THEN {PRIVATE_SCHEMA}.identity_hash(NEW.value) END;",
}


def _statements(sql: str) -> list[str]:
    """Split on the ``;`` that end a statement (each function body is one $f$ ... $f$)."""
    parts: list[str] = []
    current: list[str] = []
    inside = False
    for line in sql.splitlines():
        current.append(line)
        inside ^= line.count("$f$") % 2 == 1
        if not inside and line.rstrip().endswith(";"):
            parts.append("\n".join(current).strip().rstrip(";"))
            current = []
    rest = "\n".join(current).strip()
    if rest:
        parts.append(rest)
    return parts


def _run(connection: Any, sql: str) -> None:
    """One statement without parameters (a ``%`` in it is a character, not a placeholder)."""
    connection.exec_driver_sql(sql.replace("%", "%%"))


def _columns(connection: Any, schema: str, table: str) -> list[str]:
    return [
        str(name)
        for (name,) in connection.execute(
            text(
                "SELECT column_name FROM information_schema.columns "
                "WHERE table_schema = :s AND table_name = :t ORDER BY ordinal_position"
            ),
            {"s": schema, "t": table},
        )
    ]


def _primary_key(connection: Any, schema: str, table: str) -> str:
    return str(
        connection.scalar(
            text(
                "SELECT a.attname FROM pg_index i JOIN pg_attribute a "
                "ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey) "
                "WHERE i.indrelid = (quote_ident(:s) || '.' || quote_ident(:t))::regclass "
                "AND i.indisprimary LIMIT 1"
            ),
            {"s": schema, "t": table},
        )
    )


def install(connection: Any) -> None:
    """Create the masked columns, triggers, views, keyed hashes and reveal (PostgreSQL)."""
    schema = str(connection.scalar(text("SELECT current_schema()")))
    q = f'"{schema}"'
    connection.execute(text(f"CREATE SCHEMA IF NOT EXISTS {MASKED_SCHEMA}"))
    connection.execute(text(f"CREATE SCHEMA IF NOT EXISTS {PRIVATE_SCHEMA}"))
    connection.execute(text(f"REVOKE ALL ON SCHEMA {PRIVATE_SCHEMA} FROM PUBLIC"))
    for statement in _statements(_functions_sql()):
        _run(connection, statement)
    _install_secret(connection, q)
    for table, (finder, masks) in MASKED.items():
        for column in masks:
            connection.execute(text(f"ALTER TABLE {q}.{table} ADD COLUMN masked_{column} text"))
        assignments = "\n  ".join(f"NEW.masked_{c} := {expr};" for c, expr in masks.items())
        find = (finder.format(s=q) + ";") if finder else ""
        extra = HASHES.get(table, "")
        unmask = UNMASK_ON_INSERT.get(table, "").format(s=q)
        _run(
            connection,
            f"""CREATE FUNCTION {MASKED_SCHEMA}.{table}_masks() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $f$
DECLARE v_name text; v_address text; v_raw text;
BEGIN
  {unmask}
  {find}
  {assignments}
  {extra}
  RETURN NEW;
END $f$""",
        )
        _run(
            connection,
            f"CREATE TRIGGER {TRIGGER} BEFORE INSERT OR UPDATE ON {q}.{table} "
            f"FOR EACH ROW EXECUTE FUNCTION {MASKED_SCHEMA}.{table}_masks()",
        )
        # Existing rows: the same masks, without waking the tables' other triggers.
        others = [
            str(name)
            for (name,) in connection.execute(
                text(
                    "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgname <> :mine "
                    "AND tgrelid = (quote_ident(:s) || '.' || quote_ident(:t))::regclass"
                ),
                {"mine": TRIGGER, "s": schema, "t": table},
            )
        ]
        for name in others:
            _run(connection, f'ALTER TABLE {q}.{table} DISABLE TRIGGER "{name}"')
        key = _primary_key(connection, schema, table)
        _run(connection, f'UPDATE {q}.{table} SET "{key}" = "{key}"')
        for name in others:
            _run(connection, f'ALTER TABLE {q}.{table} ENABLE TRIGGER "{name}"')
        _create_view(connection, schema, table, list(masks))
    _install_search(connection, schema)
    _install_reveal(connection, q)


def _install_search(connection: Any, schema: str) -> None:
    """The masked tsvectors and the views masked people search through (module text)."""
    q = f'"{schema}"'
    installed = {
        str(name)
        for (name,) in connection.execute(
            text("SELECT tablename FROM pg_tables WHERE schemaname = :s"), {"s": schema}
        )
    }
    for function in _SEARCH_WRITERS:
        _run(connection, f"ALTER FUNCTION {q}.{function} SET search_path = {q}")
    for table, (source, key) in SEARCH_TABLES.items():
        if table not in installed:
            continue
        _run(connection, f"ALTER TABLE {q}.{table} ADD COLUMN masked_body tsvector")
        # A text with nothing to mask (most) reuses the raw tsvector: no second parse.
        _run(
            connection,
            f"""CREATE FUNCTION {MASKED_SCHEMA}.{table}_masks() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {q} AS $f$
DECLARE v_raw text; v_masked text;
BEGIN
  SELECT s.text, s.masked_text INTO v_raw, v_masked FROM {q}.{source} s WHERE s.id = NEW.{key};
  IF v_masked IS NOT DISTINCT FROM v_raw THEN
    NEW.masked_body := NEW.body;
  ELSE
    NEW.masked_body := {_SEARCH_VECTOR.format("v_masked")};
  END IF;
  RETURN NEW;
END $f$""",
        )
        _run(
            connection,
            f"CREATE TRIGGER {TRIGGER} BEFORE INSERT OR UPDATE ON {q}.{table} "
            f"FOR EACH ROW EXECUTE FUNCTION {MASKED_SCHEMA}.{table}_masks()",
        )
        _run(connection, f'UPDATE {q}.{table} SET "{key}" = "{key}"')
        _run(
            connection,
            f"CREATE INDEX ix_{table}_masked_body ON {q}.{table} USING gin (masked_body)",
        )
        columns = [c for c in _columns(connection, schema, table) if c != "masked_body"]
        select_list = ", ".join("masked_body AS body" if c == "body" else f'"{c}"' for c in columns)
        _run(
            connection,
            f"CREATE VIEW {MASKED_SCHEMA}.{table} WITH (security_invoker = true) "
            f"AS SELECT {select_list} FROM {q}.{table}",
        )


def _install_secret(connection: Any, q: str) -> None:
    key = os.urandom(32).ljust(64, b"\0")
    inner = bytes(b ^ 0x36 for b in key)
    outer = bytes(b ^ 0x5C for b in key)
    _run(
        connection,
        f"CREATE TABLE {PRIVATE_SCHEMA}.team_secret "
        "(inner_pad bytea NOT NULL, outer_pad bytea NOT NULL)",
    )
    connection.execute(
        text(f"INSERT INTO {PRIVATE_SCHEMA}.team_secret VALUES (:i, :o)"),
        {"i": inner, "o": outer},
    )
    _run(
        connection,
        f"""CREATE FUNCTION {PRIVATE_SCHEMA}.identity_hash(value text) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $f$
  SELECT encode(sha256(s.outer_pad || sha256(s.inner_pad
         || convert_to(lower(btrim(value)), 'UTF8'))), 'hex')
  FROM {PRIVATE_SCHEMA}.team_secret s LIMIT 1
$f$""",
    )
    for table, column in (("channel_identities", "address_hash"), ("customer_keys", "value_hash")):
        _run(connection, f"ALTER TABLE {q}.{table} ADD COLUMN {column} text")
        _run(connection, f"CREATE INDEX ix_{table}_{column} ON {q}.{table} ({column})")


def _create_view(connection: Any, schema: str, table: str, raw: list[str]) -> None:
    q = f'"{schema}"'
    columns = [c for c in _columns(connection, schema, table) if not c.startswith("masked_")]
    plain = [c for c in columns if c not in raw]
    key = f'"{_primary_key(connection, schema, table)}"'
    view = f"{MASKED_SCHEMA}.{table}"

    def i(column: str) -> str:
        return f'"{column}"'

    select_list = ", ".join(f"masked_{c} AS {i(c)}" if c in raw else i(c) for c in columns)
    _run(
        connection,
        # No security_barrier: the view filters no row (the table's own policies do, and
        # they are barriers themselves) and names no raw column, so there is nothing for
        # a condition to see past; as a barrier the planner could not look rows up through
        # it, and a masked person's page read whole tables (migration 0027).
        f"CREATE VIEW {view} WITH (security_invoker = true) "
        f"AS SELECT {select_list} FROM {q}.{table}",
    )
    for column, default in connection.execute(
        text(
            "SELECT column_name, column_default FROM information_schema.columns "
            "WHERE table_schema = :s AND table_name = :t AND column_default IS NOT NULL"
        ),
        {"s": schema, "t": table},
    ):
        if column in columns:
            _run(connection, f"ALTER VIEW {view} ALTER COLUMN {i(column)} SET DEFAULT {default}")
    returning = ", ".join(i(c) for c in plain)
    into = ", ".join(f"NEW.{i(c)}" for c in plain)
    updates = ", ".join(f"{i(c)} = NEW.{i(c)}" for c in plain if i(c) != key)
    raw_updates = "\n    ".join(
        f"IF NEW.{i(c)} IS DISTINCT FROM OLD.{i(c)} THEN "
        f"UPDATE {q}.{table} SET {i(c)} = NEW.{i(c)} WHERE {key} = OLD.{key}; END IF;"
        for c in raw
    )
    _run(
        connection,
        f"""CREATE FUNCTION {MASKED_SCHEMA}.{table}_write() RETURNS trigger
LANGUAGE plpgsql AS $f$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO {q}.{table} ({", ".join(i(c) for c in columns)})
    VALUES ({", ".join(f"NEW.{i(c)}" for c in columns)})
    RETURNING {returning} INTO {into};
    RETURN NEW;
  ELSIF TG_OP = 'UPDATE' THEN
    UPDATE {q}.{table} SET {updates} WHERE {key} = OLD.{key};
    {raw_updates}
    RETURN NEW;
  END IF;
  DELETE FROM {q}.{table} WHERE {key} = OLD.{key};
  RETURN OLD;
END $f$""",
    )
    _run(
        connection,
        f"CREATE TRIGGER write_through INSTEAD OF INSERT OR UPDATE OR DELETE ON {view} "
        f"FOR EACH ROW EXECUTE FUNCTION {MASKED_SCHEMA}.{table}_write()",
    )


def _install_reveal(connection: Any, q: str) -> None:
    roles = ", ".join(f"'{role}'" for role in REVEAL_ROLES)
    _run(
        connection,
        f"""CREATE FUNCTION {PRIVATE_SCHEMA}.reveal(
    p_customer_id integer, p_field text, p_reason text, p_identity_id integer DEFAULT NULL)
RETURNS text LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path FROM CURRENT AS $f$
DECLARE me record; v text; visible boolean;
BEGIN
  SELECT id, name, role, masked, disabled_at INTO me FROM {q}.agents
   WHERE login_role = session_user;
  IF NOT FOUND OR me.disabled_at IS NOT NULL OR (me.masked AND me.role NOT IN ({roles})) THEN
    RAISE EXCEPTION 'privacy.reveal_not_allowed' USING ERRCODE = '42501';
  END IF;
  IF btrim(coalesce(p_reason, '')) = '' THEN
    RAISE EXCEPTION 'privacy.reveal_reason_missing' USING ERRCODE = '22023';
  END IF;
  IF to_regprocedure('{q}.console_scope(name)') IS NOT NULL THEN
    EXECUTE 'SELECT EXISTS (SELECT 1 FROM {q}.conversations c, {q}.console_scope($1) s '
            'WHERE c.customer_id = $2 AND (s.everything OR {IN_SCOPE}))'
      INTO visible USING session_user::name, p_customer_id;
    IF NOT coalesce(visible, false) THEN
      RAISE EXCEPTION 'privacy.reveal_not_found' USING ERRCODE = 'P0002';
    END IF;
  END IF;
  IF p_field = 'name' THEN
    SELECT c.name INTO v FROM {q}.customers c WHERE c.id = p_customer_id;
  ELSIF p_field = 'address' THEN
    SELECT c.address INTO v FROM {q}.customers c WHERE c.id = p_customer_id;
  ELSIF p_field = 'identity' THEN
    SELECT i.address INTO v FROM {q}.channel_identities i
     WHERE i.id = p_identity_id AND i.customer_id = p_customer_id;
  ELSE
    RAISE EXCEPTION 'privacy.reveal_not_found' USING ERRCODE = 'P0002';
  END IF;
  IF v IS NULL THEN
    RAISE EXCEPTION 'privacy.reveal_not_found' USING ERRCODE = 'P0002';
  END IF;
  INSERT INTO {q}.audit_log (at, actor, action, entity, entity_id, detail)
  VALUES (now() AT TIME ZONE 'UTC', me.name, 'reveal', 'customer', p_customer_id,
          json_build_object('field', p_field, 'reason', btrim(p_reason),
                            'conversation_id', NULL, 'identity_id', p_identity_id));
  RETURN v;
END $f$""",
    )
    _run(
        connection,
        f"REVOKE ALL ON FUNCTION {PRIVATE_SCHEMA}.reveal(integer, text, text, integer) FROM PUBLIC",
    )


def uninstall(connection: Any) -> None:
    schema = str(connection.scalar(text("SELECT current_schema()")))
    q = f'"{schema}"'
    _run(connection, f"DROP SCHEMA IF EXISTS {MASKED_SCHEMA} CASCADE")
    _run(connection, f"DROP SCHEMA IF EXISTS {PRIVATE_SCHEMA} CASCADE")
    for table, (_finder, masks) in MASKED.items():
        _run(connection, f"DROP TRIGGER IF EXISTS {TRIGGER} ON {q}.{table}")
        for column in masks:
            _run(connection, f"ALTER TABLE {q}.{table} DROP COLUMN IF EXISTS masked_{column}")
    _run(connection, f"ALTER TABLE {q}.channel_identities DROP COLUMN IF EXISTS address_hash")
    for table in SEARCH_TABLES:
        if connection.scalar(text("SELECT to_regclass(:t)"), {"t": f"{schema}.{table}"}):
            _run(connection, f"DROP TRIGGER IF EXISTS {TRIGGER} ON {q}.{table}")
            _run(connection, f"ALTER TABLE {q}.{table} DROP COLUMN IF EXISTS masked_body")
    for function in _SEARCH_WRITERS:
        if connection.scalar(text("SELECT to_regprocedure(:f)"), {"f": f"{schema}.{function}"}):
            _run(connection, f"ALTER FUNCTION {q}.{function} RESET search_path")


_LOOKS_LIKE_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_LOOKS_LIKE_PHONE = re.compile(r"^\+?[\d ()\-./]{7,}$")


def contact_key(typed: str) -> str | None:
    """What a person typed as the stored form of an e-mail address or phone number (lower-cased
    address; a phone as ``+`` and its digits), or None when it is neither."""
    value = typed.strip()
    if _LOOKS_LIKE_EMAIL.match(value):
        return value.lower()
    if _LOOKS_LIKE_PHONE.match(value) and sum(ch.isdigit() for ch in value) >= 7:
        digits = "".join(ch for ch in value if ch.isdigit())
        if value.startswith("00"):
            digits = digits[2:]
        return "+" + digits if value.startswith(("+", "00")) else digits
    return None


def customers_by_contact(session: Any, typed: str) -> Any:
    """A SELECT of the customer ids whose e-mail or phone is exactly ``typed`` (None: it is
    neither). A team store matches the keyed hashes, which a masked person may read; a
    single seat the values."""
    from sqlalchemy import func, literal_column, select, union

    from console.store.channel_tables import CustomerKey
    from console.store.models import ChannelIdentity

    key = contact_key(typed)
    if key is None:
        return None
    if session.get_bind().dialect.name != "postgresql":
        return select(
            union(
                select(ChannelIdentity.customer_id).where(
                    func.lower(ChannelIdentity.address) == key
                ),
                select(CustomerKey.customer_id).where(
                    CustomerKey.kind.in_(("email", "phone")), func.lower(CustomerKey.value) == key
                ),
            )
            .subquery()
            .c[0]
        )
    hashed = func.console_private.identity_hash(key)
    return select(
        union(
            select(ChannelIdentity.customer_id).where(
                literal_column("channel_identities.address_hash") == hashed
            ),
            select(CustomerKey.customer_id).where(
                literal_column("customer_keys.value_hash") == hashed
            ),
        )
        .subquery()
        .c[0]
    )
