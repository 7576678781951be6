"""The e-licence file (照面, GB/T 36901–36905): a one-page PDF with the licence's name, holder, number,
identifier, issuer, dates and scope, a QR code of the public verification page, signed with the issuing
department's electronic seal. Signed once, on first download; the stored bytes are served afterwards so
that the signature stays the same document."""
import io
import logging

import sqlalchemy as sa
from reportlab.lib.units import mm
from reportlab.platypus import Spacer, Table, TableStyle

from app.applicants.identity import mask_name
from app.cases import lifecycle, queries
from app.cases.events import record_event
from app.errors import NotFound
from app.extensions import db
from app.files.backends import file_storage
from app.licences.models import HOLDER_CODE_TYPES, Licence

from .fonts import FONT_NAME
from .models import LicenceFile
from .pdf import CENTRE, PLAIN, SMALL, TITLE, build_pdf, date_zh, para, qr, seal_mark
from .signing import seal_signer
from .urls import verify_url

logger = logging.getLogger(__name__)


def _scope(licence) -> str:
    """许可范围: the licence's scope as the item defines it (its result name and the case's item)."""
    item = licence.case.item
    return f"{item.name}（{item.code}）：{item.result_name or licence.name}"


def _masked_code(licence) -> str:
    code = licence.holder_code or ""
    return code if not licence.holder_is_person else f"{code[:6]}********{code[-4:]}"


def render_licence_pdf(licence) -> bytes:
    """The unsigned page. Personal ID numbers are masked on the face (the holder has the full number)."""
    until = date_zh(licence.valid_to.isoformat()) if licence.valid_to else "长期"
    url = verify_url(licence.number, licence.verification_code)
    rows = [
        ("持证主体", licence.holder_name),
        (f"主体代码（{HOLDER_CODE_TYPES.get(licence.holder_code_type, '')}）", _masked_code(licence)),
        ("证照编号", licence.number),
        ("证照标识", licence.identifier),
        ("许可范围", _scope(licence)),
        ("发证机关", licence.issuer_name),
        ("发证日期", date_zh(licence.issued_on.isoformat())),
        ("有效期限", f"{date_zh(licence.valid_from.isoformat())}至{until}"),
        ("核验码", licence.verification_code),
    ]
    table = Table([[para(k, PLAIN), para(v, PLAIN)] for k, v in rows], colWidths=[38 * mm, 120 * mm])
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT_NAME), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LINEBELOW", (0, 0), (-1, -1), 0.3, "#999999")]))
    flow = [
        para("电子证照", CENTRE),
        para(licence.name, TITLE),
        Spacer(1, 6 * mm),
        table,
        Spacer(1, 8 * mm),
        seal_mark(licence.issuer_name),
        Spacer(1, 4 * mm),
        qr(url),
        para(f"扫码或访问 {url} 核验本证照的真实性和状态。本文件由{licence.issuer_name}电子印章数字签名，"
             "任何改动都会使签名失效。", SMALL),
    ]
    holder = mask_name(licence.holder_name, organisation=not licence.holder_is_person)
    return build_pdf(flow, title=f"{licence.name} {licence.number}", author=licence.issuer_name,
                     subject=f"{licence.identifier} {holder}")


def licence_file(licence) -> LicenceFile:
    """The stored signed file of the licence, signed now when it has none (the case is locked here)."""
    stored = db.session.scalars(sa.select(LicenceFile).where(LicenceFile.licence_id == licence.id)).first()
    if stored is not None:
        return stored
    case = lifecycle.lock_case(licence.case.case_no)
    stored = db.session.scalars(sa.select(LicenceFile).where(LicenceFile.licence_id == licence.id)).first()
    if stored is not None:  # signed by a concurrent request while we waited for the lock
        return stored
    signed, signer = seal_signer().sign(render_licence_pdf(licence), licence.department,
                                        reason=f"{licence.issuer_name}签发电子证照 {licence.number}",
                                        location=licence.issuer_name)
    blob = file_storage().put(io.BytesIO(signed))
    stored = LicenceFile(licence_id=licence.id, sha256=blob.sha256, size=blob.size,
                         signer=signer[:300], signed_at=lifecycle.now_utc())
    db.session.add(stored)
    record_event(case, None, "licence.file_signed", licence_number=licence.number, sha256=stored.sha256)
    db.session.flush()
    logger.info("licence %s: file signed (%d bytes)", licence.number, len(signed))
    return stored


def signed_bytes(stored: LicenceFile) -> bytes:
    """The signed PDF of a stored licence file (a few dozen KiB), read back from the file storage."""
    with file_storage().open(stored.sha256) as blob:
        return blob.read()


def licence_for_staff(user, licence_id: int):
    licence = db.session.get(Licence, licence_id)
    if licence is None:
        raise NotFound(f"电子证照 {licence_id} 不存在")
    queries.case_for(user, licence.case.case_no)  # same visibility as the case (403 / 404)
    return licence
