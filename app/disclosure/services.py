"""办件公示 (阳光审批): the public list of decided cases — case number, item, department, applicant (an
organisation by name, a person masked), decision (准予 / 不予), received and decided dates, on time or not.

Only those columns are read (never ID numbers, phones, addresses or form data). A case is published once it is
decided (准予 / 不予许可), unless it was terminated afterwards (作废) or its item series is withheld from
publication (``service_items.disclose_cases`` false on its newest published version: items whose cases touch
state secrets, trade secrets or personal privacy).

The list is filtered, ordered (newest decision first) and paged in SQL on the indexes ``ix_cases_decided_at_id``
and ``ix_cases_item_id_decided_at``. Filters on the item, department or a text become a list of item version
ids first (the catalogue is small; the cases are millions). The total is counted up to ``COUNT_CAP`` rows."""
import logging
import math
import re

import sqlalchemy as sa

from app.applicants.identity import mask_name
from app.cases.lifecycle import local_date
from app.cases.models import Case
from app.catalogue.models import ServiceItem
from app.catalogue.services import latest_published
from app.extensions import db
from app.network.models import Department

logger = logging.getLogger(__name__)

PER_PAGE = 20
#: counting stops here: "10000+" is all a list needs to say, and counting millions on every page is waste
COUNT_CAP = 10000
DECISIONS = {"approved": "准予", "refused": "不予"}
_CASE_NUMBER = re.compile(r"^[0-9A-Za-z][0-9A-Za-z\-_/]{5,49}$")


def published_series() -> list:
    """(code, name, department_code, department, disclose_cases) of the newest published version of every item
    series — the filters' choices and the withheld items, in one small query."""
    newest = latest_published().subquery()
    return db.session.execute(
        sa.select(newest.c.code, newest.c.name, Department.code.label("department_code"),
                  Department.name.label("department"), newest.c.disclose_cases)
        .join(Department, Department.id == newest.c.department_id).order_by(newest.c.code)).all()


def withheld_codes(series) -> list[str]:
    """Item series whose newest published version is withheld from 办件公示."""
    return [row.code for row in series if not row.disclose_cases]


def item_choices(series) -> list[tuple[str, str, str]]:
    """(code, name, department) of every published item series whose cases are published."""
    return [(row.code, row.name, row.department) for row in series if row.disclose_cases]


def department_choices(series) -> list[tuple[str, str]]:
    """(code, name) of the departments implementing published items."""
    return sorted({(row.department_code, row.department) for row in series})


def _item_ids(where) -> list[int]:
    return list(db.session.scalars(sa.select(ServiceItem.id).join(Department, ServiceItem.department_id == Department.id)
                                   .where(where)))


def _decided():
    return sa.and_(Case.decided_at.is_not(None), Case.result.in_(tuple(DECISIONS)), Case.status != "terminated")


def decided_cases(q: str = "", item_code: str = "", department_code: str = "", page: int = 1,
                  per_page: int = PER_PAGE, series=None) -> dict:
    """One page of the list: {rows, total, capped, page, pages}; ``series`` as from :func:`published_series`."""
    where = [_decided()]
    withheld = withheld_codes(published_series() if series is None else series)
    if withheld:
        where.append(ServiceItem.code.not_in(withheld))
    if item_code:
        where.append(Case.item_id.in_(_item_ids(ServiceItem.code == item_code)))
    if department_code:
        where.append(Case.item_id.in_(_item_ids(Department.code == department_code)))
    q = (q or "").strip()
    if q:
        number = q.upper() if _CASE_NUMBER.match(q) else None
        if number and db.session.scalar(sa.select(Case.id).where(Case.case_no.in_({q, number}), *where).join(
                ServiceItem, Case.item_id == ServiceItem.id)):
            where.append(Case.case_no.in_({q, number}))
        else:
            where.append(Case.item_id.in_(_item_ids(sa.or_(
                ServiceItem.name.icontains(q, autoescape=True), ServiceItem.code.icontains(q, autoescape=True),
                Department.name.icontains(q, autoescape=True)))))
    base = sa.select(Case.id).join(ServiceItem, Case.item_id == ServiceItem.id).where(*where)
    counted = db.session.scalar(sa.select(sa.func.count()).select_from(base.limit(COUNT_CAP + 1).subquery()))
    total = min(counted, COUNT_CAP)
    pages = max(math.ceil(total / per_page), 1)
    page = min(max(page, 1), pages)
    rows = db.session.execute(
        sa.select(Case.case_no, Case.applicant_kind, Case.applicant_name, Case.result, Case.received_at,
                  Case.decided_at, Case.deadline, ServiceItem.code.label("item_code"), ServiceItem.name.label("item_name"),
                  Department.name.label("department"))
        .join(ServiceItem, Case.item_id == ServiceItem.id).join(Department, ServiceItem.department_id == Department.id)
        .where(*where).order_by(Case.decided_at.desc(), Case.id.desc())
        .limit(per_page).offset((page - 1) * per_page)).all()
    return {"rows": [_public_row(row) for row in rows], "total": total, "capped": counted > COUNT_CAP,
            "page": page, "pages": pages}


def _public_row(row) -> dict:
    decided_on = local_date(row.decided_at)
    return {
        "case_no": row.case_no, "item_code": row.item_code, "item_name": row.item_name, "department": row.department,
        "applicant": mask_name(row.applicant_name, organisation=row.applicant_kind == "organisation"),
        "decision": DECISIONS[row.result], "result": row.result,
        "received_on": local_date(row.received_at), "decided_on": decided_on,
        "on_time": None if row.deadline is None else decided_on <= row.deadline,
    }
