"""Handling a theme case: one acceptance creates the theme case and one child case per applicable member item
(each on its own item's BPMN, with its own department and clock); members without dependencies start at once,
in parallel; a dependent member starts when every result it needs is decided, its e-licence taken over as the
material (证照复用, subscribed to the "case decided" point where the licence is made). A refusal follows the
theme's rule. Flushes; the request commits."""
import logging
from datetime import timezone

import sqlalchemy as sa

from app.applicants.identity import IdKind, citizen_id_problem, credit_code_problem, normalise_id
from app.calendar.services import calendar_conflict, working_calendar
from app.calendar.workdays import UnknownCalendarYear
from app.cases import decided, lifecycle
from app.cases.acceptance import receive_case
from app.cases.events import record_event
from app.cases.models import CaseMaterial
from app.cases.numbering import next_counter_value
from app.errors import Conflict, Forbidden, InvalidInput, NotFound, ServiceError
from app.extensions import db
from app.files.reuse import Reuse, record_reuse
from app.forms.conditions import required_codes
from app.forms.validation import validate_form
from app.licences.models import Licence
from app.network.offering import tongban_scope_at

from .definitions import member_items, published_theme
from .models import ThemeCase, ThemeChild
from .plan import combined_materials, plan

logger = logging.getLogger(__name__)

#: child case statuses that count as "result ready for 统一出件" or as over
READY = ("awaiting_issue",)
OVER = ("finished", "not_accepted", "terminated", "withdrawn")


def validated_applicant(applicant: dict, field: str = "applicant") -> dict:
    person = applicant["kind"] == "person"
    id_number = normalise_id(IdKind.CITIZEN_ID if person else IdKind.CREDIT_CODE, applicant["id_number"])
    problem = (citizen_id_problem if person else credit_code_problem)(id_number)
    if problem:
        raise InvalidInput.field(f"{field}.id_number", problem)
    return {**applicant, "id_number": id_number}


def theme_window(actor, theme):
    """The clerk's window if it accepts the theme: a window of the theme's sector or a 全科窗口."""
    window = actor.window if actor.role == "clerk" else None
    if window is None or not window.active:
        raise Forbidden("只有综合窗口或全科窗口的受理人员可以受理一件事")
    if not window.accepts_all and window.sector != theme.sector:
        raise Forbidden(f"{window.name}不受理一件事「{theme.name}」，请到其牵头领域的综合窗口或全科窗口办理")
    return window


def _member_offered(actor, item) -> None:
    """Every member item must be offered where the theme is accepted (实施清单 or 通办)."""
    window = actor.window
    if window is None or not tongban_scope_at(window.centre, item)[0]:
        raise Forbidden(f"{window.centre.name if window else '本窗口'}不受理一件事的成员事项 {item.code}")


def check_materials(theme, answers: dict, received: set[str]) -> None:
    known = {m["code"] for m in theme.materials or []}
    unknown = sorted(received - known)
    if unknown:
        raise InvalidInput.field("materials", f"不属于一件事材料清单的材料编码: {', '.join(unknown)}")
    missing = [m["name"] for m in combined_materials(theme, answers) if m.get("required") and m["code"] not in received]
    if missing:
        raise InvalidInput.field("materials", f"必要材料不齐，不能受理。缺少: {'、'.join(missing)}")


THEME_NUMBER_PREFIX = "YJS"


def _check_member_case(item, p) -> None:
    """What each member's own acceptance will need, checked now at the window (a dependent member starts later,
    when nobody is there to correct it): its mapped form answers and its required materials, given in the combined
    list or taken over from another member's e-licence."""
    answers = validate_form(item.form_schema, p.answers, "form") if item.form_schema or p.answers else None
    missing = required_codes(item, answers) - p.materials - set(p.reused)
    if missing:
        names = "、".join(m.name for m in item.materials if m.code in missing)
        raise InvalidInput.field("materials", f"「{item.name}」所需材料不齐，不能受理。缺少: {names}")


def _theme_number(local_date) -> str:
    seq = next_counter_value(f"theme:{local_date.isoformat()}")
    return f"{THEME_NUMBER_PREFIX}{local_date:%Y%m%d}{seq:04d}"


def is_theme_number(number: str) -> bool:
    """Whether a number typed into 办件查询 is a theme case's (YJS…), which shows the theme with its children."""
    return (number or "").strip().upper().startswith(THEME_NUMBER_PREFIX)


def theme_deadline(theme, accepted_on):
    try:
        return working_calendar().add_working_days(accepted_on, theme.promised_limit)
    except UnknownCalendarYear as exc:
        raise calendar_conflict(exc, "计算一件事办理期限，暂不能受理") from exc


