"""Scripts, conditions and DMN cells run in a RestrictedPython environment: a process file cannot reach
the operating system, and a refused script leaves the case exactly as it was."""
from xml.sax.saxutils import escape

import pytest
import sqlalchemy as sa

from app.catalogue.models import ItemMaterial, ServiceItem
from app.extensions import db
from app.network.models import Department
from app.workflow import WorkflowInstance, deploy
from app.workflow.sandbox import RestrictedTaskDataEnvironment
from tests.support import VALID_PERSON

FIXTURE = "tests/fixtures/hostile_process.bpmn"


def _install_item_with_script(app, script, process_key="hostile_process"):
    """A designer deployed a process whose script task runs ``script``; an item uses it."""
    source = open(FIXTURE, encoding="utf-8").read().replace("SCRIPT_PLACEHOLDER", escape(script))
    with app.app_context():
        deploy("hostile_process.bpmn", source.encode(), {}, deployed_by="test")
        department = db.session.scalars(sa.select(Department).where(Department.code == "SCJGJ")).one()
        db.session.add(ServiceItem(
            code="330100-TEST-001", basic_code="0", name="测试事项", item_type="01", exercise_level="3",
            case_type="2", sector="commerce", department=department, region=department.region,
            legal_limit=20, promised_limit=10,
            process_key=process_key, materials=[ItemMaterial(code="M01", name="申请书")],
        ))
        db.session.commit()


def _snapshot(api, app, case_no):
    case = api.as_user("supervisor").case(case_no)
    with app.app_context():
        instance = db.session.scalars(sa.select(WorkflowInstance)).one()
        engine_state = (instance.revision, instance.state)
    return case, engine_state


@pytest.mark.parametrize("script", [
    "import os\nuid = os.getuid()",
    "data = open('/etc/hostname').read()",
    "x = __import__('subprocess').check_output(['id'])",
    "x = [c for c in ().__class__.__base__.__subclasses__()]",
    "n = 0\nwhile True:\n    n += 1",  # an endless loop is stopped by the script budget
    "x = [i for i in range(10 ** 9)]",
])
def test_a_process_whose_script_reaches_for_the_system_is_refused_and_the_case_is_untouched(api, app, script):
    _install_item_with_script(app, script)
    case_no = api.as_user("clerk_commerce").accept_case(
        "330100-TEST-001", applicant=VALID_PERSON, materials=["M01"])["case_no"]
    handler = api.as_user("scjgj_handler")
    task = handler.task_for(case_no)
    before, engine_before = _snapshot(api, app, case_no)

    response = handler.complete(task["id"], "approve", "同意")

    assert response.status_code == 409
    body = response.get_json()
    assert "流程无法继续" in body["message"] and body["errors"]["process"]["step"] == "读取系统信息"
    after, engine_after = _snapshot(api, app, case_no)
    assert after == before  # same status, open tasks and history
    assert engine_after == engine_before  # engine state not written
    assert handler.task_for(case_no)["id"] == task["id"]


def test_ordinary_scripts_conditions_and_comprehensions_still_work():
    environment = RestrictedTaskDataEnvironment()
    context = {"co_departments": [{"name": "消防", "decision": "reject"}, {"name": "规划", "decision": "approve"}]}
    environment.execute(
        'co_rejected = [d["name"] for d in co_departments if d.get("decision") == "reject"]\n'
        'count = 0\nfor d in co_departments:\n    count += 1\nsummary = {"n": count}\nsummary["all"] = all([1, 1])',
        context,
    )
    assert context["co_rejected"] == ["消防"] and context["summary"] == {"n": 2, "all": True}
    assert environment.evaluate('len(co_rejected) > 0 and decision == "approve"',
                                {**context, "decision": "approve"}) is True


def test_an_endless_loop_in_a_script_is_stopped_quickly():
    import time

    from app.workflow.sandbox import ScriptBudgetExceeded

    started = time.monotonic()
    with pytest.raises(ScriptBudgetExceeded):
        RestrictedTaskDataEnvironment().execute("n = 0\nwhile True:\n    n += 1", {})
    assert time.monotonic() - started < 5


@pytest.mark.parametrize("expression", [
    "__import__('os').system('true')",
    "open('/etc/passwd')",
    "().__class__.__base__.__subclasses__()",
    "(lambda: 1).__globals__",
])
def test_dangerous_expressions_are_refused(expression):
    with pytest.raises((SyntaxError, NameError, AttributeError, TypeError)):
        RestrictedTaskDataEnvironment().evaluate(expression, {})


@pytest.mark.parametrize("expression", [
    "n ** (4 * 10 ** 7)",  # one C-level call of a minute
    "'a' * (n * 1024 ** 3)",  # gigabytes of string
    "[0] * (n * 10 ** 8)",
    "1 << (n * 10 ** 10)",
    "'%0999999999d' % n",
    "'x'.rjust(n * 10 ** 9)",
])
def test_an_operation_that_would_take_minutes_or_gigabytes_is_refused_before_it_runs(expression):
    from app.workflow.script_limits import ScriptLimitExceeded

    with pytest.raises(ScriptLimitExceeded, match="超出限制"):
        RestrictedTaskDataEnvironment().evaluate(expression, {"n": 7})
    with pytest.raises(ScriptLimitExceeded):
        RestrictedTaskDataEnvironment().execute(f"x = {expression}", {"n": 7})


def test_in_place_operators_are_bounded_and_ordinary_arithmetic_still_works():
    from app.workflow.script_limits import ScriptLimitExceeded

    context = {"n": 3}
    RestrictedTaskDataEnvironment().execute(
        'x = 2 ** 10\ny = "ab" * n\nz = n * 1.5\nx **= 2\nw = "%5.1f" % z\nv = f"{n:>4}"', context)
    assert (context["x"], context["y"], context["z"], context["w"], context["v"]) == (
        1048576, "ababab", 4.5, "  4.5", "   3")
    with pytest.raises(ScriptLimitExceeded):
        RestrictedTaskDataEnvironment().execute("x = 7\nx **= 10 ** 8", {})


@pytest.mark.parametrize("script", ["x = 7 ** (4*10**7)", "x = 'a' * (3*1024**3)", 'x = f"{1:>999999999}"'])
def test_validation_refuses_a_script_that_would_blow_up_before_it_is_deployed(script):
    from app.workflow.validation import validate_bpmn

    source = open(FIXTURE, encoding="utf-8").read().replace("SCRIPT_PLACEHOLDER", escape(script))
    problems = validate_bpmn(source.encode(), "hostile_process.bpmn", {})
    assert any("超出限制" in problem.message for problem in problems), problems
