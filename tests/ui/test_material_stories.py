"""Users' stories of electronic materials and documents in a real browser: the clerk fills the item's form,
scans two files while checking the materials and accepts; the approver reads the form and the files and opens
one; a 补正 case gets its missing file and continues; an applicant applies online for a depth-IV item with
files, the window passes the pre-review, the department approves and the applicant downloads the signed
licence."""
import pytest

from app.files.storage import LocalStorage
from tests.files.conftest import upload
from tests.files.samples import PDF, png
from tests.support import FOOD_LICENCE, VALID_COMPANY, VALID_PERSON

from .conftest import fill_food_licence_form, log_in, screenshot, tick_received_materials

FORM_READY = "[data-app-form][data-loaded=true]"
BUILDING_PERMIT = "330100-XK-002"  # 住建局, construction window, online depth IV


@pytest.fixture(autouse=True)
def local_storage(app, tmp_path):
    previous = app.extensions.get("file_storage")
    app.extensions["file_storage"] = LocalStorage(tmp_path / "files")
    yield
    app.extensions.pop("file_storage", None)
    if previous is not None:
        app.extensions["file_storage"] = previous


def attach(page, code, name, mime, content):
    page.get_by_test_id(f"file-input-{code}").set_input_files(files=[{"name": name, "mimeType": mime,
                                                                       "buffer": content}])
    page.wait_for_selector(f"[data-testid=uploader-{code}][data-state=done]")


def test_a_clerk_scans_two_files_then_accepts_and_the_approver_reads_the_form_and_opens_a_file(page, api):
    log_in(page, "clerk_commerce")
    page.goto(f"/window/items/{FOOD_LICENCE}")
    fill_food_licence_form(page, VALID_COMPANY["name"], VALID_COMPANY["id_number"])
    page.get_by_label("申请人类型").select_option("organisation")
    page.get_by_label("申请人名称").fill(VALID_COMPANY["name"])
    page.get_by_label("证件号码").fill(VALID_COMPANY["id_number"])
    page.get_by_label("联系电话").fill(VALID_COMPANY["phone"])
    attach(page, "M01", "营业执照.pdf", "application/pdf", PDF)  # scanned while checking, before the decision
    attach(page, "M02", "经营场所平面图.png", "image/png", png())
    assert page.get_by_test_id("files-M01").inner_text().startswith("营业执照.pdf")
    assert page.locator("#mat-M02").is_checked()
    tick_received_materials(page, "M03", "M04")
    screenshot(page, "clerk-scans-two-files-before-accepting")
    page.get_by_test_id("submit-acceptance").click()
    case_no = page.get_by_test_id("case-no").inner_text().strip()
    assert "营业执照.pdf" in page.get_by_test_id("files-M01").inner_text()  # the receipt lists them
    assert not page.js_errors

    page.get_by_role("button", name="退出").click()
    log_in(page, "scjgj_handler")
    page.goto(f"/cases/{case_no}")
    page.wait_for_selector(FORM_READY)
    assert page.get_by_test_id("case-form").get_by_label("经营者名称").input_value() == VALID_COMPANY["name"]
    materials = page.get_by_test_id("case-materials")
    assert "营业执照.pdf" in materials.get_by_test_id("files-M01").inner_text()
    assert "窗口扫描" in materials.get_by_test_id("files-M02").inner_text()
    image = materials.get_by_test_id("files-M02").get_by_test_id("file-image")
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
    screenshot(page, "approver-sees-the-files")
    with page.expect_popup() as opened:
        materials.get_by_test_id("files-M02").get_by_test_id("file-view").click()
    popup = opened.value
    popup.wait_for_load_state()
    assert popup.evaluate("document.contentType") == "image/png"
    assert not page.js_errors


def test_the_window_offers_a_material_the_applicant_already_gave_and_records_its_reuse(page, api):
    clerk = api.as_user("clerk_commerce")
    earlier = clerk.accept_case()["case_no"]
    assert upload(clerk, earlier, "M03", png(), "身份证明.png").status_code == 201
    log_in(page, "clerk_commerce")
    page.goto(f"/window/items/{FOOD_LICENCE}")
    fill_food_licence_form(page, VALID_COMPANY["name"], VALID_COMPANY["id_number"])
    page.get_by_label("申请人名称").fill(VALID_PERSON["name"])
    page.get_by_label("证件号码").fill(VALID_PERSON["id_number"])
    page.get_by_label("联系电话").fill(VALID_PERSON["phone"])
    offer = page.get_by_test_id("reuse-M03")
    offer.wait_for()  # offered once the ID number checks out
    assert earlier in page.locator("[data-reuse-cell=M03]").inner_text()
    tick_received_materials(page, "M01", "M02", "M04")
    assert not page.locator("#mat-M03").is_checked()  # the applicant does not bring it again
    offer.check()
    assert page.locator("#mat-M03").is_checked()
    screenshot(page, "window-offers-reuse")
    page.get_by_test_id("submit-acceptance").click()

    case = clerk.case(page.get_by_test_id("case-no").inner_text().strip())
    m03 = next(m for m in case["materials"] if m["code"] == "M03")
    assert m03["files"][0]["stage"] == "reuse" and m03["files"][0]["source"]["case_no"] == earlier
    assert not page.js_errors