def accept_theme(actor, payload: dict, *, channel: str = "window", query_code: str | None = None) -> ThemeCase:
    """一窗受理 of a theme: validates the combined form and material list once, then starts the children."""
    theme = published_theme(payload["theme_code"])
    window = theme_window(actor, theme)
    applicant = validated_applicant(payload["applicant"])
    answers = validate_form(theme.form_schema, payload.get("form"), "form")
    received = set(payload.get("materials") or [])
    check_materials(theme, answers, received)
    items = member_items(theme)
    plans = plan(theme, answers, applicant, received)
    for p in plans:
        if p.applies:
            _member_offered(actor, items[p.member.item_code])
            _check_member_case(items[p.member.item_code], p)
    now = lifecycle.local_now()
    theme_case = ThemeCase(
        theme_no=_theme_number(now.date()), theme=theme, status="in_progress", channel=channel,
        applicant_kind=applicant["kind"], applicant_name=applicant["name"],
        applicant_id_number=applicant["id_number"], applicant_phone=applicant["phone"],
        form_data=answers, materials=sorted(received), window=window, receiving_centre=window.centre,
        created_by=actor, accepted_at=now.astimezone(timezone.utc), deadline=theme_deadline(theme, now.date()),
    )
    if query_code:
        theme_case.query_code = query_code
    applying = {p.member.item_code for p in plans if p.applies}
    for position, p in enumerate(plans):
        item = items[p.member.item_code]
        depends = [code for code in p.member.depends_on or [] if code in applying]
        state = "skipped" if not p.applies else ("waiting" if depends else "running")
        theme_case.children.append(ThemeChild(
            position=position, item_code=item.code, item_name=item.name, state=state, depends_on=depends,
            note=None if p.applies else (p.member.condition_note or "按申请情形无需办理")))
    db.session.add(theme_case)
    db.session.flush()
    for child in theme_case.children:
        if child.state == "running":
            _start(theme_case, child)
    db.session.flush()
    logger.info("theme case %s of %s accepted: %d items", theme_case.theme_no, theme.code, len(applying))
    return theme_case


def _applicant(theme_case) -> dict:
    return {"kind": theme_case.applicant_kind, "name": theme_case.applicant_name,
            "id_number": theme_case.applicant_id_number, "phone": theme_case.applicant_phone}


def _plan_of(theme_case, item_code):
    plans = plan(theme_case.theme, theme_case.form_data, _applicant(theme_case), set(theme_case.materials))
    return next(p for p in plans if p.member.item_code == item_code)


def _licence_of(child) -> Licence | None:
    if child is None or child.case_id is None:
        return None
    return db.session.scalars(sa.select(Licence).where(Licence.case_id == child.case_id, Licence.status == "valid")
                              .order_by(Licence.id.desc())).first()


def _child(theme_case, item_code) -> ThemeChild | None:
    return next((c for c in theme_case.children if c.item_code == item_code), None)


def _start(theme_case, child, actor=None) -> None:
    """Receive and accept the child's case for the clerk who accepted the theme (the acceptance covers every
    member) or ``actor`` (a clerk restarting it), with the reused e-licences of the results it needs."""
    actor = actor or theme_case.created_by
    p = _plan_of(theme_case, child.item_code)
    reuse = []
    for material, source in p.reused.items():
        licence = _licence_of(_child(theme_case, source))
        if licence is not None:
            reuse.append({"material": material, "licence_id": licence.id})
    theme = theme_case.theme
    payload = {"item_code": child.item_code, "decision": "accept", "materials": sorted(p.materials),
               "applicant": _applicant(theme_case), "reuse": reuse}
    if p.answers is not None:
        payload["form"] = p.answers
    case = receive_case(actor, payload, window_check=lambda clerk, item: theme_window(clerk, theme))
    case.channel = theme_case.channel
    case.query_code = theme_case.query_code  # one query code for the theme and its children
    record_event(case, actor, "theme.member", theme_no=theme_case.theme_no, theme=theme.name,
                 reused=[entry["material"] for entry in reuse])
    child.case, child.state, child.started_at, child.note = case, "running", lifecycle.now_utc(), None
    logger.info("theme case %s: child %s started as %s", theme_case.theme_no, child.item_code, case.case_no)


def theme_case_of(case) -> ThemeChild | None:
    return db.session.scalars(sa.select(ThemeChild).where(ThemeChild.case_id == case.id)).first()


def lock_theme_case(theme_no: str) -> ThemeCase:
    theme_case = db.session.scalars(sa.select(ThemeCase).where(ThemeCase.theme_no == theme_no).with_for_update()
                                    .execution_options(populate_existing=True)).first()
    if theme_case is None:
        raise NotFound(f"一件事办件 {theme_no} 不存在")
    return theme_case


def _approved(child) -> bool:
    return child is not None and child.case is not None and child.case.result == "approved"


def _unlock(theme_case, actor=None) -> None:
    """Start every waiting child whose needed results are all approved (unless a coordinator must decide). A
    child that cannot start now (the accepting clerk left the window, the item was withdrawn …) stays waiting
    with the reason, without undoing the decision that unlocked it; a clerk restarts it (:func:`restart`)."""
    if theme_case.status == "coordinating":
        return
    for child in theme_case.children:
        if child.state == "waiting" and all(_approved(_child(theme_case, code)) for code in child.depends_on):
            try:
                with db.session.begin_nested():
                    _start(theme_case, child, actor)
            except ServiceError as error:
                child.note = f"未能自动启动：{error.message}；请受理窗口重新启动"
                logger.warning("theme case %s: child %s could not start", theme_case.theme_no, child.item_code)


