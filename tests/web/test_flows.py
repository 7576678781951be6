"""A day's work through the pages (test client): accept, supplement, approve, issue, design."""
import io
import re

import pypdf

import json

from tests.support import VALID_COMPANY, VALID_PERSON, demo_answers

FOOD = "330100-XK-001"


ALL_REQUIRED = ("M01", "M02", "M03", "M04")


def _accept(clerk, decision="accept", materials=ALL_REQUIRED, applicant=VALID_PERSON, **extra):
    clerk.get(f"/window/items/{FOOD}")
    data = {"applicant_kind": applicant["kind"], "applicant_name": applicant["name"],
            "id_number": applicant["id_number"], "phone": applicant["phone"], "decision": decision,
            "materials": list(materials), "form_data": json.dumps(demo_answers(FOOD)), **extra}
    return clerk.post(f"/window/items/{FOOD}", data)


def _case_no(response):
    return re.search(r"/window/cases/([^/?]+)$", response.headers["Location"]).group(1)


def test_the_window_finds_items_of_its_sector_by_name_or_code(browser_for):
    clerk = browser_for("clerk_commerce")
    page = clerk.get("/window?q=食品").get_data(as_text=True)
    assert "食品经营许可" in page and "建筑工程施工许可证核发" not in page
    assert "个体工商户变更登记" in clerk.get("/window?q=JB-001").get_data(as_text=True)
    assert "建筑工程" not in clerk.get("/window?q=XK-002").get_data(as_text=True)


def test_the_item_page_shows_the_checklist_with_required_materials(browser_for):
    page = browser_for("clerk_commerce").get(f"/window/items/{FOOD}").get_data(as_text=True)
    assert page.count('name="materials"') == 9  # M06–M09 are situational: hidden until the form calls for them
    assert "食品安全管理制度目录" in page and "非必要" in page
    assert "js/idcheck.js" in page


def test_accepting_a_case_gives_its_number_deadline_and_notice(browser_for):
    clerk = browser_for("clerk_commerce")
    response = _accept(clerk)
    assert response.status_code == 302
    case_no = _case_no(response)
    receipt = clerk.get(f"/window/cases/{case_no}").get_data(as_text=True)
    assert case_no in receipt and "2026-03-09" in receipt  # 5 working days after Monday 2026-03-02
    notice = clerk.get(f"/window/cases/{case_no}/notice").get_data(as_text=True)
    assert "受理通知书" in notice and "决定予以受理" in notice and "食品经营许可申请书" in notice


