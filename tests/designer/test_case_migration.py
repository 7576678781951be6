"""Running cases move from version n to n+1 when every element they reached is still there: a dry-run report
first, then the move, written into each case's history; cases that cannot move stay and say why."""
from tests.support import FOOD_LICENCE
from tests.web.conftest import Browser

from .support import URL, deploy_reviewed, edited

RENAMED = ('<bpmn:userTask id="Task_Review" name="审核"', '<bpmn:userTask id="Task_Review" name="复核"')


def _designer(app):
    browser = Browser(app.test_client())
    browser.login("designer")
    return browser


def _version(api):
    return max(d["version"] for d in api.as_user("designer").get(URL).get_json()
               if d["process_key"] == "standard_approval")


def test_a_waiting_case_is_migrated_to_the_new_version_and_its_history_says_so(app, api):
    clerk = api.as_user("clerk_commerce")
    waiting = clerk.accept_case(FOOD_LICENCE)["case_no"]  # waits at 承办 on version n
    before = _version(api)
    deploy_reviewed(app, api.as_user("designer"), edited(*RENAMED))
    designer = _designer(app)
    history_page = designer.get("/designer/standard_approval/history").get_data(as_text=True)
    assert 'data-testid="migration-report"' in history_page

    url = f"/designer/standard_approval/migration.json?from={before}&to={before + 1}"
    report = designer.get(url).get_json()
    [entry] = [c for c in report["cases"] if c["case_no"] == waiting]
    assert entry["possible"] and entry["waiting"] == ["Task_Handle"] and entry["reasons"] == []
    assert api.as_user("scjgj_handler").task_for(waiting)["name"] == "承办"  # the report changed nothing

    moved = designer.post_json(url, {}).get_json()
    assert [c["migrated"] for c in moved["cases"] if c["case_no"] == waiting] == [True]
    api.as_user("scjgj_handler").decide(waiting)
    assert api.as_user("scjgj_reviewer").task_for(waiting)["name"] == "复核"  # the new version's next step
    history = api.as_user("scjgj_reviewer").case(waiting)["history"]
    assert any(e["action"] == "case.migrated" for e in history)


def test_a_case_waiting_at_a_step_the_new_version_removed_stays_and_says_why(app, api):
    waiting = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]
    before = _version(api)
    renamed_id = edited('id="Task_Handle"', 'id="Task_Handle2"').replace(
        'bpmnElement="Task_Handle"', 'bpmnElement="Task_Handle2"').replace(
        'targetRef="Task_Handle"', 'targetRef="Task_Handle2"').replace(
        'sourceRef="Task_Handle"', 'sourceRef="Task_Handle2"').replace(
        'attachedToRef="Task_Handle"', 'attachedToRef="Task_Handle2"')
    deploy_reviewed(app, api.as_user("designer"), renamed_id)
    designer = _designer(app)
    designer.get("/designer")
    url = f"/designer/standard_approval/migration.json?from={before}&to={before + 1}"
    [entry] = [c for c in designer.get(url).get_json()["cases"] if c["case_no"] == waiting]
    assert not entry["possible"] and any("Task_Handle" in r and "不存在" in r for r in entry["reasons"])
    moved = designer.post_json(url, {}).get_json()
    assert [c["migrated"] for c in moved["cases"] if c["case_no"] == waiting] == [False]
    assert api.as_user("scjgj_handler").task_for(waiting)["name"] == "承办"  # still on its version
    assert designer.get(f"/designer/standard_approval/migration.json?from={before}&to=x").status_code == 422
