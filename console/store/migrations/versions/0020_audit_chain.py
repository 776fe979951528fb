"""Tamper-evident audit: each entry carries a hash of the one before.

Adds ``audit_log.prev_hash`` and ``audit_log.hash`` and the one-row
``audit_chain_head``; hashes the existing entries in id order (the append-only
guards are lifted for that and put back); from then on the store chains every new
entry itself, whoever writes it (console/store/audit_hash.py has the canonical
form):

* SQLite: an AFTER INSERT trigger fills the two columns through the
  ``audit_entry_hash`` function every connection registers, under the write lock
  that serialises writers anyway. The UPDATE guard lets exactly that fill through
  (an entry whose hash is still empty, its content unchanged).
* PostgreSQL: a BEFORE INSERT trigger (SECURITY DEFINER, so a signed-in person needs
  no rights on the head) locks the head row, gives the entry the next id under that
  lock (so id order is chain order even when seats insert at once), and computes
  the hash in SQL.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-01 02:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from console.store.audit_hash import GENESIS, PG_AT_FORMAT, entry_hash, pg_hash_sql

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None

_BATCH = 5000

_SQLITE_GUARD_OLD = """CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
        SELECT RAISE(ABORT, 'audit_log is append-only');
    END"""
_SQLITE_GUARD = """CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    WHEN old.hash IS NOT NULL OR new.id IS NOT old.id OR new.at IS NOT old.at
        OR new.actor IS NOT old.actor OR new.action IS NOT old.action
        OR new.entity IS NOT old.entity OR new.entity_id IS NOT old.entity_id
        OR new.detail IS NOT old.detail
    BEGIN
        SELECT RAISE(ABORT, 'audit_log is append-only');
    END"""
_SQLITE_NO_DELETE = """CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
        SELECT RAISE(ABORT, 'audit_log is append-only');
    END"""
_SQLITE_CHAIN = """CREATE TRIGGER audit_log_chain AFTER INSERT ON audit_log BEGIN
        SELECT RAISE(ABORT, 'the audit chain head is missing')
            WHERE NOT EXISTS (SELECT 1 FROM audit_chain_head WHERE id = 1);
        UPDATE audit_log SET
            prev_hash = (SELECT last_hash FROM audit_chain_head WHERE id = 1),
            hash = audit_entry_hash(new.at, new.actor, new.action, new.entity, new.entity_id,
                new.detail, (SELECT last_hash FROM audit_chain_head WHERE id = 1))
            WHERE id = new.id;
        UPDATE audit_chain_head SET last_id = new.id,
            last_hash = (SELECT hash FROM audit_log WHERE id = new.id)
            WHERE id = 1;
    END"""

_PG_CHAIN_FUNCTION = f"""CREATE FUNCTION audit_log_chain() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $fn$
    DECLARE
        previous text;
        at_text text;
    BEGIN
        SELECT last_hash INTO previous FROM audit_chain_head WHERE id = 1 FOR UPDATE;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'the audit chain head is missing';
        END IF;
        NEW.id := nextval(pg_get_serial_sequence('audit_log', 'id'));
        IF NEW.at IS NULL THEN
            NEW.at := now() AT TIME ZONE 'UTC';
        END IF;
        at_text := to_char(NEW.at, '{PG_AT_FORMAT}');
        NEW.prev_hash := previous;
        NEW.hash := {pg_hash_sql()};
        UPDATE audit_chain_head SET last_id = NEW.id, last_hash = NEW.hash WHERE id = 1;
        RETURN NEW;
    END $fn$"""
_PG_CHAIN_TRIGGER = """CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_chain()"""


def upgrade() -> None:
    bind = op.get_bind()
    dialect = bind.dialect.name
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("prev_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("hash", sa.String(length=64), nullable=True))
    op.create_table(
        "audit_chain_head",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("last_id", sa.Integer(), nullable=True),
        sa.Column("last_hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    # The guards are lifted while the existing entries are hashed, then put back.
    if dialect == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
    elif dialect == "postgresql":
        op.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only")
    last_id, last_hash = _hash_existing(bind)
    bind.execute(
        sa.text("INSERT INTO audit_chain_head (id, last_id, last_hash) VALUES (1, :i, :h)"),
        {"i": last_id, "h": last_hash},
    )
    if dialect == "sqlite":
        op.execute(_SQLITE_GUARD)
        op.execute(_SQLITE_CHAIN)
    elif dialect == "postgresql":
        op.execute("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only")
        # Ids are drawn by the chain trigger, under the head's lock.
        op.execute("ALTER TABLE audit_log ALTER COLUMN id DROP DEFAULT")
        bind.exec_driver_sql(_PG_CHAIN_FUNCTION)  # its colons are no bind parameters
        op.execute(_PG_CHAIN_TRIGGER)


def _hash_existing(bind: sa.Connection) -> tuple[int | None, str]:
    """Chain the entries already there, in id order, a batch at a time."""
    if bind.dialect.name == "postgresql":
        at_format = PG_AT_FORMAT.replace(":", "\\:")  # not bind parameters
        at_sql, detail_sql = f"to_char(at, '{at_format}')", "detail::text"
    else:
        at_sql, detail_sql = "CAST(at AS TEXT)", "CAST(detail AS TEXT)"
    select = sa.text(
        f"SELECT id, {at_sql}, actor, action, entity, entity_id, {detail_sql} "
        "FROM audit_log WHERE id > :after ORDER BY id LIMIT :n"
    )
    update = sa.text("UPDATE audit_log SET prev_hash = :p, hash = :h WHERE id = :i")
    last_id: int | None = None
    previous = GENESIS
    after = 0
    while True:
        rows = bind.execute(select, {"after": after, "n": _BATCH}).all()
        if not rows:
            break
        changes = []
        for entry_id, at, actor, action, entity, entity_id, detail in rows:
            digest = entry_hash(at, actor, action, entity, entity_id, detail, previous)
            changes.append({"p": previous, "h": digest, "i": entry_id})
            previous, last_id = digest, entry_id
        bind.execute(update, changes)
        after = rows[-1][0]
    return last_id, previous


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS audit_log_chain")
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
    elif dialect == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_log_chain ON audit_log")
        op.execute("DROP FUNCTION IF EXISTS audit_log_chain()")
        op.execute(
            "ALTER TABLE audit_log ALTER COLUMN id "
            "SET DEFAULT nextval(pg_get_serial_sequence('audit_log', 'id'))"
        )
        op.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only")
    op.drop_table("audit_chain_head")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_column("hash")
        batch_op.drop_column("prev_hash")
    if dialect == "sqlite":
        op.execute(_SQLITE_GUARD_OLD)
        op.execute(_SQLITE_NO_DELETE)
    elif dialect == "postgresql":
        op.execute("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only")
