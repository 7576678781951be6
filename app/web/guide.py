"""The old address of the 办事指南, /guide/<item code>: printed on notices and linked from elsewhere, it keeps
working as a permanent redirect to the portal's guide at /services/<item code>."""
import logging

from flask import redirect, request, url_for

from .common import page_blueprint

logger = logging.getLogger(__name__)

bp = page_blueprint("web_guide", __name__, url_prefix="/guide")


@bp.get("/<string:item_code>")
def item_guide(item_code):
    target = url_for("portal_services.guide", item_code=item_code)
    if request.query_string:
        target += "?" + request.query_string.decode("latin-1")
    return redirect(target, code=301)
