"""Department systems (自建系统) registered as OAuth2 clients: their department, granted operations and
personal-data contract are data; the secret is shown once and stored as an Argon2 hash."""
import logging
import secrets

import sqlalchemy as sa

from app.accounts.services import hash_password
from app.errors import InvalidInput
from app.extensions import db
from app.network.models import Department

from .models import ExchangeClient

logger = logging.getLogger(__name__)


def all_clients():
    return db.session.scalars(sa.select(ExchangeClient).order_by(ExchangeClient.id)).all()


def create_client(actor, *, client_id: str, name: str, department_code: str, scopes: list[str],
                  personal_data: str = "masked", secret: str | None = None) -> tuple[ExchangeClient, str]:
    department = db.session.scalars(sa.select(Department).where(Department.code == department_code)).first()
    if department is None:
        raise InvalidInput.field("department_code", f"部门 {department_code} 不存在")
    if db.session.scalar(sa.select(ExchangeClient.id).where(ExchangeClient.client_id == client_id)):
        raise InvalidInput.field("client_id", f"客户端 {client_id} 已存在")
    secret = secret or secrets.token_urlsafe(32)
    client = ExchangeClient(client_id=client_id, client_secret_hash=hash_password(secret), name=name,
                            department_id=department.id, scopes=sorted(set(scopes)), personal_data=personal_data)
    db.session.add(client)
    db.session.flush()
    logger.info("exchange client %s for department %s created by user %s", client_id, department.code,
                getattr(actor, "id", None))
    return client, secret


def set_active(actor, client_pk: int, active: bool) -> ExchangeClient:
    client = db.session.get(ExchangeClient, client_pk)
    if client is None:
        raise InvalidInput.field("client", f"客户端 {client_pk} 不存在")
    client.active = active
    db.session.flush()
    logger.info("exchange client %s %s by user %s", client.client_id, "enabled" if active else "disabled",
                getattr(actor, "id", None))
    return client
