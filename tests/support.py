"""A thin client for writing tests as users' stories over the real HTTP API (Flask test client)."""
from dataclasses import dataclass

import sqlalchemy as sa

from app.applications.models import OnlineApplication
from app.cases.models import Case
from app.extensions import db

VALID_PERSON = {"kind": "person", "name": "张三", "id_number": "11010519491231002X", "phone": "13812345678"}
VALID_COMPANY = {"kind": "organisation", "name": "示范市某某餐饮管理有限公司",
                 "id_number": "91350100M000100Y43", "phone": "0571-88886666"}

FOOD_LICENCE = "330100-XK-001"  # standard, 市场监管局, commerce window, M01-M04 required
JOINT_ACCEPTANCE = "330100-XK-005"  # joint: lead 住建局, co 消防救援支队 + 自然资源和规划局
INSTANT_CHANGE = "330100-JB-001"  # 即办件 at the commerce window


#: valid application-form answers for each demo item (rules/forms/<code>.form.json): no agent, small areas,
#: so only the unconditional materials are required
_CREDIT = "91350100M000100Y43"
DEMO_ANSWERS = {
    FOOD_LICENCE: {"situation": "new", "operator_name": "示范市某某餐饮管理有限公司", "credit_code": _CREDIT,
                   "legal_representative": "张三", "premises": "示范市人民路1号", "business_form": "catering",
                   "business_items": ["hot", "cold"], "area": 120, "agent": False},
    "330100-XK-002": {"project_name": "示范市第一中学教学楼", "builder": "示范市教育局", "credit_code": _CREDIT,
                      "project_address": "示范市学院路8号", "floor_area": 12000, "contract_price": 3500,
                      "structure": "frame", "start_date": "2026-04-01", "agent": False},
    "330100-XK-004": {"institution_name": "示范市某某口腔诊所", "credit_code": _CREDIT, "address": "示范市健康路3号",
                      "category": "clinic", "subjects": ["stomatology"], "beds": 0, "legal_representative": "李四",
                      "agent": False},
    JOINT_ACCEPTANCE: {"project_name": "示范市文化中心", "builder": "示范市城投集团", "credit_code": _CREDIT,
                       "project_address": "示范市文化路1号", "floor_area": 30000, "completion_date": "2026-02-20",
                       "agent": False},
    INSTANT_CHANGE: {"operator_name": "示范市某某便利店", "credit_code": _CREDIT, "operator": "王五",
                     "old_address": "示范市人民路1号", "new_address": "示范市人民路9号", "agent": False},
    "330100-XK-006": {"venue_name": "示范市某某酒店", "credit_code": _CREDIT, "address": "示范市湖滨路6号",
                      "venue_kind": "hotel", "area": 2000, "capacity": 300, "agent": False},
}


#: basic code (基本编码) → the city's item, for 通办 stories that name the basic item
BASIC_ITEMS = {"000116011000": FOOD_LICENCE}


def _city_item(item_code: str) -> str:
    """A district's claim (330102-XK-001) carries the form of the city item it claims (330100-XK-001)."""
    if item_code in BASIC_ITEMS:
        return BASIC_ITEMS[item_code]
    region, _, rest = item_code.partition("-")
    return f"330100-{rest}" if rest and region != "330100" else item_code


def demo_answers(item_code, **changes):
    return {**DEMO_ANSWERS.get(item_code, DEMO_ANSWERS.get(_city_item(item_code), {})), **changes}


class ApiClient:
    def __init__(self, app, password):
        self.app = app
        self.password = password
        self._tokens = {}

    def token(self, username):
        if username not in self._tokens:
            response = self.app.test_client().post(
                "/api/v1/auth/token", json={"username": username, "password": self.password}
            )
            assert response.status_code == 201, response.get_json()
            self._tokens[username] = response.get_json()["token"]
        return self._tokens[username]

    def as_user(self, username):
        return UserSession(self.app.test_client(), self.token(username), username)


@dataclass
class UserSession:
    http: object
    token: str
    username: str

    @property
    def headers(self):
        return {"Authorization": f"Bearer {self.token}"}

    def get(self, url, **kwargs):
        return self.http.get(url, headers=self.headers, **kwargs)

    def post(self, url, json=None, **kwargs):
        return self.http.post(url, headers=self.headers, json=json, **kwargs)

    # -- window ---------------------------------------------------------------------------------------
    def submit_case(self, item_code=FOOD_LICENCE, applicant=VALID_PERSON, materials=("M01", "M02", "M03", "M04"),
                    decision="accept", **extra):
        payload = {"item_code": item_code, "applicant": applicant, "materials": list(materials),
                   "decision": decision, **extra}
        if "form" not in extra and _city_item(item_code) in DEMO_ANSWERS:
            # an application through an agent answers 是否委托代理 with yes (the 授权委托书 is then required)
            payload["form"] = demo_answers(item_code, **({"agent": True} if extra.get("agent") else {}))
        return self.post("/api/v1/cases", json=payload)

    def accept_case(self, item_code=FOOD_LICENCE, **kwargs):
        response = self.submit_case(item_code=item_code, **kwargs)
        assert response.status_code == 201, response.get_json()
        return response.get_json()

    def case(self, case_no):
        response = self.get(f"/api/v1/cases/{case_no}")
        assert response.status_code == 200, response.get_json()
        return response.get_json()

    def issue(self, case_no, method="window", **extra):
        if method != "post":  # the clerk checks who collects it: by default the demo applicant 张三 in person,
            # holding the applicant's 授权委托书 when the applicant is someone else
            extra = {"recipient": VALID_PERSON["name"], "recipient_id_number": VALID_PERSON["id_number"],
                     "authorised": True, **extra}
        return self.post(f"/api/v1/cases/{case_no}/issue", json={"method": method, **extra})

    # -- back office ----------------------------------------------------------------------------------
    def tasks(self, **filters):
        response = self.get("/api/v1/tasks", query_string=filters)
        assert response.status_code == 200, response.get_json()
        return response.get_json()

    def task_for(self, case_no, step=None):
        tasks = self.tasks(case_no=case_no, **({"step": step} if step else {}))
        assert len(tasks) == 1, f"{self.username} expected one task for {case_no}, got {tasks}"
        return tasks[0]

    def complete(self, task_id, decision="approve", opinion="同意"):
        return self.post(f"/api/v1/tasks/{task_id}/complete", json={"decision": decision, "opinion": opinion})

    def decide(self, case_no, decision="approve", opinion="同意", step=None):
        task = self.task_for(case_no, step)
        response = self.complete(task["id"], decision, opinion)
        assert response.status_code == 200, response.get_json()
        return task


def history_actions(case):
    return [(event["action"], event["step"], event["decision"]) for event in case["history"]]


def case_query_code(app, case_no: str) -> str:
    """The 查询码 an applicant uses with the case number on the public pages (progress, rating, results): the
    random code stored on the case and printed on its notices. Tests ask for it here, as the applicant reads
    it from the paper, so that the rule behind it lives in one place."""
    with app.app_context():
        case = db.session.scalars(sa.select(Case).where(Case.case_no == case_no)).one()
        return case.query_code


def application_query_code(app, application_no: str) -> str:
    """The 查询码 of an online application (申报编号 + 查询码 on /apply/files and the public API): the random
    code of its submission receipt, which its case keeps."""
    with app.app_context():
        application = db.session.scalars(sa.select(OnlineApplication).where(
            OnlineApplication.application_no == application_no)).one()
        return application.query_code
