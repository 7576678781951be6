"""办件公示 (阳光审批) at /disclosure: decided cases per item and department, searched and paged, with nothing
personal beyond a masked name (app.disclosure)."""
import logging

from flask import render_template, request

from app.disclosure import services
from app.web.common import page_blueprint

logger = logging.getLogger(__name__)

bp = page_blueprint("portal_disclosure", __name__, url_prefix="/disclosure")


@bp.get("")
def index():
    series = services.published_series()
    items = services.item_choices(series)
    departments = services.department_choices(series)
    q = (request.args.get("q") or "").strip()[:50]
    item = (request.args.get("item") or "").strip()[:50]
    department = (request.args.get("department") or "").strip()[:40]
    errors = {}
    if item and item not in {code for code, _name, _dept in items}:
        errors["item"], item = "所选事项不存在", ""
    if department and department not in dict(departments):
        errors["department"], department = "所选部门不存在", ""
    page = request.args.get("page", "1")
    page = int(page) if page.isdigit() and 0 < int(page) < 100000 else 1
    found = services.decided_cases(q=q, item_code=item, department_code=department, page=page,
                                   series=series)
    args = {key: value for key, value in (("q", q), ("item", item), ("department", department)) if value}
    return render_template("portal/disclosure.html", found=found, items=items, departments=departments,
                           q=q, item=item, department=department, errors=errors, args=args)
