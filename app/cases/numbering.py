"""Case numbers (办件编号): no national format exists, so the pattern is configurable (≤ 50 characters).

``CASE_NUMBER_PATTERN`` is a str.format pattern with ``centre`` (service centre code), ``date`` (local
date) and ``seq`` (per-day sequence), e.g. ``{centre}{date:%Y%m%d}{seq:05d}`` → ``3301002025093000001``.
"""
from flask import current_app
from sqlalchemy.dialects import postgresql, sqlite

from app.extensions import db

from .models import CaseNumberCounter


def next_counter_value(key: str, *, detached: bool = False) -> int:
    """Increment and return the named counter (case numbers, notice numbers, …) in one atomic upsert.

    ``INSERT … ON CONFLICT DO UPDATE … RETURNING`` creates the day's first row and increments later ones in
    the same statement, so two first acceptances of a day never race on creating the row (a SELECT FOR UPDATE
    finds no row to lock, and both INSERTs would collide with a 409).

    By default the row stays locked by the caller's transaction until it commits, so official numbers (文号 of
    notices and decisions) are gap-free. ``detached`` counters (case and application numbers) are taken on
    PostgreSQL in a transaction of their own that commits at once, so the day's counter is never held while
    the engine runs a case: a rolled-back acceptance leaves a gap in the day's numbers instead. SQLite has one
    writer at a time anyway, so there the counter stays in the caller's transaction."""
    table = CaseNumberCounter.__table__
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(table).values(key=key, value=1)
    statement = statement.on_conflict_do_update(
        index_elements=[table.c.key], set_={"value": table.c.value + 1}
    ).returning(table.c.value)
    if detached and dialect == "postgresql":
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            return connection.execute(statement).scalar_one()
    return db.session.execute(statement).scalar_one()


def next_case_number(local_date) -> str:
    seq = next_counter_value(f"case:{local_date.isoformat()}", detached=True)
    number = current_app.config["CASE_NUMBER_PATTERN"].format(
        centre=current_app.config["SERVICE_CENTRE_CODE"], date=local_date, seq=seq
    )
    return number[:50]
