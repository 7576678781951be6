"""办事指南 page: public, no login — what to bring, where to go, how long it takes."""
import logging

from flask import render_template

from app.catalogue.guide import service_guide

from .common import page_blueprint

logger = logging.getLogger(__name__)

bp = page_blueprint("web_guide", __name__, url_prefix="/guide")


@bp.get("/<string:item_code>")
def item_guide(item_code):
    return render_template("guide/item.html", guide=service_guide(item_code))
