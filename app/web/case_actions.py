"""The operations on a case from its page: 暂停计时（特别程序）/ 恢复计时, 延长审批, 催办, 挂起 / 激活, 终止, and on
the viewer's tasks 转办, 委派, 加签 / 加签签署, 退回到已办环节, 撤回.

Each form posts here with its CSRF token (checked app-wide for the pages); the input is loaded by the API's
own marshmallow schema (a 422 names the field), the service runs in one transaction (app.web.common.attempt)
and records the action in the case history. A refused form shows the case page again with the message next to
its form (422 / 409) or an error page (403 / 404); a client asking for JSON gets the API's error shape."""
import logging

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from marshmallow import ValidationError

from app.cases import control
from app.cases.control_views import ReasonSchema, UrgeSchema
from app.clock import extension, extension_requests, pauses
from app.clock.schemas import ExtensionDecisionSchema, ExtensionRequestSchema, PauseEndSchema, PauseStartSchema
from app.errors import InvalidInput, NotFound, error_payload
from app.extensions import db
from app.tasks import delegation, operations
from app.tasks.models import HumanTask
from app.tasks.schemas import TaskDelegateSchema, TaskReturnSchema, TaskSignSchema, TaskTransferSchema, \
    TaskWithdrawSchema

from .cases import render_case
from .common import attempt, error_page, field_messages, login_required, page_blueprint, session_user

logger = logging.getLogger(__name__)

bp = page_blueprint("web_case_actions", __name__, url_prefix="/cases")


def _loaded(schema_class) -> dict:
    """The form's fields through the API's schema; a blank optional field counts as not given."""
    data = {k: v.strip() for k, v in request.form.items() if k != "csrf_token" and v.strip()}
    try:
        return schema_class().load(data)
    except ValidationError as exc:
        first = next(iter(exc.messages))
        raise InvalidInput(_("请检查填写的内容：%(field)s", field=first), {"json": exc.messages}) from exc


def _wants_json() -> bool:
    return request.accept_mimetypes.best == "application/json"


def _refused(case_no: str, action: str, error):
    if _wants_json():
        return error_payload(error.status, type(error).__name__, error.message, error.errors), error.status
    if error.status in (403, 404):
        return error_page(error.status, error.message)
    messages = field_messages(error) or {"": error.message}
    return render_case(session_user(), case_no, status=error.status, action=action, action_errors=messages)


def _run(case_no: str, action: str, schema_class, call, done: str):
    """Load the form, run ``call(user, values)`` in one transaction, then back to the case page."""
    user = session_user()
    try:
        values = _loaded(schema_class)
    except InvalidInput as error:
        return _refused(case_no, action, error)
    result, error = attempt(call, user, values)
    if error is not None:
        return _refused(case_no, action, error)
    logger.info("%s: %s on case %s", user.username, action, case_no)
    if _wants_json():
        return {"case_no": case_no, "action": action, "message": done}, 200
    flash(done, "success")
    return redirect(url_for("web_cases.show", case_no=case_no), code=303)


def _case_task(case_no: str, task_id: str) -> HumanTask:
    task = db.session.get(HumanTask, task_id)
    if task is None or task.case.case_no != case_no:
        raise NotFound(f"办件 {case_no} 没有任务 {task_id}")
    return task


# -- the clock ---------------------------------------------------------------------------------------------
@bp.post("/<case_no>/pause")
@login_required
def pause(case_no):
    return _run(case_no, "pause", PauseStartSchema,
                lambda user, values: pauses.start_pause(user, case_no, values), _("已暂停计时"))


@bp.post("/<case_no>/pauses/<int:pause_id>/end")
@login_required
def end_pause(case_no, pause_id):
    return _run(case_no, "resume_clock", PauseEndSchema,
                lambda user, values: pauses.end_pause(user, case_no, pause_id, values),
                _("已恢复计时，办理期限已顺延"))