def restart(actor, theme_no: str) -> ThemeCase:
    """A clerk of the receiving centre starts the unlocked children that could not start by themselves."""
    theme_case = lock_theme_case(theme_no)
    window = theme_window(actor, theme_case.theme)
    if window.centre_id != theme_case.receiving_centre_id:
        raise Forbidden(f"{window.name}不是一件事 {theme_no} 的受理中心窗口")
    _unlock(theme_case, actor)
    refresh_status(theme_case)
    db.session.flush()
    return theme_case


def _hand_over_licence(theme_case, source, licence) -> None:
    """证照复用 for children already running: the new e-licence becomes their material where mapped."""
    for child in theme_case.children:
        if child.state != "running" or child.case is None or child is source:
            continue
        p = _plan_of(theme_case, child.item_code)
        materials = [m for m, code in p.reused.items() if code == source.item_code]
        case = child.case
        if not materials or case.status in OVER:
            continue
        case = lifecycle.lock_case(case.case_no)
        names = {m.code: m.name for m in case.item.materials}
        rows = [Reuse(code, names[code], licence=licence) for code in materials
                if code not in case.received_material_codes]
        for row in rows:  # received now, from the e-licence (the case's clock is not touched)
            case.materials.append(CaseMaterial(material_code=row.code, name=row.name, stage="reuse"))
        record_reuse(case, theme_case.created_by, rows)


def _cancel_dependents(theme_case, refused) -> None:
    changed = True
    while changed:  # transitively: what needed the refused result can no longer start
        changed = False
        for child in theme_case.children:
            if child.state == "waiting" and any(
                    code == refused.item_code or (_child(theme_case, code) and _child(theme_case, code).state == "cancelled")
                    for code in child.depends_on):
                child.state, child.note = "cancelled", f"前置事项「{refused.item_name}」不予许可，本事项不再办理"
                changed = True


def refresh_status(theme_case) -> str:
    if theme_case.status in ("finished", "stopped", "coordinating"):
        return theme_case.status
    children = [c for c in theme_case.children if c.state in ("waiting", "running")]
    if any(c.state == "waiting" for c in children):
        theme_case.status = "in_progress"
    elif children and all(c.case.status in READY + OVER for c in children) and any(
            c.case.status in READY for c in children):
        theme_case.status = "awaiting_issue"
    elif children and all(c.case.status in OVER for c in children):
        theme_case.status = "finished"
    else:
        theme_case.status = "in_progress"
    return theme_case.status


@decided.subscribe
def _on_child_decided(case, actor, outcome: str) -> None:
    """A child was decided: hand its e-licence to the siblings and start those it unlocks, or apply the
    refusal rule."""
    child = theme_case_of(case)
    if child is None:
        return
    theme_case = lock_theme_case(child.theme_case.theme_no)
    child = _child(theme_case, case.item.code)
    if outcome == "approved":
        licence = _licence_of(child)
        if licence is not None:
            _hand_over_licence(theme_case, child, licence)
        _unlock(theme_case)
    else:
        if theme_case.theme.refusal_rule == "coordinator" and any(c.state == "waiting" for c in theme_case.children):
            theme_case.status = "coordinating"
            theme_case.coordination_note = f"「{child.item_name}」不予许可，待牵头部门决定其余事项是否继续"
        else:
            _cancel_dependents(theme_case, child)
    refresh_status(theme_case)
    logger.info("theme case %s: child %s decided %s", theme_case.theme_no, child.item_code, outcome)


def coordinate(actor, theme_no: str, decision: str, note: str | None) -> ThemeCase:
    """The coordinator (the lead department's approver or head; the receiving centre's clerks when the centre
    coordinates) decides after a refusal: continue the others, or stop what has not started."""
    theme_case = lock_theme_case(theme_no)
    lead = theme_case.theme.coordinator
    if lead is not None:
        allowed = actor.role in ("approver", "head") and actor.department_id == lead.id
    else:
        allowed = actor.role == "clerk" and actor.window is not None and \
            actor.window.centre_id == theme_case.receiving_centre_id
    if not allowed:
        raise Forbidden("只有一件事的牵头部门审批人或负责人（中心协调时为受理中心窗口）可以决定")
    if theme_case.status != "coordinating":
        raise Conflict("该一件事当前无需牵头部门决定")
    theme_case.coordination_note = (note or "").strip() or None
    theme_case.status = "in_progress"
    if decision == "stop":
        for child in theme_case.children:
            if child.state == "waiting":
                child.state, child.note = "cancelled", "牵头部门决定不再办理"
    else:
        refused = [c for c in theme_case.children if c.case is not None and c.case.result == "refused"]
        for child in refused:
            _cancel_dependents(theme_case, child)
        _unlock(theme_case)
    refresh_status(theme_case)
    db.session.flush()
    return theme_case
