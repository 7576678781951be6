"""The designer's workbench over HTTP: drafts saved on the server, four eyes before a version deploys,
validation against the real departments, dry runs, version history, diff and rollback."""
import sqlalchemy as sa

from tests.support import FOOD_LICENCE, JOINT_ACCEPTANCE
from tests.web.conftest import Browser

from .support import REVIEWER, URL, approve_as, deploy_reviewed, edited, shipped, upload

RENAMED = ('<bpmn:userTask id="Task_Review" name="审核"', '<bpmn:userTask id="Task_Review" name="复核"')


def _browser(app, username):
    browser = Browser(app.test_client())
    browser.login(username)
    return browser


def _history(key="standard_approval"):
    from app.designer import drafts

    return drafts.history(key)


def _save(designer, xml, **extra):
    return designer.post_json("/designer/standard_approval/draft.json",
                              {"file_name": "standard_approval.bpmn", "bpmn_xml": xml, **extra})


def test_a_draft_is_saved_on_the_server_found_again_and_not_used_by_new_cases(app, api):
    designer = _browser(app, "designer")
    saved = _save(designer, edited(*RENAMED))
    assert saved.status_code == 200, saved.get_json()
    assert saved.get_json()["status"] == "draft" and saved.get_json()["revision"] == 1

    reloaded = designer.get("/designer/standard_approval/draft.json").get_json()
    assert 'name="复核"' in reloaded["bpmn_xml"] and reloaded["updated_by"] == "designer"
    # an autosave from a tab opened before the last save is refused, not a lost update
    again = _save(designer, edited(*RENAMED), revision=1)
    assert again.status_code == 200 and again.get_json()["revision"] == 2
    stale = _save(designer, shipped(), revision=1)
    assert stale.status_code == 409 and "重新加载" in stale.get_json()["message"]

    case_no = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]
    api.as_user("scjgj_handler").decide(case_no)
    assert api.as_user("scjgj_reviewer").task_for(case_no)["name"] == "审核"  # the draft is private


def test_one_person_cannot_both_submit_and_approve_a_deployment(app, api):
    designer = api.as_user("designer")
    submitted = designer.post(URL, json=upload(edited(*RENAMED)))
    assert submitted.status_code == 202, submitted.get_json()
    draft = submitted.get_json()
    assert draft["status"] == "in_review" and draft["submitted_by"] == "designer"

    own = _browser(app, "designer").post_json(f"/designer/drafts/{draft['id']}/approve.json", {"note": "自己批"})
    assert own.status_code == 403 and "自己" in own.get_json()["message"]
    not_the_office = approve_as(app, "scjgj_approver", draft["id"])
    assert not_the_office.status_code == 403 and "行政审批局" in not_the_office.get_json()["message"]
    admin = Browser(app.test_client())
    admin.login("admin")
    admin.get("/admin")
    assert admin.post_json(f"/designer/drafts/{draft['id']}/approve.json", {}).status_code == 403

    approved = approve_as(app, REVIEWER, draft["id"], note="已核对")
    assert approved.status_code == 201, approved.get_json()
    body = approved.get_json()
    assert body["draft"]["status"] == "deployed" and body["draft"]["reviewed_by"] == REVIEWER
    [deployed] = body["deployed"]
    assert deployed["new_version"] and deployed["deployed_by"] == "designer"
    again = approve_as(app, REVIEWER, draft["id"])
    assert again.status_code == 409

    with app.app_context():
        [latest, *_older] = _history()
    assert latest["version"] == deployed["version"] and latest["approved_by"] == REVIEWER
    assert latest["note"] == "通过接口提交" and latest["deployed_by"] == "designer"


def test_a_reviewer_sends_a_draft_back_with_a_reason(app, db):
    designer = _browser(app, "designer")
    draft = _save(designer, edited(*RENAMED)).get_json()
    assert designer.post_json(f"/designer/drafts/{draft['id']}/submit.json", {}).status_code == 422  # no reason
    assert designer.post_json(f"/designer/drafts/{draft['id']}/submit.json",
                              {"note": "审核改复核"}).get_json()["status"] == "in_review"
    assert _save(designer, shipped()).status_code == 409  # frozen while in review
    assert designer.post_json(f"/designer/drafts/{draft['id']}/withdraw.json", {}).get_json()["status"] == "draft"
    assert designer.post_json(f"/designer/drafts/{draft['id']}/submit.json",
                              {"note": "审核改复核"}).get_json()["status"] == "in_review"
    reviewer = _browser(app, REVIEWER)
    assert reviewer.post_json(f"/designer/drafts/{draft['id']}/reject.json", {"note": ""}).status_code == 422
    rejected = reviewer.post_json(f"/designer/drafts/{draft['id']}/reject.json", {"note": "名称不规范"})
    assert rejected.get_json()["status"] == "draft" and rejected.get_json()["review_note"] == "名称不规范"


