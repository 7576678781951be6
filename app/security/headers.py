"""Security headers on every response. Pages load only the application's own scripts (no inline script:
the CSP has no 'unsafe-inline' for scripts), cannot be framed, and dynamic answers — pages and API answers,
which may carry personal data — are never stored by browsers or proxies. Static files keep their caching."""
import logging

from flask import Flask, request

logger = logging.getLogger(__name__)

CONTENT_SECURITY_POLICY = "; ".join((
    "default-src 'self'",
    "script-src 'self'",
    # bpmn-js and form-js set style attributes on the elements they draw
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
))
HSTS = "max-age=31536000; includeSubDomains"


def add_security_headers(response):
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "same-origin")
    if request.is_secure:
        headers.setdefault("Strict-Transport-Security", HSTS)
    if not request.path.startswith("/static/"):
        headers["Cache-Control"] = "no-store"
        headers.pop("Expires", None)
    return response


def init_headers(app: Flask) -> None:
    app.after_request(add_security_headers)