@bp.post("/<case_no>/extension")
@login_required
def extend(case_no):
    return _run(case_no, "extension", ExtensionRequestSchema,
                lambda user, values: extension.extend_case(user, case_no, values), _("已延长审批期限"))


@bp.post("/<case_no>/extension-requests")
@login_required
def request_extension(case_no):
    return _run(case_no, "extension_request", ExtensionRequestSchema,
                lambda user, values: extension_requests.request_extension(user, case_no, values),
                _("已提交延长审批申请，待牵头部门审批人（首席代表）或负责人批准"))


@bp.post("/<case_no>/extension-requests/<int:request_id>/decision")
@login_required
def decide_extension_request(case_no, request_id):
    return _run(case_no, "extension_decision", ExtensionDecisionSchema,
                lambda user, values: extension_requests.decide_extension_request(user, case_no, request_id, values),
                _("已处理延长审批申请"))


# -- case control ------------------------------------------------------------------------------------------
@bp.post("/<case_no>/urge")
@login_required
def urge(case_no):
    return _run(case_no, "urge", UrgeSchema,
                lambda user, values: control.urge(user, case_no, values["message"]), _("已催办"))


@bp.post("/<case_no>/suspend")
@login_required
def suspend(case_no):
    return _run(case_no, "suspend", ReasonSchema,
                lambda user, values: control.suspend(user, case_no, values["reason"]), _("办件已挂起"))


@bp.post("/<case_no>/activate")
@login_required
def activate(case_no):
    return _run(case_no, "activate", ReasonSchema,
                lambda user, values: control.resume(user, case_no, values["reason"]), _("办件已激活"))


@bp.post("/<case_no>/terminate")
@login_required
def terminate(case_no):
    return _run(case_no, "terminate", ReasonSchema,
                lambda user, values: control.terminate(user, case_no, values["reason"]), _("办件已终止"))


# -- the viewer's tasks ------------------------------------------------------------------------------------
def _on_task(case_no, task_id, action, schema_class, operation, done):
    def call(user, values):
        _case_task(case_no, task_id)
        return operation(user, task_id, values)

    return _run(case_no, f"{action}:{task_id}", schema_class, call, done)


@bp.post("/<case_no>/tasks/<task_id>/transfer")
@login_required
def transfer(case_no, task_id):
    return _on_task(case_no, task_id, "transfer", TaskTransferSchema,
                    lambda u, t, v: operations.transfer(u, t, v["to_user"], v.get("opinion")), _("已转办"))


@bp.post("/<case_no>/tasks/<task_id>/delegate")
@login_required
def delegate(case_no, task_id):
    return _on_task(case_no, task_id, "delegate", TaskDelegateSchema,
                    lambda u, t, v: delegation.delegate(u, t, v["to_user"], v.get("opinion")), _("已委派"))


@bp.post("/<case_no>/tasks/<task_id>/add-signer")
@login_required
def add_signer(case_no, task_id):
    return _on_task(case_no, task_id, "add_signer", TaskDelegateSchema,
                    lambda u, t, v: delegation.add_signer(u, t, v["to_user"], v.get("opinion")), _("已加签"))


@bp.post("/<case_no>/tasks/<task_id>/sign")
@login_required
def sign(case_no, task_id):
    return _on_task(case_no, task_id, "sign", TaskSignSchema,
                    lambda u, t, v: delegation.sign(u, t, v["opinion"]), _("已签署加签意见"))


@bp.post("/<case_no>/tasks/<task_id>/return")
@login_required
def return_to_step(case_no, task_id):
    return _on_task(case_no, task_id, "return", TaskReturnSchema,
                    lambda u, t, v: operations.return_to_step(u, t, v["to_step"], v.get("opinion")), _("已退回"))


@bp.post("/<case_no>/tasks/<task_id>/withdraw")
@login_required
def withdraw(case_no, task_id):
    return _on_task(case_no, task_id, "withdraw", TaskWithdrawSchema,
                    lambda u, t, v: operations.withdraw(u, t, v.get("opinion")), _("已撤回，任务重新待办"))
