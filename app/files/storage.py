"""Content-addressed storage: a blob is named by the SHA-256 of its bytes.

One small interface (:class:`FileStorage`: put a stream, open a blob, does it exist) with two real backends
chosen by the ``FILE_STORAGE`` setting: ``local`` (a directory, default ``instance/files``) and ``s3``
(S3-compatible object storage, :mod:`app.files.s3`). Streams are read in chunks; nothing is held whole in
memory.
"""
import hashlib
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol

logger = logging.getLogger(__name__)

CHUNK_SIZE = 1024 * 1024


@dataclass(frozen=True)
class StoredBlob:
    sha256: str
    size: int


class BlobMissing(Exception):
    """The storage has no blob with this hash."""


class FileStorage(Protocol):
    def put(self, stream: BinaryIO) -> StoredBlob:
        """Store the stream's bytes (read to the end in chunks); storing the same bytes twice is a no-op."""

    def open(self, sha256: str) -> BinaryIO:
        """A readable binary stream of the blob (close it after use); :class:`BlobMissing` if absent."""

    def exists(self, sha256: str) -> bool:
        """Whether a blob with this hash is stored."""


def copy_hashing(source: BinaryIO, target: BinaryIO) -> StoredBlob:
    """Copy ``source`` to ``target`` chunk by chunk, hashing on the way."""
    digest, size = hashlib.sha256(), 0
    while chunk := source.read(CHUNK_SIZE):
        digest.update(chunk)
        target.write(chunk)
        size += len(chunk)
    return StoredBlob(digest.hexdigest(), size)


def valid_hash(sha256: str) -> bool:
    return len(sha256) == 64 and all(c in "0123456789abcdef" for c in sha256)


class LocalStorage:
    """Blobs under ``root/ab/cd/abcd…`` (sharded by the hash prefix); written to a temporary file in the same
    file system, then renamed into place, so a reader never sees a half-written blob."""

    def __init__(self, root: str | os.PathLike):
        self.root = Path(root)
        self._tmp = self.root / "tmp"
        self._tmp.mkdir(parents=True, exist_ok=True)

    def path_of(self, sha256: str) -> Path:
        if not valid_hash(sha256):
            raise BlobMissing(sha256)
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def put(self, stream: BinaryIO) -> StoredBlob:
        handle, temp_name = tempfile.mkstemp(dir=self._tmp, prefix="upload-")
        try:
            with os.fdopen(handle, "wb") as target:
                blob = copy_hashing(stream, target)
                target.flush()
                os.fsync(target.fileno())
            final = self.path_of(blob.sha256)
            if final.exists():
                os.unlink(temp_name)
            else:
                final.parent.mkdir(parents=True, exist_ok=True)
                os.replace(temp_name, final)
        except BaseException:
            if os.path.exists(temp_name):
                os.unlink(temp_name)
            raise
        return blob

    def open(self, sha256: str) -> BinaryIO:
        try:
            return open(self.path_of(sha256), "rb")
        except FileNotFoundError as exc:
            raise BlobMissing(sha256) from exc

    def exists(self, sha256: str) -> bool:
        try:
            return self.path_of(sha256).is_file()
        except BlobMissing:
            return False
