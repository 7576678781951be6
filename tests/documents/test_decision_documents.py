"""Every decision gets its legal document (行政许可法 Art. 38): a grant its 准予行政许可决定书, a refusal its
不予行政许可决定书 with the reasons and the right to 行政复议 within 60 days or to sue within 6 months; numbered
per department and year by the configured pattern; printed URLs and QR codes on the configured public site."""
import re

from tests.conftest import PUBLIC_BASE_URL
from tests.support import FOOD_LICENCE

from .helpers import BUILDING_DEPARTMENT, BUILDING_PERMIT, decided_case, font_report, pdf_text


def decision_pdf(session, case_no, **kwargs):
    return session.get(f"/api/v1/cases/{case_no}/decision.pdf", **kwargs)


def test_a_grant_produces_a_numbered_decision_document_naming_the_licence(api):
    case_no = decided_case(api, opinion="材料齐全，现场核查符合食品经营条件")
    clerk = api.as_user("clerk_commerce")

    response = decision_pdf(clerk, case_no)
    assert response.status_code == 200, response.get_json()
    assert response.mimetype == "application/pdf" and response.data.startswith(b"%PDF-")
    text = pdf_text(response.data)
    assert "准予行政许可决定书" in text and "示范市监许准字〔2026〕0001号" in text
    assert "决定准予行政许可" in text and "材料齐全，现场核查符合食品经营条件" in text
    [licence] = clerk.get("/api/v1/licences", query_string={"case_no": case_no}).get_json()
    assert licence["number"] in text and "十日内" in text
    assert "张三" in text and case_no in text and "示范市市场监督管理局" in text

    history = clerk.case(case_no)["history"]
    issued = [e for e in history if e["action"] == "decision.issued"]
    assert [e["detail"]["number"] for e in issued] == ["示范市监许准字〔2026〕0001号"]
    assert [e["action"] for e in history].index("case.decided") < [e["action"] for e in history].index(
        "decision.issued")
    # a reprint is the same document
    assert pdf_text(decision_pdf(api.as_user("scjgj_approver"), case_no).data) == text


def test_a_refusal_states_the_reasons_and_the_right_to_review_or_sue(api):
    case_no = decided_case(api, decision="reject", opinion="经营场所与住宅未有效隔离，不符合食品安全要求")

    response = decision_pdf(api.as_user("scjgj_handler"), case_no)
    assert response.status_code == 200, response.get_json()
    text = pdf_text(response.data)
    assert "不予行政许可决定书" in text and "决定不予行政许可" in text
    assert re.search(r"示范市监许不准字〔2026〕0001号", text)
    assert "理由如下：经营场所与住宅未有效隔离，不符合食品安全要求" in text
    assert "六十日内依法申请行政复议" in text and "六个月内依法向人民法院提起行政诉讼" in text
    assert "准予行政许可决定书" not in text


def test_numbers_follow_the_pattern_and_increase_per_department_and_year(api):
    first = decided_case(api)
    refused = decided_case(api, decision="reject", opinion="申请人不具备从业条件")
    second = decided_case(api)
    building = decided_case(api, BUILDING_PERMIT, clerk="clerk_construction", staff=BUILDING_DEPARTMENT)

    def number(case_no, user="clerk_commerce"):
        history = api.as_user(user).case(case_no)["history"]
        return next(e["detail"]["number"] for e in history if e["action"] == "decision.issued")

    assert [number(first), number(refused), number(second)] == [
        "示范市监许准字〔2026〕0001号", "示范市监许不准字〔2026〕0002号", "示范市监许准字〔2026〕0003号"]
    assert number(building, "clerk_construction") == "示范建许准字〔2026〕0001号"


def test_the_pattern_is_a_setting(api, app, monkeypatch):
    monkeypatch.setitem(app.config, "DECISION_NUMBER_PATTERN", "{dept_code}-{year}-{kind}-{seq:06d}")
    case_no = decided_case(api)
    assert "SCJGJ-2026-准-000001" in pdf_text(decision_pdf(api.as_user("clerk_commerce"), case_no).data)


def test_printed_urls_use_the_public_site_whatever_the_host_header(api):
    case_no = decided_case(api)
    clerk = api.as_user("clerk_commerce")
    forged = {"Host": "evil.example.net"}
    decision = clerk.http.get(f"/api/v1/cases/{case_no}/decision.pdf", headers={**clerk.headers, **forged})
    notice = clerk.http.get(f"/api/v1/cases/{case_no}/notices/acceptance.pdf", headers={**clerk.headers, **forged})
    for response in (decision, notice):
        assert response.status_code == 200
        text = pdf_text(response.data)
        assert f"{PUBLIC_BASE_URL}/progress?case_no={case_no}" in text and "evil.example.net" not in text
        assert b"evil.example.net" not in response.data


def test_every_font_of_every_document_is_embedded(api):
    case_no = decided_case(api)
    clerk = api.as_user("clerk_commerce")
    [licence] = clerk.get("/api/v1/licences", query_string={"case_no": case_no}).get_json()
    documents = {
        "decision": decision_pdf(clerk, case_no).data,
        "notice": clerk.get(f"/api/v1/cases/{case_no}/notices/acceptance.pdf").data,
        "licence": clerk.get(f"/api/v1/licences/{licence['id']}/file.pdf").data,
    }
    supplement = clerk.accept_case(FOOD_LICENCE, materials=("M01",), decision="supplement", missing=["M02"])
    documents["supplement notice"] = clerk.get(f"/api/v1/cases/{supplement['case_no']}/notices/supplement.pdf").data
    refused = clerk.submit_case(FOOD_LICENCE, decision="refuse", reason="不属于本机关职权范围").get_json()
    documents["refusal notice"] = clerk.get(f"/api/v1/cases/{refused['case_no']}/notices/refusal.pdf").data
    for name, data in documents.items():
        report = font_report(data)
        assert report, f"{name}: no fonts found"
        assert all(embedded for _, embedded in report), f"{name}: fonts not embedded: {report}"
        assert not any("STSong" in font or "Helvetica" in font for font, _ in report), (name, report)


def test_only_staff_who_may_see_the_case_get_its_decision(api, app):
    case_no = decided_case(api)
    assert app.test_client().get(f"/api/v1/cases/{case_no}/decision.pdf").status_code == 401
    forbidden = decision_pdf(api.as_user("zjj_approver"), case_no)
    assert forbidden.status_code == 403 and forbidden.get_json()["code"] == 403
    assert decision_pdf(api.as_user("clerk_construction"), case_no).status_code == 403
    assert decision_pdf(api.as_user("clerk_commerce"), "NO-SUCH-CASE").status_code == 404


def test_an_undecided_case_has_no_decision_document_yet(api):
    case_no = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]
    response = decision_pdf(api.as_user("clerk_commerce"), case_no)
    assert response.status_code == 404 and "尚未作出" in response.get_json()["message"]
