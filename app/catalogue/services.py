"""Looking up the published catalogue."""
import sqlalchemy as sa

from app.errors import NotFound
from app.extensions import db
from app.network.offering import window_accepts_clause

from .models import ServiceItem


def latest_published():
    """SELECT of the newest published version of every item series (filter and page it further)."""
    newest = (
        sa.select(ServiceItem.code, sa.func.max(ServiceItem.version).label("version"))
        .where(ServiceItem.status == "published")
        .group_by(ServiceItem.code)
        .subquery()
    )
    return sa.select(ServiceItem).join(
        newest, sa.and_(ServiceItem.code == newest.c.code, ServiceItem.version == newest.c.version)
    )


def published_items(sector: str | None = None, query: str | None = None, window=None):
    """The published catalogue, optionally only the items of a sector or those a window accepts."""
    statement = latest_published()
    if sector:
        statement = statement.where(ServiceItem.sector == sector)
    if window is not None:
        statement = statement.where(window_accepts_clause(window, ServiceItem))
    if query:
        pattern = f"%{query}%"
        statement = statement.where(sa.or_(ServiceItem.name.like(pattern), ServiceItem.code.like(pattern)))
    return db.session.scalars(statement.order_by(ServiceItem.code)).all()


def published_implementations(basic_code: str) -> list[ServiceItem]:
    """The published implementation (实施清单) of a basic item in every region that implements it."""
    return db.session.scalars(latest_published().where(ServiceItem.basic_code == basic_code)
                              .order_by(ServiceItem.code)).all()


def published_item(code: str) -> ServiceItem:
    item = db.session.scalars(latest_published().where(ServiceItem.code == code)).first()
    if item is None:
        raise NotFound(f"事项 {code} 不存在或未发布")
    return item
