"""A designer opens a process, edits it in the modeler and submits it; once a reviewer of the 行政审批 office
approves, a changed file becomes a new version that new cases use, while running cases keep theirs."""
from tests.support import FOOD_LICENCE

from .support import URL, deploy_reviewed, edited, shipped, upload

REVIEW_TASK = '<bpmn:userTask id="Task_Review" name="审核"'
RENAMED_REVIEW_TASK = '<bpmn:userTask id="Task_Review" name="审核（复核）"'


def _latest(session, key):
    response = session.get(URL)
    assert response.status_code == 200, response.get_json()
    versions = [d for d in response.get_json() if d["process_key"] == key]
    assert versions[0]["latest"] and all(not d["latest"] for d in versions[1:])
    assert [d["version"] for d in versions] == sorted((d["version"] for d in versions), reverse=True)
    return versions[0]


def test_a_designer_renames_a_step_and_only_new_cases_see_the_new_name(app, api):
    designer = api.as_user("designer")
    clerk = api.as_user("clerk_commerce")
    running = clerk.accept_case(FOOD_LICENCE)["case_no"]
    before = _latest(designer, "standard_approval")

    opened = designer.get(f"{URL}/standard_approval/versions/{before['version']}")
    assert opened.status_code == 200
    assert REVIEW_TASK in opened.get_json()["bpmn_xml"]

    changed = opened.get_json()["bpmn_xml"].replace(REVIEW_TASK, RENAMED_REVIEW_TASK, 1)
    assert designer.post(f"{URL}/validate", json=upload(changed)).get_json() == {"valid": True, "problems": []}
    [deployed] = deploy_reviewed(app, designer, changed)["deployed"]
    assert deployed["process_key"] == "standard_approval"
    assert deployed["version"] == before["version"] + 1 and deployed["new_version"] is True
    assert deployed["deployed_by"] == "designer" and deployed["content_hash"] != before["content_hash"]

    api.as_user("scjgj_handler").decide(running)
    assert api.as_user("scjgj_reviewer").task_for(running)["name"] == "审核"
    new_case = clerk.accept_case(FOOD_LICENCE)["case_no"]
    api.as_user("scjgj_handler").decide(new_case)
    assert api.as_user("scjgj_reviewer").task_for(new_case)["name"] == "审核（复核）"

    listed = {d["version"]: d for d in designer.get(URL).get_json() if d["process_key"] == "standard_approval"}
    assert listed[before["version"] + 1]["latest"] and listed[before["version"] + 1]["running_instances"] == 1
    assert not listed[before["version"]]["latest"] and listed[before["version"]]["running_instances"] == 1


def test_deploying_identical_content_keeps_the_current_version(app, api):
    designer = api.as_user("designer")
    current = _latest(designer, "standard_approval")
    [deployed] = deploy_reviewed(app, designer, shipped())["deployed"]
    assert (deployed["version"], deployed["new_version"]) == (current["version"], False)
    assert _latest(designer, "standard_approval")["version"] == current["version"]


def test_an_invalid_file_is_not_deployed_and_the_refusal_names_the_element(api):
    designer = api.as_user("designer")
    current = _latest(designer, "standard_approval")
    broken = edited(' camunda:candidateGroups="${department}:handler"', "")
    response = designer.post(URL, json=upload(broken))
    assert response.status_code == 422
    errors = response.get_json()["errors"]
    assert [p["element_id"] for p in errors["problems"]] == ["Task_Handle"]
    assert errors["json"]["bpmn_xml"][0].startswith("Task_Handle（承办）：")
    assert _latest(designer, "standard_approval")["version"] == current["version"]


def test_a_supervisor_may_read_definitions_but_not_deploy(api):
    supervisor = api.as_user("supervisor")
    listed = supervisor.get(URL)
    assert listed.status_code == 200
    assert {"standard_approval", "joint_approval", "instant_case"} <= {d["process_key"] for d in listed.get_json()}
    assert supervisor.post(URL, json=upload(shipped())).status_code == 403
    assert supervisor.post(f"{URL}/validate", json=upload(shipped())).status_code == 403


def test_clerks_and_approvers_may_not_deploy_or_read_definitions(api):
    for username in ("clerk_commerce", "scjgj_approver", "scjgj_handler"):
        session = api.as_user(username)
        assert session.post(URL, json=upload(shipped())).status_code == 403, username
        assert session.get(URL).status_code == 403, username


def test_the_administrator_deploys_no_process(api):
    response = api.as_user("admin").post(URL, json=upload(shipped()))
    assert response.status_code == 403, response.get_json()


def test_anonymous_requests_are_401(client):
    assert client.get(URL).status_code == 401
    assert client.post(URL, json=upload(shipped())).status_code == 401
    assert client.post(f"{URL}/validate", json=upload(shipped())).status_code == 401
    assert client.get(f"{URL}/standard_approval/versions/1").status_code == 401


def test_an_unknown_version_is_404(api):
    response = api.as_user("designer").get(f"{URL}/standard_approval/versions/9999")
    assert response.status_code == 404
    assert "9999" in response.get_json()["message"]


def test_the_endpoints_are_documented_in_openapi(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    paths = spec["paths"]
    assert set(paths[URL]) >= {"get", "post"}
    assert "post" in paths[f"{URL}/validate"]
    assert "get" in paths[URL + "/{process_key}/versions/{version}"]
    assert paths[URL]["post"]["security"] == [{"bearerAuth": []}]
