"""``init_security``: the key, the cookie settings, the headers and the trusted proxies of the app."""
import logging
import os
from datetime import timedelta

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from . import log_scrub
from .headers import init_headers
from .input_guard import init_converters
from .secret_key import InsecureConfiguration, resolve_secret_key

logger = logging.getLogger(__name__)


def _flag(value) -> bool:
    return str(value).strip().lower() in ("1", "true", "yes", "on")


def init_security(app: Flask) -> None:
    config = app.config
    config["SECRET_KEY"] = resolve_secret_key(config.get("SECRET_KEY"), config["APP_ENV"], app.instance_path)
    # the key of the case history's HMAC chain and checkpoints: held outside the database, never the cookie key
    config["AUDIT_KEY"] = resolve_secret_key(config.get("AUDIT_KEY"), config["APP_ENV"], app.instance_path,
                                             setting="AUDIT_KEY", file_name="audit_key")
    if config["AUDIT_KEY"] == config["SECRET_KEY"]:
        raise InsecureConfiguration("AUDIT_KEY must differ from SECRET_KEY")
    config.setdefault("AUDIT_CHECKPOINT_DIR", os.path.join(app.instance_path, "audit_checkpoints"))
    config["SESSION_COOKIE_HTTPONLY"] = True
    config["SESSION_COOKIE_SAMESITE"] = "Lax"
    config["SESSION_COOKIE_SECURE"] = _flag(config.get("SESSION_COOKIE_SECURE", False))
    config["PERMANENT_SESSION_LIFETIME"] = timedelta(hours=float(config["SESSION_LIFETIME_HOURS"]))
    proxies = int(config.get("TRUSTED_PROXIES") or 0)
    if proxies > 0:
        # only as many X-Forwarded-* hops as there are proxies of our own; the rest is the client's word
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=0, x_port=0, x_prefix=0)
        logger.info("trusting %d reverse prox%s for the client address", proxies, "y" if proxies == 1 else "ies")
    init_headers(app)
    init_converters(app)
    log_scrub.install()
