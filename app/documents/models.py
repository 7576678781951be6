"""Stored documents: the decision document of a case (numbered once, content snapshotted so every reprint is
the same document) and the signed file of an e-licence (the exact bytes that were signed)."""
import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.database import UTCDateTime, utcnow
from app.extensions import db

DECISION_TITLES = {"grant": "准予行政许可决定书", "refusal": "不予行政许可决定书"}
#: the word of each kind in the decision number ({kind} of DECISION_NUMBER_PATTERN)
DECISION_NUMBER_WORDS = {"grant": "准", "refusal": "不准"}
#: case result → decision kind
DECISION_KINDS = {"approved": "grant", "refused": "refusal"}


class DecisionDocument(db.Model):
    """准予 / 不予行政许可决定书 (行政许可法 Art. 38): one per decided case."""

    __tablename__ = "decision_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id", ondelete="CASCADE"), unique=True)
    department_id: Mapped[int] = mapped_column(sa.ForeignKey("departments.id"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(20))
    number: Mapped[str] = mapped_column(sa.String(100), unique=True)
    issued_at: Mapped[object] = mapped_column(UTCDateTime, default=utcnow)
    content: Mapped[dict] = mapped_column(sa.JSON, default=dict)

    case = relationship("Case")


class LicenceFile(db.Model):
    """The e-licence file (照面) as signed with the issuing department's electronic seal; the signed bytes live
    in the content-addressed file storage (app.files) under ``sha256``, like every other case file."""

    __tablename__ = "licence_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    licence_id: Mapped[int] = mapped_column(sa.ForeignKey("licences.id", ondelete="CASCADE"), unique=True)
    sha256: Mapped[str] = mapped_column(sa.String(64))
    size: Mapped[int] = mapped_column(sa.BigInteger)
    signer: Mapped[str] = mapped_column(sa.String(300))
    signed_at: Mapped[object] = mapped_column(UTCDateTime, default=utcnow)

    licence = relationship("Licence")
