"""Public addresses printed on documents and encoded in their QR codes. They always start with the configured
``PUBLIC_BASE_URL`` (the centre's public site), never with the Host header of the request that happened to
print the document: a forged Host would otherwise put a phishing address on an official paper."""
from urllib.parse import urlencode

from flask import current_app


def public_base_url() -> str:
    return current_app.config["PUBLIC_BASE_URL"].rstrip("/")


def progress_url(case_no: str) -> str:
    """The public progress query page (办件查询) of a case; the applicant adds the query code."""
    return f"{public_base_url()}/progress?{urlencode({'case_no': case_no})}"


def verify_url(number: str, code: str) -> str:
    """The public e-licence verification page (证照核验) with the licence number and its 核验码."""
    return f"{public_base_url()}/verify?{urlencode({'number': number, 'code': code})}"
