"""The authorization matrix: every documented operation × every kind of user. A refused user gets 401
(anonymous) or 403, and the check comes before the request body is read; an allowed user never does
(the operation may still answer 404/409/422 for business reasons). A test also makes sure no operation
in the OpenAPI document is missing from the matrix."""
import pytest
import sqlalchemy as sa

from app.cases.models import Case
from app.extensions import db
from app.notifications.models import Notification
from app.supervision.models import SupervisionCard
from tests.support import FOOD_LICENCE, VALID_PERSON, demo_answers

USERS = {
    "anonymous": None,
    "clerk of the item's sector": "clerk_commerce",
    "clerk of another sector": "clerk_construction",
    "handler of the department": "scjgj_handler",
    "reviewer of the department": "scjgj_reviewer",
    "approver of the department": "scjgj_approver",
    "head of the department": "scjgj_head",
    "handler of another department": "zjj_handler",
    "approver of another department": "zjj_approver",
    "supervisor": "supervisor",
    "designer": "designer",
    "admin": "admin",
    "item review authority": "xzspj_approver",
    # the service network (issue 11): the scene's case is a city case received at the city centre; a 全科窗口
    # of the item's centre, a window of another (district) centre and a street centre, district department
    # staff, a district supervisor and a community 代办员
    "general window clerk of the centre": "clerk_general",
    "clerk of another centre": "clerk_dongcheng",
    "street clerk": "clerk_dongcheng_street",
    "handler of a district department": "dc_scjgj_handler",
    "district supervisor": "supervisor_dongcheng",
    "agent of a community station": "agent_xingfu",
}
NETWORK_CLERKS = {"clerk of another centre", "street clerk"}
EVERYONE = set(USERS)
LOGGED_IN = EVERYONE - {"anonymous"}
DEPARTMENT = {"handler of the department", "reviewer of the department", "approver of the department",
              "head of the department"}
OTHER_DEPARTMENT = {"handler of another department", "approver of another department", "item review authority",
                    "handler of a district department"}
#: IT roles never decide cases (issue 14): the administrator reads cases (masked) but acts only on the network,
#: accounts and calendar
WINDOW = {"clerk of the item's sector", "general window clerk of the centre"}
CASE_READERS = WINDOW | {"supervisor", "admin"} | DEPARTMENT
CLERKS = {"clerk of the item's sector", "clerk of another sector", "general window clerk of the centre",
          "clerk of another centre"}

STANDARD_BPMN = open("bpmn/standard_approval.bpmn", encoding="utf-8").read()

