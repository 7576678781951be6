"""The case history is tamper-evident, also against someone who can write to the database: each case's chain
is keyed (HMAC under AUDIT_KEY, held outside the database), a global ledger notices a case deleted whole, and
checkpoint files outside the database notice a ledger cut back. `flask audit verify` finds every break."""
import hashlib
import json

import pytest
import sqlalchemy as sa

from app.cases.audit import verify_all, verify_ledger
from app.cases.ledger import checkpoint_job
from app.cases.models import AuditLedgerEntry, Case, CaseEvent
from app.extensions import db
from tests.support import FOOD_LICENCE


@pytest.fixture(autouse=True)
def checkpoint_dir(app, tmp_path, monkeypatch):
    """Each story has its own checkpoint directory (outside the database), as a deployment has its own."""
    monkeypatch.setitem(app.config, "AUDIT_CHECKPOINT_DIR", str(tmp_path / "checkpoints"))
    return tmp_path / "checkpoints"


def _two_approved_cases(api):
    numbers = []
    for _ in range(2):
        case_no = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]
        api.as_user("scjgj_handler").decide(case_no, "approve", "同意")
        numbers.append(case_no)
    return numbers


def _verify(app):
    with app.app_context():
        return [str(link) for _, link in verify_all() if link is not None]


def _tamper(app, *statements):
    """A database writer changes rows directly, past the append-only trigger and the foreign keys (on
    PostgreSQL as a superuser with triggers disabled; on SQLite with foreign keys off)."""
    with app.app_context():
        engine = db.engine
        if engine.dialect.name == "postgresql":
            with engine.begin() as connection:
                connection.execute(sa.text("SET LOCAL session_replication_role = replica"))
                for statement in statements:
                    connection.execute(statement)
        else:
            raw = engine.raw_connection()
            try:
                cursor = raw.cursor()
                cursor.execute("PRAGMA foreign_keys=OFF")
                cursor.execute("BEGIN")
                for statement in statements:
                    compiled = statement.compile(engine, compile_kwargs={"literal_binds": True})
                    cursor.execute(str(compiled))
                cursor.execute("COMMIT")
                cursor.execute("PRAGMA foreign_keys=ON")
            finally:
                raw.close()
        db.session.remove()


def _ledger_breaks(app):
    with app.app_context():
        return list(verify_ledger())


def _checkpoint(app):
    with app.app_context():
        checkpoint_job()
        db.session.remove()


def test_an_untouched_history_verifies_and_the_cli_says_so(api, app):
    _two_approved_cases(api)
    assert _verify(app) == []
    result = app.test_cli_runner().invoke(args=["audit", "verify"])
    assert result.exit_code == 0 and "2 个办件" in result.output and "完整" in result.output


def test_an_edited_opinion_is_found_at_its_event(api, app):
    first, _ = _two_approved_cases(api)
    _tamper(app, sa.update(CaseEvent).where(CaseEvent.action == "task.completed", CaseEvent.seq == 3)
            .values(opinion="不同意"))
    broken = _verify(app)
    assert len(broken) == 2 and broken[0] == f"办件 {first} 第 3 条记录: 内容与哈希不符（记录被改动）"
    result = app.test_cli_runner().invoke(args=["audit", "verify"])
    assert result.exit_code == 1 and f"办件 {first} 第 3 条记录" in result.output


def test_a_deleted_event_in_the_middle_or_at_the_end_is_found(api, app):
    first, second = _two_approved_cases(api)
    with app.app_context():
        case_ids = dict(db.session.execute(sa.select(Case.case_no, Case.id)).all())
    _tamper(app, sa.delete(CaseEvent).where(CaseEvent.case_id == case_ids[first], CaseEvent.seq == 2))
    _tamper(app, sa.delete(CaseEvent).where(CaseEvent.case_id == case_ids[second], CaseEvent.seq == 3))
    broken = _verify(app)
    assert broken[0].startswith(f"办件 {first} 第 2 条记录: 缺少记录")
    assert broken[1] == f"办件 {second} 第 2 条记录: 链尾与办件记录不符（末尾记录被删除或追加）"


