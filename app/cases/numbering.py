"""Case numbers (办件编号): no national format exists, so the pattern is configurable (≤ 50 characters).

``CASE_NUMBER_PATTERN`` is a str.format pattern with ``centre`` (service centre code), ``date`` (local
date) and ``seq`` (per-day sequence), e.g. ``{centre}{date:%Y%m%d}{seq:05d}`` → ``3301002025093000001``.
"""
from flask import current_app
from sqlalchemy.dialects import postgresql, sqlite

from app.extensions import db

from .models import CaseNumberCounter


def next_counter_value(key: str) -> int:
    """Increment and return the named counter (case numbers, notice numbers, …) in one atomic upsert.

    ``INSERT … ON CONFLICT DO UPDATE … RETURNING`` creates the day's first row and increments later ones in
    the same statement, so two first acceptances of a day never race on creating the row (a SELECT FOR UPDATE
    finds no row to lock, and both INSERTs would collide with a 409). The row stays locked by this
    transaction until it commits, so numbers are gap-free per committed transaction order."""
    table = CaseNumberCounter.__table__
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(table).values(key=key, value=1)
    statement = statement.on_conflict_do_update(
        index_elements=[table.c.key], set_={"value": table.c.value + 1}
    ).returning(table.c.value)
    return db.session.execute(statement).scalar_one()


def next_case_number(local_date) -> str:
    seq = next_counter_value(f"case:{local_date.isoformat()}")
    number = current_app.config["CASE_NUMBER_PATTERN"].format(
        centre=current_app.config["SERVICE_CENTRE_CODE"], date=local_date, seq=seq
    )
    return number[:50]
