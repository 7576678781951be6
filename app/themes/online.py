"""一表申请 online: the applicant fills the theme's one form and ticks its one material list; the window accepts it
once (the same checks as at the window), which creates the theme case and its children. Flushes; the request
commits."""
import json
import logging
from pathlib import Path

import sqlalchemy as sa
from flask import current_app

from app.cases import lifecycle
from app.cases.numbering import next_counter_value
from app.errors import Conflict, InvalidInput, NotFound
from app.extensions import db
from app.forms.validation import validate_form

from .definitions import approve, create_theme, published_theme, submit
from .handling import accept_theme, check_materials, theme_window, validated_applicant
from .models import Theme, ThemeApplication

logger = logging.getLogger(__name__)


def submit_application(payload: dict) -> ThemeApplication:
    theme = published_theme(payload["theme_code"])
    applicant = validated_applicant(payload["applicant"])
    answers = validate_form(theme.form_schema, payload.get("form"), "form")
    received = set(payload.get("materials") or [])
    check_materials(theme, answers, received)
    today = lifecycle.local_now().date()
    application = ThemeApplication(
        application_no=f"WSYJS{today:%Y%m%d}{next_counter_value(f'theme-application:{today}'):04d}",
        theme=theme, state="pending", applicant_kind=applicant["kind"], applicant_name=applicant["name"],
        applicant_id_number=applicant["id_number"], applicant_phone=applicant["phone"], form_data=answers,
        materials=sorted(received), submitted_at=lifecycle.now_utc())
    db.session.add(application)
    db.session.flush()
    logger.info("online theme application %s for %s", application.application_no, theme.code)
    return application


def pending_applications(user) -> list[ThemeApplication]:
    window = user.window if user.role == "clerk" else None
    if window is None:
        return []
    query = sa.select(ThemeApplication).join(Theme).where(ThemeApplication.state == "pending")
    if not window.accepts_all:
        query = query.where(Theme.sector == window.sector)
    return db.session.scalars(query.order_by(ThemeApplication.submitted_at)).all()


def application_by_id(application_id: int, lock: bool = False) -> ThemeApplication:
    query = sa.select(ThemeApplication).where(ThemeApplication.id == application_id)
    application = db.session.scalars(query.with_for_update() if lock else query).first()
    if application is None:
        raise NotFound(f"一件事网上申报 {application_id} 不存在")
    return application


def review_application(actor, application_id: int, decision: str, reason: str | None = None):
    """受理 (one acceptance for every item) or 不予受理 with a reason."""
    application = application_by_id(application_id, lock=True)
    theme_window(actor, application.theme)
    if application.state != "pending":
        raise Conflict("该申报不在待受理状态")
    application.reviewed_by_id, application.reviewed_at = actor.id, lifecycle.now_utc()
    if decision == "refuse":
        if not (reason or "").strip():
            raise InvalidInput.field("reason", "不予受理须说明理由")
        application.state, application.reason = "refused", reason.strip()
        db.session.flush()
        return application
    theme_case = accept_theme(actor, {
        "theme_code": application.theme.code, "form": application.form_data, "materials": application.materials,
        "applicant": {"kind": application.applicant_kind, "name": application.applicant_name,
                      "id_number": application.applicant_id_number, "phone": application.applicant_phone},
    }, channel="online", query_code=application.query_code)
    application.state, application.theme_case = "accepted", theme_case
    db.session.flush()
    return application


def load_theme_files(directory: Path, reviewer, actor: str = "seed-demo") -> int:
    """Demo: each ``rules/themes/*.theme.json`` not yet defined becomes a theme published the usual way —
    drafted by ``actor``, submitted, approved by ``reviewer`` (a second person of the review authority)."""
    count = 0
    for path in sorted(directory.glob("*.theme.json")):
        spec = json.loads(path.read_text(encoding="utf-8"))
        if db.session.scalars(sa.select(Theme.id).where(Theme.code == spec["code"])).first():
            continue
        theme = create_theme(spec, actor)
        submit(theme.code, theme.version, actor)
        approve(theme.code, theme.version, reviewer, note="示例数据")
        count += 1
    if count:
        logger.info("%d demo themes published from %s", count, directory)
    return count


def themes_dir() -> Path:
    return Path(current_app.config["RULES_DIR"]) / "themes"
