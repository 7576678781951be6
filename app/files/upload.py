"""Receiving one uploaded file from a multipart/form-data body, streamed.

The body is read from the WSGI input in chunks and decoded with werkzeug's sans-IO multipart decoder; the
file part goes to a temporary file (so that its type can be sniffed before it reaches the storage) and the
upload is aborted with 413 as soon as it passes the size limit. Nothing is held whole in memory.
"""
import logging
import tempfile
import unicodedata
from dataclasses import dataclass, field
from typing import BinaryIO

from flask import current_app, request
from werkzeug.exceptions import ClientDisconnected, RequestEntityTooLarge
from werkzeug.http import parse_options_header
from werkzeug.sansio.multipart import Epilogue, Field, File, MultipartDecoder, NeedData

from app.errors import InvalidInput, ServiceError

logger = logging.getLogger(__name__)

READ_SIZE = 256 * 1024
#: multipart boundaries, part headers and the small text fields that may come with the file
MULTIPART_OVERHEAD = 64 * 1024
TEXT_FIELD_LIMIT = 2000


class UploadTooLarge(ServiceError):
    status = 413


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB"


def file_error(field_name: str, message: str, error=InvalidInput):
    return error(message, {"files": {field_name: [message]}})


def too_large(field_name: str, limit: int) -> UploadTooLarge:
    return file_error(field_name, f"文件超过大小上限 {_megabytes(limit)}", UploadTooLarge)


@dataclass
class ReceivedUpload:
    """The file part, spooled to a temporary file (close it when done), and the text fields."""

    spool: BinaryIO
    filename: str
    size: int
    fields: dict = field(default_factory=dict)

    def close(self):
        self.spool.close()


def sanitize_filename(raw: str | None) -> str:
    """The last path component, NFC, without control or quoting characters, at most 200 characters."""
    name = unicodedata.normalize("NFC", raw or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C" and c not in '"<>|:*?;')
    name = name.strip(" .") or "file"
    if len(name) > 200:
        stem, dot, ext = name.rpartition(".")
        name = (stem[: 200 - len(ext) - 1] + dot + ext) if dot and len(ext) <= 10 else name[:200]
    return name


def receive_upload(field_name: str = "file", limit: int | None = None) -> ReceivedUpload:
    """Stream the request's multipart body; 413 past ``limit`` bytes of file (default
    MAX_MATERIAL_FILE_BYTES), 422 naming ``field_name`` when no file came."""
    limit = limit if limit is not None else current_app.config["MAX_MATERIAL_FILE_BYTES"]
    mimetype, options = parse_options_header(request.headers.get("Content-Type", ""))
    boundary = options.get("boundary")
    if mimetype != "multipart/form-data" or not boundary:
        raise file_error(field_name, f"请以 multipart/form-data 上传文件，文件字段名为 {field_name}")
    if request.content_length is not None and request.content_length > limit + MULTIPART_OVERHEAD:
        raise too_large(field_name, limit)  # refused before a byte of the body is read
    request.max_content_length = limit + MULTIPART_OVERHEAD  # Flask 3.1: this request's own limit
    spool = tempfile.TemporaryFile(prefix="upload-")
    try:
        return _decode(request.stream, boundary.encode("latin-1"), field_name, limit, spool)
    except RequestEntityTooLarge as exc:
        spool.close()
        raise too_large(field_name, limit) from exc
    except ValueError as exc:  # the decoder's word for a part without Content-Disposition and the like
        spool.close()
        raise file_error(field_name, "multipart/form-data 格式错误") from exc
    except BaseException:
        spool.close()
        raise


def _decode(stream, boundary: bytes, field_name: str, limit: int, spool) -> ReceivedUpload:
    decoder = MultipartDecoder(boundary, max_parts=20)
    fields, upload = {}, None
    current, text = None, bytearray()  # current: "file" | <text field name> | None (ignored part)
    while True:
        try:
            chunk = stream.read(READ_SIZE)
        except ClientDisconnected as exc:
            raise file_error(field_name, "上传未完成（连接中断）") from exc
        decoder.receive_data(chunk or None)
        event = decoder.next_event()
        while not isinstance(event, (NeedData, Epilogue)):
            if isinstance(event, File):
                if event.name != field_name or upload is not None:
                    raise file_error(field_name, f"每次只能上传一个文件，字段名为 {field_name}")
                upload = ReceivedUpload(spool, sanitize_filename(event.filename), 0, fields)
                current = "file"
            elif isinstance(event, Field):
                current, text = event.name, bytearray()
            elif current == "file":
                upload.size += len(event.data)
                if upload.size > limit:
                    raise too_large(field_name, limit)
                spool.write(event.data)
            elif current is not None:
                text += event.data
                if len(text) > TEXT_FIELD_LIMIT:
                    raise InvalidInput(f"{current} 过长", {"form": {current: [f"不能超过 {TEXT_FIELD_LIMIT} 字节"]}})
                if not event.more_data:
                    fields[current] = text.decode("utf-8", "replace")
            event = decoder.next_event()
        if isinstance(event, Epilogue):
            break
        if len(decoder.buffer) > MULTIPART_OVERHEAD:  # no boundary or part header where one must be
            raise file_error(field_name, "multipart/form-data 格式错误（找不到分隔符或段头）")
        if not chunk:
            raise file_error(field_name, "上传内容不完整")
    if upload is None or upload.size == 0:
        raise file_error(field_name, "请选择要上传的文件（不能为空）")
    spool.seek(0)
    return upload
