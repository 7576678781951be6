"""The applicant's online download of the signed e-licence (case number + query code, as the public progress
query). For an item of online depth IV (全程网办) the download is the delivery: the waiting 出件 step is
completed as 网上送达."""
import logging

import sqlalchemy as sa

from app.cases import lifecycle
from app.cases.issuance import issue_online
from app.errors import Conflict, NotFound
from app.extensions import db
from app.licences.models import LICENCE_STATUSES, Licence
from app.licences.services import effective_status

from .licence_file import licence_file

logger = logging.getLogger(__name__)


def applicant_licence_file(case):
    """(licence, signed file) of an authenticated case. NotFound without a licence; Conflict once the
    licence is revoked or cancelled (its file is no longer handed out)."""
    licence = db.session.scalars(sa.select(Licence).where(Licence.case_id == case.id).order_by(Licence.id)).first()
    if licence is None:
        raise NotFound("该办件没有可下载的电子证照")
    status = effective_status(licence)
    if status in ("revoked", "cancelled"):
        raise Conflict(f"电子证照{LICENCE_STATUSES[status]}，不再提供下载")
    stored = licence_file(licence)
    locked = lifecycle.lock_case(case.case_no)
    if issue_online(locked) is not None:
        logger.info("case %s: result delivered online (licence download)", case.case_no)
    return licence, stored
