"""好差评 on the portal: the applicant finds the case with its number and query code, then gives the overall
grade (1 非常满意 … 5 非常不满意), each national online indicator and a free text — once per case on the web
channel (一事一评). The checks are the ratings services' and schema's, as in the API."""
import logging

from flask import render_template, request
from flask_babel import gettext as _
from marshmallow import ValidationError

from app.errors import NotFound, ServiceError
from app.extensions import db
from app.progress.services import authenticate_case, public_progress
from app.ratings.indicators import indicator_catalogue
from app.ratings.models import BAD_GRADES
from app.ratings.schemas import PublicRatingSchema
from app.ratings.services import submit_rating
from app.web.common import attempt, page_blueprint
from app.web.feedback_labels import GRADE_LABELS, INDICATOR_LABELS

logger = logging.getLogger(__name__)

bp = page_blueprint("portal_rate", __name__)

CHANNEL = "web"
LIMIT = 50


def _field(name: str, limit: int = LIMIT) -> str:
    return (request.form.get(name) or request.args.get(name) or "").strip()[:limit]


def _grade(name: str):
    value = _field(name, 2)
    return int(value) if value.isdigit() else None


def _case(case_no: str, code: str):
    """(case, None) or (None, message); a failed lookup is committed so that it counts for the throttle."""
    try:
        return authenticate_case(case_no, code, request.remote_addr), None
    except NotFound as error:
        db.session.commit()
        return None, error.message
    except ServiceError as error:
        db.session.rollback()
        return None, error.message


def _page(**context):
    indicators = [(code, INDICATOR_LABELS.get(code, name))
                  for code, name in indicator_catalogue().for_channel(CHANNEL)]
    return render_template("portal/rate.html", grades=GRADE_LABELS, indicators=indicators,
                           version=indicator_catalogue().version, **context)


@bp.route("/rate", methods=["GET", "POST"])
def index():
    case_no, code = _field("case_no"), _field("code", 20)
    if request.method == "GET" or not case_no or not code:
        return _page(case_no=case_no, problem=_("请填写办件编号和查询码") if request.method == "POST" else None)
    case, problem = _case(case_no, code)
    if case is None:
        return _page(case_no=case_no, problem=problem)
    progress = public_progress(case)
    if request.form.get("stage") != "rate":
        return _page(case_no=case_no, code=code, progress=progress, given={})
    given = {"grade": _grade("grade"), "text": _field("text", 1000) or None,
             "indicators": {c: _grade(f"indicator_{c}") for c, _n in indicator_catalogue().for_channel(CHANNEL)}}
    try:
        payload = PublicRatingSchema().load({"case_no": case_no, "code": code, "channel": CHANNEL, **given})
    except ValidationError as error:
        errors = error.messages
        return _page(case_no=case_no, code=code, progress=progress, given=given, errors=errors,
                     indicator_errors=errors.get("indicators") or {}), 422
    rating, failure = attempt(submit_rating, None, case, CHANNEL, payload["grade"], payload.get("text"),
                              payload.get("indicators"))
    if failure is not None:
        return _page(case_no=case_no, code=code, progress=progress, given=given, problem=failure.message), failure.status
    logger.info("portal rating %s given", rating.id)
    return render_template("portal/rate_done.html", progress=progress, grade=GRADE_LABELS[rating.grade],
                           follow_up=rating.grade in BAD_GRADES, deadline=rating.rectification_deadline)



