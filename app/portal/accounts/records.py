"""我的办件: the account's online applications and cases, newest first, each with its status, deadline and
the pages that act on it. An application that the window accepted is shown once, as its case."""
import logging
from dataclasses import dataclass

import sqlalchemy as sa

from app.applications.models import APPLICATION_STATES, OnlineApplication
from app.cases.models import CASE_RESULTS, CASE_STATUSES, Case
from app.extensions import db
from app.licences.models import Licence

from .models import ApplicantAccount

logger = logging.getLogger(__name__)

LIMIT = 200


@dataclass(frozen=True)
class MyRecord:
    item_name: str
    item_code: str
    application_no: str | None
    case_no: str | None
    status: str  # the application's state or the case's status (codes)
    status_label: str
    result_label: str | None
    submitted_at: object
    deadline: object | None
    has_licence: bool

    @property
    def number(self) -> str:
        return self.case_no or self.application_no

    @property
    def uploads_open(self) -> bool:
        """申报材料 / 补正 are given on the application page while the window has not accepted it."""
        return self.case_no is None and self.status in ("pending", "supplement")

    @property
    def rateable(self) -> bool:
        return self.case_no is not None and self.status in ("finished", "not_accepted", "terminated")


def _case_record(case: Case, application: OnlineApplication | None, licensed: set[int]) -> MyRecord:
    return MyRecord(item_name=case.item.name, item_code=case.item.code,
                    application_no=application.application_no if application else None, case_no=case.case_no,
                    status=case.status, status_label=CASE_STATUSES.get(case.status, case.status),
                    result_label=CASE_RESULTS.get(case.result) if case.result else None,
                    submitted_at=application.submitted_at if application else case.received_at,
                    deadline=case.deadline, has_licence=case.id in licensed)


def _application_record(application: OnlineApplication) -> MyRecord:
    return MyRecord(item_name=application.item.name, item_code=application.item.code,
                    application_no=application.application_no, case_no=None, status=application.state,
                    status_label=APPLICATION_STATES.get(application.state, application.state), result_label=None,
                    submitted_at=application.submitted_at, deadline=None, has_licence=False)


def my_records(account: ApplicantAccount, verified: bool) -> list[MyRecord]:
    """Every application submitted from the account, and every case that came from one of them or — in a
    session with a verified identity — whose applicant is the account's ID number / credit code."""
    applications = db.session.scalars(
        sa.select(OnlineApplication).where(OnlineApplication.applicant_account_id == account.id)
        .order_by(OnlineApplication.submitted_at.desc()).limit(LIMIT)).all()
    by_case = {a.case_id: a for a in applications if a.case_id is not None}
    owned = Case.id.in_(list(by_case)) if by_case else sa.false()
    if verified:
        owned = sa.or_(owned, Case.applicant_id_number == account.id_number)
    cases = db.session.scalars(sa.select(Case).where(owned).order_by(Case.received_at.desc()).limit(LIMIT)).all()
    licensed = set(db.session.scalars(sa.select(Licence.case_id).where(
        Licence.case_id.in_([c.id for c in cases])))) if cases else set()
    records = [_case_record(case, by_case.get(case.id), licensed) for case in cases]
    records += [_application_record(a) for a in applications if a.case_id is None]
    return sorted(records, key=lambda r: r.submitted_at, reverse=True)


def my_case(account: ApplicantAccount, verified: bool, case_no: str) -> Case | None:
    """One case of the account by its number (None when it is not the account's)."""
    case = db.session.scalars(sa.select(Case).where(Case.case_no == case_no)).first()
    if case is None:
        return None
    if verified and case.applicant_id_number == account.id_number:
        return case
    linked = db.session.scalar(sa.select(sa.func.count()).select_from(OnlineApplication).where(
        OnlineApplication.case_id == case.id, OnlineApplication.applicant_account_id == account.id))
    return case if linked else None
