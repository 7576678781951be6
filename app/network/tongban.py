"""全城 / 省内 / 跨省通办 at the window: the clerk picks the basic item and the region the case concerns, and
the case is created for that region's implementation (same basic code, that region's item series), which
runs with its department. Without a region, the item code is taken as given (an implementation code), or
as a basic code resolved for the centre's own region or the nearest region above it that implements it."""
import logging

from app.catalogue.services import published_implementations, published_item
from app.errors import InvalidInput, NotFound

from .scope import region_by_code

logger = logging.getLogger(__name__)


def _ancestors(region):
    while region is not None:
        yield region
        region = region.parent


def resolve_item(item_code: str, region_code: str | None, centre):
    """The published implementation the case is created for."""
    try:
        item = published_item(item_code)
    except NotFound:
        item = None
    if item is not None and not region_code:
        return item
    basic_code = item.basic_code if item is not None else item_code
    implementations = published_implementations(basic_code)
    if not implementations:
        raise NotFound(f"事项 {item_code} 不存在或未发布")
    by_region = {impl.region.code: impl for impl in implementations}
    if region_code:
        region = region_by_code(region_code)
        if region.code not in by_region:
            raise InvalidInput.field("region", f"{region.name}未实施事项“{implementations[0].name}”（基本编码 {basic_code}）")
        return by_region[region.code]
    for region in _ancestors(centre.region if centre is not None else None):
        if region.code in by_region:
            return by_region[region.code]
    if len(implementations) == 1:
        return implementations[0]
    raise InvalidInput.field("region", f"事项“{implementations[0].name}”由多个区划实施，请选择办件所属区划")
