"""Scanning before the 受理 decision: the window clerk scans each material while checking it, the scans wait as
the clerk's own staged files, and the decision's request names them so that they join the new case (受理, 补正
or 不予受理 alike) in the same transaction. Another clerk's scan, one already on a case or an unknown id is
refused naming the field, and a refused decision leaves the scans to the clerk for the retry."""
import hashlib
import io
from datetime import timedelta

import sqlalchemy as sa

from app.cases.audit import verify_case
from app.cases.models import Case
from app.extensions import db
from app.files.models import CaseFile
from tests.files.samples import EXE, PDF, png
from tests.support import FOOD_LICENCE

BUILDING_PERMIT = "330100-XK-002"
SELF_EMPLOYED_CHANGE = "330100-JB-001"  # also at the commerce window


def stage(session, code, content, filename="scan.pdf", item_code=FOOD_LICENCE):
    return session.http.post(f"/api/v1/items/{item_code}/materials/{code}/scans", headers=session.headers,
                             data={"file": (io.BytesIO(content), filename)},
                             content_type="multipart/form-data")


def staged_id(session, code, content, filename="scan.pdf", item_code=FOOD_LICENCE):
    response = stage(session, code, content, filename, item_code)
    assert response.status_code == 201, response.get_json()
    return response.get_json()["id"]


def errors_of(response):
    return response.get_json()["errors"]["json"]


def test_the_clerk_scans_while_checking_and_the_accepted_case_has_the_files(api, app):
    clerk = api.as_user("clerk_commerce")
    licence = staged_id(clerk, "M01", PDF, "营业执照.pdf")
    layout = staged_id(clerk, "M04", png(), "布局图.png")
    assert [f["filename"] for f in clerk.get("/api/v1/scans").get_json()] == ["营业执照.pdf", "布局图.png"]

    # M04 is not ticked: its scan counts it as received
    case = clerk.accept_case(materials=["M01", "M02", "M03"], scans=[licence, layout])
    assert case["status"] == "in_progress"
    assert clerk.get("/api/v1/scans").get_json() == []  # no longer staged

    approver = api.as_user("scjgj_handler")
    shown = approver.case(case["case_no"])
    files = {m["code"]: m["files"] for m in shown["materials"]}
    assert [f["filename"] for f in files["M01"]] == ["营业执照.pdf"]
    assert files["M04"][0]["stage"] == "window-scan" and files["M04"][0]["media_type"] == "image/png"
    assert approver.get(files["M01"][0]["download_url"]).data == PDF
    uploads = [e for e in shown["history"] if e["action"] == "file.uploaded"]
    assert [e["detail"]["sha256"] for e in uploads] == [hashlib.sha256(PDF).hexdigest(),
                                                        hashlib.sha256(png()).hexdigest()]
    assert all(e["detail"]["before_decision"] for e in uploads)
    with app.app_context():
        stored = db.session.scalars(sa.select(Case).where(Case.case_no == case["case_no"])).one()
        assert verify_case(stored) is None


def test_a_scan_is_checked_like_any_upload_before_it_is_staged(api, app, local_storage, monkeypatch):
    clerk = api.as_user("clerk_commerce")
    monkeypatch.setitem(app.config, "MAX_MATERIAL_FILE_BYTES", 4096)
    oversized = stage(clerk, "M01", PDF + b" " * 8192)
    assert oversized.status_code == 413 and "file" in oversized.get_json()["errors"]["files"]
    disguised = stage(clerk, "M01", EXE, "营业执照.pdf")
    assert disguised.status_code == 422 and "file" in disguised.get_json()["errors"]["files"]
    assert not local_storage.exists(hashlib.sha256(EXE).hexdigest())
    unknown_material = stage(clerk, "M99", PDF)
    assert unknown_material.status_code == 422 and "code" in unknown_material.get_json()["errors"]["path"]
    other_window = stage(clerk, "M01", PDF, item_code=BUILDING_PERMIT)  # not this window's item
    assert other_window.status_code == 403
    assert api.as_user("scjgj_handler").http.post(
        f"/api/v1/items/{FOOD_LICENCE}/materials/M01/scans", headers=api.as_user("scjgj_handler").headers,
        data={"file": (io.BytesIO(PDF), "a.pdf")}, content_type="multipart/form-data").status_code == 403


