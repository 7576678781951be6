"""网上申报 while logged in to 我的办事: the applicant section of /apply/<item code> starts from the account,
and the application is recorded as the account's (app.web.apply calls these two functions)."""
import logging

from app.applications.services import submit_application

from .session import current_applicant

logger = logging.getLogger(__name__)


def prefill_applicant(form) -> None:
    """Fill the empty applicant fields of a fresh apply form from the logged-in account (editable: a person
    may apply for their 个体工商户 or on somebody's behalf)."""
    account = current_applicant()
    if account is None or form.is_submitted():
        return
    form.applicant_kind.data = account.kind
    form.applicant_name.data = form.applicant_name.data or account.name
    form.id_number.data = form.id_number.data or account.id_number
    form.phone.data = form.phone.data or account.phone


def submit_for_applicant(payload: dict):
    """submit_application, the application then belonging to the logged-in account (if any)."""
    application = submit_application(payload)
    account = current_applicant()
    if account is not None:
        application.applicant_account_id = account.id
        logger.info("online application %s made from applicant account %s", application.application_no, account.id)
    return application
