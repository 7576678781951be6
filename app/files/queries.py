"""Reading case files (no service dependencies, so that the case schemas can show them)."""
import sqlalchemy as sa

from app.extensions import db

from .models import CaseFile


def case_files(case, code: str | None = None) -> list[CaseFile]:
    query = sa.select(CaseFile).where(CaseFile.case_id == case.id)
    if code is not None:
        query = query.where(CaseFile.material_code == code)
    return db.session.scalars(query.order_by(CaseFile.uploaded_at, CaseFile.id)).all()
