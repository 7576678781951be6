"""The key that signs session cookies and CSRF tokens. A production app refuses to start without a strong
``SECRET_KEY``; a development or demo app (APP_ENV other than production) generates one on first run and keeps
it in ``instance/secret_key`` (mode 0600), so that the README's run command keeps working and sessions
survive restarts."""
import logging
import os
import secrets
from pathlib import Path

logger = logging.getLogger(__name__)

MIN_LENGTH = 32
#: keys that appeared in code or documentation: never good enough, whatever their length
KNOWN_WEAK = frozenset({"dev-only-change-me", "dev", "secret", "changeme", "change-me", "test"})
KEY_FILE = "secret_key"


class InsecureConfiguration(RuntimeError):
    """The app must not start with this configuration."""


def is_strong(key: str | None) -> bool:
    return bool(key) and len(key) >= MIN_LENGTH and key.lower() not in KNOWN_WEAK and len(set(key)) >= 10


def instance_key(instance_path: str, file_name: str = KEY_FILE) -> str:
    """The generated key of this instance, created on first use (owner-only file)."""
    path = Path(instance_path) / file_name
    if path.exists():
        return path.read_text(encoding="ascii").strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="ascii") as handle:
        handle.write(key + "\n")
    logger.info("generated a new key in %s", path)
    return key


def resolve_secret_key(configured: str | None, environment: str, instance_path: str,
                       setting: str = "SECRET_KEY", file_name: str = KEY_FILE) -> str:
    """The key to use: the configured one if strong; in production nothing else; elsewhere the instance's
    generated key. A weak configured key is refused everywhere (it would be shared with whoever read it).
    The same rule holds for the audit key (``AUDIT_KEY``, file ``instance/audit_key``)."""
    if configured:
        if not is_strong(configured):
            raise InsecureConfiguration(
                f"{setting} is too weak: use at least {MIN_LENGTH} random characters "
                "(e.g. python -c 'import secrets; print(secrets.token_urlsafe(48))')")
        return configured
    if environment == "production":
        raise InsecureConfiguration(f"{setting} must be set in production (APP_ENV=production)")
    return instance_key(instance_path, file_name)
