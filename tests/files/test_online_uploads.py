"""The online applicant uploads their own materials with the application number and query code; the window
sees them at pre-review, and when it passes they become the case's files, each with its SHA-256 in the
case history."""
import hashlib
import io

from tests.files.samples import EXE, PDF, png
from tests.support import FOOD_LICENCE, VALID_PERSON, application_query_code, demo_answers


def _apply(client, materials=("M01", "M02", "M03")):
    body = {"item_code": FOOD_LICENCE, "applicant": VALID_PERSON, "materials": list(materials),
            "form": demo_answers(FOOD_LICENCE)}
    response = client.post("/api/v1/public/applications", json=body)
    assert response.status_code == 201, response.get_json()
    return response.get_json()["application_no"]


def _applicant_upload(client, application_no, code, content, filename="scan.pdf", query_code=None):
    query_code = query_code or application_query_code(client.application, application_no)  # from the receipt
    return client.post(f"/api/v1/public/applications/{application_no}/materials/{code}/files",
                       headers={"X-Query-Code": query_code}, data={"file": (io.BytesIO(content), filename)},
                       content_type="multipart/form-data")


def test_the_applicant_uploads_online_and_the_files_join_the_case_at_pre_review(client, api):
    application_no = _apply(client)
    for code, content in (("M01", PDF), ("M02", png()), ("M03", PDF), ("M04", png())):
        response = _applicant_upload(client, application_no, code, content)
        assert response.status_code == 201, response.get_json()
        assert response.get_json()["stage"] == "online" and "uploaded_by" not in response.get_json()

    clerk = api.as_user("clerk_commerce")
    application = next(a for a in clerk.get("/api/v1/applications?state=pending").get_json()
                       if a["application_no"] == application_no)
    assert [m["code"] for m in application["materials"]] == ["M01", "M02", "M03", "M04"]  # M04 came as a file
    files = clerk.get(f"/api/v1/applications/{application['id']}/files").get_json()
    assert len(files) == 4
    seen = clerk.get(f"/api/v1/applications/{application['id']}/files/{files[1]['id']}")
    assert seen.status_code == 200 and seen.data == png()
    other_sector = api.as_user("clerk_construction")
    assert other_sector.get(f"/api/v1/applications/{application['id']}/files").status_code == 403

    passed = clerk.post(f"/api/v1/applications/{application['id']}/review", json={"decision": "pass"})
    assert passed.status_code == 200, passed.get_json()
    case = api.as_user("scjgj_handler").case(passed.get_json()["case_no"])
    by_code = {m["code"]: m["files"] for m in case["materials"]}
    assert [f["stage"] for f in by_code["M01"]] == ["online"]
    assert by_code["M01"][0]["uploaded_by"] == "申请人（网上提交）"
    attached = [e["detail"]["sha256"] for e in case["history"] if e["action"] == "file.attached"]
    assert len(attached) == 4
    assert set(attached) == {hashlib.sha256(PDF).hexdigest(), hashlib.sha256(png()).hexdigest()}
    assert api.as_user("scjgj_handler").get(by_code["M02"][0]["download_url"]).data == png()
    late = _applicant_upload(client, application_no, "M05", PDF)
    assert late.status_code == 409  # accepted: further files go through the window or a 补正


def test_a_wrong_query_code_or_a_disguised_file_is_refused(client):
    application_no = _apply(client)
    assert _applicant_upload(client, application_no, "M01", PDF, query_code="WRONG234").status_code == 404
    real_code = application_query_code(client.application, application_no)
    assert _applicant_upload(client, "WS-NO-SUCH", "M01", PDF, query_code=real_code).status_code == 404
    disguised = _applicant_upload(client, application_no, "M01", EXE, "申请书.pdf")
    assert disguised.status_code == 422 and "file" in disguised.get_json()["errors"]["files"]
    unknown = _applicant_upload(client, application_no, "M42", PDF)
    assert unknown.status_code == 422 and "code" in unknown.get_json()["errors"]["path"]


def test_after_a_pre_review_supplement_notice_the_applicant_uploads_the_missing_file(client, api):
    application_no = _apply(client)
    clerk = api.as_user("clerk_commerce")
    application = next(a for a in clerk.get("/api/v1/applications?state=pending").get_json()
                       if a["application_no"] == application_no)
    notice = clerk.post(f"/api/v1/applications/{application['id']}/review",
                        json={"decision": "supplement", "reason": "缺少布局图"})
    assert notice.status_code == 200 and [m["code"] for m in notice.get_json()["missing"]] == ["M04"]
    missing = _applicant_upload(client, application_no, "M04", png(), "布局图.png")
    assert missing.status_code == 201 and missing.get_json()["stage"] == "supplement"
    resubmitted = client.post(f"/api/v1/public/applications/{application_no}/resubmit",
                              json={"code": application_query_code(client.application, application_no),
                                    "materials": ["M04"]})
    assert resubmitted.status_code == 200, resubmitted.get_json()
    files = clerk.get(f"/api/v1/applications/{application['id']}/files").get_json()
    assert [(f["material_code"], f["stage"]) for f in files] == [("M04", "supplement")]
