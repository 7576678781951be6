import pytest
import sqlalchemy as sa

from app.accounts.models import User
from app.accounts.services import hash_password
from app.network.models import Department
from tests.conftest import DEMO_PASSWORD


@pytest.fixture()
def colleague(app, db):
    """A second 承办人 of 市场监管局 (the demo organisation has one per role and department)."""
    with app.app_context():
        department = db.session.scalars(sa.select(Department).where(Department.code == "SCJGJ")).one()
        db.session.add(User(username="scjgj_handler2", display_name="周工", role="handler",
                            password_hash=hash_password(DEMO_PASSWORD), department=department))
        db.session.commit()
    return "scjgj_handler2"
