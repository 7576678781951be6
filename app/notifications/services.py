"""Creating notifications and listing them for the current user. Services flush, never commit."""
import logging

import sqlalchemy as sa

from app.database import utcnow
from app.errors import Forbidden, NotFound
from app.extensions import db
from app.network.groups import qualify_groups

from .models import Notification

logger = logging.getLogger(__name__)


def notify(case, message: str, kind: str, groups=(), users=(), task_id: str | None = None) -> list[Notification]:
    """One notification per recipient group and per user (``users`` are User objects). Window groups
    ``window:<sector>`` go to the case's receiving centre (``window:<centre>:<sector>``)."""
    groups = qualify_groups(groups, case)
    created = [Notification(case_id=case.id, recipient_group=g, kind=kind, message=message, task_id=task_id)
               for g in sorted(set(groups))]
    created += [Notification(case_id=case.id, recipient_user_id=u.id, kind=kind, message=message, task_id=task_id)
                for u in users]
    db.session.add_all(created)
    db.session.flush()
    logger.info("case %s: %s notification to %s", case.case_no, kind,
                ", ".join([*sorted(set(groups)), *(u.username for u in users)]) or "nobody")
    return created


def _addressed_to(user):
    return sa.or_(Notification.recipient_user_id == user.id, Notification.recipient_group.in_(sorted(user.groups)))


def notifications_for(user, unread: bool = False, limit: int = 100) -> list[Notification]:
    query = sa.select(Notification).where(_addressed_to(user))
    if unread:
        query = query.where(Notification.read_at.is_(None))
    return db.session.scalars(query.order_by(Notification.created_at.desc(), Notification.id.desc()).limit(limit)).all()


def mark_read(user, notification_id: int) -> Notification:
    notification = db.session.get(Notification, notification_id)
    if notification is None:
        raise NotFound(f"通知 {notification_id} 不存在")
    if not db.session.scalar(sa.select(sa.literal(True)).where(Notification.id == notification_id, _addressed_to(user))):
        raise Forbidden("该通知不是发给您的")
    if notification.read_at is None:
        notification.read_at = utcnow()
        db.session.flush()
    return notification


def unread_count(user) -> int:
    """How many notifications addressed to the user (or a group of theirs) are unread (the bell's number)."""
    return db.session.scalar(sa.select(sa.func.count()).select_from(Notification)
                             .where(_addressed_to(user), Notification.read_at.is_(None))) or 0


def notifications_page(user, page: int = 1, per_page: int = 20, unread: bool = False):
    """``(rows, total)`` of the user's notifications, newest first, one page of them."""
    where = [_addressed_to(user)] + ([Notification.read_at.is_(None)] if unread else [])
    total = db.session.scalar(sa.select(sa.func.count()).select_from(Notification).where(*where)) or 0
    rows = db.session.scalars(sa.select(Notification).where(*where)
                              .order_by(Notification.created_at.desc(), Notification.id.desc())
                              .offset((page - 1) * per_page).limit(per_page)).all()
    return rows, total


def mark_all_read(user) -> int:
    """Mark every unread notification addressed to the user read; returns how many were."""
    now = utcnow()
    unread = sa.update(Notification).where(_addressed_to(user), Notification.read_at.is_(None))
    result = db.session.execute(unread.values(read_at=now).execution_options(synchronize_session=False))
    db.session.flush()
    logger.info("%s marked %d notifications read", user.username, result.rowcount)
    return result.rowcount
