"""The pages of 一件事 without a browser: the public list, guide, one-form application and progress query; the
window's acceptance at the counter, the theme case page with every child's deadline, the notice listing every
item, 统一出件 from the page, and the statistics for 电子监察."""
import json

import sqlalchemy as sa

from app.extensions import db
from app.themes.models import ThemeCase
from tests.documents.helpers import pdf_text

from .support import ANSWERS, APPLICANT, FIRE_CHECK, MATERIALS, THEME, application, approve_all, children


def test_the_portal_lists_the_theme_its_guide_and_its_items_in_the_catalogue(browser):
    assert "开办餐饮店" in browser.get("/themes").get_data(as_text=True)
    guide = browser.get(f"/themes/{THEME}").get_data(as_text=True)
    assert "市场主体设立登记" in guide and "经营面积300平方米以上的" in guide and "10 个工作日" in guide
    catalogue = browser.get(f"/services?theme={THEME}").get_data(as_text=True)
    assert "户外招牌设置" in catalogue and "建筑工程施工许可证核发" not in catalogue
    assert 'data-testid="browse-themes"' in browser.get("/").get_data(as_text=True)
    assert browser.get("/themes/330100-YJS-999").status_code == 404


def test_an_online_theme_application_names_the_missing_material_next_to_the_list(browser):
    browser.get(f"/themes/{THEME}/apply")
    form = {"applicant_kind": "organisation", "applicant_name": APPLICANT["name"], "id_number": APPLICANT["id_number"],
            "phone": APPLICANT["phone"], "form_data": json.dumps(ANSWERS)}
    incomplete = browser.post(f"/themes/{THEME}/apply", {**form, "materials": MATERIALS[:3]})
    assert incomplete.status_code == 422 and "食品经营许可申请书" in incomplete.get_data(as_text=True)
    done = browser.post(f"/themes/{THEME}/apply", {**form, "materials": MATERIALS})
    assert done.status_code == 200 and 'data-testid="query-code"' in done.get_data(as_text=True)


def test_the_window_accepts_at_the_counter_and_issues_every_result_together(api, browser_for):
    clerk = browser_for("clerk_commerce")
    page = clerk.get(f"/theme-desk/themes/{THEME}/accept")
    assert page.status_code == 200
    accepted = clerk.post(f"/theme-desk/themes/{THEME}/accept", {
        "applicant_kind": "organisation", "applicant_name": APPLICANT["name"], "id_number": APPLICANT["id_number"],
        "phone": APPLICANT["phone"], "form_data": json.dumps({**ANSWERS, "area": 120}), "materials": MATERIALS[:5]})
    assert accepted.status_code == 302, accepted.get_data(as_text=True)[:2000]
    theme_no = accepted.headers["Location"].rsplit("/", 1)[1]
    html = clerk.get(f"/theme-desk/cases/{theme_no}").get_data(as_text=True)
    assert f'data-code="{FIRE_CHECK}" data-state="skipped"' in html  # under 300 m²: no fire inspection
    notice = clerk.get(f"/theme-desk/cases/{theme_no}/notice").get_data(as_text=True)
    assert "食品经营许可" in notice and "前置事项办结后自动启动" in notice and "消防安全检查" not in notice
    pdf = clerk.get(f"/theme-desk/cases/{theme_no}/notice.pdf")
    assert pdf.mimetype == "application/pdf" and pdf.data.startswith(b"%PDF-")
    text = pdf_text(pdf.data)
    assert "一件事受理通知书" in text and "市场主体设立登记" in text and "食品经营许可" in text and theme_no in text
    theme = api.as_user("clerk_commerce").get(f"/api/v1/themes/cases/{theme_no}").get_json()
    approve_all(api, children(theme)["330100-XK-007"]["case_no"], "scjgj")
    theme = api.as_user("clerk_commerce").get(f"/api/v1/themes/cases/{theme_no}").get_json()
    approve_all(api, children(theme)["330100-XK-001"]["case_no"], "scjgj")
    assert 'data-testid="issue-theme"' in clerk.get(f"/theme-desk/cases/{theme_no}").get_data(as_text=True)
    waiting = clerk.get("/window/issuance").get_data(as_text=True)  # issued together from the theme's page only
    assert not any(child["case_no"] in waiting for child in children(theme).values() if child.get("case_no"))
    issued = clerk.post(f"/theme-desk/cases/{theme_no}/issue", {"method": "window", "recipient": "张三",
                                                                   "recipient_id_number": "11010519491231002X", "authorised": "1"})
    assert issued.status_code == 302
    assert 'data-status="finished"' in clerk.get(f"/theme-desk/cases/{theme_no}").get_data(as_text=True)

    supervisor = browser_for("supervisor")
    assert theme_no in supervisor.get("/theme-desk").get_data(as_text=True)
    stats = supervisor.get("/theme-desk/statistics").get_data(as_text=True)
    assert "开办餐饮店" in stats and "100.0%" in stats
    assert browser_for("xfzd_handler").get(f"/theme-desk/cases/{theme_no}").status_code == 403  # not its item
    district = browser_for("supervisor_dongcheng")  # received at the city centre: not in 东城区's scope
    assert district.get(f"/theme-desk/cases/{theme_no}").status_code == 403
    assert theme_no not in district.get("/theme-desk").get_data(as_text=True)


def test_the_portal_progress_query_shows_a_theme_number_with_every_child(api, app, browser):
    theme_no = api.as_user("clerk_commerce").post("/api/v1/themes/cases", json=application()).get_json()["theme_no"]
    with app.app_context():
        code = db.session.scalars(sa.select(ThemeCase.query_code).where(ThemeCase.theme_no == theme_no)).one()
    browser.get("/progress")
    answer = browser.post("/progress", {"case_no": theme_no, "code": code}, follow_redirects=True)
    html = answer.get_data(as_text=True)
    assert answer.status_code == 200 and 'data-testid="theme-progress"' in html
    assert html.count('data-testid="child-deadline"') == 4 and "市场主体设立登记" in html