def test_a_supplement_case_gets_its_missing_file_uploaded_and_continues(page, api):
    clerk = api.as_user("clerk_commerce")
    case_no = clerk.accept_case(decision="supplement", materials=["M01", "M02", "M03"], missing=["M04"],
                                reason="缺少食品安全管理制度")["case_no"]
    log_in(page, "clerk_commerce")
    page.goto(f"/window/cases/{case_no}/supplement")
    attach(page, "M04", "食品安全管理制度.pdf", "application/pdf", PDF)
    assert page.locator("#mat-M04").is_checked()  # the scanned material counts as brought
    screenshot(page, "supplement-file-uploaded")
    page.get_by_role("button", name="提交").click()
    page.wait_for_selector("[data-testid=receipt]")

    case = clerk.case(case_no)
    assert case["status"] == "in_progress"
    m04 = next(m for m in case["materials"] if m["code"] == "M04")
    assert m04["stage"] == "supplement" and m04["files"][0]["stage"] == "supplement"
    assert not page.js_errors


def test_an_applicant_applies_online_with_files_and_downloads_the_signed_licence(page, api):
    page.goto(f"/apply/{BUILDING_PERMIT}")
    page.wait_for_selector(FORM_READY)
    form = page.get_by_test_id("app-form")
    form.get_by_label("工程名称").fill("示范市第一中学教学楼")
    form.get_by_label("建设单位").fill(VALID_COMPANY["name"])
    form.get_by_label("统一社会信用代码").fill(VALID_COMPANY["id_number"])
    form.get_by_label("建设地址").fill("示范市学院路8号")
    form.get_by_label("建筑面积（平方米）").fill("12000")
    form.get_by_label("合同价格（万元）").fill("3500")
    form.locator(".fjs-form-field", has_text="结构类型").locator(".fjs-input-group").click()
    form.locator(".fjs-dropdownlist-item", has_text="框架结构").click()
    form.get_by_label("计划开工日期").fill("2026-04-01")
    form.get_by_label("计划开工日期").press("Enter")
    page.get_by_label("申请人名称").fill(VALID_COMPANY["name"])
    page.get_by_label("证件号码").fill(VALID_COMPANY["id_number"])
    page.get_by_label("联系电话").fill("13900001234")
    page.get_by_test_id("submit-application").click()
    application_no = page.get_by_test_id("application-no").inner_text().strip()
    query_code = page.get_by_test_id("query-code").inner_text().strip()  # written down from the receipt
    attach(page, "M01", "施工许可申请表.pdf", "application/pdf", PDF)
    attach(page, "M03", "施工合同.pdf", "application/pdf", PDF)
    screenshot(page, "applicant-uploads-online")
    assert not page.js_errors

    log_in(page, "clerk_construction")
    row = page.locator(f"tr[data-application-no='{application_no}']")
    assert "施工合同.pdf" in row.get_by_test_id("prereview-files").inner_text()
    assert "示范市第一中学教学楼" in row.get_by_test_id("prereview-form").inner_text()
    row.get_by_test_id("prereview-pass").click()
    case_no = page.get_by_test_id("case-no").inner_text().strip()
    for user in ("zjj_handler", "zjj_reviewer", "zjj_approver"):
        api.as_user(user).decide(case_no)
    page.get_by_role("button", name="退出").click()

    page.goto("/apply/result")
    page.get_by_label("办件编号").fill(case_no)
    page.get_by_label("查询码").fill(query_code)
    page.get_by_role("button", name="查询").click()
    assert page.get_by_test_id("result-label").inner_text() == "准予许可"
    with page.expect_download() as downloaded:
        page.get_by_test_id("download-licence").click()
    with open(downloaded.value.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    screenshot(page, "applicant-downloads-the-licence")
    case = api.as_user("clerk_construction").case(case_no)
    assert case["status"] == "finished" and case["issue_method"] == "online"
    assert {f["filename"] for m in case["materials"] for f in m["files"]} >= {"施工许可申请表.pdf", "施工合同.pdf"}
