"""OAuth2 client credentials (RFC 6749 §4.4) for department systems, with Authlib's authorization server:
``POST /api/exchange/oauth/token`` exchanges a client id and secret for a bearer token carrying the scopes
granted to the client (as data, app.exchange.models.ExchangeClient). Tokens are stored as SHA-256 hashes."""
import hashlib
import logging
from datetime import timedelta

import sqlalchemy as sa
from authlib.integrations.flask_oauth2 import AuthorizationServer, ResourceProtector, current_token
from authlib.oauth2.rfc6749 import ClientMixin, TokenMixin, grants
from authlib.oauth2.rfc6750 import BearerTokenValidator
from flask import g

from app.accounts.services import check_password
from app.database import utcnow
from app.extensions import db

from .models import ExchangeClient, ExchangeToken

logger = logging.getLogger(__name__)

TOKEN_LIFETIME_SECONDS = 3600


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class OAuthClient(ClientMixin):
    """Authlib's view of an :class:`ExchangeClient`."""

    def __init__(self, client: ExchangeClient):
        self.client = client

    def get_client_id(self):
        return self.client.client_id

    def get_default_redirect_uri(self):
        return None

    def get_allowed_scope(self, scope):
        granted = set(self.client.scopes or [])
        if not scope:
            return " ".join(sorted(granted))
        return " ".join(sorted(s for s in scope.split() if s in granted))

    def check_redirect_uri(self, redirect_uri):
        return False

    def check_client_secret(self, client_secret):
        return check_password(self.client.client_secret_hash, client_secret)

    def check_endpoint_auth_method(self, method, endpoint):
        return endpoint == "token" and method in ("client_secret_basic", "client_secret_post")

    def check_response_type(self, response_type):
        return False

    def check_grant_type(self, grant_type):
        return grant_type == "client_credentials"


class OAuthToken(TokenMixin):
    def __init__(self, token: ExchangeToken):
        self.token = token

    def check_client(self, client):
        return client.get_client_id() == self.token.client.client_id

    def get_scope(self):
        return self.token.scope

    def get_expires_in(self):
        return int((self.token.expires_at - self.token.issued_at).total_seconds())

    def is_expired(self):
        return self.token.expires_at <= utcnow()

    def is_revoked(self):
        return self.token.revoked or not self.token.client.active

    def get_user(self):
        return None

    def get_client(self):
        return OAuthClient(self.token.client)


def _query_client(client_id):
    client = db.session.scalars(sa.select(ExchangeClient).where(
        ExchangeClient.client_id == client_id, ExchangeClient.active.is_(True))).first()
    return OAuthClient(client) if client is not None else None


def _save_token(token, request):
    client = request.client.client
    now = utcnow()
    db.session.add(ExchangeToken(client_id=client.id, token_hash=token_hash(token["access_token"]),
                                 scope=token.get("scope", ""), issued_at=now,
                                 expires_at=now + timedelta(seconds=token["expires_in"])))
    logger.info("token issued to exchange client %s (%s)", client.client_id, token.get("scope", ""))


class ClientCredentialsGrant(grants.ClientCredentialsGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post"]


class TokenValidator(BearerTokenValidator):
    def authenticate_token(self, token_string):
        token = db.session.scalars(sa.select(ExchangeToken).where(
            ExchangeToken.token_hash == token_hash(token_string))).first()
        return OAuthToken(token) if token is not None else None


authorization = AuthorizationServer(query_client=_query_client, save_token=_save_token)
authorization.register_grant(ClientCredentialsGrant)
require_oauth = ResourceProtector()
require_oauth.register_token_validator(TokenValidator())


def init_oauth(app) -> None:
    app.config.setdefault("OAUTH2_TOKEN_EXPIRES_IN", {"client_credentials": TOKEN_LIFETIME_SECONDS})
    authorization.init_app(app)


def current_client() -> ExchangeClient:
    """The calling department system (inside a view protected by ``require_oauth``)."""
    if "exchange_client" not in g:
        g.exchange_client = current_token.token.client
    return g.exchange_client
