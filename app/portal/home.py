"""The portal's home page: search the catalogue, browse it (by department, by service object, by theme once
themes exist, popular items), and the way to every public service."""
import logging

from flask import redirect, render_template, url_for

from app.web.common import home_endpoint, page_blueprint, session_user

from . import catalogue

logger = logging.getLogger(__name__)

bp = page_blueprint("portal_home", __name__)


@bp.get("/")
def index():
    """The public home; a logged-in staff member goes on to their own workspace, as before."""
    staff = session_user()
    if staff is not None:
        return redirect(url_for(home_endpoint(staff)))
    region = catalogue.default_region()
    return render_template("portal/home.html", region=region, departments=catalogue.departments_offering(region),
                           popular=catalogue.popular_items(region), object_labels=catalogue.OBJECT_LABELS,
                           themes=catalogue.themes())