def test_a_chain_recomputed_without_the_key_is_found(api, app):
    """The attacker edits an opinion and recomputes the plain SHA-256 chain, as anyone could before."""
    first, _ = _two_approved_cases(api)
    with app.app_context():
        case = db.session.scalars(sa.select(Case).where(Case.case_no == first)).one()
        events = db.session.scalars(sa.select(CaseEvent).where(CaseEvent.case_id == case.id)
                                    .order_by(CaseEvent.seq)).all()
        previous, updates = "", []
        for event in events:
            opinion = "不同意" if event.action == "task.completed" else event.opinion
            content = {"case_no": first, "seq": event.seq, "occurred_at": event.occurred_at.isoformat(),
                       "actor_id": event.actor_id, "actor_name": event.actor_name, "action": event.action,
                       "task_id": event.task_id, "step": event.step, "decision": event.decision,
                       "opinion": opinion, "detail": event.detail, "prev_hash": previous}
            digest = hashlib.sha256(json.dumps(content, ensure_ascii=False, sort_keys=True,
                                               separators=(",", ":")).encode()).hexdigest()
            updates.append(sa.update(CaseEvent).where(CaseEvent.id == event.id)
                           .values(opinion=opinion, prev_hash=previous, hash=digest))
            previous = digest
        updates.append(sa.update(Case).where(Case.id == case.id).values(last_event_hash=previous))
        db.session.remove()
    _tamper(app, *updates)
    broken = _verify(app)
    assert broken == [f"办件 {first} 第 1 条记录: 内容与哈希不符（记录被改动）"]


def test_a_case_deleted_whole_is_found_by_the_ledger(api, app):
    first, second = _two_approved_cases(api)
    _checkpoint(app)
    assert _ledger_breaks(app) == []
    with app.app_context():
        case_id = db.session.scalar(sa.select(Case.id).where(Case.case_no == second))
        db.session.remove()
    _tamper(app, sa.delete(CaseEvent).where(CaseEvent.case_id == case_id), sa.delete(Case).where(Case.id == case_id))

    assert _verify(app) == []  # every remaining case's own chain is intact …
    breaks = _ledger_breaks(app)  # … but the ledger still lists the deleted case's events
    assert breaks and all(f"办件 {second}" in b and "记录已被删除" in b for b in breaks)
    result = app.test_cli_runner().invoke(args=["audit", "verify"])
    assert result.exit_code == 1 and "记录已被删除" in result.output


def test_a_ledger_cut_back_with_the_deleted_case_is_found_by_the_checkpoint_outside_the_database(api, app):
    first, second = _two_approved_cases(api)
    _checkpoint(app)
    with app.app_context():
        case_id = db.session.scalar(sa.select(Case.id).where(Case.case_no == second))
        db.session.remove()
    _tamper(app, sa.delete(CaseEvent).where(CaseEvent.case_id == case_id), sa.delete(Case).where(Case.id == case_id),
            sa.delete(AuditLedgerEntry).where(AuditLedgerEntry.case_id == case_id))

    assert _verify(app) == []
    breaks = _ledger_breaks(app)
    assert len(breaks) == 1 and "总账被截断" in breaks[0]


def test_new_events_after_a_checkpoint_extend_the_ledger_and_a_forged_checkpoint_is_refused(api, app, checkpoint_dir):
    first, _ = _two_approved_cases(api)
    _checkpoint(app)
    api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)
    _checkpoint(app)
    files = sorted(checkpoint_dir.glob("checkpoint-*.json"))
    assert len(files) == 2 and _ledger_breaks(app) == []
    forged = json.loads(files[-1].read_text())
    forged["ledger_hash"] = "0" * 64
    files[-1].write_text(json.dumps(forged))
    assert _ledger_breaks(app) == [f"检查点 {files[-1].name}: 签名无效或文件损坏"]


def test_on_postgresql_the_history_is_append_only_for_the_application_role(api, app):
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("append-only triggers and database roles exist on PostgreSQL only")
    _two_approved_cases(api)
    with app.app_context():
        with db.engine.connect() as connection:
            for statement in ("UPDATE case_events SET opinion = 'x'", "DELETE FROM case_events"):
                with pytest.raises(sa.exc.DBAPIError, match="append-only"):
                    with connection.begin():
                        connection.execute(sa.text(statement))
            for statement in ("UPDATE case_events SET opinion = 'x'", "DELETE FROM audit_ledger",
                              "TRUNCATE case_events CASCADE"):
                with pytest.raises(sa.exc.ProgrammingError, match="permission denied"):
                    with connection.begin():
                        connection.execute(sa.text("SET LOCAL ROLE yichuang_app"))
                        connection.execute(sa.text(statement))
            with connection.begin():
                connection.execute(sa.text("SET LOCAL ROLE yichuang_app"))
                assert connection.scalar(sa.text("SELECT count(*) FROM case_events")) > 0
                connection.execute(sa.text("UPDATE cases SET status = status"))  # ordinary tables stay writable
