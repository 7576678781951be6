"""Downloads of the supervision page: each chart as an image (SVG as drawn on the page, or PNG) and as Excel,
the drill-down table of the current step and the statistics of any period as Excel (app.exports.xlsx)."""
import logging
from urllib.parse import quote

from flask import Response, abort, render_template, request
from flask_babel import gettext as _

from app.cases import lifecycle
from app.exports.xlsx import xlsx_response
from app.supervision.chart_image import layout, render_png
from app.supervision.charts import CHART_KINDS
from app.supervision.statistics import department_statistics

from .common import page_blueprint, roles_required, session_user
from .supervision_data import AXIS_LABELS, CHART_TITLES, LABELS, charts, drill_from, drill_rows

logger = logging.getLogger(__name__)

bp = page_blueprint("web_supervision_exports", __name__, url_prefix="/supervision/export")


@bp.app_template_global("chart_layout")
def chart_layout(chart):
    return layout(chart)


def _department_header():
    return [_("部门代码"), _("部门"), _("受理件数"), _("办结件数"), _("按时办结"), _("按时办结率"), _("超期"),
            _("平均用时（工作日）")]


def _department_rows(rows):
    for r in rows:
        yield [r["department"], r["department_name"], r["accepted"], r["finished"], r["on_time"], r["on_time_rate"],
               r["overdue"], r["average_working_days_used"]]


def _drill_header(drill):
    return [_("代码"), str(LABELS[drill.group_by]), _("收件"), _("代收（异地办理）"), _("办理（异地收件）"),
            _("受理件数"), _("办结件数"), _("按时办结"), _("按时办结率"), _("超期"), _("平均用时（工作日）")]


def _drill_values(rows):
    for r in rows:
        yield [r.get("key", r.get("department")), r.get("name", r.get("department_name")), r.get("received"),
               r.get("proxy_received"), r.get("proxy_handled"), r["accepted"], r["finished"], r["on_time"],
               r["on_time_rate"], r["overdue"], r["average_working_days_used"]]


def _path(drill) -> str:
    return " › ".join(label for label, _link in drill.crumbs)


def _stamp(drill) -> str:
    return f"{drill.date_from.isoformat()}_{drill.date_to.isoformat()}"


@bp.get("/drill.xlsx")
@roles_required("supervisor")
def drill():
    """The table of the current drill-down step (e.g. the clerks of one window of one department)."""
    today = lifecycle.local_now().date()
    step = drill_from(request.args, session_user(), today)
    rows = drill_rows(step, today)
    logger.info("supervision drill export %s (%d rows)", step.group_by, len(rows))
    return xlsx_response(f"{_('分级统计')}_{step.group_by}_{_stamp(step)}.xlsx", [
        (str(LABELS[step.group_by]), _drill_header(step), _drill_values(rows)),
        (_("说明"), [_("统计期间"), _("路径")], [[f"{step.date_from} — {step.date_to}", _path(step)]]),
    ])


@bp.get("/statistics.xlsx")
@roles_required("supervisor")
def statistics():
    """Any period's statistics: the departments, the current drill-down step and the four charts' figures."""
    today = lifecycle.local_now().date()
    step = drill_from(request.args, session_user(), today)
    departments = department_statistics(step.date_from, step.date_to, today, step.region)
    figures = charts(step.date_from, step.date_to, today, step.region, departments)
    chart_rows = ([str(CHART_TITLES[kind]), bar["label"], bar["value"], bar["detail"]]
                  for kind, chart in figures.items() for bar in chart["bars"])
    return xlsx_response(f"{_('监察统计')}_{_stamp(step)}.xlsx", [
        (_("部门统计"), _department_header(), _department_rows(departments)),
        (str(LABELS[step.group_by]), _drill_header(step), _drill_values(drill_rows(step, today))),
        (_("图表数据"), [_("图表"), _("部门"), _("数值"), _("明细")], chart_rows),
    ])


@bp.get("/charts/<kind>.<any(svg, png, xlsx):fmt>")
@roles_required("supervisor")
def chart(kind, fmt):
    if kind not in CHART_KINDS:
        abort(404)
    today = lifecycle.local_now().date()
    step = drill_from(request.args, session_user(), today)
    data = charts(step.date_from, step.date_to, today, step.region)[kind]
    title = f"{CHART_TITLES[kind]}（{step.date_from.isoformat()} — {step.date_to.isoformat()}）"
    name = f"{CHART_TITLES[kind]}_{_stamp(step)}"
    if fmt == "xlsx":
        values = ([b["code"], b["label"], b["value"], b["detail"]] for b in data["bars"])
        return xlsx_response(f"{name}.xlsx", [
            (str(CHART_TITLES[kind]), [_("部门代码"), _("部门"), _("数值"), _("明细")], values)])
    if fmt == "png":
        body, mimetype = render_png(data, title, str(AXIS_LABELS[kind])), "image/png"
    else:
        svg = render_template("supervision/_bar_chart.svg", chart=data, chart_title=title,
                              axis_label=AXIS_LABELS[kind])
        body, mimetype = '<?xml version="1.0" encoding="UTF-8"?>\n' + svg, "image/svg+xml"
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}.{fmt}"
    response.headers["Cache-Control"] = "no-store"
    return response
