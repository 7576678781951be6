"""The window page lists online applications for pre-review; passing one accepts it as a case."""

import re

from tests.support import FOOD_LICENCE, VALID_PERSON, demo_answers


def test_the_clerk_passes_an_online_application_from_the_window_page(browser_for, client):
    body = {"item_code": FOOD_LICENCE, "applicant": VALID_PERSON, "materials": ["M01", "M02", "M03", "M04"],
            "form": demo_answers(FOOD_LICENCE)}
    application_no = client.post("/api/v1/public/applications", json=body).get_json()["application_no"]
    clerk = browser_for("clerk_commerce")
    page = clerk.get("/window").get_data(as_text=True)
    assert f'data-application-no="{application_no}"' in page
    assert application_no not in browser_for("clerk_construction").get("/window").get_data(as_text=True)

    action = re.search(r'action="(/window/applications/\d+/review)"', page).group(1)
    response = clerk.post(action, {"decision": "pass"})
    assert response.status_code == 302 and "/window/cases/" in response.headers["Location"]
    assert application_no not in clerk.get("/window").get_data(as_text=True)
