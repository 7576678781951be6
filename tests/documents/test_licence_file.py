"""The e-licence file (照面): a PDF with holder, number, identifier, issuer, dates and scope, signed in the name
of the issuing department's electronic seal. A real validator (pyHanko) accepts it against the demo CA and
rejects a copy with one changed byte; staff download it from the case, the applicant online with the case
number and query code; for an item of online depth IV that download delivers the result."""
import io
from pathlib import Path

from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from tests.conftest import PUBLIC_BASE_URL
from tests.support import VALID_COMPANY, case_query_code

from .helpers import BUILDING_DEPARTMENT, BUILDING_PERMIT, decided_case, pdf_text

PUBLIC_FILE = "/api/v1/public/licences/file.pdf"


def licence_of(api, case_no, user="clerk_commerce"):
    [licence] = api.as_user(user).get("/api/v1/licences", query_string={"case_no": case_no}).get_json()
    return licence


def staff_file(api, licence, user="clerk_commerce"):
    return api.as_user(user).get(f"/api/v1/licences/{licence['id']}/file.pdf")


def signature_status(app, data: bytes):
    trust_root = load_cert_from_pemder(str(Path(app.config["SEAL_KEYS_DIR"]) / "ca.cert.pem"))
    [signature] = PdfFileReader(io.BytesIO(data)).embedded_signatures
    return validate_pdf_signature(signature, ValidationContext(trust_roots=[trust_root]))


def test_the_licence_file_is_signed_by_the_issuing_department_and_validates_against_the_demo_ca(api, app):
    case_no = decided_case(api)
    licence = licence_of(api, case_no)

    response = staff_file(api, licence)
    assert response.status_code == 200, response.get_json()
    assert response.mimetype == "application/pdf"
    assert f'filename="{licence["number"]}.pdf"' in response.headers["Content-Disposition"]
    status = signature_status(app, response.data)
    assert status.intact and status.valid and status.trusted and status.bottom_line
    assert "示范市市场监督管理局电子印章" in status.signing_cert.subject.human_friendly

    text = pdf_text(response.data)
    for shown in ("食品经营许可证", "张三", licence["number"], licence["identifier"], "示范市市场监督管理局",
                  "2026年3月2日至2031年3月1日", "食品经营许可（330100-XK-001）", licence["verification_code"]):
        assert shown in text, shown
    assert "11010519491231002X" not in text  # a person's ID number is masked on the face
    verify = f"{PUBLIC_BASE_URL}/verify?number={licence['number']}&code={licence['verification_code']}"
    assert verify in text

    # signed once: every download is the same file, recorded once in the history
    assert staff_file(api, licence, "scjgj_approver").data == response.data
    history = api.as_user("clerk_commerce").case(case_no)["history"]
    assert [e["action"] for e in history].count("licence.file_signed") == 1


def test_a_copy_with_one_changed_byte_in_the_signed_range_does_not_validate(api, app):
    data = staff_file(api, licence_of(api, decided_case(api))).data
    signed_until = data.index(b"/ByteRange")
    content_stream = data.index(b"stream", data.index(b"/Length")) + 20
    assert content_stream < signed_until  # a byte of the first signed range
    tampered = bytearray(data)
    tampered[content_stream] ^= 0x01
    status = signature_status(app, bytes(tampered))
    assert not status.intact and not status.bottom_line
    assert signature_status(app, data).bottom_line  # the original still does


def test_a_validator_that_does_not_trust_the_demo_ca_does_not_trust_the_seal(api, app):
    data = staff_file(api, licence_of(api, decided_case(api))).data
    [signature] = PdfFileReader(io.BytesIO(data)).embedded_signatures
    status = validate_pdf_signature(signature, ValidationContext(trust_roots=[]))
    assert status.intact and not status.trusted and not status.bottom_line


