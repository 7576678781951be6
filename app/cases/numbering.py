"""Case numbers (办件编号): no national format exists, so the pattern is configurable (≤ 50 characters).

``CASE_NUMBER_PATTERN`` is a str.format pattern with ``centre`` (service centre code), ``date`` (local
date) and ``seq`` (per-day sequence), e.g. ``{centre}{date:%Y%m%d}{seq:05d}`` → ``3301002025093000001``.
"""
import sqlalchemy as sa
from flask import current_app

from app.extensions import db

from .models import CaseNumberCounter


def next_counter_value(key: str) -> int:
    """Increment and return the named counter under a row lock (case numbers, notice numbers, …)."""
    counter = db.session.scalars(
        sa.select(CaseNumberCounter).where(CaseNumberCounter.key == key)
        .with_for_update().execution_options(populate_existing=True)
    ).first()
    if counter is None:
        counter = CaseNumberCounter(key=key, value=0)
        db.session.add(counter)
    counter.value += 1
    db.session.flush()
    return counter.value


def next_case_number(local_date) -> str:
    seq = next_counter_value(f"case:{local_date.isoformat()}")
    number = current_app.config["CASE_NUMBER_PATTERN"].format(
        centre=current_app.config["SERVICE_CENTRE_CODE"], date=local_date, seq=seq
    )
    return number[:50]