def test_validation_refuses_it_roles_unknown_departments_and_steps_without_a_limit(api):
    designer = api.as_user("designer")

    def problems(xml):
        return [p["message"] for p in designer.post(f"{URL}/validate", json=upload(xml)).get_json()["problems"]]

    to_it = edited('camunda:candidateGroups="${department}:handler"', 'camunda:candidateGroups="role:admin"')
    assert any("信息技术岗位" in m for m in problems(to_it))
    handler = 'camunda:candidateGroups="${department}:handler"'
    unknown = edited(handler, 'camunda:candidateGroups="NOSUCH:handler"')
    assert any("NOSUCH" in m and "不存在" in m for m in problems(unknown))
    real = edited('camunda:candidateGroups="${department}:handler"', 'camunda:candidateGroups="SCJGJ:handler"')
    assert problems(real) == []
    # the food licence (standard_approval) promises 5 working days: every approval step needs its limit
    no_limit = edited('<camunda:property name="step_limit_days" value="2" />', "")
    assert any("step_limit_days" in m for m in problems(no_limit))
    assert designer.post(URL, json=upload(to_it)).status_code == 422


def test_it_roles_completing_an_approval_task_get_403(api):
    case_no = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]
    task = api.as_user("scjgj_handler").task_for(case_no)
    for username in ("admin", "designer"):
        response = api.as_user(username).post(f"/api/v1/tasks/{task['id']}/complete",
                                              json={"decision": "approve", "opinion": "同意"})
        assert response.status_code == 403, username
    assert api.as_user("scjgj_handler").task_for(case_no)["id"] == task["id"]  # still waiting


def test_seed_demo_never_deploys_over_a_designers_newer_version(app, api):
    [deployed] = deploy_reviewed(app, api.as_user("designer"), edited(*RENAMED))["deployed"]
    runner = app.test_cli_runner()
    for _ in range(2):
        assert runner.invoke(args=["seed-demo"]).exit_code == 0
        with app.app_context():
            from app.extensions import db
            from app.workflow import ProcessDefinition

            latest = db.session.execute(
                sa.select(ProcessDefinition.version, ProcessDefinition.deployed_by)
                .where(ProcessDefinition.process_key == "standard_approval")
                .order_by(ProcessDefinition.version.desc())).first()
            db.session.remove()
        assert tuple(latest) == (deployed["version"], "designer")


def test_a_dry_run_shows_the_path_the_tasks_who_gets_them_and_their_deadlines(app, db):
    designer = _browser(app, "designer")
    draft = _save(designer, edited(*RENAMED)).get_json()
    with app.app_context():
        from app.extensions import db
        from app.workflow import WorkflowInstance

        instances_before = db.session.scalar(sa.select(sa.func.count()).select_from(WorkflowInstance))
        db.session.remove()
    run = designer.post_json(f"/designer/drafts/{draft['id']}/dry-run.json",
                             {"item_code": FOOD_LICENCE, "decisions": {"Task_Review": "return"}})
    assert run.status_code == 200, run.get_json()
    result = run.get_json()
    assert result["completed"] and result["error"] is None
    steps = [(t["element_id"], t["decision"]) for t in result["tasks"]]
    assert steps == [("Task_Acceptance", "accept"), ("Task_Handle", "approve"), ("Task_Review", "return"),
                     ("Task_Handle", "approve"), ("Task_Review", "approve"), ("Task_Approve", "approve"),
                     ("Task_Issue", "window")]
    review = result["tasks"][2]
    assert review["name"] == "复核" and review["candidate_groups"] == ["SCJGJ:reviewer"]
    assert review["people_count"] == 1 and review["due_at"]
    assert {"Task_Acceptance", "Task_Review", "Task_Issue"} <= set(result["path"])
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(WorkflowInstance)) == instances_before
        db.session.remove()

    rejected = designer.post_json(f"/designer/drafts/{draft['id']}/dry-run.json",
                                  {"item_code": FOOD_LICENCE, "decisions": {"Task_Handle": "reject"}}).get_json()
    assert [t["element_id"] for t in rejected["tasks"]][-1] != "Task_Review"
    bad = designer.post_json(f"/designer/drafts/{draft['id']}/dry-run.json", {"item_code": "NOPE"})
    assert bad.status_code == 422 and "item_code" in str(bad.get_json())