# (method, OpenAPI path, concrete path, JSON body, who is allowed)
MATRIX = [
    ("post", "/api/v1/auth/token", "/api/v1/auth/token", {"username": "supervisor", "password": "Demo@2025"}, EVERYONE),
    ("get", "/api/v1/auth/me", "/api/v1/auth/me", None, LOGGED_IN),
    ("get", "/api/v1/items", "/api/v1/items", None, EVERYONE),
    ("get", "/api/v1/items/{code}", f"/api/v1/items/{FOOD_LICENCE}", None, EVERYONE),
    ("get", "/api/v1/window/items", "/api/v1/window/items", None, CLERKS),
    ("post", "/api/v1/cases", "/api/v1/cases",
     {"item_code": FOOD_LICENCE, "applicant": VALID_PERSON, "materials": ["M01"], "decision": "refuse",
      "reason": "不属于本机关职权范围"}, WINDOW),
    ("get", "/api/v1/cases", "/api/v1/cases", None, LOGGED_IN),
    ("get", "/api/v1/cases/{case_no}", "/api/v1/cases/{case_no}", None, CASE_READERS),
    ("post", "/api/v1/cases/{case_no}/supplement", "/api/v1/cases/{case_no}/supplement",
     {"materials": ["M05"]}, WINDOW),
    ("post", "/api/v1/cases/{case_no}/issue", "/api/v1/cases/{case_no}/issue", {"method": "window"}, WINDOW),
    ("get", "/api/v1/tasks", "/api/v1/tasks", None, LOGGED_IN),
    ("post", "/api/v1/tasks/{task_id}/complete", "/api/v1/tasks/{task_id}/complete",
     {"decision": "return", "opinion": "无此决定"}, {"handler of the department"}),
    ("post", "/api/v1/tasks/{task_id}/transfer", "/api/v1/tasks/{task_id}/transfer",
     {"to_user": "zjj_handler", "opinion": "转办给其他部门"}, {"handler of the department"}),
    ("get", "/api/v1/tasks/{task_id}/returnable-steps", "/api/v1/tasks/{task_id}/returnable-steps", None,
     {"handler of the department"}),
    ("post", "/api/v1/tasks/{task_id}/return", "/api/v1/tasks/{task_id}/return",
     {"to_step": "Task_Acceptance", "opinion": "退回窗口"}, {"handler of the department"}),
    ("post", "/api/v1/tasks/{task_id}/delegate", "/api/v1/tasks/{task_id}/delegate",
     {"to_user": "zjj_handler", "opinion": "委派给其他部门"}, {"handler of the department"}),
    ("post", "/api/v1/tasks/{task_id}/add-signer", "/api/v1/tasks/{task_id}/add-signer",
     {"to_user": "nobody", "opinion": "加签"}, {"handler of the department"}),
    # only an added signer may sign; the scene's task has none
    ("post", "/api/v1/tasks/{task_id}/sign", "/api/v1/tasks/{task_id}/sign", {"opinion": "同意"}, set()),
    # only the user who completed a task may withdraw it; the scene's task is not completed yet
    ("post", "/api/v1/tasks/{task_id}/withdraw", "/api/v1/tasks/{task_id}/withdraw", {"opinion": "撤回"}, set()),
    ("post", "/api/v1/cases/{case_no}/urge", "/api/v1/cases/{case_no}/urge", {"message": "请尽快办理"},
     {"clerk of the item's sector", "general window clerk of the centre", "supervisor"}),
    ("post", "/api/v1/cases/{case_no}/suspend", "/api/v1/cases/{case_no}/suspend", {"reason": "暂缓办理"}, {"head of the department"}),
    ("post", "/api/v1/cases/{case_no}/resume", "/api/v1/cases/{case_no}/resume", {"reason": "恢复办理"}, {"head of the department"}),
    ("post", "/api/v1/cases/{case_no}/terminate", "/api/v1/cases/{case_no}/terminate", {"reason": "申请人撤回"},
     {"head of the department"}),
    ("get", "/api/v1/notifications", "/api/v1/notifications", None, LOGGED_IN),
    ("post", "/api/v1/notifications/{notification_id}/read", "/api/v1/notifications/{notification_id}/read",
     None, {"handler of the department"}),
    ("get", "/api/v1/calendar/overrides", "/api/v1/calendar/overrides", None, {"admin"}),
    ("put", "/api/v1/calendar/overrides/{day}", "/api/v1/calendar/overrides/2026-05-06",
     {"is_working_day": False, "note": "台风停工"}, {"admin"}),
    ("delete", "/api/v1/calendar/overrides/{day}", "/api/v1/calendar/overrides/2026-05-06", None, {"admin"}),
    ("get", "/api/v1/cases/{case_no}/pauses", "/api/v1/cases/{case_no}/pauses", None, CASE_READERS),
    ("post", "/api/v1/cases/{case_no}/pauses", "/api/v1/cases/{case_no}/pauses",
     {"kind": "expert_review", "reason": "组织专家评审"}, {"approver of the department", "head of the department"}),
    ("post", "/api/v1/cases/{case_no}/pauses/{pause_id}/end", "/api/v1/cases/{case_no}/pauses/{pause_id}/end",
     {"note": "评审结束"}, DEPARTMENT),
    ("post", "/api/v1/cases/{case_no}/extension", "/api/v1/cases/{case_no}/extension",
     {"days": 5, "reason": "需现场核查"}, {"approver of the department", "head of the department"}),
    # 申请延长审批 (issue 13): handling staff ask, the lead department's approver or head decides
    ("get", "/api/v1/cases/{case_no}/extension-requests", "/api/v1/cases/{case_no}/extension-requests", None,
     CASE_READERS),
    ("post", "/api/v1/cases/{case_no}/extension-requests", "/api/v1/cases/{case_no}/extension-requests",
     {"days": 5, "reason": "需现场核查"}, DEPARTMENT),
    ("post", "/api/v1/cases/{case_no}/extension-requests/{request_id}/decision",
     "/api/v1/cases/{case_no}/extension-requests/{extension_request_id}/decision",
     {"approve": False, "note": "期限内可以办结"}, {"approver of the department", "head of the department"}),
    ("get", "/api/v1/supervision/cases", "/api/v1/supervision/cases", None, {"supervisor"}),
    ("post", "/api/v1/supervision/recompute", "/api/v1/supervision/recompute", None, {"supervisor"}),
    ("get", "/api/v1/supervision/cards", "/api/v1/supervision/cards", None,
     {"supervisor"} | DEPARTMENT | OTHER_DEPARTMENT),
    ("post", "/api/v1/supervision/cards/{card_id}/appeal", "/api/v1/supervision/cards/{card_id}/appeal",
     {"reason": "系申请人原因延误"}, {"approver of the department", "head of the department"}),
    ("post", "/api/v1/supervision/cards/{card_id}/decision", "/api/v1/supervision/cards/{card_id}/decision",
     {"decision": "upheld", "note": "维持"}, {"supervisor"}),
    ("get", "/api/v1/supervision/statistics", "/api/v1/supervision/statistics", None, {"supervisor"}),
    ("get", "/api/v1/process-definitions", "/api/v1/process-definitions", None,
     {"designer", "supervisor"}),
    ("get", "/api/v1/process-definitions/{process_key}/versions/{version}",
     "/api/v1/process-definitions/standard_approval/versions/1", None, {"designer", "supervisor"}),
    ("post", "/api/v1/process-definitions/validate", "/api/v1/process-definitions/validate",
     {"file_name": "standard_approval.bpmn", "bpmn_xml": STANDARD_BPMN}, {"designer"}),
    ("post", "/api/v1/process-definitions", "/api/v1/process-definitions",
     {"file_name": "standard_approval.bpmn", "bpmn_xml": STANDARD_BPMN}, {"designer"}),
    # -- window paperwork
    ("get", "/api/v1/cases/{case_no}/notices/{kind}.pdf", "/api/v1/cases/{case_no}/notices/acceptance.pdf", None,
     CASE_READERS),
    ("post", "/api/v1/cases/{case_no}/handovers", "/api/v1/cases/{case_no}/handovers", {"materials": ["M01"]},
     WINDOW),
    ("post", "/api/v1/handovers/{handover_id}/sign", "/api/v1/handovers/{handover_id}/sign", {"note": "已接收"},
     DEPARTMENT),
    ("get", "/api/v1/handovers", "/api/v1/handovers", None, LOGGED_IN),
    ("post", "/api/v1/public/applications", "/api/v1/public/applications",
     {"item_code": FOOD_LICENCE, "applicant": VALID_PERSON, "materials": ["M01"]}, EVERYONE),
    ("post", "/api/v1/public/applications/{application_no}/resubmit",
     "/api/v1/public/applications/{application_no}/resubmit", {"code": "31002X", "materials": ["M03"]}, EVERYONE),
    ("get", "/api/v1/applications", "/api/v1/applications", None, CLERKS),
    ("post", "/api/v1/applications/{application_id}/review", "/api/v1/applications/{application_id}/review",
     {"decision": "refuse", "reason": "不属于本中心受理范围"}, WINDOW),
    # -- end window paperwork
    # 互联互通 (issue 17): subscribers and department clients are the administrator's
    ("get", "/api/v1/admin/exchange/clients", "/api/v1/admin/exchange/clients", None, {"admin"}),
    ("post", "/api/v1/admin/exchange/clients", "/api/v1/admin/exchange/clients", {}, {"admin"}),
    ("get", "/api/v1/admin/exchange/subscribers", "/api/v1/admin/exchange/subscribers", None, {"admin"}),
    ("post", "/api/v1/admin/exchange/subscribers", "/api/v1/admin/exchange/subscribers", {}, {"admin"}),
    ("patch", "/api/v1/admin/exchange/subscribers/{subscriber_id}", "/api/v1/admin/exchange/subscribers/99999",
     {}, {"admin"}),
    ("post", "/api/v1/admin/exchange/subscribers/{subscriber_id}/replay",
     "/api/v1/admin/exchange/subscribers/99999/replay", {}, {"admin"}),
    ("post", "/api/v1/admin/exchange/subscribers/{subscriber_id}/retry",
     "/api/v1/admin/exchange/subscribers/99999/retry", {}, {"admin"}),
]
# issuance details, e-licences, public progress and ratings (issue 4)
DEPARTMENT_DECIDERS = {"approver of the department", "head of the department"}
PUBLIC_RATING = {"case_no": "{case_no}", "code": "000000", "channel": "web", "grade": 3}
MATRIX += [
    ("post", "/api/v1/cases/{case_no}/delivery", "/api/v1/cases/{case_no}/delivery", {"status": "signed"}, WINDOW),
    ("get", "/api/v1/licences", "/api/v1/licences?case_no={case_no}", None, CASE_READERS),
    ("post", "/api/v1/licences/{licence_id}/revoke", "/api/v1/licences/{licence_id}/revoke",
     {"reason": "以欺骗手段取得许可"}, DEPARTMENT_DECIDERS),
    ("post", "/api/v1/licences/{licence_id}/cancel", "/api/v1/licences/{licence_id}/cancel",
     {"reason": "企业申请注销"}, DEPARTMENT_DECIDERS),
    ("get", "/api/v1/public/licences/verify", "/api/v1/public/licences/verify?number=X&code=AAAAAA", None, EVERYONE),
    ("post", "/api/v1/public/progress", "/api/v1/public/progress", {"case_no": "{case_no}", "code": "000000"},
     EVERYONE),
    ("post", "/api/v1/public/ratings", "/api/v1/public/ratings", PUBLIC_RATING, EVERYONE),
    ("post", "/api/v1/cases/{case_no}/ratings", "/api/v1/cases/{case_no}/ratings",
     {"grade": 1, "indicators": {"service_efficiency": 1, "service_level": 1, "service_attitude": 1}}, WINDOW),
    ("get", "/api/v1/ratings", "/api/v1/ratings", None, DEPARTMENT | OTHER_DEPARTMENT | {"supervisor"}),
    ("post", "/api/v1/ratings/{rating_id}/rectification", "/api/v1/ratings/{rating_id}/rectification",
     {"note": "已回访整改"}, DEPARTMENT_DECIDERS),
    ("post", "/api/v1/ratings/{rating_id}/appeal", "/api/v1/ratings/{rating_id}/appeal",
     {"reason": "恶意评价"}, DEPARTMENT_DECIDERS),
    ("post", "/api/v1/ratings/{rating_id}/appeal-decision", "/api/v1/ratings/{rating_id}/appeal-decision",
     {"decision": "rejected"}, {"supervisor"}),
    ("post", "/api/v1/ratings/{rating_id}/rectification-review", "/api/v1/ratings/{rating_id}/rectification-review",
     {"decision": "accepted"}, {"supervisor"}),
    ("get", "/api/v1/ratings/statistics", "/api/v1/ratings/statistics", None, {"supervisor"}),
]
# 咨询 / 投诉举报 (issue 10): public submission and tracking; the desk (supervisors) and departments' staff handle
# (each step then checks the BPMN's candidate groups: 403/404 from the service, after the role check)
FEEDBACK_STAFF = DEPARTMENT | OTHER_DEPARTMENT | {"supervisor"}
MATRIX += [
    ("post", "/api/v1/public/feedback", "/api/v1/public/feedback", {"kind": "question"}, EVERYONE),
    ("post", "/api/v1/public/feedback/track", "/api/v1/public/feedback/track", {"number": "ZX0", "code": "X"},
     EVERYONE),
    ("get", "/api/v1/public/feedback/faq", "/api/v1/public/feedback/faq", None, EVERYONE),
    ("get", "/api/v1/feedback", "/api/v1/feedback", None, FEEDBACK_STAFF),
    ("get", "/api/v1/feedback/{number}", "/api/v1/feedback/ZX0", None, FEEDBACK_STAFF),
    ("post", "/api/v1/feedback/{number}/accept", "/api/v1/feedback/ZX0/accept", {"decision": "route"}, FEEDBACK_STAFF),
    ("post", "/api/v1/feedback/{number}/draft", "/api/v1/feedback/ZX0/draft", {"decision": "draft"}, FEEDBACK_STAFF),
    ("post", "/api/v1/feedback/{number}/sign-off", "/api/v1/feedback/ZX0/sign-off", {"decision": "approve"},
     FEEDBACK_STAFF),
    ("post", "/api/v1/feedback/{number}/visit", "/api/v1/feedback/ZX0/visit", {"satisfaction": 1}, FEEDBACK_STAFF),
    ("get", "/api/v1/supervision/feedback", "/api/v1/supervision/feedback", None, {"supervisor"}),
]
# decision documents and signed licence files (issue 9)
MATRIX += [
    ("get", "/api/v1/cases/{case_no}/decision.pdf", "/api/v1/cases/{case_no}/decision.pdf", None, CASE_READERS),
    ("get", "/api/v1/licences/{licence_id}/file.pdf", "/api/v1/licences/{licence_id}/file.pdf", None, CASE_READERS),
    ("post", "/api/v1/public/licences/file.pdf", "/api/v1/public/licences/file.pdf",
     {"case_no": "{case_no}", "code": "000000"}, EVERYONE),
]
# electronic materials (issue 9): who may see the case sees its files; uploads by the window and the departments
_FILES = "/api/v1/cases/{case_no}/files"
MATRIX += [
    ("post", "/api/v1/cases/{case_no}/materials/{code}/files", "/api/v1/cases/{case_no}/materials/M01/files",
     None, WINDOW | DEPARTMENT),
    ("get", "/api/v1/cases/{case_no}/materials/{code}/files", "/api/v1/cases/{case_no}/materials/M01/files",
     None, CASE_READERS),
    ("get", _FILES, _FILES, None, CASE_READERS),
    ("get", _FILES + "/{file_id}", _FILES + "/999999", None, CASE_READERS),
    ("post", "/api/v1/public/applications/{application_no}/materials/{code}/files",
     "/api/v1/public/applications/{application_no}/materials/M01/files", None, EVERYONE),
    ("get", "/api/v1/applications/{application_id}/files", "/api/v1/applications/{application_id}/files", None,
     WINDOW),
    ("get", "/api/v1/applications/{application_id}/files/{file_id}",
     "/api/v1/applications/{application_id}/files/999999", None, WINDOW),
    ("post", "/api/v1/materials/reusable", "/api/v1/materials/reusable",
     {"item_code": FOOD_LICENCE, "applicant": {"kind": "person", "id_number": VALID_PERSON["id_number"]}}, WINDOW),
    # scans staged before the 受理 decision: the windows that may accept the item; any clerk lists their own
    ("post", "/api/v1/items/{item_code}/materials/{code}/scans", f"/api/v1/items/{FOOD_LICENCE}/materials/M01/scans",
     None, WINDOW),
    ("get", "/api/v1/scans", "/api/v1/scans", None, CLERKS),
]
# the applicant after submitting (issue 10): 撤件 and online 补正 with the number and the query code, no login
MATRIX += [
    ("post", "/api/v1/public/applications/{application_no}/withdraw",
     "/api/v1/public/applications/{application_no}/withdraw", {"code": "000000", "reason": "不再申请"}, EVERYONE),
    ("post", "/api/v1/public/cases/{case_no}/withdraw", "/api/v1/public/cases/{case_no}/withdraw",
     {"code": "000000", "reason": "不再申请"}, EVERYONE),
    ("post", "/api/v1/public/cases/{case_no}/materials/{code}/files",
     "/api/v1/public/cases/{case_no}/materials/M01/files", None, EVERYONE),
    ("post", "/api/v1/public/cases/{case_no}/supplement", "/api/v1/public/cases/{case_no}/supplement",
     {"code": "000000"}, EVERYONE),
]
# 机构管理 (issue 11): administrators only; bodies are empty and ids unknown, so the admin gets 404/422
ADMINS = {"admin"}
_MISSING = "999999"
MATRIX += [
    (method, f"/api/v1/admin{documented}", f"/api/v1/admin{concrete}", body, ADMINS)
    for method, documented, concrete, body in (
        ("get", "/regions", "/regions", None), ("post", "/regions", "/regions", {}),
        ("get", "/regions/tree", "/regions/tree", None),
        ("get", "/regions/{region_id}", f"/regions/{_MISSING}", None),
        ("patch", "/regions/{region_id}", f"/regions/{_MISSING}", {}),
        ("get", "/sectors", "/sectors", None), ("post", "/sectors", "/sectors", {}),
        ("patch", "/sectors/{code}", "/sectors/none", {}),
        ("get", "/window-kinds", "/window-kinds", None), ("post", "/window-kinds", "/window-kinds", {}),
        ("patch", "/window-kinds/{code}", "/window-kinds/none", {}),
        ("get", "/centres", "/centres", None), ("post", "/centres", "/centres", {}),
        ("get", "/centres/{centre_id}", f"/centres/{_MISSING}", None),
        ("patch", "/centres/{centre_id}", f"/centres/{_MISSING}", {}),
        ("get", "/windows", "/windows", None), ("post", "/windows", "/windows", {}),
        ("patch", "/windows/{window_id}", f"/windows/{_MISSING}", {}),
        ("get", "/departments", "/departments", None), ("post", "/departments", "/departments", {}),
        ("get", "/departments/{department_id}", f"/departments/{_MISSING}", None),
        ("patch", "/departments/{department_id}", f"/departments/{_MISSING}", {}),
        ("get", "/audit", "/audit", None),
        ("get", "/users", "/users", None), ("post", "/users", "/users", {}),
        ("get", "/users/{user_id}", f"/users/{_MISSING}", None),
        ("patch", "/users/{user_id}", f"/users/{_MISSING}", {}),
        ("post", "/users/{user_id}/password", f"/users/{_MISSING}/password", {}),
    )
]
#: 代办 and 全程代办 projects (issue 11)
MATRIX += [
    ("post", "/api/v1/agent/applications", "/api/v1/agent/applications",
     {"item_code": "000116011000", "region": "330102", "applicant": VALID_PERSON, "materials": ["M01"]}, {"agent of a community station"}),
    # only the agent of the case may hand its result over; the scene's case has no agent
    ("post", "/api/v1/agent/cases/{case_no}/deliver", "/api/v1/agent/cases/{case_no}/deliver",
     {"recipient_id_suffix": "1002X"}, set()),
    ("get", "/api/v1/projects", "/api/v1/projects", None, {"agent of a community station", "supervisor", "district supervisor"}),
    ("post", "/api/v1/projects", "/api/v1/projects",
     {"code": "XM-2026-009", "name": "东城区重点项目", "region": "330102", "agent": "agent_xingfu"},
     {"supervisor", "district supervisor"}),
    ("get", "/api/v1/projects/{code}", "/api/v1/projects/XM-2026-001", None,
     {"agent of a community station", "supervisor", "district supervisor"}),
    # the scene's case is the city's: outside the district supervisor's scope, not the agent's own
    ("post", "/api/v1/projects/{code}/cases", "/api/v1/projects/XM-2026-001/cases", {"case_no": "{case_no}"},
     {"supervisor"}),
]
#: not in the matrix on purpose: logging out revokes the caller's own token (covered in tests/test_auth.py)
NOT_IN_MATRIX = {
    ("delete", "/api/v1/auth/token"),
    # the department systems' API (issue 17) takes client-credential tokens only, never a staff token (401 for
    # every user of this matrix); its scopes and department limits are tested in tests/exchange/test_inbound.py
    ("post", "/api/exchange/oauth/token"), ("get", "/api/exchange/v1/cases"),
    ("get", "/api/exchange/v1/cases/{case_no}"), ("post", "/api/exchange/v1/cases/{case_no}/materials/{code}/files"),
    ("get", "/api/exchange/v1/tasks"), ("post", "/api/exchange/v1/tasks/{task_id}/complete"),
}

