"""Window paperwork: the clerk prints the written notice of a decision as a numbered PDF; the number is given
once and every reprint is the same document; the supplement notice lists every missing material with its
standard; the refusal notice states the reason and the right to review or sue."""

import io

import pypdf
import sqlalchemy as sa

from app.paperwork.models import CaseNotice
from tests.support import FOOD_LICENCE


def _pdf(session, case_no, kind):
    return session.get(f"/api/v1/cases/{case_no}/notices/{kind}.pdf")


def _text(pdf_bytes):
    return "".join(page.extract_text() or "" for page in pypdf.PdfReader(io.BytesIO(pdf_bytes)).pages)


def _stored(app, case_no, kind):
    from app.cases.models import Case
    from app.extensions import db

    with app.app_context():
        return (
            db.session.scalars(
                sa.select(CaseNotice).join(Case).where(Case.case_no == case_no, CaseNotice.kind == kind)
            )
            .one()
            .content
        )


def test_an_acceptance_notice_is_numbered_once_and_reprinted_with_the_same_number(api, app):
    clerk = api.as_user("clerk_commerce")
    case_no = clerk.accept_case(FOOD_LICENCE)["case_no"]

    first = _pdf(clerk, case_no, "acceptance")
    assert first.status_code == 200, first.get_json()
    assert first.mimetype == "application/pdf" and first.data.startswith(b"%PDF-")
    content = _stored(app, case_no, "acceptance")
    assert content["number"] == "示范政服受字〔2026〕第00001号"
    assert content["case_no"] == case_no and content["decided_on"] == "2026-03-02"
    assert "市场监督管理局" in content["department"] or content["department"]
    assert content["applicant"]["name"] == "张三" and content["item"]["code"] == FOOD_LICENCE
    assert content["progress_url"] == f"https://zwfw.example.gov.cn/progress?case_no={case_no}"
    reader = pypdf.PdfReader(io.BytesIO(first.data))
    assert reader.metadata.title == f"受理通知书 {content['number']}"
    assert case_no in _text(first.data)

    again = _pdf(api.as_user("scjgj_handler"), case_no, "acceptance")
    assert again.status_code == 200
    assert pypdf.PdfReader(io.BytesIO(again.data)).metadata.title == reader.metadata.title
    history = clerk.case(case_no)["history"]
    issued = [e for e in history if e["action"] == "notice.issued"]
    assert len(issued) == 1 and issued[0]["detail"]["number"] == content["number"]

    second_case = clerk.accept_case(FOOD_LICENCE)["case_no"]
    assert _pdf(clerk, second_case, "acceptance").status_code == 200
    assert _stored(app, second_case, "acceptance")["number"] == "示范政服受字〔2026〕第00002号"


def test_the_supplement_notice_lists_every_missing_material_with_its_standard(api, app):
    clerk = api.as_user("clerk_commerce")
    response = clerk.submit_case(
        materials=["M01", "M02"], decision="supplement", missing=["M05"], reason="平面图未标注面积"
    )
    case_no = response.get_json()["case_no"]

    pdf = _pdf(clerk, case_no, "supplement")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF-")
    content = _stored(app, case_no, "supplement")
    assert content["number"] == f"示范政服补字〔{content['decided_on'][:4]}〕第00001号"
    assert [m["code"] for m in content["missing"]] == ["M03", "M04", "M05"]
    assert [m["name"] for m in content["missing"]][:2] == [
        "法定代表人（负责人）身份证明",
        "经营场所平面布局图和设备布局图",
    ]
    assert [m["standard"] for m in content["missing"]] == ["在有效期内", "标明功能区和面积", ""]
    assert [(m["originals"], m["copies"]) for m in content["missing"]] == [(0, 1), (1, 0), (1, 0)]
    assert content["note"] == "平面图未标注面积"
    text = _text(pdf.data).replace("\n", "")
    assert all(m["name"] in text for m in content["missing"]) and "标明功能区和面积" in text
    # no acceptance yet, so no acceptance notice
    assert _pdf(clerk, case_no, "acceptance").status_code == 404
    assert _pdf(clerk, case_no, "refusal").status_code == 404


