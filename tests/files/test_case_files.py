"""电子材料 of a case: the window scans, the back office attaches, whoever may see the case downloads; the type
is told by content, unknown materials and departments not on the case are refused."""
import hashlib

import sqlalchemy as sa

from app.cases.audit import verify_case
from app.cases.models import Case
from app.extensions import db
from app.files.models import CaseFile
from tests.files.conftest import upload
from tests.files.samples import EXE, JPEG, PDF, ofd, png, zip_with


def accepted_case(api):
    return api.as_user("clerk_commerce").accept_case()["case_no"]


def test_a_clerk_scans_two_files_and_the_approver_downloads_them(api, app):
    clerk = api.as_user("clerk_commerce")
    case_no = accepted_case(api)
    application_form = upload(clerk, case_no, "M01", PDF, "食品经营许可申请书.pdf")
    layout = upload(clerk, case_no, "M04", png(), "布局图.png")
    assert application_form.status_code == 201, application_form.get_json()
    assert layout.status_code == 201, layout.get_json()
    scanned = application_form.get_json()
    assert scanned["stage"] == "window-scan" and scanned["media_type"] == "application/pdf"
    assert scanned["sha256"] == hashlib.sha256(PDF).hexdigest() and scanned["size"] == len(PDF)
    assert scanned["uploaded_by"] and scanned["filename"] == "食品经营许可申请书.pdf"

    for user in ("scjgj_handler", "scjgj_reviewer"):
        api.as_user(user).decide(case_no)
    approver = api.as_user("scjgj_approver")
    case = approver.case(case_no)
    files = {m["code"]: m["files"] for m in case["materials"]}
    assert [f["filename"] for f in files["M01"]] == ["食品经营许可申请书.pdf"]
    assert [f["media_type"] for f in files["M04"]] == ["image/png"]
    assert files["M02"] == [] and files["M01"][0]["uploaded_at"]

    download = approver.get(files["M01"][0]["download_url"])
    assert download.status_code == 200 and download.data == PDF
    assert download.mimetype == "application/pdf"
    assert download.headers["Cache-Control"] == "no-store"
    disposition = download.headers["Content-Disposition"]
    assert disposition.startswith("attachment;") and "filename*=UTF-8''" in disposition
    preview = approver.get(files["M04"][0]["download_url"], query_string={"disposition": "inline"})
    assert preview.data == png() and preview.headers["Content-Disposition"].startswith("inline;")
    assert preview.mimetype == "image/png"

    uploads = [e for e in case["history"] if e["action"] == "file.uploaded"]
    assert [e["detail"]["sha256"] for e in uploads] == [scanned["sha256"], hashlib.sha256(png()).hexdigest()]
    with app.app_context():
        assert verify_case(db.session.scalars(sa.select(Case).where(Case.case_no == case_no)).one()) is None


def test_with_s3_storage_the_scan_goes_to_the_bucket_and_downloads_the_same(api, app, s3_storage):
    app.extensions["file_storage"] = s3_storage  # the local_storage fixture puts the previous one back
    clerk = api.as_user("clerk_commerce")
    case_no = accepted_case(api)
    scanned = upload(clerk, case_no, "M01", PDF, "申请书.pdf").get_json()
    keys = [obj["Key"] for obj in s3_storage.client.list_objects_v2(Bucket=s3_storage.bucket)["Contents"]]
    assert keys == [f"blobs/{scanned['sha256'][:2]}/{scanned['sha256']}"]
    download = api.as_user("scjgj_handler").get(scanned["download_url"])
    assert download.status_code == 200 and download.data == PDF and download.mimetype == "application/pdf"


def test_a_download_without_a_login_is_refused(api, client):
    clerk = api.as_user("clerk_commerce")
    case_no = accepted_case(api)
    url = upload(clerk, case_no, "M01", PDF).get_json()["download_url"]
    assert client.get(url).status_code == 401


def test_an_exe_renamed_pdf_is_refused_and_nothing_is_stored(api, app, local_storage):
    clerk = api.as_user("clerk_commerce")
    case_no = accepted_case(api)
    response = upload(clerk, case_no, "M01", EXE, "申请书.pdf")
    assert response.status_code == 422
    assert "file" in response.get_json()["errors"]["files"]
    assert not local_storage.exists(hashlib.sha256(EXE).hexdigest())
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(CaseFile)) == 0
    assert "file.uploaded" not in [e["action"] for e in clerk.case(case_no)["history"]]