#: catalogue management: editors are designers; reviewers are approvers/heads of the review authority of the
#: item's type (行政审批局 for the food licence); supervisors and every approver/head may read
CATALOGUE_EDITORS = {"designer"}
CATALOGUE_READERS = {"designer", "supervisor", "approver of the department", "head of the department",
                     "approver of another department", "item review authority"}
CATALOGUE_REVIEWERS = {"item review authority"}
_ITEM = f"/api/v1/catalogue/items/{FOOD_LICENCE}"
_DRAFT = _ITEM + "/versions/{draft_version}"
_VERSION = "/api/v1/catalogue/items/{code}/versions/{version}"
MATRIX += [
    ("post", "/api/v1/catalogue/items", "/api/v1/catalogue/items", {"code": "330100-XK-099"}, CATALOGUE_EDITORS),
    ("get", "/api/v1/catalogue/items/{code}/versions", _ITEM + "/versions", None, CATALOGUE_READERS),
    ("post", "/api/v1/catalogue/items/{code}/versions", _ITEM + "/versions", None, CATALOGUE_EDITORS),
    ("post", "/api/v1/catalogue/items/{code}/claims", _ITEM + "/claims",
     {"code": "330102-XK-901", "region_code": "330102", "department_code": "DC-SCJGJ"}, CATALOGUE_EDITORS),
    ("get", _VERSION, _DRAFT, None, CATALOGUE_READERS),
    ("put", _VERSION, _DRAFT, {"name": "食品经营许可"}, CATALOGUE_EDITORS),
    ("put", _VERSION + "/form", _DRAFT + "/form", {"form_schema": None}, CATALOGUE_EDITORS),
    ("post", _VERSION + "/submit", _DRAFT + "/submit", None, CATALOGUE_EDITORS),
    ("post", _VERSION + "/approve", _DRAFT + "/approve", None, CATALOGUE_REVIEWERS),
    ("post", _VERSION + "/reject", _DRAFT + "/reject", {"reason": "材料标准不清"}, CATALOGUE_REVIEWERS),
    ("post", _VERSION + "/retire-request", _DRAFT + "/retire-request", {"reason": "事项取消"}, CATALOGUE_REVIEWERS),
    ("post", _VERSION + "/retire", _DRAFT + "/retire", None, CATALOGUE_REVIEWERS),
    ("get", "/api/v1/catalogue/export.xlsx", "/api/v1/catalogue/export.xlsx", None, CATALOGUE_READERS),
    ("post", "/api/v1/catalogue/import", "/api/v1/catalogue/import", None, CATALOGUE_EDITORS),
    ("get", "/api/v1/guide/{item_code}", f"/api/v1/guide/{FOOD_LICENCE}", None, EVERYONE),
    ("post", "/api/v1/items/{code}/checklist", f"/api/v1/items/{FOOD_LICENCE}/checklist", {"form": {}}, EVERYONE),
    ("post", "/api/v1/items/{code}/form/validate", f"/api/v1/items/{FOOD_LICENCE}/form/validate", {"form": {}},
     EVERYONE),
]


