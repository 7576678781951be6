"""办件查询 at the address printed on every notice (``/progress?case_no=…``, app.documents.urls.progress_url):
the QR code opens it with the case number filled in, the applicant types the 查询码 of the notice and sees the
status, the public steps with dates, the deadline, what to bring for a 补正, where and how to collect the
result, and the decision. The code is posted (never in the address, so never in a log); the lookup and its
throttle are app.progress's, as in the public API."""
import logging

from flask import render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.errors import NotFound, ServiceError
from app.extensions import db
from app.progress.services import authenticate_case, public_progress
from app.themes.handling import is_theme_number
from app.themes.portal import theme_progress
from app.web.common import page_blueprint

logger = logging.getLogger(__name__)

bp = page_blueprint("portal_progress", __name__)

LIMIT = 50

#: labels other packages define in Chinese and this page shows through _(): listed so that pybabel extracts
#: them (statuses, issue methods, delivery and licence states, the lookup's answers)
RUNTIME_LABELS = (
    _l("不予受理"), _l("已终止"), _l("网上送达"), _l("代办员代领"), _l("已投递"), _l("已签收"), _l("已退回"),
    _l("有效"), _l("已注销"), _l("已过期"), _l("补正一次告知"), _l("补正材料接收"), _l("作出决定"), _l("出件"),
    _l("办结"), _l("暂停计时"), _l("恢复计时"), _l("延长审批"),
    _l("未找到匹配的办件，请核对办件编号和查询码"), _l("查询失败次数过多，请15分钟后再试"),
    _l("该编号查询失败次数过多，请明日再试，或携带受理通知书到窗口查询"),
)


def _field(name: str) -> str:
    return (request.form.get(name) or request.args.get(name) or "").strip()[:LIMIT]


def _page(case_no: str, status: int = 200, problems: dict | None = None, progress=None):
    return render_template("portal/progress.html", case_no=case_no, problems=problems or {},
                           progress=progress), status


@bp.get("/progress")
def lookup():
    """The form, with the case number of the QR code filled in."""
    return _page(_field("case_no"))


@bp.post("/progress")
def show():
    case_no, code = _field("case_no"), _field("code")
    problems = {}
    if not case_no:
        problems["case_no"] = _("请填写办件编号")
    if not code:
        problems["code"] = _("请填写查询码")
    if problems:
        return _page(case_no, 422, problems)
    if is_theme_number(case_no):  # 一件事: one query shows the theme with every child case (app.themes)
        return theme_progress(case_no, code)
    try:
        case = authenticate_case(case_no, code, request.remote_addr)
    except NotFound as error:
        db.session.commit()  # the failure counts for the throttle although the page shows an error
        return _page(case_no, error.status, {"": _(error.message)})
    except ServiceError as error:  # 429 while the address (or the address on this case) must wait
        db.session.rollback()
        return _page(case_no, error.status, {"": _(error.message)})
    progress = public_progress(case)
    db.session.commit()  # a success after failures clears them (app.progress.throttle)
    return _page(case.case_no, progress=progress)
