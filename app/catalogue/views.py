from flask_smorest import Blueprint

from . import services
from .schemas import ItemQuerySchema, ServiceItemSchema

blp = Blueprint("items", __name__, url_prefix="/api/v1/items", description="事项目录（实施清单）")


@blp.get("")
@blp.arguments(ItemQuerySchema, location="query")
@blp.response(200, ServiceItemSchema(many=True))
def list_items(args):
    """已发布事项列表（公开）"""
    return services.published_items(sector=args.get("sector"), query=args.get("q"))


@blp.get("/<string:code>")
@blp.response(200, ServiceItemSchema)
@blp.alt_response(404, description="事项不存在")
def get_item(code):
    """事项详情：要素与材料清单（公开）"""
    return services.published_item(code)
