"""Stories of the decision tables (rules/*.dmn) as versions in the database: a designer changes the dispatch
table, tests it with the engine, submits it with a reason; a reviewer of the 行政审批局 deploys it and the next
case is dispatched by it. Nobody approves their own version; broken tables and bad test input are 422s that
name the field or column; `flask seed-demo` never deploys the file over a person's version."""
from pathlib import Path

import sqlalchemy as sa

from app.accounts.models import User
from app.decisions.services import seed_from_files
from app.demo.seed import seed_demo
from app.extensions import db
from app.network.models import Department
from tests.conftest import DEMO_PASSWORD

DISPATCH = "/api/v1/decisions/dispatch_department"
CLINIC, CLINIC_MATERIALS = "330100-XK-004", ["M01", "M02", "M03", "M04", "M05"]  # 医疗机构执业登记, 卫健委
ORIGINAL = Path("rules/dispatch_department.dmn").read_text(encoding="utf-8")
#: the 医疗机构执业登记 row now goes to 市场监管局 instead of 卫健委
CHANGED = ORIGINAL.replace('<text>"WJW"</text>', '<text>"SCJGJ"</text>')


def _draft(designer, xml=CHANGED):
    created = designer.post(f"{DISPATCH}/versions", json={})
    assert created.status_code == 201, created.get_json()
    number = created.get_json()["number"]
    saved = designer.http.put(f"{DISPATCH}/versions/{number}", headers=designer.headers, json={"dmn_xml": xml})
    assert saved.status_code == 200, saved.get_json()
    return number


def test_a_reviewed_row_dispatches_the_next_case(api):
    designer, reviewer = api.as_user("designer"), api.as_user("xzspj_approver")
    versions = designer.get(f"{DISPATCH}/versions").get_json()
    assert [(v["number"], v["status"], v["created_by"]) for v in versions] == [(1, "deployed", "rules/")]

    number = _draft(designer)
    tested = designer.post(f"{DISPATCH}/versions/{number}/test", json={"inputs": {"item_code": "330100-XK-004"}})
    assert tested.status_code == 200, tested.get_json()
    result = tested.get_json()
    assert result["output"] == {"department": "SCJGJ"}
    assert result["used"] == ["Rule_XK004"]
    assert [r["id"] for r in result["matched"]] == ["Rule_XK004", "Rule_Default"]

    submitted = designer.post(f"{DISPATCH}/versions/{number}/submit", json={"note": "医疗机构执业登记改由市场监管局承办"})
    assert submitted.get_json()["status"] == "in_review"
    assert designer.post(f"{DISPATCH}/versions/{number}/approve").status_code == 403
    approved = reviewer.post(f"{DISPATCH}/versions/{number}/approve")
    assert approved.status_code == 200, approved.get_json()
    assert approved.get_json()["status"] == "deployed"
    listed = designer.get(f"{DISPATCH}/versions").get_json()
    assert [(v["number"], v["status"]) for v in listed] == [(2, "deployed"), (1, "superseded")]
    assert (listed[0]["submitted_by"], listed[0]["reviewed_by"]) == ("designer", "xzspj_approver")
    assert listed[0]["note"] == "医疗机构执业登记改由市场监管局承办"

    case = api.as_user("clerk_social").accept_case(CLINIC, materials=CLINIC_MATERIALS)
    assert api.as_user("scjgj_handler").task_for(case["case_no"])["department"] == "SCJGJ"
    assert api.as_user("wjw_handler").tasks(case_no=case["case_no"]) == []

    # `flask seed-demo` again: the person's version stays deployed
    with api.app.app_context():
        seed_demo(DEMO_PASSWORD, calendar_file=None)
        db.session.commit()
    assert designer.get(f"{DISPATCH}/versions").get_json()[0]["status"] == "deployed"
    again = api.as_user("clerk_social").accept_case(CLINIC, materials=CLINIC_MATERIALS)
    assert api.as_user("scjgj_handler").task_for(again["case_no"])


def test_the_submitter_can_never_approve_even_as_a_reviewer(api, app):
    designer = api.as_user("designer")
    number = _draft(designer)
    assert designer.post(f"{DISPATCH}/versions/{number}/submit", json={"note": "改承办部门"}).status_code == 200
    with app.app_context():  # the same person later holds a reviewer's post at the 行政审批局
        user = db.session.scalars(sa.select(User).where(User.username == "designer")).one()
        user.role = "approver"
        user.department = db.session.scalars(sa.select(Department).where(Department.code == "XZSPJ")).one()
        db.session.commit()
    refused = designer.post(f"{DISPATCH}/versions/{number}/approve")
    assert refused.status_code == 403
    assert "编制人不能审核" in refused.get_json()["message"]
    assert api.as_user("scjgj_approver").post(f"{DISPATCH}/versions/{number}/approve").status_code == 403
    assert designer.get(f"{DISPATCH}/versions").get_json()[0]["status"] == "in_review"


