"""Helpers for the designer stories: the shipped BPMN files and small edits of them."""
from pathlib import Path

BPMN_DIR = Path(__file__).resolve().parents[2] / "bpmn"
SHIPPED_FILES = sorted(p.name for p in BPMN_DIR.glob("*.bpmn"))
URL = "/api/v1/process-definitions"


def shipped(name="standard_approval.bpmn") -> str:
    return (BPMN_DIR / name).read_text(encoding="utf-8")


def edited(old: str, new: str, name="standard_approval.bpmn") -> str:
    source = shipped(name)
    assert old in source, f"{old!r} not in {name}"
    return source.replace(old, new, 1)


def upload(bpmn_xml: str, file_name="standard_approval.bpmn") -> dict:
    return {"file_name": file_name, "bpmn_xml": bpmn_xml}


def line_of(text: str, needle: str) -> int:
    """1-based line of the first line containing ``needle``."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not found")


#: the reviewer of the 行政审批 office (XZSPJ, review_authority approval_office) in the demo data
REVIEWER = "xzspj_approver"


def approve_as(app, username, draft_id, note="同意部署"):
    """A reviewer approves a submitted draft on the review page (session + CSRF)."""
    from tests.web.conftest import Browser

    browser = Browser(app.test_client())
    browser.login(username)
    browser.get(f"/designer/drafts/{draft_id}")
    return browser.post_json(f"/designer/drafts/{draft_id}/approve.json", {"note": note})


def deploy_reviewed(app, designer_session, bpmn_xml, file_name="standard_approval.bpmn"):
    """The designer submits through the API (202, in review); the office's reviewer approves and it deploys."""
    submitted = designer_session.post(URL, json=upload(bpmn_xml, file_name))
    assert submitted.status_code == 202, submitted.get_json()
    approved = approve_as(app, REVIEWER, submitted.get_json()["id"])
    assert approved.status_code == 201, approved.get_json()
    return approved.get_json()
