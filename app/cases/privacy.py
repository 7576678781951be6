"""Who sees an applicant's full identity. The window (to verify the applicant) and the departments handling
the case (to contact them) need the full ID number and phone; supervisors, designers and anyone else get
masked values, as do all lists and public pages. The case's 查询码 is seen only by the window clerks of the
case (who print it on the notice and hand it to the applicant) — never by departments, supervisors or
admins, never in a list."""
from flask import g

from app.applicants.identity import mask_id_number, mask_phone

FULL_IDENTITY_ROLES = frozenset({"clerk", "handler", "reviewer", "approver", "head"})  # never the IT roles


def sees_full_identity(user) -> bool:
    return user is not None and user.role in FULL_IDENTITY_ROLES


def applicant_identity(case, user=None) -> dict:
    """The applicant as the current (or given) user may see them."""
    user = user if user is not None else g.get("current_user")
    full = sees_full_identity(user)
    return {
        "kind": case.applicant_kind,
        "name": case.applicant_name,
        "id_number": case.applicant_id_number if full else mask_id_number(case.applicant_id_number),
        "phone": case.applicant_phone if full else mask_phone(case.applicant_phone),
    }


def case_form(case, user=None) -> dict | None:
    """The application form of the case: its schema and the answers. The answers are the application's
    content (names, addresses, codes): only those who see the full identity get them; others see that a form
    was filled (``withheld``)."""
    if case.form_data is None:
        return None
    user = user if user is not None else g.get("current_user")
    if not sees_full_identity(user):
        return {"schema": case.item.form_schema, "data": None, "withheld": True}
    return {"schema": case.item.form_schema, "data": case.form_data, "withheld": False}


def sees_query_code(user, case) -> bool:
    """A clerk at a window of the centre that received the case, taking the item's sector (or all)."""
    window = user.window if user is not None and user.role == "clerk" else None
    if window is None or not window.active:
        return False
    if case.receiving_centre_id is not None and window.centre_id != case.receiving_centre_id:
        return False
    return window.accepts_all or window.sector == case.item.sector


def case_query_code(case, user=None) -> str | None:
    """The case's 查询码 for the window clerks of the case; None for everyone else."""
    user = user if user is not None else g.get("current_user")
    return case.query_code if sees_query_code(user, case) else None