#: decision tables (app.decisions): the same roles as the catalogue; only the review authority of
#: rules/decisions.toml (行政审批局) approves or rejects
_DECISION = "/api/v1/decisions/dispatch_department"
_DECISION_VERSION = "/api/v1/decisions/{key}/versions/{number}"
MATRIX += [
    ("get", "/api/v1/decisions", "/api/v1/decisions", None, CATALOGUE_READERS),
    ("get", "/api/v1/decisions/{key}/versions", _DECISION + "/versions", None, CATALOGUE_READERS),
    ("post", "/api/v1/decisions/{key}/versions", _DECISION + "/versions", {}, CATALOGUE_EDITORS),
    ("get", _DECISION_VERSION, _DECISION + "/versions/1", None, CATALOGUE_READERS),
    ("put", _DECISION_VERSION, _DECISION + "/versions/1", {"dmn_xml": "<definitions/>"}, CATALOGUE_EDITORS),
    ("post", _DECISION_VERSION + "/test", _DECISION + "/versions/1/test", {"inputs": {"item_code": FOOD_LICENCE}},
     CATALOGUE_READERS),
    ("post", _DECISION_VERSION + "/submit", _DECISION + "/versions/1/submit", {"note": "改承办部门"},
     CATALOGUE_EDITORS),
    ("post", _DECISION_VERSION + "/approve", _DECISION + "/versions/1/approve", None, CATALOGUE_REVIEWERS),
    ("post", _DECISION_VERSION + "/reject", _DECISION + "/versions/1/reject", {"reason": "理由不充分"},
     CATALOGUE_REVIEWERS),
]