def test_another_clerks_scan_an_attached_scan_and_an_unknown_id_are_refused_naming_the_field(api):
    clerk = api.as_user("clerk_commerce")
    foreign = staged_id(api.as_user("clerk_construction"), "M01", PDF, item_code=BUILDING_PERMIT)
    mine = staged_id(clerk, "M01", PDF)
    used = staged_id(clerk, "M02", png())
    other_item = staged_id(clerk, "M01", PDF, item_code=SELF_EMPLOYED_CHANGE)  # its M01 is another material
    clerk.accept_case(scans=[used])

    for scans, index, words in (([mine, foreign], "1", "不是您暂存"), ([used], "0", "已归入办件"),
                                ([mine, 987654], "1", "不存在"), ([mine, mine], "1", "重复"),
                                ([other_item], "0", "不属于事项")):
        response = clerk.submit_case(scans=scans)
        assert response.status_code == 422, response.get_json()
        assert words in errors_of(response)["scans"][index][0]
    not_an_id = clerk.submit_case(scans=["abc"])
    assert not_an_id.status_code == 422 and "scans" in errors_of(not_an_id)
    assert [f["id"] for f in clerk.get("/api/v1/scans").get_json()] == [mine, other_item]  # still the clerk's


def test_a_refused_acceptance_attaches_nothing_and_the_retry_uses_the_same_scans(api):
    clerk = api.as_user("clerk_commerce")
    scans = [staged_id(clerk, "M01", PDF), staged_id(clerk, "M02", png(), "平面图.png")]
    incomplete = clerk.submit_case(materials=["M01"], scans=scans)  # M03, M04 missing: cannot accept
    assert incomplete.status_code == 422 and "materials" in errors_of(incomplete)
    assert sorted(f["id"] for f in clerk.get("/api/v1/scans").get_json()) == sorted(scans)

    case = clerk.accept_case(materials=["M03", "M04"], scans=scans)
    files = {m["code"]: [f["id"] for f in m["files"]] for m in clerk.case(case["case_no"])["materials"]}
    assert files["M01"] == [scans[0]] and files["M02"] == [scans[1]]


def test_a_not_accepted_case_keeps_the_scans_as_the_record_of_what_was_presented(api):
    clerk = api.as_user("clerk_commerce")
    scan = staged_id(clerk, "M01", PDF, "营业执照.pdf")
    case = clerk.accept_case(decision="refuse", materials=[], scans=[scan], reason="不属于本机关职权范围")
    shown = clerk.case(case["case_no"])
    assert shown["status"] == "not_accepted"
    m01 = next(m for m in shown["materials"] if m["code"] == "M01")
    assert [f["filename"] for f in m01["files"]] == ["营业执照.pdf"]


def test_scans_never_used_are_pruned_after_a_day(api, app, case_clock):
    clerk = api.as_user("clerk_commerce")
    old = staged_id(clerk, "M01", PDF)
    used = staged_id(clerk, "M02", png())
    case_no = clerk.accept_case(scans=[used])["case_no"]
    case_clock.set(case_clock.now + timedelta(hours=23))
    fresh = staged_id(clerk, "M03", PDF)
    case_clock.set(case_clock.now + timedelta(hours=2))

    result = app.test_cli_runner().invoke(args=["files", "prune-staged"])
    assert result.exit_code == 0 and "1" in result.output, result.output
    assert [f["id"] for f in clerk.get("/api/v1/scans").get_json()] == [fresh]
    with app.app_context():
        assert db.session.get(CaseFile, old) is None
        assert db.session.get(CaseFile, used).case.case_no == case_no  # an attached scan stays
