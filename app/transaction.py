"""One transaction per request: write views are wrapped in :func:`transactional`, which commits once."""
import logging
from functools import wraps

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from app.errors import Conflict
from app.extensions import db

logger = logging.getLogger(__name__)


def transactional(view):
    """Commit the session after the view returns; roll back on any error. Concurrent modification of the
    same workflow instance (revision mismatch) or a uniqueness race become 409 instead of a lost update."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        try:
            result = view(*args, **kwargs)
            db.session.commit()
        except StaleDataError as exc:
            db.session.rollback()
            logger.warning("concurrent modification refused: %s", exc)
            raise Conflict("办件已被他人同时修改，请刷新后重试") from exc
        except IntegrityError as exc:
            db.session.rollback()
            logger.warning("integrity error: %s", exc.orig)
            raise Conflict("数据与已有记录冲突，请刷新后重试") from exc
        except BaseException:
            db.session.rollback()
            raise
        return result

    return wrapper
