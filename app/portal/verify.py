"""证照核验 at the address of the licence's QR code (``/verify?number=…&code=…``, app.documents.urls.verify_url):
with the licence number and the 6-character 核验码 printed on the licence, anyone (a business partner, an
inspector) sees whether it is valid, revoked, cancelled or expired, with the holder masked, the issuing body
and the dates. Scanning the QR verifies at once; typing number and code does the same. The verification and
its throttle (per address and per licence number) are app.licences', as in the public API."""
import logging

from flask import render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.errors import NotFound, ServiceError
from app.extensions import db
from app.licences.models import LICENCE_STATUSES
from app.licences.public import verify_public
from app.web.common import page_blueprint

logger = logging.getLogger(__name__)

bp = page_blueprint("portal_verify", __name__)

LIMIT = 100

#: the answers of app.licences shown through _() (listed so that pybabel extracts them)
RUNTIME_LABELS = (_l("未找到匹配的电子证照，请核对证照编号和核验码"),)


def _field(name: str) -> str:
    return (request.args.get(name) or "").strip()[:LIMIT]


@bp.get("/verify")
def verify():
    """The form; with both number and code (the QR code's address, or the form sent), the verification."""
    number, code = _field("number"), _field("code")
    sent = "number" in request.args or "code" in request.args
    problems: dict[str, str] = {}
    if sent and not number:
        problems["number"] = _("请填写证照编号")
    if sent and not code:
        problems["code"] = _("请填写核验码")
    if not sent or problems:
        return _page(number, 422 if problems else 200, problems)
    try:
        result = verify_public(number, code, request.remote_addr)
    except NotFound as error:
        db.session.commit()  # the failure counts for the throttle although the page shows an error
        return _page(number, error.status, {"": _(error.message)})
    except ServiceError as error:  # 429: this address must wait (for this licence, or for every lookup)
        db.session.rollback()
        return _page(number, error.status, {"": _(error.message)})
    db.session.commit()  # a success after failures clears them (app.progress.throttle)
    label = LICENCE_STATUSES.get(result["status"], result["status"])
    return _page(number, result={**result, "status_label": label})


def _page(number: str, status: int = 200, problems: dict | None = None, result: dict | None = None):
    html = render_template("portal/verify.html", number=number, problems=problems or {}, result=result)
    return html, status
