"""统一身份认证: the province's single sign-on by OpenID Connect (authorization code flow, Authlib's Flask
client). Enabled when APPLICANT_OIDC_DISCOVERY_URL is set. Authlib keeps state and nonce in the session and
checks both on the way back, together with the ID token's signature, issuer and audience."""
import logging

import requests
from authlib.common.errors import AuthlibBaseError
from authlib.integrations.flask_client import OAuth
from flask import current_app

from app.errors import ServiceError

logger = logging.getLogger(__name__)

CLIENT_NAME = "provincial"
#: the page may show this message; the provider's own error text is logged, not shown
FAILED = "统一身份认证未完成，请重新登录"


class OidcFailed(ServiceError):
    status = 400


def oidc_enabled() -> bool:
    return bool(current_app.config.get("APPLICANT_OIDC_DISCOVERY_URL"))


def _discovery_url(configured: str) -> str:
    """The discovery document's URL; an issuer URL gets the well-known path appended."""
    if configured.rstrip("/").endswith("/.well-known/openid-configuration"):
        return configured
    return configured.rstrip("/") + "/.well-known/openid-configuration"


def _client():
    """One Authlib client per configuration (its discovery document and keys are fetched once)."""
    config = current_app.config
    key = (config["APPLICANT_OIDC_DISCOVERY_URL"], config["APPLICANT_OIDC_CLIENT_ID"],
           config["APPLICANT_OIDC_CLIENT_SECRET"], config["APPLICANT_OIDC_SCOPE"])
    clients = current_app.extensions.setdefault("applicant_oidc", {})
    if key not in clients:
        oauth = OAuth(current_app._get_current_object())
        clients[key] = oauth.register(
            CLIENT_NAME, server_metadata_url=_discovery_url(key[0]), client_id=key[1], client_secret=key[2],
            client_kwargs={"scope": key[3], "timeout": 10})
    return clients[key]


def start(redirect_uri: str):
    """The redirect to the provider's login page (state and nonce remembered in the session)."""
    try:
        return _client().authorize_redirect(redirect_uri)
    except (AuthlibBaseError, requests.RequestException) as error:
        logger.warning("统一身份认证 unavailable: %s", type(error).__name__)
        raise OidcFailed("统一身份认证暂不可用，请稍后再试或使用密码登录") from None


def finish() -> tuple[str, dict]:
    """(subject, claims) of the provider's answer on the callback: the verified ID token's claims with the
    userinfo endpoint's on top. OidcFailed for a wrong state or nonce, a refused login, a bad token."""
    client = _client()
    try:
        token = client.authorize_access_token()
        id_claims = token.get("userinfo")
        if not id_claims:  # no ID token (or none checked against the nonce): not an OpenID login
            raise OidcFailed(FAILED)
        claims = dict(id_claims)
        if client.load_server_metadata().get("userinfo_endpoint"):
            extra = client.userinfo(token=token)
            if extra.get("sub") == claims["sub"]:
                claims.update(extra)
    except (AuthlibBaseError, requests.RequestException, KeyError) as error:
        logger.warning("统一身份认证 callback refused: %s", type(error).__name__)
        raise OidcFailed(FAILED) from None
    return str(claims["sub"]), claims
