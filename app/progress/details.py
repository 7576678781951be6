"""The parts of 办件查询 beyond the steps: what to bring for a 补正 (exactly the materials of the one-time
notice), where and how to collect the result, and the decision. Only what the applicant needs; nothing that
identifies them (the recipient's name and ID suffix of an issue stay with the window)."""
import sqlalchemy as sa

from app.cases.lifecycle import local_date
from app.cases.models import CASE_RESULTS, ISSUE_METHODS
from app.extensions import db
from app.licences.models import DELIVERY_STATUSES, LICENCE_STATUSES, CaseDelivery, Licence
from app.licences.services import effective_status


def _centre(case) -> dict | None:
    centre = case.receiving_centre or (case.window.centre if case.window is not None else None)
    if centre is None:
        return None
    return {"name": centre.name, "address": centre.address or "", "hours": centre.hours or "",
            "phone": centre.phone or "", "window": case.window.name if case.window is not None else ""}


def _last_event(case, action: str):
    return next((e for e in reversed(case.events) if e.action == action), None)


def supplement_of(case) -> dict | None:
    """While the case waits for a 补正: the materials of the latest one-time notice, its note, and where to
    bring them (the receiving window)."""
    if case.status != "supplementing":
        return None
    event = _last_event(case, "case.supplement_requested")
    codes = (event.detail.get("missing") if event is not None else None) or list(case.missing_materials or [])
    by_code = {m.code: m for m in case.item.materials}
    materials = [{"code": code, "name": by_code[code].name if code in by_code else code,
                  "standard": by_code[code].standard or "" if code in by_code else "",
                  "originals": by_code[code].originals if code in by_code else 0,
                  "copies": by_code[code].copies if code in by_code else 0} for code in codes]
    return {"materials": materials, "note": event.opinion if event is not None else None,
            "requested_on": local_date(event.occurred_at) if event is not None else None,
            "where": _centre(case), "online": case.channel == "online"}


def collection_of(case) -> dict:
    """How the result reaches the applicant: chosen at the issue (window, post, agent, online download), with
    the post's tracking number and delivery status; before the issue, where it can be collected."""
    delivery = db.session.scalars(sa.select(CaseDelivery).where(CaseDelivery.case_id == case.id)).first()
    return {"method": case.issue_method,
            "method_label": ISSUE_METHODS.get(case.issue_method) if case.issue_method else None,
            "issued_on": local_date(case.issued_at) if case.issued_at else None,
            "tracking_no": case.tracking_no if case.issue_method == "post" else None,
            "delivery_status": delivery.status if delivery is not None else None,
            "delivery_status_label": (DELIVERY_STATUSES.get(delivery.status)
                                      if delivery and delivery.status else None),
            "online_download": case.item.online_depth == "IV",
            "where": _centre(case)}


def decision_of(case) -> dict | None:
    """The decision once made: 准予 / 不予许可, its date, and the e-licences with their current status."""
    if not case.result:
        return None
    licences = db.session.scalars(
        sa.select(Licence).where(Licence.case_id == case.id).order_by(Licence.id)).all()
    return {"result": case.result, "result_label": CASE_RESULTS.get(case.result, case.result),
            "decided_on": local_date(case.decided_at) if case.decided_at else None,
            "licences": [{"name": lic.name, "number": lic.number, "valid_to": lic.valid_to,
                          "status_label": LICENCE_STATUSES.get(effective_status(lic))} for lic in licences]}
