"""Keeping each running case's next level check honest: whenever what the level depends on changes — the
deadlines, the open pause, the status — the case's ``level_check_on`` is cleared in the same flush, so the
next supervision sweep measures it again. Registered once on SQLAlchemy's Session class (app/models.py)."""
from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from app.cases.models import Case
from app.clock.models import CasePause

#: the case attributes the warning level depends on
WATCHED = ("deadline", "legal_deadline", "paused_since", "status", "decided_at")


def _changed(obj, names) -> bool:
    state = inspect(obj)
    return any(state.attrs[name].history.has_changes() for name in names)


@event.listens_for(Session, "before_flush")
def _clear_level_checks(session, _context, _instances):
    for obj in list(session.new) + list(session.dirty):
        if isinstance(obj, Case) and obj.level_check_on is not None and _changed(obj, WATCHED):
            obj.level_check_on = None
        elif isinstance(obj, CasePause) and obj.case_id is not None:
            case = session.get(Case, obj.case_id)
            if case is not None:
                case.level_check_on = None