#: 一件事 (app.themes): definitions like items (the 行政审批局 reviews, rules/item_review.toml "theme"); the window
#: accepts and issues; staff of the member departments, the coordinator and 电子监察 read a theme case
_THEME = "/api/v1/catalogue/themes/330100-YJS-001"
_THEME_VERSION = "/api/v1/catalogue/themes/{code}/versions/{version}"
THEME_STAFF = LOGGED_IN - {"designer", "admin", "agent of a community station"}
APPROVERS_AND_HEADS = {"approver of the department", "head of the department", "approver of another department",
                       "item review authority"}
MATRIX += [
    ("get", "/api/v1/themes", "/api/v1/themes", None, EVERYONE),
    ("get", "/api/v1/themes/{code}", "/api/v1/themes/330100-YJS-001", None, EVERYONE),
    ("post", "/api/v1/catalogue/themes", "/api/v1/catalogue/themes", {"code": "330100-YJS-099"}, CATALOGUE_EDITORS),
    ("get", "/api/v1/catalogue/themes/{code}/versions", _THEME + "/versions", None, CATALOGUE_READERS),
    ("post", "/api/v1/catalogue/themes/{code}/versions", _THEME + "/versions", None, CATALOGUE_EDITORS),
    ("put", _THEME_VERSION, _THEME + "/versions/1", {"name": "开办餐饮店"}, CATALOGUE_EDITORS),
    ("post", _THEME_VERSION + "/submit", _THEME + "/versions/1/submit", None, CATALOGUE_EDITORS),
    ("post", _THEME_VERSION + "/approve", _THEME + "/versions/1/approve", None, CATALOGUE_REVIEWERS),
    ("post", _THEME_VERSION + "/reject", _THEME + "/versions/1/reject", {"reason": "材料未合并"}, CATALOGUE_REVIEWERS),
    ("post", "/api/v1/themes/cases", "/api/v1/themes/cases",
     {"theme_code": "330100-YJS-999", "applicant": VALID_PERSON, "materials": []}, CLERKS),
    ("get", "/api/v1/themes/cases/{theme_no}", "/api/v1/themes/cases/YJS000", None, THEME_STAFF),
    ("post", "/api/v1/themes/cases/{theme_no}/issue", "/api/v1/themes/cases/YJS000/issue", {"method": "window"},
     CLERKS),
    ("post", "/api/v1/themes/cases/{theme_no}/restart", "/api/v1/themes/cases/YJS000/restart", None, CLERKS),
    ("post", "/api/v1/themes/cases/{theme_no}/coordination", "/api/v1/themes/cases/YJS000/coordination",
     {"decision": "continue"}, CLERKS | APPROVERS_AND_HEADS),
    ("get", "/api/v1/themes/applications", "/api/v1/themes/applications", None, CLERKS),
    ("post", "/api/v1/themes/applications/{application_id}/review", "/api/v1/themes/applications/999999/review",
     {"decision": "accept"}, CLERKS),
    ("post", "/api/v1/public/themes/applications", "/api/v1/public/themes/applications",
     {"theme_code": "330100-YJS-999", "applicant": VALID_PERSON, "materials": []}, EVERYONE),
    ("post", "/api/v1/public/themes/progress", "/api/v1/public/themes/progress",
     {"theme_no": "YJS000", "code": "ABCDEFGH"}, EVERYONE),
    ("post", "/api/v1/public/themes/rating", "/api/v1/public/themes/rating",
     {"theme_no": "YJS000", "code": "ABCDEFGH", "grade": 1}, EVERYONE),
    ("get", "/api/v1/themes/statistics", "/api/v1/themes/statistics", None, {"supervisor"}),
]

