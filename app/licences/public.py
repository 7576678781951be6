"""证照核验 from the public (the API and the portal's /verify page) under the public lookup throttle, per client
address and per licence number (app.progress.throttle). Services flush, never commit."""
import logging

from app.errors import NotFound
from app.progress.throttle import (
    guard_public_lookup, lookup_subject, record_public_lookup, record_public_success,
)

from .services import verify_licence

logger = logging.getLogger(__name__)


def verify_public(number: str, code: str, remote_addr: str | None) -> dict:
    """TooManyRequests while the address must wait, or NotFound after recording the failure (the caller
    commits it before the error leaves the request); a success after failures is recorded too."""
    subject = lookup_subject("licence", number)
    guard_public_lookup(remote_addr, subject)
    try:
        result = verify_licence(number, code)
    except NotFound:
        record_public_lookup(remote_addr, succeeded=False, subject=subject)
        logger.info("public licence verification failed from %s", remote_addr)
        raise
    record_public_success(remote_addr, subject)
    return result
