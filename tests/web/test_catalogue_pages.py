"""Item versions on pages: the designer edits a draft's elements, submits it; the review authority publishes
it; retiring the published version takes two reviewers (one asks with a reason, another confirms) and both
are recorded. The catalogue exports to Excel and imports with every bad cell listed in a table."""
import io

from openpyxl import load_workbook

from tests.support import FOOD_LICENCE

ITEM = f"/designer/items/{FOOD_LICENCE}/versions"


def test_a_draft_is_edited_submitted_published_and_retired_by_two_reviewers(browser_for, api):
    designer = browser_for("designer")
    designer.get("/designer/items")
    assert designer.post(ITEM).status_code == 302
    page = designer.get(f"{ITEM}/2").get_data(as_text=True)
    assert 'data-testid="edit-elements"' in page
    bad = designer.post(f"{ITEM}/2/elements", {"name": "", "legal_limit": "20", "promised_limit": "abc"})
    assert bad.status_code == 422 and 'data-field="promised_limit"' in bad.get_data(as_text=True)
    saved = designer.post(f"{ITEM}/2/elements", {"name": "食品经营许可（新办）", "legal_limit": "20",
                                                 "promised_limit": "8", "legal_basis": "《食品安全法》第三十五条"})
    assert saved.status_code == 302
    version = api.as_user("designer").get(f"/api/v1/catalogue/items/{FOOD_LICENCE}/versions/2").get_json()
    assert (version["name"], version["promised_limit"]["value"]) == ("食品经营许可（新办）", 8)
    assert len(version["materials"]) == 9  # the materials the page does not edit are kept
    designer.post(f"{ITEM}/2/submit")

    reviewer = browser_for("xzspj_approver")
    assert 'data-testid="approve-version"' in reviewer.get(f"{ITEM}/2").get_data(as_text=True)
    reviewer.post(f"{ITEM}/2/approve")
    page = reviewer.get(f"{ITEM}/2").get_data(as_text=True)
    assert 'data-status="published"' in page and 'data-testid="request-retire"' in page
    reviewer.post(f"{ITEM}/2/retire-request", {"reason": ""})
    assert 'data-testid="request-retire"' in reviewer.get(f"{ITEM}/2").get_data(as_text=True)  # needs a reason
    reviewer.post(f"{ITEM}/2/retire-request", {"reason": "该事项已调整为告知承诺制"})
    page = reviewer.get(f"{ITEM}/2").get_data(as_text=True)
    assert 'data-testid="withdraw-retire"' in page and 'data-testid="confirm-retire"' not in page
    reviewer.post(f"{ITEM}/2/retire")  # the one who asked cannot confirm
    assert 'data-status="published"' in reviewer.get(f"{ITEM}/2").get_data(as_text=True)

    second = browser_for("xzspj_head")
    assert 'data-testid="confirm-retire"' in second.get(f"{ITEM}/2").get_data(as_text=True)
    second.post(f"{ITEM}/2/retire")
    page = second.get(f"{ITEM}/2").get_data(as_text=True)
    actors = page.split('data-testid="version-actors"')[1].split("</p>")[0]
    assert 'data-status="retired"' in page and "xzspj_approver" in actors and "xzspj_head" in actors
    assert "该事项已调整为告知承诺制" in actors


def test_the_import_page_lists_every_bad_cell_and_imports_a_good_workbook(browser_for):
    designer = browser_for("designer")
    page = designer.get("/designer/items/import").get_data(as_text=True)
    assert 'data-testid="import-progress"' in page and "js/catalogue-import.js" in page
    exported = designer.get("/designer/items/export.xlsx")
    assert exported.status_code == 200 and exported.mimetype.endswith("spreadsheetml.sheet")
    book = load_workbook(io.BytesIO(exported.data))
    book["事项"]["M2"] = "abc"  # 法定时限 of the first item
    book["材料"]["C2"] = None  # a material without a name
    broken = io.BytesIO()
    book.save(broken)

    answer = designer.client.post("/designer/items/import", headers={"Accept": "application/json"}, data={
        "csrf_token": designer.token, "file": (io.BytesIO(broken.getvalue()), "catalogue.xlsx")},
        content_type="multipart/form-data")
    assert answer.status_code == 422
    rows = answer.get_json()["rows"]
    assert {(r["sheet"], r["row"], r["column"]) for r in rows} >= {("事项", 2, "法定时限"), ("材料", 2, "材料名称")}

    html = designer.post("/designer/items/import", {"file": (io.BytesIO(broken.getvalue()), "catalogue.xlsx")},
                         content_type="multipart/form-data")
    table = html.get_data(as_text=True).split('data-testid="import-errors"')[1]
    assert html.status_code == 422 and "法定时限" in table and "材料名称" in table

    good = designer.post("/designer/items/import", {"file": (io.BytesIO(exported.data), "catalogue.xlsx")},
                         content_type="multipart/form-data")
    drafts = good.get_data(as_text=True).split('data-testid="import-drafts"')[1]
    assert good.status_code == 201 and FOOD_LICENCE in drafts and "v2" in drafts
    assert designer.post("/designer/items/import", {"file": (io.BytesIO(b"x"), "catalogue.csv")},
                         content_type="multipart/form-data").status_code == 422
    assert browser_for("supervisor").get("/designer/items/import").status_code == 403
