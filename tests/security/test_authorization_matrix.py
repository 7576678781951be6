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
from tests.support import FOOD_LICENCE, VALID_PERSON

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
}
EVERYONE = set(USERS)
LOGGED_IN = EVERYONE - {"anonymous"}
DEPARTMENT = {"handler of the department", "reviewer of the department", "approver of the department",
              "head of the department"}
OTHER_DEPARTMENT = {"handler of another department", "approver of another department"}
CASE_READERS = {"clerk of the item's sector", "supervisor", "admin"} | DEPARTMENT
WINDOW = {"clerk of the item's sector", "admin"}

STANDARD_BPMN = open("bpmn/standard_approval.bpmn", encoding="utf-8").read()

# (method, OpenAPI path, concrete path, JSON body, who is allowed)
MATRIX = [
    ("post", "/api/v1/auth/token", "/api/v1/auth/token", {"username": "supervisor", "password": "Demo@2025"}, EVERYONE),
    ("get", "/api/v1/auth/me", "/api/v1/auth/me", None, LOGGED_IN),
    ("get", "/api/v1/items", "/api/v1/items", None, EVERYONE),
    ("get", "/api/v1/items/{code}", f"/api/v1/items/{FOOD_LICENCE}", None, EVERYONE),
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
     {"decision": "return", "opinion": "无此决定"}, {"handler of the department", "admin"}),
    ("get", "/api/v1/notifications", "/api/v1/notifications", None, LOGGED_IN),
    ("post", "/api/v1/notifications/{notification_id}/read", "/api/v1/notifications/{notification_id}/read",
     None, {"handler of the department"}),
    ("get", "/api/v1/calendar/overrides", "/api/v1/calendar/overrides", None, {"admin"}),
    ("put", "/api/v1/calendar/overrides/{day}", "/api/v1/calendar/overrides/2026-05-06",
     {"is_working_day": False, "note": "台风停工"}, {"admin"}),
    ("delete", "/api/v1/calendar/overrides/{day}", "/api/v1/calendar/overrides/2026-05-06", None, {"admin"}),
    ("get", "/api/v1/cases/{case_no}/pauses", "/api/v1/cases/{case_no}/pauses", None, CASE_READERS),
    ("post", "/api/v1/cases/{case_no}/pauses", "/api/v1/cases/{case_no}/pauses",
     {"kind": "expert_review", "reason": "组织专家评审"}, DEPARTMENT | {"admin"}),
    ("post", "/api/v1/cases/{case_no}/pauses/{pause_id}/end", "/api/v1/cases/{case_no}/pauses/{pause_id}/end",
     {"note": "评审结束"}, DEPARTMENT | {"admin"}),
    ("post", "/api/v1/cases/{case_no}/extension", "/api/v1/cases/{case_no}/extension",
     {"days": 5, "reason": "需现场核查"}, {"approver of the department", "head of the department", "admin"}),
    ("get", "/api/v1/supervision/cases", "/api/v1/supervision/cases", None, {"supervisor", "admin"}),
    ("post", "/api/v1/supervision/recompute", "/api/v1/supervision/recompute", None, {"supervisor", "admin"}),
    ("get", "/api/v1/supervision/cards", "/api/v1/supervision/cards", None,
     {"supervisor", "admin"} | DEPARTMENT | OTHER_DEPARTMENT),
    ("post", "/api/v1/supervision/cards/{card_id}/appeal", "/api/v1/supervision/cards/{card_id}/appeal",
     {"reason": "系申请人原因延误"}, {"approver of the department", "head of the department", "admin"}),
    ("post", "/api/v1/supervision/cards/{card_id}/decision", "/api/v1/supervision/cards/{card_id}/decision",
     {"decision": "upheld", "note": "维持"}, {"supervisor", "admin"}),
    ("get", "/api/v1/supervision/statistics", "/api/v1/supervision/statistics", None, {"supervisor", "admin"}),
    ("get", "/api/v1/process-definitions", "/api/v1/process-definitions", None,
     {"designer", "supervisor", "admin"}),
    ("get", "/api/v1/process-definitions/{process_key}/versions/{version}",
     "/api/v1/process-definitions/standard_approval/versions/1", None, {"designer", "supervisor", "admin"}),
    ("post", "/api/v1/process-definitions/validate", "/api/v1/process-definitions/validate",
     {"file_name": "standard_approval.bpmn", "bpmn_xml": STANDARD_BPMN}, {"designer", "admin"}),
    ("post", "/api/v1/process-definitions", "/api/v1/process-definitions",
     {"file_name": "standard_approval.bpmn", "bpmn_xml": STANDARD_BPMN}, {"designer", "admin"}),
]
#: not in the matrix on purpose: logging out revokes the caller's own token (covered in tests/test_auth.py)
NOT_IN_MATRIX = {("delete", "/api/v1/auth/token")}


@pytest.fixture()
def scene(api, app):
    """A food-licence case at 承办 (SCJGJ), with an open pause, a yellow card and a notification."""
    case_no = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]
    handler = api.as_user("scjgj_handler")
    task_id = handler.task_for(case_no)["id"]
    pause = handler.post(f"/api/v1/cases/{case_no}/pauses", json={"kind": "inspection", "reason": "送检验检测"})
    assert pause.status_code == 201, pause.get_json()
    with app.app_context():
        case = db.session.scalars(sa.select(Case).where(Case.case_no == case_no)).one()
        handler_id = db.session.execute(sa.text("select id from users where username = 'scjgj_handler'")).scalar()
        card = SupervisionCard(case_id=case.id, level="yellow", reason="超过承诺期限", department_code="SCJGJ")
        note = Notification(recipient_user_id=handler_id, case_id=case.id, kind="reminder", message="请及时办理")
        db.session.add_all([card, note])
        db.session.commit()
        ids = {"card_id": card.id, "notification_id": note.id}
    return {"case_no": case_no, "task_id": task_id, "pause_id": pause.get_json()["id"], **ids}


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
