"""Server-side paging of the admin lists: ``?page=&per_page=&q=`` in, ``{items,total,page,per_page}`` out."""
import sqlalchemy as sa
from marshmallow import Schema, fields, validate

from app.extensions import db
from app.schema_fields import WholeNumber

MAX_PER_PAGE = 100


class PageQuerySchema(Schema):
    page = WholeNumber(load_default=1, validate=validate.Range(min=1))
    per_page = WholeNumber(load_default=20, validate=validate.Range(min=1, max=MAX_PER_PAGE))
    q = fields.String(load_default="", validate=validate.Length(max=100),
                      metadata={"description": "搜索：代码或名称包含此文字"})


def page_schema(item_schema: type[Schema]) -> type[Schema]:
    """A named page schema (``RegionPage`` …) for the OpenAPI document."""
    name = item_schema.__name__.removesuffix("Schema") + "PageSchema"
    return type(name, (Schema,), {
        "items": fields.List(fields.Nested(item_schema)),
        "total": WholeNumber(), "page": WholeNumber(), "per_page": WholeNumber(),
        "pages": WholeNumber(),
    })


def paginate(query, page: int, per_page: int) -> dict:
    total = db.session.scalar(sa.select(sa.func.count()).select_from(query.order_by(None).subquery()))
    items = db.session.scalars(query.limit(per_page).offset((page - 1) * per_page)).unique().all()
    return {"items": items, "total": total, "page": page, "per_page": per_page,
            "pages": max(1, -(-total // per_page))}


def search(query, q: str, *columns):
    """Filter ``query`` to rows where any of ``columns`` contains ``q`` (case-insensitive)."""
    q = (q or "").strip()
    if not q:
        return query
    escaped = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return query.where(sa.or_(*(column.ilike(f"%{escaped}%", escape="\\") for column in columns)))
