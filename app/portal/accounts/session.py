"""Who is logged in to 我的办事 in this browser session, and what they own. The other portal pages (申报材料,
办理结果, 撤件, 补正, 好差评) ask :func:`owns_application` / :func:`owns_case` to skip the query code for the
logged-in owner.

A case belongs to the account when it came from one of the account's online applications, or — only in a
session logged in through 统一身份认证, whose identity number is real-name verified — when its applicant's ID
number / credit code is the account's. A password account's typed number is never trusted for that: anybody
can type somebody else's number."""
import logging

import sqlalchemy as sa
from flask import g, session

from app.applications.models import OnlineApplication
from app.cases.models import Case
from app.extensions import db
from app.security.sessions import close_session, open_session, session_principal
from app.transaction import transactional

from .models import ApplicantAccount

logger = logging.getLogger(__name__)

VERIFIED_KEY = "applicant_verified"


def current_applicant() -> ApplicantAccount | None:
    """The applicant account logged in in this session (None when nobody is, or the account was disabled)."""
    if "applicant" in g:
        return g.applicant
    account_id = session_principal("applicant")
    account = db.session.get(ApplicantAccount, account_id) if account_id else None
    if account is not None and not account.active:
        account = None
    g.applicant = account
    return account


def identity_verified() -> bool:
    """This session logged in through 统一身份认证 (the account's ID number is the verified one)."""
    account = current_applicant()
    return bool(account is not None and session.get(VERIFIED_KEY) and account.verified_at is not None)


def log_in(account: ApplicantAccount, verified: bool) -> None:
    """A fresh server-side session (new CSRF token; any staff login in this browser ends) keeping the chosen
    language; committed on its own, after the login that the caller has committed."""
    transactional(open_session)("applicant", account.id)
    session[VERIFIED_KEY] = verified
    g.applicant = account
    logger.info("applicant account %s logged in (%s)", account.id, "统一身份认证" if verified else "password")


def log_out() -> None:
    """The server forgets the session: a cookie copied before the logout stops working."""
    transactional(close_session)()
    g.pop("applicant", None)


def owns_application(application: OnlineApplication) -> bool:
    account = current_applicant()
    return account is not None and application.applicant_account_id == account.id


def owns_case(case) -> bool:
    account = current_applicant()
    if account is None:
        return False
    if identity_verified() and case.applicant_id_number == account.id_number:
        return True
    return db.session.scalar(sa.select(sa.func.count()).select_from(OnlineApplication).where(
        OnlineApplication.case_id == case.id, OnlineApplication.applicant_account_id == account.id)) > 0


def owned_query_code(kind: str, number: str) -> str | None:
    """The 查询码 of the logged-in applicant's own application (kind "application") or case (kind "case"),
    so that their pages need no code; None for anybody else's record, or when nobody is logged in."""
    if not number or current_applicant() is None:
        return None
    if kind == "application":
        application = db.session.scalars(sa.select(OnlineApplication).where(
            OnlineApplication.application_no == number)).first()
        return application.query_code if application is not None and owns_application(application) else None
    case = db.session.scalars(sa.select(Case).where(Case.case_no == number)).first()
    return case.query_code if case is not None and owns_case(case) else None


def account_box_context() -> dict:
    """Context processor: the account box of every portal page (portal/_account_box.html) calls
    ``portal_applicant()``, so pages that do not show it cost no query."""
    return {"portal_applicant": current_applicant}
