"""The decision-table pages without a browser: who sees what, the JSON endpoints the dmn-js page calls (save,
test) with their 422s naming the field, and the submit / approve forms."""
from pathlib import Path

ORIGINAL = Path("rules/dispatch_department.dmn").read_text(encoding="utf-8")
PAGE = "/designer/decisions/dispatch_department"


def test_designer_edits_tests_and_submits_a_draft_on_the_page(browser_for):
    designer = browser_for("designer")
    index = designer.get("/designer/decisions")
    assert index.status_code == 200 and "dispatch_department" in index.get_data(as_text=True)
    assert 'href="/designer/decisions"' in designer.get("/designer").get_data(as_text=True)
    page = designer.get(designer.get(PAGE).headers["Location"])
    html = page.get_data(as_text=True)
    assert 'data-testid="new-draft"' in html and "dmn-modeler.min.js" in html and "decisions-zh.js" in html

    created = designer.post(f"{PAGE}/versions")
    assert created.headers["Location"].endswith(f"{PAGE}/versions/2")
    draft = designer.get(f"{PAGE}/versions/2").get_data(as_text=True)
    assert 'data-testid="save-draft"' in draft and 'data-testid="test-input-item_code"' in draft

    broken = designer.post_json(f"{PAGE}/versions/2/save.json", {"dmn_xml": "<definitions"})
    assert broken.status_code == 422 and "dmn_xml" in broken.get_json()["errors"]["json"]
    assert designer.post_json(f"{PAGE}/versions/2/save.json", {}).get_json()["errors"]["json"] == {
        "dmn_xml": ["Missing data for required field."]}
    changed = ORIGINAL.replace('<text>"ZJJ"</text>', '<text>"ZRZYJ"</text>')
    assert designer.post_json(f"{PAGE}/versions/2/save.json", {"dmn_xml": changed}).status_code == 200

    tested = designer.post_json(f"{PAGE}/versions/2/test.json", {"inputs": {"item_code": "330100-XK-002"}})
    assert tested.status_code == 200 and tested.get_json()["output"] == {"department": "ZRZYJ"}
    missing = designer.post_json(f"{PAGE}/versions/2/test.json", {"inputs": {"item_code": "330100-XK-009"}})
    assert missing.status_code == 422 and "item_department" in missing.get_json()["errors"]["json"]["inputs"]

    without_reason = designer.post(f"{PAGE}/versions/2/submit", {"note": ""}, follow_redirects=True)
    assert "请说明修改原因" in without_reason.get_data(as_text=True)
    designer.post(f"{PAGE}/versions/2/submit", {"note": "建设工程改由规划局承办"})
    after = designer.get(f"{PAGE}/versions/2").get_data(as_text=True)
    assert 'data-status="in_review"' in after and 'data-testid="approve-version"' not in after


def test_only_the_review_authority_reviews_and_supervisors_only_read(browser_for):
    designer = browser_for("designer")
    designer.post(f"{PAGE}/versions")
    changed = ORIGINAL.replace('<text>"ZJJ"</text>', '<text>"ZRZYJ"</text>')
    designer.post_json(f"{PAGE}/versions/2/save.json", {"dmn_xml": changed})
    designer.post(f"{PAGE}/versions/2/submit", {"note": "改承办部门"})

    assert browser_for("scjgj_approver").get(f"{PAGE}/versions/2").status_code == 403
    supervisor = browser_for("supervisor").get(f"{PAGE}/versions/2").get_data(as_text=True)
    assert 'data-testid="approve-version"' not in supervisor and 'data-testid="save-draft"' not in supervisor

    reviewer = browser_for("xzspj_approver")
    assert 'data-testid="approve-version"' in reviewer.get(f"{PAGE}/versions/2").get_data(as_text=True)
    done = reviewer.post(f"{PAGE}/versions/2/approve", follow_redirects=True).get_data(as_text=True)
    assert 'data-status="deployed"' in done
    assert 'data-testid="rollback-v1"' in designer.get(f"{PAGE}/versions/2").get_data(as_text=True)


def test_in_english_the_page_and_dmn_js_speak_english(browser_for):
    designer = browser_for("designer")
    designer.get("/lang/en")
    html = designer.get(f"{PAGE}/versions/1").get_data(as_text=True)
    assert "Change (new draft)" in html and "Test" in html
    assert "decisions-zh.js" not in html  # dmn-js keeps its own English texts