def test_jpeg_and_ofd_are_accepted_by_content_and_a_plain_zip_is_not(api):
    clerk = api.as_user("clerk_commerce")
    case_no = accepted_case(api)
    photo = upload(clerk, case_no, "M03", JPEG, "身份证.JPG")
    package = upload(clerk, case_no, "M02", ofd(), "营业执照.ofd")
    assert photo.get_json()["media_type"] == "image/jpeg"
    assert package.status_code == 201 and package.get_json()["media_type"] == "application/ofd"
    plain_zip = upload(clerk, case_no, "M02", zip_with("Doc_0/Document.xml"), "营业执照.ofd")
    assert plain_zip.status_code == 422 and "file" in plain_zip.get_json()["errors"]["files"]
    renamed_pdf = upload(clerk, case_no, "M02", PDF, "营业执照.png")  # the name lies, the content decides
    assert renamed_pdf.get_json()["media_type"] == "application/pdf"


def test_an_unknown_material_code_or_a_missing_file_is_named(api):
    clerk = api.as_user("clerk_commerce")
    case_no = accepted_case(api)
    unknown = upload(clerk, case_no, "M99", PDF)
    assert unknown.status_code == 422 and "code" in unknown.get_json()["errors"]["path"]
    empty = upload(clerk, case_no, "M01", b"")
    assert empty.status_code == 422 and "file" in empty.get_json()["errors"]["files"]
    json_body = clerk.post(f"/api/v1/cases/{case_no}/materials/M01/files", json={"file": "x"})
    assert json_body.status_code == 422 and "file" in json_body.get_json()["errors"]["files"]
    broken = clerk.post(f"/api/v1/cases/{case_no}/materials/M01/files",
                        data=b"--b\r\nX-Nothing: here\r\n\r\n%PDF-1.4\r\n--b--\r\n",
                        content_type="multipart/form-data; boundary=b")
    assert broken.status_code == 422 and "file" in broken.get_json()["errors"]["files"]


def test_a_department_not_on_the_case_gets_403_for_its_files(api):
    clerk = api.as_user("clerk_commerce")
    case_no = accepted_case(api)
    url = upload(clerk, case_no, "M01", PDF).get_json()["download_url"]
    outsider = api.as_user("zjj_handler")
    assert outsider.get(url).status_code == 403
    assert outsider.get(f"/api/v1/cases/{case_no}/files").status_code == 403
    assert outsider.get(f"/api/v1/cases/{case_no}/materials/M01/files").status_code == 403
    assert upload(outsider, case_no, "M01", PDF).status_code == 403
    assert upload(api.as_user("clerk_construction"), case_no, "M01", PDF).status_code == 403
    assert api.as_user("supervisor").get(url).status_code == 200  # supervision sees every case


def test_the_back_office_attaches_an_inspection_record(api):
    case_no = accepted_case(api)
    handler = api.as_user("scjgj_handler")
    record = upload(handler, case_no, "ATTACHMENT", JPEG, "现场.jpg", description="勘验记录")
    assert record.status_code == 201, record.get_json()
    assert record.get_json()["stage"] == "back-office" and record.get_json()["description"] == "勘验记录"
    window = api.as_user("clerk_commerce")
    assert upload(window, case_no, "ATTACHMENT", PDF).status_code == 422  # attachments are not for the window
    assert upload(api.as_user("supervisor"), case_no, "M01", PDF).status_code == 403
    materials = api.as_user("scjgj_approver").case(case_no)["materials"]
    attachment = [m for m in materials if m["code"] == "ATTACHMENT"]
    assert attachment and attachment[0]["files"][0]["description"] == "勘验记录"
    listed = handler.get(f"/api/v1/cases/{case_no}/materials/ATTACHMENT/files").get_json()
    assert [f["filename"] for f in listed] == ["现场.jpg"]


def test_a_supplement_case_gets_its_missing_file_uploaded_at_the_window(api):
    clerk = api.as_user("clerk_commerce")
    case = clerk.accept_case(materials=["M01", "M02", "M03"], decision="supplement", missing=["M04"])
    case_no = case["case_no"]
    brought = upload(clerk, case_no, "M04", PDF, "布局图.pdf")
    assert brought.status_code == 201 and brought.get_json()["stage"] == "supplement"
    response = clerk.post(f"/api/v1/cases/{case_no}/supplement", json={"materials": ["M04"]})
    assert response.status_code == 200 and response.get_json()["status"] == "in_progress"
    m04 = next(m for m in response.get_json()["materials"] if m["code"] == "M04")
    assert m04["stage"] == "supplement" and m04["files"][0]["filename"] == "布局图.pdf"
