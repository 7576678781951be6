"""The portal's home page: search the catalogue, and the way to every public service."""
import logging

from flask import redirect, render_template, url_for

from app.web.common import home_endpoint, page_blueprint, session_user

logger = logging.getLogger(__name__)

bp = page_blueprint("portal_home", __name__)


@bp.get("/")
def index():
    """The public home; a logged-in staff member goes on to their own workspace, as before."""
    staff = session_user()
    if staff is not None:
        return redirect(url_for(home_endpoint(staff)))
    return render_template("portal/home.html")
