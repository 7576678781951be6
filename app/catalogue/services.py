"""Looking up the published catalogue."""
import sqlalchemy as sa

from app.errors import NotFound
from app.extensions import db

from .models import ServiceItem


def _latest_published():
    newest = (
        sa.select(ServiceItem.code, sa.func.max(ServiceItem.version).label("version"))
        .where(ServiceItem.status == "published")
        .group_by(ServiceItem.code)
        .subquery()
    )
    return sa.select(ServiceItem).join(
        newest, sa.and_(ServiceItem.code == newest.c.code, ServiceItem.version == newest.c.version)
    )


def published_items(sector: str | None = None, query: str | None = None):
    statement = _latest_published()
    if sector:
        statement = statement.where(ServiceItem.sector == sector)
    if query:
        pattern = f"%{query}%"
        statement = statement.where(sa.or_(ServiceItem.name.like(pattern), ServiceItem.code.like(pattern)))
    return db.session.scalars(statement.order_by(ServiceItem.code)).all()


def published_item(code: str) -> ServiceItem:
    item = db.session.scalars(_latest_published().where(ServiceItem.code == code)).first()
    if item is None:
        raise NotFound(f"事项 {code} 不存在或未发布")
    return item