def test_an_invalid_id_number_is_shown_on_the_field(browser_for):
    clerk = browser_for("clerk_commerce")
    response = _accept(clerk, applicant={**VALID_PERSON, "id_number": "110105194912310021"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "身份证号码校验位错误" in page and 'data-field="id_number"' in page


def test_a_bad_phone_is_refused_by_the_api_schema(browser_for):
    response = _accept(browser_for("clerk_commerce"), applicant={**VALID_PERSON, "phone": "123"})
    assert response.status_code == 422
    assert "请输入11位手机号或带区号的固定电话" in response.get_data(as_text=True)


def test_missing_required_materials_cannot_be_accepted(browser_for):
    response = _accept(browser_for("clerk_commerce"), materials=("M01", "M02"))
    assert response.status_code == 422
    assert "必要材料不齐，不能受理" in response.get_data(as_text=True)


def test_supplement_notice_then_supplement_at_the_window(browser_for):
    clerk = browser_for("clerk_commerce")
    case_no = _case_no(_accept(clerk, decision="supplement", materials=("M01", "M02", "M03"),
                               applicant=VALID_COMPANY, reason="平面图需标明面积"))
    notice = clerk.get(f"/window/cases/{case_no}/notice").get_data(as_text=True)
    assert "一次性补正告知书" in notice and "经营场所平面布局图和设备布局图" in notice
    assert case_no in clerk.get("/window").get_data(as_text=True)
    assert "接收补正材料" in clerk.get(f"/window/cases/{case_no}/supplement").get_data(as_text=True)
    response = clerk.post(f"/window/cases/{case_no}/supplement", {"materials": ["M04"], "decision": "accept"})
    assert response.status_code == 302
    assert "办理中" in clerk.get(f"/window/cases/{case_no}").get_data(as_text=True)


def test_refusal_needs_a_reason_and_states_the_right_of_appeal(browser_for):
    clerk = browser_for("clerk_commerce")
    assert _accept(clerk, decision="refuse", materials=()).status_code == 422
    case_no = _case_no(_accept(clerk, decision="refuse", materials=(), reason="不属于本机关职权范围"))
    notice = clerk.get(f"/window/cases/{case_no}/notice").get_data(as_text=True)
    assert "不予受理通知书" in notice and "行政复议" in notice and "不属于本机关职权范围" in notice


def test_inbox_approve_through_to_issue(browser_for):
    clerk = browser_for("clerk_commerce")
    case_no = _case_no(_accept(clerk))
    for username in ("scjgj_handler", "scjgj_reviewer", "scjgj_approver"):
        staff = browser_for(username)
        inbox = staff.get("/inbox").get_data(as_text=True)
        assert case_no in inbox and 'data-colour="green"' in inbox
        page = staff.get(f"/cases/{case_no}").get_data(as_text=True)
        assert 'data-testid="my-task"' in page and "diagram.json" in page
        task_id = re.search(r'/inbox/tasks/([^/]+)/complete', page).group(1)
        response = staff.post(f"/inbox/tasks/{task_id}/complete", {"decision": "approve", "opinion": "同意"})
        assert response.status_code == 302 and response.headers["Location"].endswith("/inbox")
    assert case_no in clerk.get("/window").get_data(as_text=True)
    assert clerk.post(f"/window/cases/{case_no}/issue", {"method": "post"}).status_code == 422
    refused = clerk.post(f"/window/cases/{case_no}/issue", {"method": "window", "recipient": "张三"})
    assert refused.status_code == 422 and 'data-field="recipient_id_number"' in refused.get_data(as_text=True)
    response = clerk.post(f"/window/cases/{case_no}/issue", {"method": "window", "recipient": "张三",
                                                             "recipient_id_number": "11010519491231002X"})
    assert response.status_code == 302
    assert "已办结" in clerk.get(f"/cases/{case_no}").get_data(as_text=True)


def test_return_without_an_opinion_is_refused_with_a_message(browser_for):
    case_no = _case_no(_accept(browser_for("clerk_commerce")))
    handler = browser_for("scjgj_handler")
    page = handler.get(f"/cases/{case_no}").get_data(as_text=True)
    task_id = re.search(r'/inbox/tasks/([^/]+)/complete', page).group(1)
    response = handler.post(f"/inbox/tasks/{task_id}/complete", {"decision": "reject"})
    assert response.status_code == 302
    assert "须填写审批意见" in handler.get(response.headers["Location"]).get_data(as_text=True)


def test_diagram_json_marks_the_current_step(browser_for):
    case_no = _case_no(_accept(browser_for("clerk_commerce")))
    data = browser_for("scjgj_handler").get(f"/cases/{case_no}/diagram.json").get_json()
    assert data["current_step_ids"] == ["Task_Handle"]
    assert "受理审查" in data["completed_step_names"]
    assert data["bpmn_xml"].lstrip().startswith("<?xml") and data["process_key"] == "standard_approval"
    assert browser_for("wjw_handler").get(f"/cases/{case_no}/diagram.json").status_code == 403


def test_the_designer_lists_opens_validates_saves_and_submits_and_a_reviewer_deploys(browser_for, app):
    designer = browser_for("designer")
    page = designer.get("/designer").get_data(as_text=True)
    assert "standard_approval" in page and "open-standard_approval-v" in page
    version = int(re.search(r"/designer/standard_approval/versions/(\d+)", page).group(1))
    assert "vendor/bpmn-js/bpmn-modeler-panel.min.js" in designer.get(
        f"/designer/standard_approval/versions/{version}").get_data(as_text=True)
    source = designer.get(f"/designer/standard_approval/versions/{version}.json").get_json()
    edited = source["bpmn_xml"].replace('name="承办"', 'name="承办（受理后）"')
    upload = {"file_name": source["bpmn_file"], "bpmn_xml": edited}
    assert designer.post_json("/designer/validate.json", upload).get_json()["valid"] is True
    unassigned = edited.replace('camunda:candidateGroups="${department}:reviewer"', "")
    result = designer.post_json("/designer/validate.json", {**upload, "bpmn_xml": unassigned}).get_json()
    assert result["valid"] is False and any(p["element_id"] == "Task_Review" for p in result["problems"])

    broken = designer.post_json("/designer/standard_approval/draft.json", {**upload, "bpmn_xml": unassigned,
                                                                          "base_version": version})
    assert broken.status_code == 200, broken.get_json()  # a draft may be incomplete; submitting it may not
    refused = designer.post_json(f"/designer/drafts/{broken.get_json()['id']}/submit.json", {"note": "改名"})
    assert refused.status_code == 422 and refused.get_json()["problems"]
    saved = designer.post_json("/designer/standard_approval/draft.json",
                               {**upload, "revision": broken.get_json()["revision"]}).get_json()
    submitted = designer.post_json(f"/designer/drafts/{saved['id']}/submit.json", {"note": "承办环节改名"})
    assert submitted.get_json()["status"] == "in_review"
    reviewer = browser_for("xzspj_approver")
    assert "承办环节改名" in reviewer.get("/designer/reviews").get_data(as_text=True)
    reviewer.get(f"/designer/drafts/{saved['id']}")
    deployed = reviewer.post_json(f"/designer/drafts/{saved['id']}/approve.json", {"note": "同意"})
    assert deployed.status_code == 201, deployed.get_json()
    assert deployed.get_json()["deployed"][0]["version"] == version + 1


def test_the_supervision_dashboard_renders(browser_for):
    page = browser_for("supervisor").get("/supervision").get_data(as_text=True)
    assert ("部门统计" in page and "<svg" in page) or "尚未启用" in page


def test_the_receipt_links_the_numbered_pdf_notice_and_reprints_keep_the_number(browser_for):
    clerk = browser_for("clerk_commerce")
    case_no = _case_no(_accept(clerk))
    receipt = clerk.get(f"/window/cases/{case_no}").get_data(as_text=True)
    link = f"/window/cases/{case_no}/notices/acceptance.pdf"
    assert link in receipt and "打印 PDF" in receipt
    first, again = clerk.get(link), clerk.get(link)
    assert first.status_code == 200 and first.mimetype == "application/pdf"
    assert first.data.startswith(b"%PDF-")
    titles = [pypdf.PdfReader(io.BytesIO(r.data)).metadata.title for r in (first, again)]
    assert titles[0] == titles[1] == "受理通知书 示范政服受字〔2026〕第00001号"
    assert clerk.get(f"/window/cases/{case_no}/notices/refusal.pdf").status_code == 404
