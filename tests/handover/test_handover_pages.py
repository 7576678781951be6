"""材料交接 on the pages: the clerk hands over from the receipt, the window page lists the pending handover
(overdue ones highlighted), the handler signs it off from the inbox."""
import json

import re
from datetime import timedelta

from tests.support import VALID_PERSON, demo_answers

FOOD = "330100-XK-001"


def _accept(clerk):
    clerk.get(f"/window/items/{FOOD}")
    response = clerk.post(
        f"/window/items/{FOOD}",
        {
            "applicant_kind": "person",
            "applicant_name": VALID_PERSON["name"],
            "id_number": VALID_PERSON["id_number"],
            "phone": VALID_PERSON["phone"],
            "decision": "accept",
            "materials": ["M01", "M02", "M03", "M04"],
            "form_data": json.dumps(demo_answers(FOOD)),
        },
    )
    assert response.status_code == 302
    return re.search(r"/window/cases/([^/?]+)$", response.headers["Location"]).group(1)


def test_hand_over_from_the_receipt_and_sign_off_in_the_inbox(browser_for, case_clock):
    clerk = browser_for("clerk_commerce")
    case_no = _accept(clerk)
    clerk.get(f"/window/cases/{case_no}")
    assert clerk.post(f"/handovers/cases/{case_no}").status_code == 302

    window = clerk.get("/window").get_data(as_text=True)
    assert case_no in window and 'data-overdue="false"' in window
    case_clock.set(case_clock.now + timedelta(hours=30))
    window = clerk.get("/window").get_data(as_text=True)
    assert 'data-overdue="true"' in window and "超过一天未签收" in window

    handler = browser_for("scjgj_handler")
    inbox = handler.get("/inbox").get_data(as_text=True)
    assert 'data-testid="sign-handover"' in inbox and case_no in inbox
    handover_id = re.search(r"/handovers/(\d+)/sign", inbox).group(1)
    assert handler.post(f"/handovers/{handover_id}/sign").status_code == 302
    assert 'data-testid="sign-handover"' not in handler.get("/inbox").get_data(as_text=True)
    assert (
        case_no not in clerk.get("/window").get_data(as_text=True).split('data-testid="pending-handovers"')[1]
    )
