"""电子材料 and documents on the pages, without a browser: the clerk scans files on the receipt page (session
login, CSRF token in the header), staff open them from the case page with the case's own access rule, the
window is offered 材料复用 once the ID number is typed, and the online applicant uploads with the application
number and query code and downloads the signed licence with the case number and query code."""
import io
import json

import pytest

from app.files.storage import LocalStorage
from tests.documents.helpers import BUILDING_DEPARTMENT, BUILDING_PERMIT, decided_case
from tests.files.samples import EXE, JPEG, PDF
from tests.support import (
    FOOD_LICENCE, VALID_COMPANY, VALID_PERSON, application_query_code, case_query_code, demo_answers,
)


@pytest.fixture(autouse=True)
def local_storage(app, tmp_path):
    previous = app.extensions.get("file_storage")
    app.extensions["file_storage"] = LocalStorage(tmp_path / "files")
    yield
    app.extensions.pop("file_storage", None)
    if previous is not None:
        app.extensions["file_storage"] = previous


def scan(browser, case_no, code, content, filename="scan.pdf", token=True, **fields):
    headers = {"X-CSRFToken": browser.token} if token else {}
    return browser.client.post(f"/cases/{case_no}/materials/{code}/files", headers=headers,
                               data={"file": (io.BytesIO(content), filename), **fields},
                               content_type="multipart/form-data")


def test_the_clerk_scans_on_the_receipt_page_and_the_approver_sees_and_opens_the_files(api, browser_for):
    case_no = api.as_user("clerk_commerce").accept_case()["case_no"]
    clerk = browser_for("clerk_commerce")
    receipt = clerk.get(f"/window/cases/{case_no}").get_data(as_text=True)
    assert 'data-testid="scans"' in receipt and f"/cases/{case_no}/materials/M01/files" in receipt

    stored = scan(clerk, case_no, "M01", PDF, "营业执照.pdf")
    assert stored.status_code == 201, stored.get_json()
    assert stored.get_json()["stage"] == "window-scan"
    assert scan(clerk, case_no, "M03", JPEG, "身份证.jpg").status_code == 201
    refused = scan(clerk, case_no, "M02", EXE, "平面图.pdf")
    assert refused.status_code == 422 and "file" in refused.get_json()["errors"]["files"]

    approver = browser_for("scjgj_handler")
    page = approver.get(f"/cases/{case_no}").get_data(as_text=True)
    assert "营业执照.pdf" in page and "身份证.jpg" in page
    meta = page[page.index("营业执照.pdf"):].split('data-testid="file-meta">', 1)[1].split("</span>", 1)[0]
    clerk_name = api.as_user("clerk_commerce").get("/api/v1/auth/me").get_json()["display_name"]
    assert "窗口扫描" in meta and clerk_name in meta  # how, who and when
    assert 'data-testid="file-image"' in page  # the JPEG is shown inline
    file_id = stored.get_json()["id"]
    opened = approver.get(f"/cases/{case_no}/files/{file_id}?disposition=inline")
    assert opened.status_code == 200 and opened.data == PDF
    assert opened.headers["Content-Disposition"].startswith("inline;")
    download = approver.get(f"/cases/{case_no}/files/{file_id}")
    assert download.headers["Content-Disposition"].startswith("attachment;")


def test_an_upload_without_the_pages_csrf_token_is_refused_before_anything_is_stored(api, browser_for):
    case_no = api.as_user("clerk_commerce").accept_case()["case_no"]
    clerk = browser_for("clerk_commerce")
    clerk.get(f"/window/cases/{case_no}")
    assert scan(clerk, case_no, "M01", PDF, token=False).status_code == 400
    assert api.as_user("clerk_commerce").get(f"/api/v1/cases/{case_no}/files").get_json() == []


def test_a_department_not_on_the_case_gets_403_for_its_files_on_the_pages(api, browser_for):
    case_no = api.as_user("clerk_commerce").accept_case()["case_no"]
    clerk = browser_for("clerk_commerce")
    clerk.get(f"/window/cases/{case_no}")
    file_id = scan(clerk, case_no, "M01", PDF).get_json()["id"]
    outsider = browser_for("zjj_handler")
    assert outsider.get(f"/cases/{case_no}/files/{file_id}").status_code == 403
    outsider.get("/inbox")
    assert scan(outsider, case_no, "ATTACHMENT", PDF).status_code == 403


def test_the_back_office_attaches_an_inspection_record(api, browser_for):
    case_no = api.as_user("clerk_commerce").accept_case()["case_no"]
    handler = browser_for("scjgj_handler")
    page = handler.get(f"/cases/{case_no}").get_data(as_text=True)
    assert 'data-testid="uploader-attachment"' in page
    attached = scan(handler, case_no, "ATTACHMENT", JPEG, "现场.jpg", description="勘验记录")
    assert attached.status_code == 201, attached.get_json()
    assert attached.get_json()["stage"] == "back-office"
    page = handler.get(f"/cases/{case_no}").get_data(as_text=True)
    assert "勘验记录" in page and "现场.jpg" in page