def test_the_refusal_notice_gives_the_reason_and_the_right_to_review_or_sue(api, app):
    clerk = api.as_user("clerk_commerce")
    response = clerk.submit_case(materials=["M01"], decision="refuse", reason="不属于本机关职权范围")
    case_no = response.get_json()["case_no"]

    pdf = _pdf(clerk, case_no, "refusal")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF-")
    assert _stored(app, case_no, "refusal")["reason"] == "不属于本机关职权范围"
    text = _text(pdf.data)
    assert "不予受理通知书" in text and "不属于本机关职权范围" in text
    assert "六十日内依法申请行政复议" in text and "六个月内依法向人民法院提起行政诉讼" in text


def test_only_staff_who_may_see_the_case_get_its_notices(api, app):
    case_no = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]
    assert app.test_client().get(f"/api/v1/cases/{case_no}/notices/acceptance.pdf").status_code == 401
    assert _pdf(api.as_user("clerk_construction"), case_no, "acceptance").status_code == 403
    assert _pdf(api.as_user("clerk_commerce"), case_no, "licence").status_code == 404
    assert _pdf(api.as_user("clerk_commerce"), "NO-SUCH-CASE", "acceptance").status_code == 404


def test_only_the_deciding_window_gives_a_notice_its_number_and_readers_reprint_it(api, app):
    """A supervisor's or a department's first print must not take the next official number."""
    clerk = api.as_user("clerk_commerce")
    case_no = clerk.accept_case(FOOD_LICENCE)["case_no"]
    for reader in ("supervisor", "scjgj_handler"):
        refused = _pdf(api.as_user(reader), case_no, "acceptance")
        assert refused.status_code == 403, reader
    with app.app_context():
        from app.extensions import db

        assert db.session.scalar(sa.select(sa.func.count()).select_from(CaseNotice)) == 0
        db.session.remove()
    assert _pdf(clerk, case_no, "acceptance").status_code == 200
    reprint = _pdf(api.as_user("supervisor"), case_no, "acceptance")
    assert reprint.status_code == 200 and _stored(app, case_no, "acceptance")["number"] in _text(reprint.data)


def _qr_from_page(html: str) -> list[list[bool]]:
    """The modules of the page's QR image (a PNG data: URI): one sample in the middle of each module."""
    import base64
    import re

    from PIL import Image

    from app.documents.qr_image import BORDER

    data = re.search(r'<img src="data:image/png;base64,([^"]+)"[^>]*data-testid="notice-qr"', html).group(1)
    image = Image.open(io.BytesIO(base64.b64decode(data))).convert("L")
    scale = 6
    count = image.width // scale - 2 * BORDER
    return [[image.getpixel(((c + BORDER) * scale + scale // 2, (r + BORDER) * scale + scale // 2)) < 128
             for c in range(count)] for r in range(count)]


def test_the_html_and_the_pdf_notice_agree_on_title_number_date_and_qr(api, app, browser_for):
    """The window prints the notice as a page or as a PDF: both are the same numbered document, with one date
    style and the same progress QR (a PNG the page's CSP allows)."""
    from app.documents.qr_image import qr_modules
    from tests.conftest import PUBLIC_BASE_URL

    clerk = api.as_user("clerk_commerce")
    case_no = clerk.accept_case(FOOD_LICENCE, materials=("M01",), decision="supplement", missing=["M02"])["case_no"]
    page = browser_for("clerk_commerce")
    html = page.get(f"/window/cases/{case_no}/notice").get_data(as_text=True)
    stored = _stored(app, case_no, "supplement")  # numbered on the page's print already
    number = stored["number"]
    pdf = _pdf(clerk, case_no, "supplement").data
    text = _text(pdf).replace("\n", "")
    assert pypdf.PdfReader(io.BytesIO(pdf)).metadata.title == f"一次性补正告知书 {number}"
    assert 'data-testid="notice-title">一次性补正告知书<' in html and number in text
    assert f'data-testid="notice-number">{number}<' in html
    day = stored["decided_on"]
    printed = f"{int(day[:4])}年{int(day[5:7])}月{int(day[8:10])}日"
    assert f'data-testid="notice-date">{printed}<' in html and printed in text
    url = f"{PUBLIC_BASE_URL}/progress?case_no={case_no}"
    assert url in html and url in text
    assert _qr_from_page(html) == qr_modules(url)
    again = page.get(f"/window/cases/{case_no}/notice").get_data(as_text=True)
    assert number in again and _stored(app, case_no, "supplement")["number"] == number