#: the network's users pass the checks their role passes wherever the scene's city case is not involved:
#: district and street clerks where any clerk may go, the district supervisor where any supervisor may
_CASE_BOUND = ("{case_no}", "{card_id}", "{rating_id}", "{licence_id}", "{task_id}", "{pause_id}", "{handover_id}",
               "{application_id}", "{notification_id}", "{extension_request_id}")
for _i, (_m, _doc, _path, _body, _allowed) in enumerate(MATRIX):
    _extra = set()
    if "clerk of another sector" in _allowed:
        _extra |= NETWORK_CLERKS
    if "supervisor" in _allowed and not any(k in _path + str(_body) for k in _CASE_BOUND):
        _extra.add("district supervisor")
    MATRIX[_i] = (_m, _doc, _path, _body, _allowed | _extra)


@pytest.fixture()
def scene(api, app):
    """A food-licence case at 承办 (SCJGJ), with an open pause, a yellow card and a notification."""
    case_no = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]
    handler = api.as_user("scjgj_handler")
    task_id = handler.task_for(case_no)["id"]
    pause = api.as_user("scjgj_approver").post(f"/api/v1/cases/{case_no}/pauses",
                                               json={"kind": "inspection", "reason": "送检验检测"})
    assert pause.status_code == 201, pause.get_json()
    asked = handler.post(f"/api/v1/cases/{case_no}/extension-requests", json={"days": 3, "reason": "需检测"})
    assert asked.status_code == 201, asked.get_json()
    handover = api.as_user("clerk_commerce").post(f"/api/v1/cases/{case_no}/handovers", json={"materials": ["M02"]})
    assert handover.status_code == 201, handover.get_json()
    application = app.test_client().post("/api/v1/public/applications", json={
        "item_code": FOOD_LICENCE, "applicant": VALID_PERSON, "materials": ["M01", "M02"],
        "form": demo_answers(FOOD_LICENCE)})
    assert application.status_code == 201, application.get_json()
    with app.app_context():
        case = db.session.scalars(sa.select(Case).where(Case.case_no == case_no)).one()
        handler_id = db.session.execute(sa.text("select id from users where username = 'scjgj_handler'")).scalar()
        card = SupervisionCard(case_id=case.id, level="yellow", reason="超过承诺期限", department_code="SCJGJ")
        note = Notification(recipient_user_id=handler_id, case_id=case.id, kind="reminder", message="请及时办理")
        db.session.add_all([card, note])
        ids = _licence_and_rating(case)
        db.session.commit()
        ids |= {"card_id": card.id, "notification_id": note.id}
    draft = api.as_user("designer").post(f"/api/v1/catalogue/items/{FOOD_LICENCE}/versions")
    assert draft.status_code == 201, draft.get_json()
    ids["draft_version"] = draft.get_json()["version"]
    ids["extension_request_id"] = asked.get_json()["id"]
    return {"case_no": case_no, "task_id": task_id, "pause_id": pause.get_json()["id"],
            "handover_id": handover.get_json()["id"], "application_no": application.get_json()["application_no"],
            "application_id": _application_id(app, application.get_json()["application_no"]), **ids}


