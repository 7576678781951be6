"""Cost of the documents: rendering a decision document, rendering + signing an e-licence file, and their sizes.

Runs the real code inside the app (no HTTP) against a fresh temporary SQLite database, with demo seal keys in a
temporary directory; the first signature (creating the CA and the department's key) is reported apart.

    python bench/bench_documents.py [--runs 20]
"""
import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from types import SimpleNamespace

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("LOG_LEVEL", "WARNING")

from app import create_app  # noqa: E402
from app.extensions import db  # noqa: E402


def _timed(function, runs):
    samples, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="bench-documents-")
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{workdir}/bench.sqlite3",
                      "SEAL_KEYS_DIR": f"{workdir}/seals", "ARGON2_TIME_COST": 1, "ARGON2_MEMORY_COST_KIB": 8})
    with app.app_context():
        from flask_migrate import upgrade

        from app.demo.seed import seed_demo
        from app.documents.decision_pdf import render_decision_pdf
        from app.documents.licence_file import render_licence_pdf
        from app.documents.signing import seal_signer
        from app.organisation.models import Department

        upgrade()
        seed_demo(calendar_file=None)
        db.session.commit()
        department = db.session.scalars(db.select(Department).where(Department.code == "SCJGJ")).one()
        content = {
            "title": "不予行政许可决定书", "number": "示范市监许不准字〔2026〕0001号", "case_no": "3301002026030200001",
            "department": department.name, "centre": "示范市政务服务中心", "applicant": {"name": "张三"},
            "item": {"code": "330100-XK-001", "name": "食品经营许可", "legal_basis": "《中华人民共和国食品安全法》第三十五条"},
            "received_on": "2026-03-02", "accepted_on": "2026-03-02", "decided_on": "2026-03-06",
            "reasons": "经营场所与住宅未有效隔离，不符合食品安全要求。" * 3,
            "progress_url": "https://zwfw.example.gov.cn/progress?case_no=3301002026030200001"}
        render_decision_pdf("refusal", content)  # font loading, once per process
        decision_ms, decision = _timed(lambda: render_decision_pdf("refusal", content), args.runs)

        item = SimpleNamespace(name="食品经营许可", code="330100-XK-001", result_name="食品经营许可证")
        licence = SimpleNamespace(  # the fields the licence page prints, without a case in the database
            name="食品经营许可证", number="330100XK001202600000001",
            identifier="1.2.156.3005.2.330100XK001.SCJGJ.00000001.1.X", verification_code="ABC234",
            holder_name="张三", holder_code_type="111", holder_code="11010519491231002X", holder_is_person=True,
            issuer_name=department.name, issued_on=dt.date(2026, 3, 6), valid_from=dt.date(2026, 3, 6),
            valid_to=dt.date(2031, 3, 5), case=SimpleNamespace(item=item))

        page_ms, page = _timed(lambda: render_licence_pdf(licence), args.runs)
        signer = seal_signer()
        start = time.perf_counter()
        signer.sign(page, department, reason="bench")
        first_ms = (time.perf_counter() - start) * 1000
        sign_ms, (signed, _) = _timed(lambda: signer.sign(page, department, reason="bench"), args.runs)

    print(f"decision document: render {decision_ms:.1f} ms median, {len(decision) / 1024:.1f} KiB")
    print(f"licence file: render {page_ms:.1f} ms, sign {sign_ms:.1f} ms median "
          f"(first signature incl. CA + department key: {first_ms:.1f} ms), {len(signed) / 1024:.1f} KiB signed")


if __name__ == "__main__":
    main()
