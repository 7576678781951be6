"""What the benchmarks share: a fresh database (a temporary SQLite file, or DATABASE_URL emptied first) migrated
to head and seeded with the demo data, cheap password hashing for the many logins, and the applicant and
application-form answers of a food-licence acceptance (M01–M04 suffice: no agent, a small area)."""
import os
import tempfile

from flask_migrate import downgrade, upgrade

from app import create_app
from app.demo.seed import seed_demo
from app.extensions import db

FAST_HASHING = {"ARGON2_TIME_COST": 1, "ARGON2_MEMORY_COST_KIB": 8}
APPLICANT = {"kind": "person", "name": "张三", "id_number": "11010519491231002X", "phone": "13812345678"}
#: answers to the 食品经营许可 form (rules/forms/330100-XK-001.form.json; the districts' claims share it)
FOOD_LICENCE_FORM = {"situation": "new", "operator_name": "示范市某某餐饮管理有限公司",
                     "credit_code": "91350100M000100Y43", "legal_representative": "张三",
                     "premises": "示范市人民路1号", "business_form": "catering", "business_items": ["hot", "cold"],
                     "area": 120, "agent": False}


def fresh_app(prefix: str = "bench-", calendar_file: str | None = "calendar_overrides.toml", **config):
    """(app, database URL) on a fresh database; ``config`` adds settings (e.g. FAST_HASHING), ``calendar_file``
    as in :func:`app.demo.seed.seed_demo`."""
    workdir = tempfile.mkdtemp(prefix=prefix)
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{workdir}/bench.sqlite3"
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, **config})
    with app.app_context():
        if url.startswith("postgresql"):
            downgrade(revision="base")
        upgrade()
        seed_demo(calendar_file=calendar_file)
        db.session.commit()
    return app, url
