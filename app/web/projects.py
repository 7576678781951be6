"""全程代办 project pages: the agent's (and the supervisors') list of key projects and a project view with
every case's status and deadline. Reads go through app.network.projects."""
from flask import render_template

from app.network import projects
from app.supervision.colours import case_time_status

from .common import page_blueprint, roles_required, session_user

bp = page_blueprint("web_projects", __name__, url_prefix="/projects")


@bp.get("")
@roles_required("agent", "supervisor")
def index():
    return render_template("projects/index.html", projects=projects.visible_projects(session_user()))


@bp.get("/<code>")
@roles_required("agent", "supervisor")
def show(code):
    project = projects.project_for(session_user(), code)
    rows = [(case, case_time_status(case)) for case in project.view_cases]
    return render_template("projects/show.html", project=project, rows=rows)