def _application_id(app, application_no):
    with app.app_context():
        return db.session.execute(sa.text("select id from online_applications where application_no = :no"),
                                  {"no": application_no}).scalar()


def _licence_and_rating(case):
    """An e-licence and a bad rating of the scene's case (SCJGJ), as approval and a rating would leave them."""
    from app.licences.services import create_licence_for
    from app.ratings.models import Rating

    licence = create_licence_for(case, None)
    rating = Rating(case_id=case.id, item_id=case.item_id, department_id=case.item.department_id, channel="web",
                    grade=5, follow_up_state="open")
    db.session.add(rating)
    db.session.flush()
    return {"licence_id": licence.id, "rating_id": rating.id}


def _call(api, user, method, path, body):
    if user is None:
        client = api.app.test_client()
        return getattr(client, method)(path, json=body)
    session = api.as_user(user)
    return getattr(session.http, method)(path, headers=session.headers, json=body)


def test_every_documented_operation_is_in_the_matrix(client):
    documented = {(m, p) for p, ops in client.get("/api/v1/openapi.json").get_json()["paths"].items()
                  for m in ops if m in ("get", "post", "put", "delete", "patch")}
    covered = {(m, p) for m, p, *_ in MATRIX} | NOT_IN_MATRIX
    assert documented - covered == set(), "add the new operations to the authorization matrix"


