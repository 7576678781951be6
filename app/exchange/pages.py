"""互联互通 admin page (/admin/exchange): each subscriber's lag, failures and dead letters with retry and
replay; adding subscribers and department-system clients. Writes go through app.exchange.services and
app.exchange.clients, as the API's do."""
import logging
from datetime import datetime
from zoneinfo import ZoneInfo

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.network.models import Department
from app.extensions import db
from app.web.admin_forms import submit
from app.web.common import attempt, page_blueprint, roles_required, session_user

from . import clients, services
from .schemas import ClientInSchema, SubscriberInSchema
from .transports import display_url

logger = logging.getLogger(__name__)

bp = page_blueprint("web_exchange", __name__, url_prefix="/admin/exchange")

#: the labels of the page (the same codes as app.exchange.models)
KIND_LABELS = {"amqp": _l("消息队列（AMQP）"), "webhook": _l("HTTPS 回调（Webhook）")}
CONTRACT_LABELS = {"full": _l("完整个人信息"), "masked": _l("脱敏")}
STATUS_LABELS = {"pending": _l("待投递"), "delivered": _l("已投递"), "dead": _l("死信")}
SCOPE_LABELS = {"cases:read": _l("查阅本部门办件"), "tasks:complete": _l("办理本部门任务（附审批意见）"),
                "materials:attach": _l("上传电子材料")}

SUBSCRIBER_FIELDS = ("name", "kind", "url", "amqp_exchange", "personal_data", "max_attempts",
                     "retry_base_seconds", "timeout_seconds")


def _labels() -> dict:
    return {"kinds": KIND_LABELS, "contracts": CONTRACT_LABELS, "statuses": STATUS_LABELS, "scopes": SCOPE_LABELS,
            "kind_options": list(KIND_LABELS.items()), "contract_options": list(CONTRACT_LABELS.items())}


def _page(errors=None, values=None, form=None, status=200, secret_notice=None):
    stats = services.subscriber_stats()
    rows = [(s, stats.get(s.id, {}), services.last_errors(s.id, 10)) for s in services.subscribers()]
    departments = db.session.scalars(db.select(Department).order_by(Department.code)).all()
    return render_template(
        "exchange/index.html", rows=rows, clients=clients.all_clients(), display_url=display_url, labels=_labels(),
        department_options=[(d.code, d.name) for d in departments], errors=errors or {}, values=values or {},
        form=form, secret_notice=secret_notice), status


@bp.get("")
@roles_required("admin")
def index():
    return _page()


@bp.post("/subscribers")
@roles_required("admin")
def create_subscriber():
    values = {k: request.form.get(k, "").strip() for k in SUBSCRIBER_FIELDS if request.form.get(k, "").strip()}
    topics = [t.strip() for t in request.form.get("topics", "").split(",") if t.strip()]
    subscriber, errors = submit(SubscriberInSchema(), {**values, "topics": topics},
                                lambda admin, data: services.create_subscriber(admin, **data), session_user())
    if errors:
        return _page(errors, values, "subscriber", 422)
    if subscriber.kind == "webhook":  # shown on this page only: never in a cookie, a log or a redirect
        return _page(secret_notice=(_("已新增订阅方 %(name)s。签名密钥（仅显示一次）：", name=subscriber.name),
                                    subscriber.secret))
    flash(_("已新增订阅方 %(name)s", name=subscriber.name), "success")
    return redirect(url_for("web_exchange.index"))


@bp.post("/subscribers/<int:subscriber_id>/active")
@roles_required("admin")
def set_active(subscriber_id):
    active = request.form.get("active") == "on"
    subscriber, error = attempt(services.update_subscriber, session_user(), subscriber_id, active=active)
    if error is not None:
        flash(error.message, "error")
    elif active:
        flash(_("已启用订阅方 %(name)s", name=subscriber.name), "success")
    else:
        flash(_("已停用订阅方 %(name)s：事件仍写入发件箱，启用后继续投递", name=subscriber.name), "success")
    return redirect(url_for("web_exchange.index"))


@bp.post("/subscribers/<int:subscriber_id>/retry")
@roles_required("admin")
def retry(subscriber_id):
    delivery_id = request.form.get("delivery_id", type=int)
    count, error = attempt(services.retry_dead, session_user(), subscriber_id, delivery_id)
    if error is not None:
        flash(error.message, "error")
    else:
        flash(_("已重新排队 %(count)d 条死信", count=count), "success")
    return redirect(url_for("web_exchange.index"))


@bp.post("/subscribers/<int:subscriber_id>/replay")
@roles_required("admin")
def replay(subscriber_id):
    raw = request.form.get("since", "").strip()
    try:
        since = datetime.fromisoformat(raw).replace(tzinfo=ZoneInfo(current_app.config["TIMEZONE"]))
    except ValueError:
        return _page({"since": _("请填写重放起点（日期和时间）")}, {"subscriber_id": subscriber_id}, "replay", 422)
    count, error = attempt(services.replay, session_user(), subscriber_id, since)
    if error is not None:
        flash(error.message, "error")
    else:
        flash(_("已从 %(since)s 起重新排队 %(count)d 个事件", since=raw.replace("T", " "), count=count), "success")
    return redirect(url_for("web_exchange.index"))


@bp.post("/clients")
@roles_required("admin")
def create_client():
    values = {k: request.form.get(k, "").strip() for k in ("client_id", "name", "department_code", "personal_data")}
    values = {k: v for k, v in values.items() if v}
    result, errors = submit(ClientInSchema(), {**values, "scopes": request.form.getlist("scopes")},
                            lambda admin, data: clients.create_client(admin, **data), session_user())
    if errors:
        return _page(errors, values, "client", 422)
    client, secret = result
    return _page(secret_notice=(_("已登记部门系统 %(name)s。客户端密钥（仅显示一次）：", name=client.name), secret))
