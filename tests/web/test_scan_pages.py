"""Scanning on the window's acceptance page, before the decision, without a browser: the scan is staged with
the page's CSRF token in the header, the form shown again after a refused decision still carries it, and the
accepted case has it; only its clerk may look at a staged scan."""
import io
import json

import pytest

from app.files.storage import LocalStorage
from tests.files.samples import PDF, png
from tests.support import FOOD_LICENCE, VALID_PERSON, demo_answers


@pytest.fixture(autouse=True)
def local_storage(app, tmp_path):
    previous = app.extensions.get("file_storage")
    app.extensions["file_storage"] = LocalStorage(tmp_path / "files")
    yield
    app.extensions.pop("file_storage", None)
    if previous is not None:
        app.extensions["file_storage"] = previous


def stage(browser, code, content, filename="scan.pdf", token=True):
    headers = {"X-CSRFToken": browser.token} if token else {}
    return browser.client.post(f"/window/items/{FOOD_LICENCE}/materials/{code}/scans", headers=headers,
                               data={"file": (io.BytesIO(content), filename)},
                               content_type="multipart/form-data")


def decide(browser, materials, scans):
    return browser.post(f"/window/items/{FOOD_LICENCE}", {
        "applicant_kind": "person", "applicant_name": VALID_PERSON["name"],
        "id_number": VALID_PERSON["id_number"], "phone": VALID_PERSON["phone"], "decision": "accept",
        "materials": materials, "scans": [str(s) for s in scans],
        "form_data": json.dumps(demo_answers(FOOD_LICENCE))})


def test_the_clerk_scans_on_the_acceptance_page_retries_after_a_refusal_and_the_case_has_the_scans(
        api, browser_for):
    clerk = browser_for("clerk_commerce")
    page = clerk.get(f"/window/items/{FOOD_LICENCE}").get_data(as_text=True)
    assert f"/window/items/{FOOD_LICENCE}/materials/M01/scans" in page and "js/files.js" in page
    assert stage(clerk, "M01", PDF, token=False).status_code == 400  # the page's token, before any byte
    licence = stage(clerk, "M01", PDF, "营业执照.pdf")
    assert licence.status_code == 201, licence.get_json()
    layout = stage(clerk, "M04", png(), "布局图.png").get_json()
    looked_at = clerk.get(f"/window/scans/{layout['id']}?disposition=inline")
    assert looked_at.status_code == 200 and looked_at.mimetype == "image/png"
    assert browser_for("clerk_social").get(f"/window/scans/{layout['id']}").status_code == 404

    refused = decide(clerk, ["M01"], [licence.get_json()["id"], layout["id"]])  # M02, M03 missing
    assert refused.status_code == 422
    shown = refused.get_data(as_text=True)
    assert "必要材料不齐" in shown
    assert f'name="scans" value="{layout["id"]}"' in shown and "营业执照.pdf" in shown  # still on the form

    accepted = decide(clerk, ["M01", "M02", "M03"], [licence.get_json()["id"], layout["id"]])
    assert accepted.status_code == 302, accepted.get_data(as_text=True)[:2000]
    case_no = accepted.headers["Location"].rsplit("/", 1)[-1]
    receipt = clerk.get(f"/window/cases/{case_no}").get_data(as_text=True)
    assert "营业执照.pdf" in receipt and "布局图.png" in receipt
    files = {m["code"]: [f["filename"] for f in m["files"]]
             for m in api.as_user("clerk_commerce").case(case_no)["materials"]}
    assert files["M01"] == ["营业执照.pdf"] and files["M04"] == ["布局图.png"]


def test_a_scan_id_that_is_not_the_clerks_is_shown_next_to_the_form(api, browser_for):
    other = api.as_user("clerk_commerce")
    used = other.http.post(f"/api/v1/items/{FOOD_LICENCE}/materials/M01/scans", headers=other.headers,
                           data={"file": (io.BytesIO(PDF), "a.pdf")}, content_type="multipart/form-data")
    other.accept_case(scans=[used.get_json()["id"]])
    clerk = browser_for("clerk_commerce")
    clerk.get(f"/window/items/{FOOD_LICENCE}")
    response = decide(clerk, ["M01", "M02", "M03", "M04"], [used.get_json()["id"]])
    assert response.status_code == 422
    assert "已归入办件" in response.get_data(as_text=True)
