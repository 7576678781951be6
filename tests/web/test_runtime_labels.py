"""The staff pages in English show no Chinese status, stage, event, role or decision label: every dict of
labels a page renders (app.web.labels.PAGE_LABELS) is in the catalogue with its English, and a day's pages in
English (the window's receipt, the case page with its files and history, the inbox, the catalogue, the
network administration, the staff list, supervision) carry none of those labels untranslated. The API keeps
answering them in Chinese."""
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import sqlalchemy as sa
from babel.messages.pofile import read_po

from app.accounts.models import Department, User
from app.extensions import db

from app.files.storage import LocalStorage
from app.web.labels import PAGE_LABELS, RUNTIME_LABELS
from tests.files.samples import PDF
from tests.support import FOOD_LICENCE

PO = Path(__file__).resolve().parents[2] / "app" / "translations" / "en" / "LC_MESSAGES" / "messages.po"
LABELS = {str(label) for labels in PAGE_LABELS.values() for label in labels.values()}
_PIECES = re.compile(r"[·（）()：:、，]")


@pytest.fixture(autouse=True)
def local_storage(app, tmp_path):
    previous = app.extensions.get("file_storage")
    app.extensions["file_storage"] = LocalStorage(tmp_path / "files")
    yield
    app.extensions.pop("file_storage", None)
    if previous is not None:
        app.extensions["file_storage"] = previous


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.pieces, self._skip = set(), 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("script", "style")

    def handle_endtag(self, tag):
        self._skip -= tag in ("script", "style") and self._skip > 0

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.pieces.add(data.strip())
            self.pieces.update(p.strip() for p in _PIECES.split(data) if p.strip())


def untranslated_labels(html: str) -> set[str]:
    parser = _Text()
    parser.feed(html)
    return parser.pieces & LABELS


def in_english(browser_for, username):
    browser = browser_for(username)
    browser.get("/lang/en")
    return browser


def test_every_label_a_page_shows_is_extracted_and_has_its_english():
    with open(PO, "rb") as handle:
        english = {m.id: m.string for m in read_po(handle) if m.id}
    listed = {str(label._args[0]) for label in RUNTIME_LABELS}
    for name, labels in PAGE_LABELS.items():
        assert set(map(str, labels.values())) <= listed, f"list {name}'s labels in app.web.labels"
        missing = sorted(str(label) for label in labels.values() if not english.get(str(label)))
        assert not missing, f"translate {name}: {missing}"


def data_names(app) -> set[str]:
    """Names that are data and may equal a label (the admin called 系统管理员; the charts call 示范市司法局
    just 司法局)."""
    with app.app_context():
        departments = db.session.scalars(sa.select(Department.name))
        return set(departments) | set(db.session.scalars(sa.select(User.display_name)))


def test_a_days_staff_pages_in_english_show_no_chinese_label(app, api, browser_for):
    clerk_api = api.as_user("clerk_commerce")
    scan = clerk_api.http.post(f"/api/v1/items/{FOOD_LICENCE}/materials/M01/scans", headers=clerk_api.headers,
                               data={"file": (io.BytesIO(PDF), "营业执照.pdf")},
                               content_type="multipart/form-data")
    case_no = clerk_api.accept_case(scans=[scan.get_json()["id"]])["case_no"]
    api.as_user("scjgj_handler").decide(case_no)
    refused = clerk_api.accept_case(decision="refuse", materials=[], reason="不属于本机关职权范围")["case_no"]

    names = data_names(app)
    pages = {
        "clerk_commerce": ["/window", f"/window/cases/{case_no}", f"/window/cases/{refused}", "/cases"],
        "scjgj_reviewer": ["/inbox", f"/cases/{case_no}", "/supervision/cards", "/ratings", "/licences"],
        "designer": ["/designer/items", f"/designer/items/{FOOD_LICENCE}/versions/1", "/designer/items/import"],
        "admin": ["/admin", "/admin/users", "/admin/audit", "/admin/calendar"],
        "supervisor": ["/supervision", "/licences", "/ratings", "/postal"],
    }
    for username, urls in pages.items():
        browser = in_english(browser_for, username)
        for url in urls:
            response = browser.get(url)
            assert response.status_code == 200, (url, response.status_code)
            html = response.get_data(as_text=True)
            assert 'lang="en"' in html, url
            left = {label for label in untranslated_labels(html) if not any(n.endswith(label) for n in names)}
            assert not left, (username, url, left)

    history = clerk_api.case(case_no)["history"]  # the API keeps its Chinese labels
    assert {"收件", "受理", "上传材料文件"} <= {e["label"] for e in history}
    assert clerk_api.case(case_no)["status_label"] == "办理中"


def test_a_scan_made_on_the_english_page_is_labelled_in_english(browser_for):
    clerk = in_english(browser_for, "clerk_commerce")
    clerk.get(f"/window/items/{FOOD_LICENCE}")
    stored = clerk.client.post(f"/window/items/{FOOD_LICENCE}/materials/M01/scans",
                               headers={"X-CSRFToken": clerk.token},
                               data={"file": (io.BytesIO(PDF), "licence.pdf")}, content_type="multipart/form-data")
    assert stored.status_code == 201 and stored.get_json()["stage_label"] == "Window scan"