def test_the_applicant_downloads_the_licence_with_the_case_number_and_query_code(api, app, client):
    case_no = decided_case(api)
    licence = licence_of(api, case_no)

    code = case_query_code(app, case_no)
    wrong = client.post(PUBLIC_FILE, json={"case_no": case_no, "code": "WRONG234"})
    assert wrong.status_code == 404 and wrong.get_json()["message"].startswith("未找到匹配的办件")
    unknown = client.post(PUBLIC_FILE, json={"case_no": "NO-SUCH-CASE", "code": code})
    assert unknown.status_code == 404 and unknown.get_json()["message"] == wrong.get_json()["message"]
    missing = client.post(PUBLIC_FILE, json={"case_no": case_no})
    assert missing.status_code == 422 and "code" in missing.get_json()["errors"]["json"]

    response = client.post(PUBLIC_FILE, json={"case_no": case_no, "code": code.lower()})
    assert response.status_code == 200, response.get_json()
    assert signature_status(app, response.data).bottom_line
    assert response.data == staff_file(api, licence).data
    # depth III: the result is still issued at the window
    assert api.as_user("clerk_commerce").case(case_no)["status"] == "awaiting_issue"


def test_public_download_failures_count_towards_the_lookup_throttle(api, app, client, monkeypatch):
    monkeypatch.setitem(app.config, "PUBLIC_LOOKUP_FAILURES", 2)
    case_no = decided_case(api)
    for _ in range(2):
        wrong = client.post(PUBLIC_FILE, json={"case_no": case_no, "code": "WRONG234"})
        assert wrong.status_code == 404
    code = case_query_code(app, case_no)
    assert client.post(PUBLIC_FILE, json={"case_no": case_no, "code": code}).status_code == 429


def test_an_online_depth_iv_result_is_delivered_by_the_applicants_download(api, client):
    company = {**VALID_COMPANY, "phone": "13900001234"}
    case_no = decided_case(api, BUILDING_PERMIT, clerk="clerk_construction", staff=BUILDING_DEPARTMENT,
                           applicant=company)
    clerk = api.as_user("clerk_construction")
    assert clerk.case(case_no)["status"] == "awaiting_issue"

    code = case_query_code(client.application, case_no)
    response = client.post(PUBLIC_FILE, json={"case_no": case_no, "code": code})
    assert response.status_code == 200, response.get_json()
    assert "建筑工程施工许可证" in pdf_text(response.data)
    case = clerk.case(case_no)
    assert case["status"] == "finished" and case["issue_method"] == "online"
    [issued] = [e for e in case["history"] if e["action"] == "case.issued"]
    assert issued["detail"]["method"] == "online" and issued["actor"] == "系统"
    # downloading again is fine and changes nothing
    assert client.post(PUBLIC_FILE, json={"case_no": case_no, "code": code}).data == response.data
    assert clerk.issue(case_no).status_code == 409


def test_a_revoked_licence_is_no_longer_handed_out_online(api, client):
    case_no = decided_case(api)
    licence = licence_of(api, case_no)
    revoked = api.as_user("scjgj_approver").post(f"/api/v1/licences/{licence['id']}/revoke",
                                                 json={"reason": "以欺骗手段取得许可"})
    assert revoked.status_code == 200
    response = client.post(PUBLIC_FILE, json={"case_no": case_no,
                                              "code": case_query_code(client.application, case_no)})
    assert response.status_code == 409 and "已撤销" in response.get_json()["message"]


def test_a_refused_case_has_no_licence_to_download(api, client):
    case_no = decided_case(api, decision="reject", opinion="不符合条件")
    response = client.post(PUBLIC_FILE, json={"case_no": case_no,
                                              "code": case_query_code(client.application, case_no)})
    assert response.status_code == 404 and "没有可下载的电子证照" in response.get_json()["message"]


def test_a_department_not_on_the_case_gets_403_for_the_licence_file(api, app):
    licence = licence_of(api, decided_case(api))
    assert app.test_client().get(f"/api/v1/licences/{licence['id']}/file.pdf").status_code == 401
    assert staff_file(api, licence, "zjj_approver").status_code == 403
    assert staff_file(api, licence, "clerk_social").status_code == 403
    assert api.as_user("clerk_commerce").get("/api/v1/licences/999999/file.pdf").status_code == 404


def test_seed_demo_creates_the_demo_ca_and_one_seal_per_department(app, db):
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    directory = Path(app.config["SEAL_KEYS_DIR"])
    assert (directory / "ca.cert.pem").exists() and (directory / "ca.key.pem").stat().st_mode & 0o077 == 0
    for code in ("SCJGJ", "ZJJ", "XFZD", "WJW", "ZRZYJ", "FGW"):
        assert (directory / f"{code}.cert.pem").exists() and (directory / f"{code}.key.pem").exists()
    assert str(directory) in result.output
