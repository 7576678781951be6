"""Inbound: 市场监管局's own approval system (自建系统) gets a client-credentials token, reads its cases,
completes its task with an opinion on behalf of a named staff member, attaches an electronic material —
each recorded in the case history as that system — and cannot read another department's case."""
import base64
import io

from tests.files.samples import PDF
from tests.support import FOOD_LICENCE

TOKEN_URL = "/api/exchange/oauth/token"


def register_client(api, scopes=("cases:read", "tasks:complete", "materials:attach"), department="SCJGJ"):
    response = api.as_user("admin").post("/api/v1/admin/exchange/clients", json={
        "client_id": f"{department.lower()}-approval", "name": "市场监管局审批系统", "department_code": department,
        "scopes": list(scopes)})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def token_for(client, registered, scope=None):
    basic = base64.b64encode(f"{registered['client_id']}:{registered['client_secret']}".encode()).decode()
    response = client.post(TOKEN_URL, data={"grant_type": "client_credentials", **({"scope": scope} if scope else {})},
                           headers={"Authorization": f"Basic {basic}"})
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["token_type"].lower() == "bearer" and body["expires_in"] == 3600
    return {"Authorization": f"Bearer {body['access_token']}"}


def test_the_market_regulators_system_completes_its_task_and_cannot_read_another_departments_case(api, client):
    clerk = api.as_user("clerk_commerce")
    ours = clerk.accept_case(FOOD_LICENCE)["case_no"]
    theirs = api.as_user("clerk_construction").accept_case("330100-XK-002")["case_no"]  # 住建局's
    headers = token_for(client, register_client(api))

    listed = client.get("/api/exchange/v1/cases", headers=headers).get_json()["cases"]
    assert [c["case_no"] for c in listed] == [ours]
    assert listed[0]["applicant"]["id_number"] == "1101**********002X"  # the client's contract: masked
    read = client.get(f"/api/exchange/v1/cases/{ours}", headers=headers)
    assert read.status_code == 200 and read.get_json()["case"]["status"] == "in_progress"
    assert client.get(f"/api/exchange/v1/cases/{theirs}", headers=headers).status_code == 404

    [task] = client.get("/api/exchange/v1/tasks", headers=headers).get_json()
    assert task["case_no"] == ours and task["department_code"] == "SCJGJ"
    completed = client.post(f"/api/exchange/v1/tasks/{task['id']}/complete", headers=headers,
                            json={"decision": "approve", "opinion": "材料齐全，符合条件", "on_behalf_of": "scjgj_handler"})
    assert completed.status_code == 200, completed.get_json()
    uploaded = client.post(f"/api/exchange/v1/cases/{ours}/materials/ATTACHMENT/files", headers=headers,
                           query_string={"on_behalf_of": "scjgj_reviewer"},
                           data={"file": (io.BytesIO(PDF), "现场核查.pdf")}, content_type="multipart/form-data")
    assert uploaded.status_code == 201, uploaded.get_json()

    history = api.as_user("scjgj_reviewer").case(ours)["history"]
    by_action = {e["action"]: e for e in history}
    assert by_action["exchange.case_read"]["actor"] == "市场监管局审批系统"
    done = by_action["task.completed"]
    assert done["actor"] == "市场监管局审批系统（代 陈工）" and done["opinion"] == "材料齐全，符合条件"
    assert by_action["file.uploaded"]["actor"] == "市场监管局审批系统（代 林工）"

    for person in ("scjgj_reviewer", "scjgj_approver"):  # the system drives the case to its decision
        [task] = client.get("/api/exchange/v1/tasks", headers=headers).get_json()
        answer = client.post(f"/api/exchange/v1/tasks/{task['id']}/complete", headers=headers,
                             json={"decision": "approve", "opinion": "同意", "on_behalf_of": person})
        assert answer.status_code == 200, answer.get_json()
    decided = client.get(f"/api/exchange/v1/cases/{ours}", headers=headers).get_json()
    assert decided["case"]["status"] == "awaiting_issue" and decided["case"]["result"] == "approved"
    assert [s["handler"] for s in decided["steps"]] == [
        "市场监管局审批系统（代 陈工）", "市场监管局审批系统（代 林工）",
        "市场监管局审批系统（代 黄工）"]


