"""The HTTP response of a stored file, shared by the API and the staff pages: streamed from the storage with
``Content-Disposition`` (attachment, or inline for the browser's own viewer), ``no-store`` and ``nosniff``."""
from urllib.parse import quote

from flask import Response, request
from werkzeug.wsgi import wrap_file

from . import services
from .sniff import MEDIA_TYPES
from .storage import CHUNK_SIZE

DISPOSITIONS = ("attachment", "inline")


def file_response(case_file, disposition: str = "attachment") -> Response:
    if disposition not in DISPOSITIONS:
        disposition = "attachment"
    stream = services.open_blob(case_file)
    fallback = f"file-{case_file.id}{MEDIA_TYPES.get(case_file.media_type, ('', ''))[1]}"
    response = Response(wrap_file(request.environ, stream, CHUNK_SIZE), mimetype=case_file.media_type,
                        direct_passthrough=True)
    response.content_length = case_file.size
    response.headers["Content-Disposition"] = (
        f"{disposition}; filename=\"{fallback}\"; filename*=UTF-8''{quote(case_file.filename, safe='')}")
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    # no CSP "sandbox" here: Chromium's PDF viewer refuses sandboxed documents, and the case page shows PDFs
    # inline; nosniff plus the sniffed media type keep a file from being rendered as anything else
    response.set_etag(case_file.sha256)
    return response
