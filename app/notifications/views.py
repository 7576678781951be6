from flask_smorest import Blueprint

from app.accounts.auth import BEARER_SECURITY, current_user, login_required
from app.transaction import transactional

from . import services
from .schemas import NotificationQuerySchema, NotificationSchema

blp = Blueprint("notifications", __name__, url_prefix="/api/v1/notifications", description="站内通知（超期督办等）")


@blp.get("")
@blp.arguments(NotificationQuerySchema, location="query")
@blp.response(200, NotificationSchema(many=True))
@blp.doc(security=BEARER_SECURITY)
@login_required
def list_notifications(args):
    """我的通知：发给我本人或我所在岗位组的通知，最新在前"""
    return services.notifications_for(current_user(), unread=args["unread"])


@blp.post("/<int:notification_id>/read")
@blp.response(200, NotificationSchema)
@blp.doc(security=BEARER_SECURITY)
@login_required
@transactional
def mark_read(notification_id):
    """标记为已读"""
    return services.mark_read(current_user(), notification_id)
