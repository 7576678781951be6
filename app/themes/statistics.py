"""Statistics per theme (一件事): cases, issued, on time, the average total time against the sum of the items'
promised limits (the time saved), and the materials the applicants were spared by the one list and 证照复用."""
import sqlalchemy as sa

from app.calendar.services import working_calendar
from app.calendar.workdays import UnknownCalendarYear
from app.cases import lifecycle
from app.extensions import db

from .definitions import member_items
from .models import Theme, ThemeCase
from .plan import materials_saved, plan


def _applicant(theme_case) -> dict:
    return {"kind": theme_case.applicant_kind, "name": theme_case.applicant_name,
            "id_number": theme_case.applicant_id_number, "phone": theme_case.applicant_phone}


def theme_statistics() -> list[dict]:
    calendar = working_calendar()
    rows = []
    for theme in db.session.scalars(sa.select(Theme).where(Theme.status == "published").order_by(Theme.code)):
        versions = sa.select(Theme.id).where(Theme.code == theme.code)
        cases = db.session.scalars(sa.select(ThemeCase).where(ThemeCase.theme_id.in_(versions))).all()
        issued = [c for c in cases if c.issued_at is not None]
        on_time = [c for c in issued if lifecycle.local_date(c.issued_at) <= c.deadline]
        days = []
        for c in issued:
            try:
                days.append(calendar.working_days_between(lifecycle.local_date(c.accepted_at),
                                                          lifecycle.local_date(c.issued_at)))
            except UnknownCalendarYear:
                continue
        items_limit = sum(item.promised_limit for item in member_items(theme).values())
        saved = {"separately": 0, "given": 0, "deduplicated": 0, "reused": 0}
        for c in cases:
            figures = materials_saved(c.theme, plan(c.theme, c.form_data, _applicant(c), set(c.materials)),
                                      set(c.materials))
            saved = {key: saved[key] + figures[key] for key in saved}
        rows.append({
            "code": theme.code, "name": theme.name, "cases": len(cases), "issued": len(issued),
            "on_time": len(on_time), "on_time_rate": round(100 * len(on_time) / len(issued), 1) if issued else None,
            "average_days": round(sum(days) / len(days), 1) if days else None, "promised_limit": theme.promised_limit,
            "items_limit": items_limit, "materials": saved,
        })
    return rows
