import datetime as dt

from flask_smorest import Blueprint

from app.accounts.auth import BEARER_SECURITY, current_user, roles_required
from app.errors import InvalidInput
from app.schema_fields import EARLIEST, LATEST
from app.transaction import transactional

from . import services
from .schemas import CalendarOverrideInputSchema, CalendarOverrideQuerySchema, CalendarOverrideSchema

blp = Blueprint("calendar", __name__, url_prefix="/api/v1/calendar",
                description="工作日历：法定节假日之外的本地调整（仅系统管理员）")


def _day(value: str) -> dt.date:
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        message = "日期格式应为 YYYY-MM-DD"
        raise InvalidInput(message, {"path": {"day": [message]}}) from None
    if not EARLIEST <= day <= LATEST:
        message = f"日期应在 {EARLIEST.isoformat()} 至 {LATEST.isoformat()} 之间"
        raise InvalidInput(message, {"path": {"day": [message]}})
    return day


@blp.get("/overrides")
@blp.arguments(CalendarOverrideQuerySchema, location="query")
@blp.response(200, CalendarOverrideSchema(many=True))
@blp.doc(security=BEARER_SECURITY)
@roles_required("admin")
def list_overrides(args):
    """工作日历调整列表（可按年度筛选）"""
    return services.list_overrides(args.get("year"))


@blp.put("/overrides/<string:day>")
@blp.arguments(CalendarOverrideInputSchema)
@blp.response(200, CalendarOverrideSchema)
@blp.alt_response(422, description="日期或内容格式错误")
@blp.doc(security=BEARER_SECURITY)
@roles_required("admin")
@transactional
def put_override(payload, day):
    """设置某日为工作日或休息日（已受理办件的期限不回溯调整）"""
    return services.set_override(current_user(), _day(day), payload["is_working_day"], payload["note"])


@blp.delete("/overrides/<string:day>")
@blp.response(204)
@blp.alt_response(404, description="该日没有调整记录")
@blp.doc(security=BEARER_SECURITY)
@roles_required("admin")
@transactional
def delete_override(day):
    """删除某日的调整，恢复法定日历"""
    services.delete_override(current_user(), _day(day))
