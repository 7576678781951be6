"""An oversized upload is refused with 413 naming the field, without the body ever being held in memory:
a 30 MB request body is streamed into the full WSGI stack and the peak of Python allocations is measured."""
import tracemalloc

import sqlalchemy as sa
from werkzeug.test import EnvironBuilder

from app.extensions import db
from app.files.models import CaseFile
from tests.files.conftest import upload
from tests.files.samples import PDF

BODY_SIZE = 30 * 1024 * 1024
BOUNDARY = "----yichuang-upload-boundary"


class StreamedBody:
    """A multipart body of ``size`` bytes made on the fly: one PDF file part, read in chunks."""

    def __init__(self, size):
        self.head = (f"--{BOUNDARY}\r\n"
                     "Content-Disposition: form-data; name=\"file\"; filename=\"big.pdf\"\r\n"
                     f"Content-Type: application/pdf\r\n\r\n").encode() + b"%PDF-1.7\n"
        self.tail = f"\r\n--{BOUNDARY}--\r\n".encode()
        self.filler = b"0" * 65536
        self.remaining = size - len(self.head) - len(self.tail)
        self.sent = 0

    def read(self, n=-1):
        n = 65536 if n is None or n < 0 else n
        if self.head:
            out, self.head = self.head[:n], self.head[n:]
        elif self.remaining > 0:
            out = (self.filler * (n // len(self.filler) + 1))[:min(n, self.remaining)]
            self.remaining -= len(out)
        else:
            out, self.tail = self.tail[:n], self.tail[n:]
        self.sent += len(out)
        return out


def _streamed_upload(app, token, case_no, body, declare_length, content_type=None):
    environ = EnvironBuilder(
        path=f"/api/v1/cases/{case_no}/materials/M01/files", method="POST",
        headers={"Authorization": f"Bearer {token}"}).get_environ()
    environ["CONTENT_TYPE"] = content_type or f"multipart/form-data; boundary={BOUNDARY}"
    environ["wsgi.input"] = body
    if declare_length:
        environ["CONTENT_LENGTH"] = str(BODY_SIZE)
    else:  # chunked transfer: no length, the server marks the input as terminated
        environ.pop("CONTENT_LENGTH", None)
        environ["wsgi.input_terminated"] = True
    status = {}

    def start_response(line, headers, exc_info=None):
        status["code"] = int(line.split()[0])

    tracemalloc.start()
    try:
        payload = b"".join(app.wsgi_app(environ, start_response))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return status["code"], payload, peak


def test_a_30_mb_streamed_upload_is_refused_past_the_limit_without_memory_growth(api, app):
    clerk = api.as_user("clerk_commerce")
    case_no = clerk.accept_case()["case_no"]
    body = StreamedBody(BODY_SIZE)
    status, payload, peak = _streamed_upload(app, clerk.token, case_no, body, declare_length=False)
    assert status == 413, payload
    assert b'"file"' in payload and "20 MB".encode() in payload
    limit = app.config["MAX_MATERIAL_FILE_BYTES"]
    assert limit < body.sent < limit + 1024 * 1024  # read up to the limit, then stopped
    assert peak < 4 * 1024 * 1024, f"peak {peak} bytes for a {BODY_SIZE} byte body"
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(CaseFile)) == 0


def test_a_declared_oversized_body_is_refused_before_it_is_read(api, app):
    clerk = api.as_user("clerk_commerce")
    case_no = clerk.accept_case()["case_no"]
    body = StreamedBody(BODY_SIZE)
    status, payload, peak = _streamed_upload(app, clerk.token, case_no, body, declare_length=True)
    assert status == 413 and b'"file"' in payload
    assert body.sent == 0 and peak < 4 * 1024 * 1024


def test_a_body_without_its_boundary_is_refused_early(api, app):
    clerk = api.as_user("clerk_commerce")
    case_no = clerk.accept_case()["case_no"]
    body = StreamedBody(BODY_SIZE)
    environ_type = "multipart/form-data; boundary=not-the-one-in-the-body"
    status, payload, peak = _streamed_upload(app, clerk.token, case_no, body, declare_length=False,
                                             content_type=environ_type)
    assert status == 422 and b'"file"' in payload
    assert body.sent < 1024 * 1024 and peak < 4 * 1024 * 1024


def test_the_size_limit_is_a_setting(api, app):
    clerk = api.as_user("clerk_commerce")
    case_no = clerk.accept_case()["case_no"]
    app.config["MAX_MATERIAL_FILE_BYTES"] = 64
    try:
        refused = upload(clerk, case_no, "M01", PDF + b"0" * 100)
        assert refused.status_code == 413 and "file" in refused.get_json()["errors"]["files"]
        assert upload(clerk, case_no, "M01", PDF[:60]).status_code == 201
    finally:
        app.config["MAX_MATERIAL_FILE_BYTES"] = 20 * 1024 * 1024


def test_json_bodies_keep_the_small_request_limit(api, app):
    clerk = api.as_user("clerk_commerce")
    response = clerk.post("/api/v1/cases", data=b"{" + b" " * (3 * 1024 * 1024) + b"}",
                          content_type="application/json")
    assert response.status_code == 413
