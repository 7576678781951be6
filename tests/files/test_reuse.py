"""材料复用: at acceptance the window is offered what the same applicant already gave in earlier still-valid
cases and the e-licences this system issued to them; a reused material is recorded with its source."""
import hashlib
from datetime import timedelta

from tests.files.conftest import upload
from tests.files.samples import JPEG, PDF
from tests.support import FOOD_LICENCE, VALID_COMPANY, VALID_PERSON

FIRE_CHECK = "330100-XK-006"  # construction window; its M02 is also 营业执照


def _offer(session, item_code=FOOD_LICENCE, applicant=VALID_PERSON):
    response = session.post("/api/v1/materials/reusable", json={
        "item_code": item_code,
        "applicant": {"kind": applicant["kind"], "id_number": applicant["id_number"]},
    })
    assert response.status_code == 200, response.get_json()
    return {m["code"]: m for m in response.get_json()["materials"]}, response.get_json()


def test_an_earlier_cases_file_is_reused_and_shows_its_source(api):
    clerk = api.as_user("clerk_commerce")
    earlier = clerk.accept_case()["case_no"]
    scanned = upload(clerk, earlier, "M03", JPEG, "身份证明.jpg").get_json()

    offered, _ = _offer(clerk)
    assert [f["file_id"] for f in offered["M03"]["files"]] == [scanned["id"]]
    assert offered["M03"]["files"][0]["case_no"] == earlier

    # the applicant does not bring M03 again: the clerk reuses the earlier scan (免提交)
    case = clerk.accept_case(materials=["M01", "M02", "M04"],
                             reuse=[{"material": "M03", "file_id": scanned["id"]}])
    assert case["status"] == "in_progress"
    m03 = next(m for m in case["materials"] if m["code"] == "M03")
    reused = m03["files"][0]
    assert reused["stage"] == "reuse" and reused["sha256"] == hashlib.sha256(JPEG).hexdigest()
    assert reused["source"]["case_no"] == earlier and reused["source"]["file_id"] == scanned["id"]
    event = next(e for e in case["history"] if e["action"] == "file.reused")
    assert event["detail"]["source_case_no"] == earlier and event["detail"]["sha256"] == reused["sha256"]
    assert clerk.get(reused["download_url"]).data == JPEG  # the same blob, no copy


def test_a_file_is_offered_across_items_by_material_name(api):
    earlier = api.as_user("clerk_commerce").accept_case(applicant=VALID_COMPANY)["case_no"]
    upload(api.as_user("clerk_commerce"), earlier, "M02", PDF, "营业执照.pdf")
    offered, _ = _offer(api.as_user("clerk_construction"), FIRE_CHECK, VALID_COMPANY)
    assert offered["M02"]["name"] == "营业执照" and offered["M02"]["files"][0]["case_no"] == earlier


def test_refused_cases_old_files_and_other_applicants_are_not_offered(api, app, case_clock):
    clerk = api.as_user("clerk_commerce")
    refused = clerk.accept_case(decision="refuse", reason="不属于本机关职权范围")["case_no"]
    upload(clerk, refused, "M01", PDF)
    other = clerk.accept_case(applicant=VALID_COMPANY)["case_no"]
    upload(clerk, other, "M01", PDF)
    assert _offer(clerk)[0] == {}

    accepted = clerk.accept_case()["case_no"]
    scan = upload(clerk, accepted, "M01", PDF).get_json()
    assert "M01" in _offer(clerk)[0]
    case_clock.set(case_clock.now + timedelta(days=app.config["MATERIAL_REUSE_MAX_AGE_DAYS"] + 1))
    assert _offer(clerk)[0] == {}
    stale = clerk.submit_case(materials=["M02", "M03", "M04"],
                              reuse=[{"material": "M01", "file_id": scan["id"]}])
    assert stale.status_code == 422 and "file_id" in stale.get_json()["errors"]["json"]["reuse"]["0"]


def test_an_e_licence_this_system_issued_is_offered_as_already_held(api):
    clerk = api.as_user("clerk_commerce")
    earlier = clerk.accept_case()["case_no"]
    for user in ("scjgj_handler", "scjgj_reviewer", "scjgj_approver"):
        api.as_user(user).decide(earlier)
    _, offer = _offer(clerk)
    licence = offer["licences"][0]
    assert licence["case_no"] == earlier and licence["name"] == "食品经营许可证"

    case = clerk.accept_case(materials=["M01", "M03", "M04"],
                             reuse=[{"material": "M02", "licence_id": licence["licence_id"]}])
    reused = next(m for m in case["materials"] if m["code"] == "M02")["files"][0]
    assert reused["stage"] == "reuse" and reused["source"]["licence_number"] == licence["number"]
    assert reused["source"]["case_no"] == earlier and reused["download_url"] is None
    event = next(e for e in case["history"] if e["action"] == "file.reused")
    assert event["detail"]["licence_number"] == licence["number"]


def test_reuse_requests_are_checked_and_named(api):
    clerk = api.as_user("clerk_commerce")
    other = clerk.accept_case(applicant=VALID_COMPANY)["case_no"]
    foreign = upload(clerk, other, "M02", PDF).get_json()
    response = clerk.submit_case(materials=["M01", "M03", "M04"],
                                 reuse=[{"material": "M02", "file_id": foreign["id"]}])
    assert response.status_code == 422 and "file_id" in response.get_json()["errors"]["json"]["reuse"]["0"]
    response = clerk.submit_case(reuse=[{"material": "M77", "file_id": foreign["id"]}])
    assert response.status_code == 422 and "material" in response.get_json()["errors"]["json"]["reuse"]["0"]
    assert api.as_user("clerk_construction").post("/api/v1/materials/reusable", json={
        "item_code": FOOD_LICENCE, "applicant": {"kind": "person", "id_number": VALID_PERSON["id_number"]},
    }).status_code == 403
