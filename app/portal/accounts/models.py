import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.applicants.identity import mask_name
from app.database import UTCDateTime, utcnow
from app.extensions import db

#: the same kinds as a case's applicant (app.cases.models.APPLICANT_KINDS)
ACCOUNT_KINDS = ("person", "organisation")


class ApplicantAccount(db.Model):
    """A citizen's or an enterprise's portal account. ``id_number`` is the normalised citizen ID number
    (person) or unified social credit code (organisation); it is the login name. Accounts made by the
    统一身份认证 login carry the provider's subject and may have no password."""

    __tablename__ = "applicant_accounts"
    __table_args__ = (sa.CheckConstraint(sa.text(f"kind IN {ACCOUNT_KINDS}"), name="kind_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(20))
    #: the person's name, or the enterprise's name
    name: Mapped[str] = mapped_column(sa.String(200))
    id_number: Mapped[str] = mapped_column(sa.String(18), unique=True)
    phone: Mapped[str] = mapped_column(sa.String(20))
    #: an enterprise's contact person (联系人)
    contact_name: Mapped[str | None] = mapped_column(sa.String(100))
    password_hash: Mapped[str | None] = mapped_column(sa.String(300))
    #: the ``sub`` of the 统一身份认证 provider, once the account logged in there
    oidc_subject: Mapped[str | None] = mapped_column(sa.String(255), unique=True)
    #: the last real-name verified login (统一身份认证)
    verified_at: Mapped[object | None] = mapped_column(UTCDateTime)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[object] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[object | None] = mapped_column(UTCDateTime)

    @property
    def display_name(self) -> str:
        """For the page header: an enterprise by its name, a person masked (张*)."""
        return mask_name(self.name, organisation=self.kind == "organisation")
