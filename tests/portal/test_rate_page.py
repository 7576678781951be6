"""好差评 on the portal: the applicant finds the case with its number and query code, grades it overall and on
each national online indicator, and the rating is stored once; a missing indicator is named on the form."""
import sqlalchemy as sa

from app.extensions import db
from app.ratings.models import Rating
from tests.support import FOOD_LICENCE, case_query_code

ALL_ONLINE = {"indicator_efficiency": "1", "indicator_guide_accuracy": "2", "indicator_convenience": "1",
              "indicator_usability": "2"}


def test_a_citizen_rates_a_case_with_the_online_indicators(app, api, browser):
    case_no = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]
    code = case_query_code(app, case_no)
    browser.get("/rate")
    found = browser.post("/rate", {"case_no": case_no, "code": code}).get_data(as_text=True)
    assert 'data-testid="rate-form"' in found and "办事指南精确度" in found and "平台操作性" in found
    assert "张三" not in found  # the applicant is masked

    incomplete = browser.post("/rate", {"case_no": case_no, "code": code, "stage": "rate", "grade": "1",
                                        "indicator_efficiency": "1"})
    assert incomplete.status_code == 422
    page = incomplete.get_data(as_text=True)
    assert 'data-testid="error-indicator-usability"' in page and "请评价“平台操作性”" in page

    done = browser.post("/rate", {"case_no": case_no, "code": code, "stage": "rate", "grade": "4",
                                  "text": "等待时间长", **ALL_ONLINE})
    assert done.status_code == 200 and 'data-testid="rate-follow-up"' in done.get_data(as_text=True)
    with app.app_context():
        rating = db.session.scalars(sa.select(Rating)).one()
        assert (rating.channel, rating.grade, rating.indicators["guide_accuracy"]) == ("web", 4, 2)
    again = browser.post("/rate", {"case_no": case_no, "code": code, "stage": "rate", "grade": "1", **ALL_ONLINE})
    assert again.status_code == 409 and "只能评价一次" in again.get_data(as_text=True)


def test_a_wrong_code_is_told_on_the_page(api, browser):
    case_no = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]
    browser.get("/rate")
    page = browser.post("/rate", {"case_no": case_no, "code": "000000"}).get_data(as_text=True)
    assert 'data-testid="rate-problem"' in page and 'data-testid="rate-form"' not in page
