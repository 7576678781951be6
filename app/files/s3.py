"""S3-compatible object storage (AWS S3, MinIO, Ceph RGW…) through boto3, for deployments with several app
servers. Objects are keyed ``<prefix><ab>/<sha256>``; an upload is spooled to a local temporary file while it
is hashed (the key is the hash), then sent with boto3's managed (multipart) transfer."""
import logging
import tempfile
from typing import BinaryIO

import boto3
from boto3.s3.transfer import TransferConfig
from botocore.config import Config
from botocore.exceptions import ClientError

from .storage import CHUNK_SIZE, BlobMissing, StoredBlob, copy_hashing, valid_hash

logger = logging.getLogger(__name__)


class S3Storage:
    def __init__(self, client, bucket: str, prefix: str = ""):
        self.client, self.bucket, self.prefix = client, bucket, prefix

    @classmethod
    def from_config(cls, config) -> "S3Storage":
        client = boto3.client(
            "s3",
            endpoint_url=config["S3_ENDPOINT_URL"] or None,
            region_name=config["S3_REGION"] or None,
            aws_access_key_id=config["S3_ACCESS_KEY_ID"] or None,
            aws_secret_access_key=config["S3_SECRET_ACCESS_KEY"] or None,
            config=Config(s3={"addressing_style": config["S3_ADDRESSING_STYLE"]},
                          retries={"max_attempts": 3, "mode": "standard"}),
        )
        return cls(client, config["S3_BUCKET"], config["S3_PREFIX"])

    def key_of(self, sha256: str) -> str:
        if not valid_hash(sha256):
            raise BlobMissing(sha256)
        return f"{self.prefix}{sha256[:2]}/{sha256}"

    def put(self, stream: BinaryIO) -> StoredBlob:
        with tempfile.TemporaryFile(prefix="s3-upload-") as spool:
            blob = copy_hashing(stream, spool)
            if not self.exists(blob.sha256):
                spool.seek(0)
                self.client.upload_fileobj(spool, self.bucket, self.key_of(blob.sha256),
                                           Config=_transfer_config())
                logger.info("stored blob %s (%d bytes) in bucket %s", blob.sha256, blob.size, self.bucket)
        return blob

    def open(self, sha256: str) -> BinaryIO:
        try:
            response = self.client.get_object(Bucket=self.bucket, Key=self.key_of(sha256))
        except ClientError as exc:
            if _not_found(exc):
                raise BlobMissing(sha256) from exc
            raise
        return response["Body"]

    def exists(self, sha256: str) -> bool:
        try:
            self.client.head_object(Bucket=self.bucket, Key=self.key_of(sha256))
        except ClientError as exc:
            if _not_found(exc):
                return False
            raise
        except BlobMissing:
            return False
        return True


def _not_found(exc: ClientError) -> bool:
    return exc.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound")


def _transfer_config():
    # one part in flight: memory stays at about one part (threaded transfers read ahead by many parts)
    return TransferConfig(multipart_chunksize=8 * CHUNK_SIZE, use_threads=False)
