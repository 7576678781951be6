"""The workbench of theme definitions: the designer makes a new version of 开办餐饮店, changes its promised limit in
the elements, saves and submits it; the 行政审批局's reviewer approves it on the same page; a wrong element is named."""
import html as html_lib
import json

from .support import THEME

PAGE = f"/theme-desk/definitions/{THEME}"


def test_a_designer_drafts_and_the_review_authority_publishes_a_theme_version_on_the_page(browser_for):
    designer = browser_for("designer")
    assert THEME in designer.get("/theme-desk/definitions").get_data(as_text=True)
    designer.get(f"{PAGE}/1")
    created = designer.post(f"{PAGE}/1", {"action": "new_draft"})
    assert created.status_code == 302 and created.headers["Location"].endswith(f"{PAGE}/2")
    html = designer.get(f"{PAGE}/2").get_data(as_text=True)
    assert 'data-testid="save-theme"' in html
    start = html.index('data-testid="theme-elements"')
    text = html[html.index(">", start) + 1:html.index("</textarea>", start)]
    elements = json.loads(html_lib.unescape(text))
    wrong = designer.post(f"{PAGE}/2", {"action": "save", "elements": json.dumps({**elements, "sector": "nowhere"})})
    assert wrong.status_code == 422 and "nowhere" in wrong.get_data(as_text=True)
    saved = designer.post(f"{PAGE}/2", {"action": "save", "elements": json.dumps({**elements, "promised_limit": 9})})
    assert saved.status_code == 302
    assert designer.post(f"{PAGE}/2", {"action": "submit"}).status_code == 302

    reviewer = browser_for("xzspj_approver")
    page = reviewer.get(f"{PAGE}/2").get_data(as_text=True)
    assert 'data-testid="approve-theme"' in page
    assert reviewer.post(f"{PAGE}/2", {"action": "approve", "reason": "同意"}).status_code == 302
    assert "已发布" in reviewer.get(f"{PAGE}/2").get_data(as_text=True)
    assert "9 个工作日" in browser_for("clerk_commerce").get(f"/themes/{THEME}").get_data(as_text=True)
