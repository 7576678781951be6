"""The application's file storage, chosen by the ``FILE_STORAGE`` setting (``local`` or ``s3``)."""
import logging

from flask import current_app

from .s3 import S3Storage
from .storage import FileStorage, LocalStorage

logger = logging.getLogger(__name__)


def storage_from_config(config) -> FileStorage:
    kind = config["FILE_STORAGE"]
    if kind == "local":
        return LocalStorage(config["FILE_STORAGE_DIR"])
    if kind == "s3":
        return S3Storage.from_config(config)
    raise ValueError(f"FILE_STORAGE must be 'local' or 's3', not {kind!r}")


def file_storage() -> FileStorage:
    """The application's storage, built once per app from its settings."""
    storage = current_app.extensions.get("file_storage")
    if storage is None:
        storage = current_app.extensions["file_storage"] = storage_from_config(current_app.config)
        logger.info("file storage: %s", type(storage).__name__)
    return storage
