"""办事指南: the public catalogue at /services (search, filters, paging, per region) and each item's guide at
/services/<item code> — conditions, materials with samples, the process diagram and steps, limits, fees,
where and when, phones — printable. No login; nothing personal."""
import logging

from flask import Response, abort, render_template, request
from flask_babel import gettext as _

from app.catalogue.diagram import public_diagram
from app.catalogue.guide import guide_of
from app.catalogue.models import EXERCISE_LEVELS, ONLINE_DEPTHS, SERVICE_OBJECTS
from app.catalogue.services import published_item
from app.documents.urls import public_base_url
from app.web.common import page_blueprint

from . import catalogue
from .labels import DEPTH_NOTES

logger = logging.getLogger(__name__)

bp = page_blueprint("portal_services", __name__, url_prefix="/services")


@bp.get("")
def index():
    filters = catalogue.read_filters(request.args)
    found = catalogue.search(filters)
    options = {
        "sector": [(s.code, _(s.name)) for s in catalogue.sectors()],
        "theme": catalogue.themes(),
        "object": [(code, _(label)) for code, label in catalogue.OBJECT_LABELS.items()],
        "level": [(code, _(label)) for code, label in EXERCISE_LEVELS.items()],
        "depth": [(code, f"{code} {_(label)}") for code, label in ONLINE_DEPTHS.items()],
    }
    return render_template(
        "portal/services.html", filters=filters, found=found, regions=catalogue.regions_to_pick(),
        departments=catalogue.departments_offering(filters.region), options=options,
        service_objects=SERVICE_OBJECTS)


@bp.get("/<string:item_code>")
def guide(item_code):
    item = published_item(item_code)
    return render_template("portal/guide.html", item=item, guide=guide_of(item), depth_notes=DEPTH_NOTES,
                           has_diagram=public_diagram(item.process_key) is not None,
                           apply_url=f"{public_base_url()}/apply/{item.code}")


@bp.get("/<string:item_code>/process.bpmn")
def process_diagram(item_code):
    """The item's process drawing for the guide's bpmn-js viewer (drawing only: app.catalogue.diagram)."""
    xml = public_diagram(published_item(item_code).process_key)
    if xml is None:
        abort(404)
    response = Response(xml, mimetype="application/xml")
    response.headers["Cache-Control"] = "public, max-age=300"
    return response
