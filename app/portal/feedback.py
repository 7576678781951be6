"""咨询投诉 on the portal: submit a question or a complaint about an item, a window, a department or a case
(number + query code); the receipt shows the record's number and its code once; ``/feedback/track`` follows
it with both; ``/feedback/faq`` lists the published answers per item (also on each item's guide through the
``item_faq`` template global and ``portal/_item_faq.html``). The checks are the services' (app.feedback)."""
import logging

from flask import make_response, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError

from app.errors import NotFound, ServiceError
from app.extensions import db
from app.feedback import limits, submission
from app.feedback.schemas import FeedbackSubmissionSchema
from app.progress.services import authenticate_case
from app.web.common import attempt, field_messages, page_blueprint
from app.web.feedback_labels import ACTION_LABELS, KIND_LABELS, STATE_LABELS, SUBJECT_LABELS

logger = logging.getLogger(__name__)

bp = page_blueprint("portal_feedback", __name__, url_prefix="/feedback")

FIELDS = ("kind", "subject_kind", "item", "window", "department", "case_no", "case_code", "title", "content",
          "name", "phone")


@bp.app_template_global()
def item_faq(item, limit: int = 10):
    """The published questions and answers about ``item`` (an item or its code), newest first."""
    code = getattr(item, "code", item)
    return submission.faq(code, limit=limit) if code else []


#: marshmallow's messages in the citizen's words
_MESSAGES = (("Missing data for required field", "此项必填"), ("Length must be between", "长度不符合要求"),
             ("Shorter than minimum length", "内容太短"), ("Longer than maximum length", "内容太长"),
             ("Must be one of", "请从列表中选择"))

#: the services' messages (app.feedback, app.progress) this page shows through _(): listed so that pybabel
#: extracts them; the submission limit is translated with its numbers (_say)
RUNTIME_MESSAGES = (
    _l("此项必填"), _l("长度不符合要求"), _l("内容太短"), _l("内容太长"), _l("请从列表中选择"),
    _l("所选项目不存在，请重新选择"), _l("请填写办件编号和查询码"), _l("投诉举报须填写姓名（仅办理人员可见）"),
    _l("投诉举报须填写联系电话（仅办理人员可见）"), _l("请填写11位手机号码或带区号的固定电话"),
    _l("未找到匹配的记录，请核对受理编号和查询码"), _l("未找到匹配的办件，请核对办件编号和查询码"),
    _l("查询失败次数过多，请15分钟后再试"), _l("该编号查询失败次数过多，请明日再试，或携带受理通知书到窗口查询"),
    _l("同一网络地址%(minutes)d分钟内最多提交%(limit)d件咨询或投诉，请稍后再试"),
)


def _say(message: str) -> str:
    """A service's Chinese message in the page's language."""
    numbers = limits.submission_limit()
    if message == limits.MESSAGE % numbers:
        return _(limits.MESSAGE, **numbers)
    return "；".join(_(part) for part in message.split("；"))


def _plain(messages) -> str:
    text = "；".join(messages) if isinstance(messages, list) else str(messages)
    for english, chinese in _MESSAGES:
        if text.startswith(english):
            return _(chinese)
    return _say(text)


def _form() -> dict:
    return {name: (request.form.get(name) or "").strip()[:2000] for name in FIELDS}


def _lookup(authenticate, *args):
    """(result, None) or (None, message); a failed lookup is committed so that it counts for the throttle."""
    try:
        return authenticate(*args, request.remote_addr), None
    except NotFound as error:
        db.session.commit()
        return None, _say(error.message)
    except ServiceError as error:
        db.session.rollback()
        return None, _say(error.message)


def _form_page(form, errors=None, problem=None, status=200):
    return render_template("portal/feedback/form.html", form=form, errors=errors or {}, problem=problem,
                           kinds=KIND_LABELS, subjects=SUBJECT_LABELS, **submission.subject_choices()), status


@bp.get("")
def index():
    form = {name: (request.args.get(name) or "").strip()[:50] for name in FIELDS}
    form["kind"] = form["kind"] or "question"
    if form["item"] and not form["subject_kind"]:
        form["subject_kind"] = "item"
    return _form_page(form)


@bp.post("")
def submit():
    form = _form()
    given = {k: v for k, v in form.items() if v}
    try:
        payload = FeedbackSubmissionSchema().load(given)
    except ValidationError as error:
        return _form_page(form, {k: _plain(v) for k, v in error.messages.items()}, status=422)
    case = None
    if payload["subject_kind"] == "case" and payload.get("case_no") and payload.get("case_code"):
        case, problem = _lookup(authenticate_case, payload["case_no"], payload["case_code"])
        if case is None:
            return _form_page(form, {"case_no": problem}, status=404)
    result, failure = attempt(submission.submit, payload, case, request.remote_addr)
    if failure is not None:
        errors = {field: _say(message) for field, message in field_messages(failure).items()}
        return _form_page(form, errors, None if failure.errors else _say(failure.message), failure.status)
    record, code = result
    response = make_response(render_template("portal/feedback/receipt.html", record=record, code=code,
                                             kinds=KIND_LABELS))
    response.headers["Cache-Control"] = "no-store"  # the code is shown this once
    return response


@bp.route("/track", methods=["GET", "POST"])
def track():
    number = (request.form.get("number") or request.args.get("number") or "").strip()[:30]
    view, problem = None, None
    if request.method == "POST":
        code = (request.form.get("code") or "").strip()[:20]
        if not number or not code:
            problem = _("请填写受理编号和查询码")
        else:
            record, problem = _lookup(submission.authenticate, number, code)
            view = submission.public_view(record) if record is not None else None
    response = make_response(render_template(
        "portal/feedback/track.html", number=number, view=view, problem=problem, kinds=KIND_LABELS,
        states=STATE_LABELS, actions=ACTION_LABELS, subjects=SUBJECT_LABELS), 200 if view or not problem else 404)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/faq")
def faq():
    item_code = (request.args.get("item") or "").strip()[:50]
    entries = submission.faq(item_code or None, limit=100)
    groups: dict = {}
    for entry in entries:
        groups.setdefault(entry.item, []).append(entry)
    return render_template("portal/feedback/faq.html", groups=groups, item_code=item_code,
                           items=submission.subject_choices()["items"])
