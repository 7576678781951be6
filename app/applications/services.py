"""Online applications: submission and resubmission (public), pre-review by the window. Services flush; the
request commits. Identity numbers and materials are checked exactly as the window checks them."""

import logging
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app

from app.cases import lifecycle
from app.cases.acceptance import (
    _acceptance_form,
    _check_materials,
    _validated_applicant,
    receive_case,
    validated_answers,
)
from app.cases.events import record_event
from app.cases.numbering import next_counter_value
from app.cases.withdrawal import required_reason
from app.catalogue.models import ServiceItem
from app.catalogue.services import published_item
from app.errors import Conflict, NotFound, TooManyRequests
from app.extensions import db
from app.network.offering import window_accepts_clause
from app.files.applicant import attach_application_files, authenticated_application

from .models import APPLICATION_STATES, OnlineApplication, OnlineSubmissionAttempt

logger = logging.getLogger(__name__)

#: an application the applicant may still withdraw (before the pre-review passed it into a case)
WITHDRAWABLE_APPLICATION_STATES = ("pending", "supplement")


def guard_submissions(remote_addr: str | None) -> None:
    """429 once the address made APPLICATIONS_PER_HOUR submissions in the last hour; counts this one."""
    address = (remote_addr or "")[:64]
    since = lifecycle.now_utc() - timedelta(hours=1)
    made = db.session.scalar(
        sa.select(sa.func.count())
        .select_from(OnlineSubmissionAttempt)
        .where(OnlineSubmissionAttempt.remote_addr == address, OnlineSubmissionAttempt.attempted_at >= since)
    )
    if made >= current_app.config["APPLICATIONS_PER_HOUR"]:
        raise TooManyRequests("网上申报过于频繁，请一小时后再试")
    db.session.add(OnlineSubmissionAttempt(remote_addr=address, attempted_at=lifecycle.now_utc()))
    db.session.flush()


def _application_number(local_date) -> str:
    seq = next_counter_value(f"application:{local_date.isoformat()}", detached=True)
    return f"WS{current_app.config['SERVICE_CENTRE_CODE']}{local_date:%Y%m%d}{seq:05d}"[:50]


def submit_application(payload: dict) -> OnlineApplication:
    item = published_item(payload["item_code"])
    applicant = _validated_applicant(payload["applicant"])
    materials = sorted(set(payload["materials"]))
    _check_materials(item, materials)
    answers = validated_answers(item, payload.get("form"), "accept")  # the whole form, as at the window
    now = lifecycle.local_now()
    application = OnlineApplication(
        application_no=_application_number(now.date()),
        item=item,
        state="pending",
        applicant_kind=applicant["kind"],
        applicant_name=applicant["name"],
        applicant_id_number=applicant["id_number"],
        applicant_phone=applicant["phone"],
        materials=materials,
        form_data=answers,
        note=payload.get("note") or "",
        submitted_at=lifecycle.now_utc(),
        missing=[],
    )
    db.session.add(application)
    db.session.flush()
    logger.info("online application %s for %s", application.application_no, item.code)
    return application


def resubmit_application(application: OnlineApplication, payload: dict) -> OnlineApplication:
    """After 预审 asked for changes (一次性补正告知): the authenticated applicant gives the materials again and,
    when given, the changed form answers (validated in full, as on submission); the window pre-reviews it
    again. The application is locked here."""
    application = _locked(application.application_no)
    if application.state != "supplement":
        raise Conflict("该申报不在待补正状态")
    _check_materials(application.item, payload["materials"])
    if payload.get("form") is not None:
        application.form_data = validated_answers(application.item, payload["form"], "accept")
    application.materials = sorted(set(application.materials) | set(payload["materials"]))
    application.state = "pending"
    application.resubmitted_at = lifecycle.now_utc()
    db.session.flush()
    logger.info("online application %s resubmitted", application.application_no)
    return application


def withdraw_application(application: OnlineApplication, reason: str | None) -> OnlineApplication:
    """撤件 of an application waiting for 预审 or for its 补正 (the authenticated applicant; 409 otherwise)."""
    reason = required_reason(reason)
    application = _locked(application.application_no)
    if application.state not in WITHDRAWABLE_APPLICATION_STATES:
        label = APPLICATION_STATES.get(application.state, application.state)
        hint = "，请在办理结果页对办件撤件" if application.case is not None else ""
        raise Conflict(f"该申报当前状态为“{label}”，不能撤件{hint}")
    application.state = "withdrawn"
    application.withdrawn_at = lifecycle.now_utc()
    application.withdrawal_reason = reason
    db.session.flush()
    logger.info("online application %s withdrawn by its applicant", application.application_no)
    return application


def _locked(application_no: str) -> OnlineApplication:
    return db.session.scalars(
        sa.select(OnlineApplication).where(OnlineApplication.application_no == application_no)
        .with_for_update().execution_options(populate_existing=True)).one()


def applications_for(user, state=None, limit=100):
    query = sa.select(OnlineApplication).join(ServiceItem, OnlineApplication.item_id == ServiceItem.id)
    if user.role == "clerk":
        if user.window is None:
            return []
        query = query.where(window_accepts_clause(user.window, ServiceItem))
    if state:
        query = query.where(OnlineApplication.state == state)
    return db.session.scalars(
        query.order_by(OnlineApplication.submitted_at, OnlineApplication.id).limit(limit)
    ).all()


def review_application(actor, application_id: int, payload: dict) -> OnlineApplication:
    application = db.session.scalars(
        sa.select(OnlineApplication)
        .where(OnlineApplication.id == application_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).first()
    if application is None:
        raise NotFound(f"网上申报 {application_id} 不存在")
    item = application.item
    lifecycle.require_window_clerk(actor, item)
    if application.state != "pending":
        raise Conflict("该申报不在待预审状态")
    decision = payload["decision"]
    if decision == "pass":
        case = receive_case(
            actor,
            {
                "item_code": item.code,
                "decision": "accept",
                "materials": list(application.materials),
                "form": application.form_data,
                "applicant": {
                    "kind": application.applicant_kind,
                    "name": application.applicant_name,
                    "id_number": application.applicant_id_number,
                    "phone": application.applicant_phone,
                },
                "agent": application.agent,  # 代办申报 (app.network.agent_applications)
            },
        )
        record_event(
            case,
            actor,
            "case.online_application",
            channel="online",
            application_no=application.application_no,
        )
        case.channel = "online"
        case.query_code = application.query_code  # the applicant keeps the code of their receipt
        application.case = case
        attach_application_files(application, case, actor)
        application.state = "passed"
    elif decision == "supplement":
        form = _acceptance_form(
            item, set(application.materials), "supplement", payload.get("missing"), payload.get("reason"),
            application.form_data,
        )
        application.missing = form["missing_materials"]
        application.state = "supplement"
    else:
        form = _acceptance_form(item, set(application.materials), "refuse", None, payload.get("reason"))
        application.state = "refused"
    application.reason = (payload.get("reason") or "").strip() or None
    application.reviewed_by_id = actor.id
    application.reviewed_at = lifecycle.now_utc()
    db.session.flush()
    logger.info("online application %s pre-reviewed: %s", application.application_no, decision)
    return application