def test_the_openapi_document_describes_the_inbound_api_and_the_webhook_contract(client, db):
    spec = client.get("/api/v1/openapi.json").get_json()
    for path, method in [(TOKEN_URL, "post"), ("/api/exchange/v1/cases", "get"),
                         ("/api/exchange/v1/cases/{case_no}", "get"), ("/api/exchange/v1/tasks", "get"),
                         ("/api/exchange/v1/tasks/{task_id}/complete", "post"),
                         ("/api/exchange/v1/cases/{case_no}/materials/{code}/files", "post")]:
        assert method in spec["paths"][path], f"{method.upper()} {path} missing"
    flows = spec["components"]["securitySchemes"]["exchangeOAuth"]["flows"]
    assert flows["clientCredentials"]["tokenUrl"] == TOKEN_URL and "tasks:complete" in flows["clientCredentials"]["scopes"]
    webhook = spec["x-webhooks"]["caseEvent"]["post"]
    assert "X-Yichuang-Signature" in [p["name"] for p in webhook["parameters"]]
    assert webhook["requestBody"]["content"]["application/json"]["schema"]["title"] == "ExchangeEvent"


def test_a_department_system_acts_only_within_its_grant(api, client):
    case_no = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]
    reader = register_client(api, scopes=("cases:read",))
    headers = token_for(client, reader)
    assert client.get("/api/exchange/v1/tasks", headers=headers).status_code == 403  # not granted
    assert client.get("/api/exchange/v1/cases").status_code == 401  # no token
    assert client.get("/api/exchange/v1/cases", headers={"Authorization": "Bearer forged"}).status_code == 401
    wrong = client.post(TOKEN_URL, data={"grant_type": "client_credentials", "client_id": reader["client_id"],
                                         "client_secret": "not-the-secret"})
    assert wrong.status_code == 401 and wrong.get_json()["error"] == "invalid_client"

    worker = token_for(client, register_client(api, scopes=("tasks:complete",), department="ZJJ"))
    [task] = api.as_user("scjgj_handler").tasks(case_no=case_no)
    foreign = client.post(f"/api/exchange/v1/tasks/{task['id']}/complete", headers=worker,
                          json={"decision": "approve", "opinion": "同意", "on_behalf_of": "zjj_handler"})
    assert foreign.status_code == 404  # another department's task


def test_a_decision_through_the_api_names_a_person_of_the_department(api, client):
    case_no = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]
    headers = token_for(client, register_client(api, scopes=("tasks:complete",)))
    [task] = api.as_user("scjgj_handler").tasks(case_no=case_no)
    url = f"/api/exchange/v1/tasks/{task['id']}/complete"
    missing = client.post(url, headers=headers, json={"decision": "approve", "opinion": "同意"})
    assert missing.status_code == 422 and "on_behalf_of" in str(missing.get_json()["errors"])
    outsider = client.post(url, headers=headers, json={"decision": "approve", "on_behalf_of": "zjj_handler"})
    assert outsider.status_code == 422 and "on_behalf_of" in str(outsider.get_json()["errors"])
    it_role = client.post(url, headers=headers, json={"decision": "approve", "on_behalf_of": "admin"})
    assert it_role.status_code == 422
    assert api.as_user("scjgj_handler").tasks(case_no=case_no)  # still waiting: nothing was half-written


def test_a_staff_token_opens_nothing_in_the_department_systems_api(api, client):
    """The inbound API answers client-credential tokens only: a clerk's or an admin's bearer token is 401."""
    for username in ("scjgj_handler", "admin"):
        headers = {"Authorization": f"Bearer {api.token(username)}"}
        assert client.get("/api/exchange/v1/cases", headers=headers).status_code == 401
        assert client.get("/api/exchange/v1/tasks", headers=headers).status_code == 401
