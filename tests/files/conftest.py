"""Storage for the file stories: a fresh local directory per test, and an S3-compatible HTTP server (moto's
standalone server on 127.0.0.1 and a free port) for the S3 backend."""
import io
import itertools
import socket

import pytest
from moto.server import ThreadedMotoServer

from app.files.s3 import S3Storage
from app.files.storage import LocalStorage


@pytest.fixture(autouse=True)
def local_storage(app, tmp_path):
    """Every test stores into its own directory (the app's storage is built from the settings once)."""
    storage = LocalStorage(tmp_path / "files")
    previous = app.extensions.get("file_storage")
    app.extensions["file_storage"] = storage
    yield storage
    if previous is None:
        app.extensions.pop("file_storage", None)
    else:
        app.extensions["file_storage"] = previous


_buckets = itertools.count(1)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def s3_endpoint():
    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture()
def s3_storage(s3_endpoint):
    """A real boto3 client against the server over HTTP, with a bucket of its own."""
    config = {"S3_ENDPOINT_URL": s3_endpoint, "S3_REGION": "us-east-1", "S3_ACCESS_KEY_ID": "testing",
              "S3_SECRET_ACCESS_KEY": "testing", "S3_ADDRESSING_STYLE": "path", "S3_PREFIX": "blobs/",
              "S3_BUCKET": f"test-files-{next(_buckets)}"}
    storage = S3Storage.from_config(config)
    storage.client.create_bucket(Bucket=config["S3_BUCKET"])
    return storage


def upload(session, case_no, code, content, filename="scan.pdf", **fields):
    """POST one file as multipart/form-data, as a browser form or a scanner client does."""
    data = {"file": (io.BytesIO(content), filename), **fields}
    return session.http.post(f"/api/v1/cases/{case_no}/materials/{code}/files", headers=session.headers,
                             data=data, content_type="multipart/form-data")
