"""The content-addressed storage: the same suite runs against the filesystem backend and against S3 (a real
S3-compatible HTTP server started by the tests)."""
import hashlib
import io
import os

import pytest

from app.files.backends import storage_from_config
from app.files.s3 import S3Storage
from app.files.storage import BlobMissing, LocalStorage


class ChunkedSource(io.RawIOBase):
    """A readable stream of ``size`` pseudo-random bytes made on the fly (never held whole)."""

    def __init__(self, size, seed=b"yichuang", fail_after=None):
        self.remaining, self.fail_after, self.sent = size, fail_after, 0
        self.block = hashlib.sha256(seed).digest() * 2048
        self.digest = hashlib.sha256()

    def readable(self):
        return True

    def read(self, n=-1):
        if self.fail_after is not None and self.sent >= self.fail_after:
            raise ConnectionResetError("client went away")
        n = self.remaining if n is None or n < 0 else min(n, self.remaining)
        data = (self.block * (n // len(self.block) + 1))[:n]
        self.remaining -= n
        self.sent += n
        self.digest.update(data)
        return data


@pytest.fixture(params=["local", "s3"])
def storage(request, local_storage):
    return local_storage if request.param == "local" else request.getfixturevalue("s3_storage")


def test_a_stored_blob_is_named_by_its_sha256_and_reads_back(storage):
    content = b"%PDF-1.7\n" + "营业执照".encode() * 100
    blob = storage.put(io.BytesIO(content))
    assert blob.sha256 == hashlib.sha256(content).hexdigest() and blob.size == len(content)
    assert storage.exists(blob.sha256)
    with storage.open(blob.sha256) as stream:
        assert stream.read() == content


def test_storing_the_same_bytes_twice_keeps_one_blob(storage):
    first = storage.put(io.BytesIO(b"same scan"))
    second = storage.put(io.BytesIO(b"same scan"))
    assert first == second and storage.exists(first.sha256)


def test_a_large_stream_is_stored_in_chunks_with_the_right_hash(storage):
    source = ChunkedSource(9 * 1024 * 1024 + 17)
    blob = storage.put(source)
    assert blob.size == 9 * 1024 * 1024 + 17 and blob.sha256 == source.digest.hexdigest()
    digest = hashlib.sha256()
    with storage.open(blob.sha256) as stream:
        while chunk := stream.read(1024 * 1024):
            digest.update(chunk)
    assert digest.hexdigest() == blob.sha256


def test_an_unknown_hash_is_missing(storage):
    absent = hashlib.sha256(b"never stored").hexdigest()
    assert not storage.exists(absent)
    with pytest.raises(BlobMissing):
        storage.open(absent)
    assert not storage.exists("../../etc/passwd")


def test_an_interrupted_upload_leaves_nothing_behind(storage):
    source = ChunkedSource(4 * 1024 * 1024, seed=b"interrupted", fail_after=2 * 1024 * 1024)
    with pytest.raises(ConnectionResetError):
        storage.put(source)
    whole = ChunkedSource(4 * 1024 * 1024, seed=b"interrupted")
    whole.read()
    assert not storage.exists(whole.digest.hexdigest())


def test_the_filesystem_backend_shards_by_hash_prefix_and_renames_into_place(local_storage):
    blob = local_storage.put(io.BytesIO(b"\x89PNG\r\n\x1a\nsharded"))
    path = local_storage.root / blob.sha256[:2] / blob.sha256[2:4] / blob.sha256
    assert path.read_bytes() == b"\x89PNG\r\n\x1a\nsharded"
    with pytest.raises(ConnectionResetError):
        local_storage.put(ChunkedSource(3 * 1024 * 1024, fail_after=1024 * 1024))
    assert os.listdir(local_storage.root / "tmp") == []  # no half-written temporary file is left


def test_the_s3_backend_keys_objects_by_hash_in_its_bucket(s3_storage):
    blob = s3_storage.put(io.BytesIO(b"%PDF-1.4 object storage"))
    listed = s3_storage.client.list_objects_v2(Bucket=s3_storage.bucket)["Contents"]
    assert [obj["Key"] for obj in listed] == [f"blobs/{blob.sha256[:2]}/{blob.sha256}"]
    assert listed[0]["Size"] == blob.size


def test_the_backend_is_chosen_by_the_settings(app, s3_endpoint, tmp_path):
    local = storage_from_config({**app.config, "FILE_STORAGE": "local",
                                 "FILE_STORAGE_DIR": str(tmp_path / "blobs")})
    assert isinstance(local, LocalStorage) and local.root == tmp_path / "blobs"
    remote = storage_from_config({**app.config, "FILE_STORAGE": "s3", "S3_ENDPOINT_URL": s3_endpoint,
                                  "S3_BUCKET": "configured", "S3_REGION": "us-east-1",
                                  "S3_ACCESS_KEY_ID": "testing", "S3_SECRET_ACCESS_KEY": "testing"})
    assert isinstance(remote, S3Storage) and remote.bucket == "configured" and remote.prefix == "blobs/"
    with pytest.raises(ValueError):
        storage_from_config({**app.config, "FILE_STORAGE": "ftp"})
