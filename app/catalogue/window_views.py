"""The window's item search: the published items the caller's window accepts (app.network.offering)."""
from flask_smorest import Blueprint

from app.accounts.auth import BEARER_SECURITY, current_user, roles_required

from . import services
from .schemas import ItemQuerySchema, ServiceItemSchema

blp = Blueprint("window_items", __name__, url_prefix="/api/v1/window/items",
                description="窗口可受理事项（本中心实施清单与通办清单，按窗口板块或全科）")


@blp.get("")
@blp.arguments(ItemQuerySchema, location="query")
@blp.response(200, ServiceItemSchema(many=True))
@blp.doc(security=BEARER_SECURITY)
@roles_required("clerk")
def list_window_items(args):
    """本窗口可受理的已发布事项（管理员：全部）"""
    user = current_user()
    if user.role == "clerk" and user.window is None:
        return []
    return services.published_items(sector=args.get("sector"), query=args.get("q"),
                                    window=user.window if user.role == "clerk" else None)