def test_bad_test_input_and_broken_tables_are_422s_naming_the_field(api):
    designer = api.as_user("designer")
    number = _draft(designer)
    missing = designer.post(f"{DISPATCH}/versions/{number}/test", json={"inputs": {"item_code": ""}})
    assert missing.status_code == 422
    assert "item_code" in missing.get_json()["errors"]["json"]["inputs"]
    fallthrough = designer.post(f"{DISPATCH}/versions/{number}/test", json={"inputs": {"item_code": "330100-XK-006"}})
    assert fallthrough.status_code == 422
    assert "item_department" in fallthrough.get_json()["errors"]["json"]["inputs"]
    assert designer.post(f"{DISPATCH}/versions/{number}/test", json={}).get_json()["errors"]["json"] == {
        "inputs": ["Missing data for required field."]}

    typed = CHANGED.replace('typeRef="string">\n          <text>item_code', 'typeRef="integer">\n          <text>item_code')
    typed_test = designer.post(f"{DISPATCH}/versions/{number}/test",
                               json={"inputs": {"item_code": "abc"}, "dmn_xml": typed})
    assert typed_test.status_code == 422
    assert "item_code" in typed_test.get_json()["errors"]["json"]["inputs"]

    broken = designer.http.put(f"{DISPATCH}/versions/{number}", headers=designer.headers, json={"dmn_xml": "<definitions"})
    assert broken.status_code == 422 and "dmn_xml" in broken.get_json()["errors"]["json"]

    renamed = CHANGED.replace('name="department"', 'name="dept"')
    assert designer.http.put(f"{DISPATCH}/versions/{number}", headers=designer.headers,
                             json={"dmn_xml": renamed}).status_code == 200
    refused = designer.post(f"{DISPATCH}/versions/{number}/submit", json={"note": "改名"})
    assert refused.status_code == 422
    assert "department" in refused.get_json()["errors"]["json"]["outputs"]
    assert "department" in refused.get_json()["message"]

    unknown = CHANGED.replace("<text>item_department</text>", "<text>applicant_kind</text>")
    designer.http.put(f"{DISPATCH}/versions/{number}", headers=designer.headers, json={"dmn_xml": unknown})
    refused = designer.post(f"{DISPATCH}/versions/{number}/submit", json={"note": "按申请人类型"})
    assert refused.status_code == 422 and "applicant_kind" in refused.get_json()["errors"]["json"]["inputs"]


def test_rollback_is_a_new_draft_of_the_old_table(api):
    designer, reviewer = api.as_user("designer"), api.as_user("xzspj_approver")
    number = _draft(designer)
    designer.post(f"{DISPATCH}/versions/{number}/submit", json={"note": "改承办部门"})
    assert reviewer.post(f"{DISPATCH}/versions/{number}/approve").status_code == 200
    rollback = designer.post(f"{DISPATCH}/versions", json={"based_on": 1})
    assert rollback.status_code == 201
    draft = rollback.get_json()
    assert (draft["number"], draft["status"], draft["based_on"], draft["note"]) == (3, "draft", 1, "回滚到 v1")
    assert draft["dmn_xml"] == ORIGINAL
    assert designer.post(f"{DISPATCH}/versions", json={}).status_code == 409
    designer.post(f"{DISPATCH}/versions/3/submit", json={"note": "恢复卫健委承办"})
    assert reviewer.post(f"{DISPATCH}/versions/3/approve").status_code == 200
    case = api.as_user("clerk_social").accept_case(CLINIC, materials=CLINIC_MATERIALS)
    assert api.as_user("wjw_handler").task_for(case["case_no"])


def test_an_output_a_process_reads_is_protected_even_when_the_rules_file_does_not_list_it(
        api, app, tmp_path, monkeypatch):
    rules = tmp_path / "decisions.toml"
    rules.write_text('[review]\nauthority = "approval_office"\n', encoding="utf-8")
    monkeypatch.setitem(app.config, "DECISION_RULES", str(rules))
    designer = api.as_user("designer")
    number = _draft(designer, CHANGED.replace('name="department"', 'name="dept"'))
    refused = designer.post(f"{DISPATCH}/versions/{number}/submit", json={"note": "改名"})
    assert refused.status_code == 422
    assert "standard_approval" in refused.get_json()["errors"]["json"]["outputs"]["department"][0]


def test_seeding_deploys_a_changed_file_only_over_the_files_own_version(api, app, tmp_path):
    def seed(text):
        (tmp_path / "dispatch_department.dmn").write_text(text, encoding="utf-8")
        with app.app_context():
            seeded = [(v.number, v.created_by) for v in seed_from_files(tmp_path)]
            db.session.commit()
        return seeded

    assert seed(ORIGINAL) == []  # the demo seed imported this file already: nothing to do
    assert seed(CHANGED) == [(2, "rules/")]  # a new release of the file, over the file's own version
    designer, reviewer = api.as_user("designer"), api.as_user("xzspj_approver")
    number = _draft(designer, ORIGINAL.replace('<text>"ZJJ"</text>', '<text>"ZRZYJ"</text>'))
    designer.post(f"{DISPATCH}/versions/{number}/submit", json={"note": "建设工程改由规划局承办"})
    assert reviewer.post(f"{DISPATCH}/versions/{number}/approve").status_code == 200
    assert seed(ORIGINAL) == []  # the person's version stays
    deployed = [v for v in designer.get(f"{DISPATCH}/versions").get_json() if v["status"] == "deployed"]
    assert [(v["number"], v["created_by"]) for v in deployed] == [(3, "designer")]
