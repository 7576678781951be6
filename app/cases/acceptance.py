"""前台综合受理: the formal check of the materials checklist and its three outcomes (受理 / 补正 / 不予受理).
The application form's answers are validated against the item version's form, and decide which situational
materials (情形材料) the checklist requires."""
import hashlib
import json
import logging
from datetime import timezone

from app.applicants.identity import IdKind, citizen_id_problem, credit_code_problem, normalise_id
from app.errors import Conflict, InvalidInput
from app.extensions import db
from app.files import reuse, staging
from app.forms.conditions import required_codes
from app.forms.validation import validate_form
from app.network.agents import agent_case_fields
from app.network.offering import receiving_point
from app.network.tongban import resolve_item
from app.workflow import TaskNotReady, WorkflowRun

from .events import record_event
from . import lifecycle
from .lifecycle import (
    after_engine_step, compute_deadlines, lock_case, require_case_window_clerk, require_window_clerk,
)
from .models import Case, CaseMaterial
from .numbering import next_case_number

logger = logging.getLogger(__name__)


def _validated_applicant(applicant: dict) -> dict:
    person = applicant["kind"] == "person"
    id_number = normalise_id(IdKind.CITIZEN_ID if person else IdKind.CREDIT_CODE, applicant["id_number"])
    check = citizen_id_problem if person else credit_code_problem
    problem = check(id_number)
    if problem:
        raise InvalidInput.field("applicant.id_number", problem)
    return {**applicant, "id_number": id_number}


def _check_materials(item, codes, field="materials") -> None:
    known = {m.code for m in item.materials}
    unknown = sorted(set(codes) - known)
    if unknown:
        raise InvalidInput.field(field, f"不属于事项 {item.code} 材料清单的材料编码: {', '.join(unknown)}")


def validated_answers(item, answers, decision: str, field: str = "form") -> dict | None:
    """The clean form answers (422 naming ``form.<key>``). A refusal needs no complete form: it is checked
    only when given. None when the item has no form."""
    if item.form_schema is None and not answers:
        return None
    if decision == "refuse" and answers is None:
        return None
    return validate_form(item.form_schema, answers, field)