def test_the_window_is_offered_reuse_and_the_tick_is_recorded_with_its_source(api, browser_for):
    clerk_api = api.as_user("clerk_commerce")
    earlier = clerk_api.accept_case()["case_no"]
    clerk = browser_for("clerk_commerce")
    clerk.get(f"/window/cases/{earlier}")
    scanned = scan(clerk, earlier, "M03", JPEG, "身份证明.jpg").get_json()

    page = clerk.get(f"/window/items/{FOOD_LICENCE}").get_data(as_text=True)
    assert "data-reuse-url" in page
    offer = clerk.post_json(f"/window/items/{FOOD_LICENCE}/reusable.json",
                            {"applicant": {"kind": "person", "id_number": VALID_PERSON["id_number"]}})
    assert offer.status_code == 200, offer.get_json()
    [m03] = [m for m in offer.get_json()["materials"] if m["code"] == "M03"]
    assert m03["files"][0]["file_id"] == scanned["id"]

    response = clerk.post(f"/window/items/{FOOD_LICENCE}", {
        "applicant_kind": "person", "applicant_name": VALID_PERSON["name"],
        "id_number": VALID_PERSON["id_number"], "phone": VALID_PERSON["phone"], "decision": "accept",
        "materials": ["M01", "M02", "M04"], "reuse": [f"M03:file:{scanned['id']}"],
        "form_data": json.dumps(demo_answers(FOOD_LICENCE))})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    case_no = response.headers["Location"].rsplit("/", 1)[-1]
    case = clerk_api.case(case_no)
    m03 = next(m for m in case["materials"] if m["code"] == "M03")
    assert m03["files"][0]["stage"] == "reuse" and m03["files"][0]["source"]["case_no"] == earlier


def test_a_reuse_of_someone_elses_file_is_refused_naming_the_field(api, browser_for):
    clerk = browser_for("clerk_commerce")
    clerk.get(f"/window/items/{FOOD_LICENCE}")
    response = clerk.post(f"/window/items/{FOOD_LICENCE}", {
        "applicant_kind": "person", "applicant_name": VALID_PERSON["name"],
        "id_number": VALID_PERSON["id_number"], "phone": VALID_PERSON["phone"], "decision": "accept",
        "materials": ["M01", "M02", "M04"], "reuse": ["M03:file:99999"],
        "form_data": json.dumps(demo_answers(FOOD_LICENCE))})
    assert response.status_code == 422
    assert "不是本申请人仍有效的历史材料" in response.get_data(as_text=True)


def test_the_online_applicant_finds_the_application_and_uploads_with_the_query_code(client, browser):
    body = {"item_code": FOOD_LICENCE, "applicant": VALID_PERSON, "materials": ["M01"],
            "form": demo_answers(FOOD_LICENCE)}
    application_no = client.post("/api/v1/public/applications", json=body).get_json()["application_no"]
    browser.get(f"/apply/files?application_no={application_no}")
    id_tail = VALID_PERSON["id_number"][-6:]  # the old rule no longer opens it
    wrong = browser.post("/apply/files", {"application_no": application_no, "code": id_tail})
    assert wrong.status_code == 404 and "申报编号或查询码不正确" in wrong.get_data(as_text=True)
    code = application_query_code(client.application, application_no)  # from the receipt
    found = browser.post("/apply/files", {"application_no": application_no, "code": code})
    page = found.get_data(as_text=True)
    assert found.status_code == 200 and 'data-testid="uploader-M02"' in page
    assert f"/api/v1/public/applications/{application_no}/materials/M02/files" in page


def test_the_applicant_downloads_the_signed_licence_of_a_depth_iv_item_on_the_result_page(api, browser):
    company = {**VALID_COMPANY, "phone": "13900001234"}
    case_no = decided_case(api, BUILDING_PERMIT, clerk="clerk_construction", staff=BUILDING_DEPARTMENT,
                           applicant=company)
    code = case_query_code(api.app, case_no)
    browser.get("/apply/result")
    shown = browser.post("/apply/result", {"case_no": case_no, "code": code})
    assert shown.status_code == 200 and 'data-testid="download-licence"' in shown.get_data(as_text=True)
    assert browser.post("/apply/result", {"case_no": case_no, "code": "001234"}).status_code == 404
    download = browser.post("/apply/result/licence.pdf", {"case_no": case_no, "code": code})
    assert download.status_code == 200 and download.mimetype == "application/pdf"
    assert download.headers["Content-Disposition"].startswith("attachment;")
    assert download.data.startswith(b"%PDF")
    case = api.as_user("clerk_construction").case(case_no)
    assert case["status"] == "finished" and case["issue_method"] == "online"


def test_staff_open_the_decision_document_and_the_licence_from_the_case_page(api, browser_for):
    case_no = decided_case(api)
    clerk = browser_for("clerk_commerce")
    page = clerk.get(f"/cases/{case_no}").get_data(as_text=True)
    assert 'data-testid="decision-pdf"' in page and 'data-testid="licence-pdf"' in page
    decision = clerk.get(f"/cases/{case_no}/decision.pdf")
    assert decision.status_code == 200 and decision.data.startswith(b"%PDF")
    [licence] = api.as_user("clerk_commerce").get("/api/v1/licences",
                                                 query_string={"case_no": case_no}).get_json()
    signed = clerk.get(f"/licences/{licence['id']}/file.pdf")
    assert signed.status_code == 200 and signed.data.startswith(b"%PDF")
    assert browser_for("zjj_handler").get(f"/licences/{licence['id']}/file.pdf").status_code == 403


def test_the_pre_review_list_shows_the_applicants_answers_and_files(client, browser_for):
    body = {"item_code": FOOD_LICENCE, "applicant": VALID_PERSON, "materials": ["M01"],
            "form": demo_answers(FOOD_LICENCE, operator_name="示范市小张面馆")}
    application_no = client.post("/api/v1/public/applications", json=body).get_json()["application_no"]
    client.post(f"/api/v1/public/applications/{application_no}/materials/M02/files",
                headers={"X-Query-Code": application_query_code(client.application, application_no)},
                data={"file": (io.BytesIO(PDF), "平面图.pdf")}, content_type="multipart/form-data")
    page = browser_for("clerk_commerce").get("/window").get_data(as_text=True)
    row = page[page.index(f'data-application-no="{application_no}"'):]
    assert "示范市小张面馆" in row and "餐饮服务经营者" in row and "平面图.pdf" in row