def test_a_dry_run_of_a_joint_process_where_one_co_department_refuses(app, db):
    designer = _browser(app, "designer")
    joint = {"file_name": "joint_approval.bpmn", "bpmn_xml": shipped("joint_approval.bpmn")}
    draft = designer.post_json("/designer/joint_approval/draft.json", joint).get_json()
    result = designer.post_json(f"/designer/drafts/{draft['id']}/dry-run.json",
                                {"item_code": JOINT_ACCEPTANCE, "refusing": ["XFZD"]}).get_json()
    co = [t for t in result["tasks"] if t["element_id"] == "Task_CoApprove"]
    assert {t["candidate_groups"][0] for t in co} == {"XFZD:approver", "ZRZYJ:approver"}
    assert {t["co_department"]: t["decision"] for t in co} == {"示范市消防救援支队": "reject",
                                                                "示范市自然资源和规划局": "approve"}
    assert "Task_LeadArbitrate" in [t["element_id"] for t in result["tasks"]]


def test_a_dry_run_error_points_at_the_element(app, db):
    designer = _browser(app, "designer")
    broken = edited('decision == "reject"', 'decision == undefined_name', "standard_approval.bpmn")
    draft = _save(designer, broken).get_json()
    result = designer.post_json(f"/designer/drafts/{draft['id']}/dry-run.json",
                                {"item_code": FOOD_LICENCE}).get_json()
    assert result["error"] and result["error_element"]
    assert not result["completed"]


def test_versions_diff_and_rollback(app, api):
    designer = api.as_user("designer")
    before = max(d["version"] for d in designer.get(URL).get_json() if d["process_key"] == "standard_approval")
    changed = edited(*RENAMED)
    changed = changed.replace('<camunda:property name="step_limit_days" value="1" />',
                              '<camunda:property name="step_limit_days" value="3" />', 1)
    deploy_reviewed(app, designer, changed)
    page = _browser(app, "designer")
    history = page.get("/designer/standard_approval/history").get_data(as_text=True)
    assert f"v{before + 1}" in history and REVIEWER in history and "通过接口提交" in history

    diff = page.get(f"/designer/standard_approval/diff.json?from={before}&to={before + 1}").get_json()
    assert [e["id"] for e in diff["changed"]] == ["Task_Review"] and diff["added"] == diff["removed"] == []
    assert page.get(f"/designer/standard_approval/diff?from={before}&to={before + 1}").status_code == 200

    rolled = page.post_json(f"/designer/standard_approval/versions/{before}/rollback.json", {})
    assert rolled.status_code == 201, rolled.get_json()
    assert rolled.get_json()["note"] == f"回退到 v{before}" and 'name="审核"' in rolled.get_json()["bpmn_xml"]
    against_draft = page.get(f"/designer/standard_approval/diff.json?from={before + 1}&to=draft").get_json()
    assert [e["id"] for e in against_draft["changed"]] == ["Task_Review"]
    assert page.post_json(f"/designer/standard_approval/versions/{before}/rollback.json", {}).status_code == 409


def test_the_properties_panel_options_come_from_the_real_departments(app, db):
    options = _browser(app, "designer").get("/designer/options.json").get_json()
    groups = {g["value"]: g["label"] for g in options["candidate_groups"]}
    assert groups["SCJGJ:reviewer"] == "示范市市场监督管理局·审核"
    assert "${department}:handler" in groups and "window:${sector}" in groups
    assert not any(v.startswith("role:") for v in groups)
    assert {f["value"] for f in options["form_keys"]} >= {"acceptance", "approval", "issuance"}


def test_the_modeler_speaks_english_when_the_page_does(app, db):
    designer = _browser(app, "designer")
    page = designer.get("/designer/standard_approval/versions/1").get_data(as_text=True)
    assert 'data-lang="zh"' in page and "保存草稿" in page
    designer.get("/lang/en?next=/designer")
    page = designer.get("/designer/standard_approval/versions/1").get_data(as_text=True)
    assert 'data-lang="en"' in page and "Save draft" in page and "Dry run" in page


def test_a_draft_that_is_not_bpmn_dry_runs_to_an_error_and_cannot_be_submitted(app, db):
    designer = _browser(app, "designer")
    draft = _save(designer, "<not-bpmn/>").get_json()
    result = designer.post_json(f"/designer/drafts/{draft['id']}/dry-run.json", {"item_code": FOOD_LICENCE})
    assert result.status_code == 200 and result.get_json()["error"]
    other = _save(designer, shipped("instant_case.bpmn"), revision=draft["revision"]).get_json()
    refused = designer.post_json(f"/designer/drafts/{other['id']}/submit.json", {"note": "换文件"})
    assert refused.status_code == 422 and "standard_approval" in refused.get_json()["message"]