def form_digest(answers: dict | None) -> str | None:
    """SHA-256 of the answers for the hash-chained history (the answers themselves stay on the case)."""
    if answers is None:
        return None
    return hashlib.sha256(json.dumps(answers, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def _acceptance_form(item, received: set[str], decision: str, missing, reason, answers=None) -> dict:
    """Validate the window's decision against the checklist (the materials the answers require) and return
    the engine form data."""
    required = required_codes(item, answers)
    absent_required = sorted(required - received)
    if decision == "accept":
        if absent_required:
            names = "、".join(m.name for m in item.materials if m.code in absent_required)
            raise InvalidInput.field("materials", f"必要材料不齐，不能受理。缺少: {names}")
        return {"acceptance_decision": "accept", "missing_materials": [], "reason": None}
    if decision == "supplement":
        _check_materials(item, missing or [], field="missing")
        # 一次告知: the notice lists every missing material at once — the absent required ones are always in.
        all_missing = sorted(set(missing or []) | set(absent_required))
        if not all_missing:
            raise InvalidInput.field("missing", "补正告知须列明需补正的材料；材料已齐全时请选择受理")
        return {"acceptance_decision": "supplement", "missing_materials": all_missing, "reason": reason}
    if not (reason and reason.strip()):
        raise InvalidInput.field("reason", "不予受理须说明理由")
    return {"acceptance_decision": "refuse", "missing_materials": [], "reason": reason.strip()}


def _require_first_notice_covers(case, item, form) -> None:
    """一次告知: after the first notice, a further 补正 may only repeat materials that notice listed (those the
    applicant still has not brought); it can never add a requirement the applicant was not told about."""
    if form["acceptance_decision"] != "supplement":
        return
    added = set(form["missing_materials"]) - set(case.missing_materials or [])
    if added:
        names = "、".join(m.name for m in item.materials if m.code in added)
        raise InvalidInput.field("missing", f"一次性告知：首次补正告知未列明的材料不能再要求补正（{names}）")


def _record_acceptance_outcome(case, item, actor, form, task):
    decision = form["acceptance_decision"]
    if decision == "accept":
        now = lifecycle.local_now()  # looked up at call time: one clock to move in tests and demos
        case.accepted_at = now
        case.deadline, case.legal_deadline = compute_deadlines(item, now.date())
        case.missing_materials = []
        record_event(case, actor, "case.accepted", task_id=task.id, step=task.name, decision="accept",
                     deadline=case.deadline.isoformat())
    elif decision == "supplement":
        case.missing_materials = form["missing_materials"]
        names = [m.name for m in item.materials if m.code in form["missing_materials"]]
        record_event(case, actor, "case.supplement_requested", task_id=task.id, step=task.name,
                     decision="supplement", opinion=form.get("reason"), missing=form["missing_materials"],
                     missing_names=names)
    else:
        case.refusal_reason = form["reason"]
        record_event(case, actor, "case.not_accepted", task_id=task.id, step=task.name, decision="refuse",
                     opinion=form["reason"])


def _workflow_start_data(case, item) -> dict:
    return {
        "case_no": case.case_no,
        "item_code": item.code,
        "item_name": item.name,
        "sector": item.sector,
        "item_department": item.department.code,
        "lead_department": item.department.code,
        "co_departments": [{"code": c.department.code, "name": c.department.name} for c in item.co_departments],
        "countersign": item.countersign_mode or "all",
        "timeout_action": item.timeout_action or "remind",
    }


def _acceptance_task(run):
    for task in run.ready_tasks():
        if task.form_key == "acceptance":
            return task
    raise Conflict("该办件当前不在受理审查环节")


def receive_case(actor, payload: dict, *, window_check=None) -> Case:
    """收件 + 受理审查 in one step at the comprehensive window. Flushes; the request commits.
    ``window_check(actor, item)`` replaces the item's own window check (一件事: the theme's window accepts
    every member item, app.themes).
    ``region`` picks the implementing region of a 通办 item; ``agent`` records a 代办 (app.network.agents);
    ``scans`` are the clerk's staged scans (app.files.staging), attached to the case and counted as
    received."""
    centre = actor.window.centre if actor.window is not None else None
    item = resolve_item(payload["item_code"], payload.get("region"), centre)
    (window_check or require_window_clerk)(actor, item)
    applicant = _validated_applicant(payload["applicant"])
    _check_materials(item, payload["materials"])
    answers = validated_answers(item, payload.get("form"), payload["decision"])
    reused = reuse.validated_reuse(item, applicant, payload.get("reuse") or [])  # 材料复用 (app.files.reuse)
    scans = staging.validated_scans(actor, item, payload.get("scans") or [])  # scanned before the decision
    received = set(payload["materials"]) | reuse.reused_codes(reused) | staging.scanned_codes(scans)
    form = _acceptance_form(item, received, payload["decision"], payload.get("missing"), payload.get("reason"),
                            answers)
    agent, reserved_material = agent_case_fields(item, payload.get("agent"), received)

    now = lifecycle.local_now()  # looked up at call time: one clock to move in tests and demos
    case = Case(
        case_no=next_case_number(now.date()),
        received_at=now.astimezone(timezone.utc),
        item=item,
        window=actor.window,
        **receiving_point(actor.window, item),
        status="in_progress",
        applicant_kind=applicant["kind"],
        applicant_name=applicant["name"],
        applicant_id_number=applicant["id_number"],
        applicant_phone=applicant["phone"],
        created_by=actor,
        form_data=answers,
        materials=[CaseMaterial(material_code=m.code, name=m.name) for m in item.materials if m.code in received],
        **agent,
    )
    if reserved_material is not None:
        case.materials.append(CaseMaterial(material_code=reserved_material["code"], name=reserved_material["name"]))
    run = WorkflowRun.start(item.process_key, _workflow_start_data(case, item))
    case.workflow_instance = run.instance
    db.session.add(case)
    db.session.flush()
    record_event(case, actor, "case.received", materials=sorted(received), form_sha256=form_digest(answers),
                 **({"tongban_scope": case.tongban_scope, "handling_region": case.handling_region_code}
                    if case.tongban_scope else {}),
                 **({"agent_kind": case.agent_kind, "agent": case.agent_name} if case.agent_kind else {}))
    reuse.record_reuse(case, actor, reused)
    staging.attach_scans(case, actor, scans)  # kept with the case whatever the decision: what was presented

    task = _acceptance_task(run)
    run.complete_task(task.id, form)
    _record_acceptance_outcome(case, item, actor, form, task)
    after_engine_step(case, run, actor, completed_task_id=task.id, decision=form["acceptance_decision"])
    return case


def supplement_case(actor, case_no: str, payload: dict) -> Case:
    """The applicant brought materials after a 补正 notice; the clerk checks again and decides."""
    case = lock_case(case_no)
    require_case_window_clerk(actor, case)
    return continue_after_supplement(case, actor, set(payload["materials"]), payload["decision"],
                                     payload.get("missing"), payload.get("reason"))


def continue_after_supplement(case, actor, brought: set[str], decision: str, missing=None, reason=None, *,
                              brought_by=None, **detail) -> Case:
    """The supplement is received (at the window, or online by the applicant — ``brought_by``) and the
    acceptance check runs again with ``decision``. The caller holds the case lock."""
    item = case.item
    if case.status != "supplementing":
        raise Conflict(f"办件当前状态为“{case.status}”，不在补正中")
    _check_materials(item, brought)
    received = case.received_material_codes | brought
    form = _acceptance_form(item, received, decision, missing, reason, case.form_data)
    _require_first_notice_covers(case, item, form)

    run = WorkflowRun.open(case.workflow_instance_id)
    task = _acceptance_task(run)
    for material in item.materials:
        if material.code in brought - case.received_material_codes:
            case.materials.append(CaseMaterial(material_code=material.code, name=material.name, stage="supplement"))
    record_event(case, brought_by or actor, "case.supplemented", task_id=task.id, step=task.name,
                 materials=sorted(brought), **detail)
    try:
        run.complete_task(task.id, form)
    except TaskNotReady as exc:
        raise Conflict("受理审查任务已被处理") from exc
    _record_acceptance_outcome(case, item, actor, form, task)
    after_engine_step(case, run, actor, completed_task_id=task.id, decision=form["acceptance_decision"])
    return case
