"""The choices the modeler's 审批属性 panel offers, from the database: candidate groups (the case's own
department, window or co-department by placeholder, and every real department's roles), form keys, and the
decisions an approval step may offer. Never free text: the panel shows a select of these."""
import sqlalchemy as sa

from app.accounts.models import DEPARTMENT_ROLES
from app.extensions import db
from app.network.models import Department, Sector
from app.workflow.validation import APPROVAL_DECISIONS, FORM_KEYS

ROLE_LABELS = {"handler": "承办", "reviewer": "审核", "approver": "审批", "head": "负责人"}
FORM_LABELS = {"acceptance": "受理审查", "approval": "审批", "issuance": "出件", "escalation": "督办",
               "feedback": "咨询投诉"}
DECISION_LABELS = {"approve": "同意", "reject": "不同意", "return": "退回", "acknowledge": "督办确认",
                   "redispatch": "重新分办"}
#: placeholders the shipped processes use: filled from the case when a task is created
PLACEHOLDERS = (("${department}", "办件主办部门"), ("${lead_department}", "牵头部门"),
                ("${co_department.code}", "协办部门（多实例）"))


def panel_options() -> dict:
    groups = [{"value": "window:${sector}", "label": "综合窗口（事项所属板块）"}]
    for placeholder, label in PLACEHOLDERS:
        groups += [{"value": f"{placeholder}:{role}", "label": f"{label}·{ROLE_LABELS[role]}"}
                   for role in DEPARTMENT_ROLES]
    for sector in db.session.scalars(sa.select(Sector).order_by(Sector.position, Sector.code)):
        groups.append({"value": f"window:{sector.code}", "label": f"综合窗口·{sector.name}"})
    for department in db.session.scalars(sa.select(Department).order_by(Department.code)):
        groups += [{"value": f"{department.code}:{role}", "label": f"{department.name}·{ROLE_LABELS[role]}"}
                   for role in DEPARTMENT_ROLES]
    return {
        "candidate_groups": groups,
        "form_keys": [{"value": key, "label": FORM_LABELS.get(key, key)} for key in sorted(FORM_KEYS)],
        "decisions": [{"value": key, "label": DECISION_LABELS.get(key, key)}
                      for key in sorted(APPROVAL_DECISIONS)],
        "collections": [{"value": "co_departments", "label": "协办部门"}],
    }