@pytest.mark.parametrize("method, documented_path, path, body, allowed", MATRIX,
                         ids=[f"{m.upper()} {p}" for m, p, *_ in MATRIX])
def test_each_kind_of_user_is_allowed_or_refused_as_the_matrix_says(api, scene, method, documented_path, path,
                                                                     body, allowed):
    concrete = path.format(**scene)
    if isinstance(body, dict):
        body = {key: scene.get(value.strip("{}"), value) if isinstance(value, str) and value.startswith("{") else value
                for key, value in body.items()}  # "{case_no}" in a body names a scene value
    outcomes = {}
    for kind, user in USERS.items():
        status = _call(api, user, method, concrete, body).status_code
        outcomes[kind] = status
    wrong = {}
    for kind, status in outcomes.items():
        if kind in allowed and status in (401, 403):
            wrong[kind] = f"refused with {status} but should be allowed"
        elif kind not in allowed and status != (401 if kind == "anonymous" else 403):
            wrong[kind] = f"answered {status} but should be refused"
    assert wrong == {}, outcomes


def test_refusal_comes_before_the_body_is_validated(client, api):
    assert client.post("/api/v1/cases", json={"nonsense": True}).status_code == 401
    designer = api.as_user("clerk_commerce")
    response = designer.post("/api/v1/process-definitions", json={"nonsense": True})
    assert response.status_code == 403
