"""Loading calendar adjustments from a rules file (e.g. provisional holidays of a year the holiday source
does not know yet). Existing rows are kept: an administrator's edits always win."""
import logging
import tomllib
from pathlib import Path

import sqlalchemy as sa

from app.extensions import db

from .models import CalendarOverride
from .services import forget_working_calendar

logger = logging.getLogger(__name__)


def load_override_file(path) -> int:
    """Insert the days of a TOML file (``[[days]] day, working, note``) that are not in the table yet.
    Returns how many were added. Flushes, never commits."""
    path = Path(path)
    if not path.exists():
        return 0
    entries = tomllib.loads(path.read_text(encoding="utf-8")).get("days", [])
    known = set(db.session.scalars(sa.select(CalendarOverride.day)))
    added = 0
    for entry in entries:
        if entry["day"] in known:
            continue
        db.session.add(CalendarOverride(day=entry["day"], is_working_day=bool(entry["working"]),
                                        note=str(entry.get("note", ""))[:200]))
        added += 1
    db.session.flush()
    forget_working_calendar()
    logger.info("loaded %d calendar adjustments from %s", added, path.name)
    return added
