"""The case history is tamper-evident: `flask audit verify` finds the first broken link."""
import sqlalchemy as sa

from app.cases.audit import verify_all
from app.cases.models import Case, CaseEvent
from app.extensions import db
from tests.support import FOOD_LICENCE


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


def _tamper(app, statement):
    with app.app_context():
        db.session.execute(statement)
        db.session.commit()


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
