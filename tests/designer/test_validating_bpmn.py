"""The designer saves a diagram: the server checks it and lists every problem by element, so the modeler
can highlight it. Hostile uploads (external entities, entity bombs, host access from scripts) are refused
without being parsed or run."""
import pytest

from app.workflow import runtime
from app.workflow.helpers import SCRIPT_HELPERS
from app.workflow.sandbox import make_script_engine

from .support import SHIPPED_FILES, URL, edited, line_of, shipped, upload

ONE_MIB = 1024 * 1024


def _validate(api, bpmn_xml, file_name="standard_approval.bpmn"):
    response = api.as_user("designer").post(f"{URL}/validate", json=upload(bpmn_xml, file_name))
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def _problems_of(api, bpmn_xml, element_id):
    result = _validate(api, bpmn_xml)
    assert result["valid"] is False
    return [p["message"] for p in result["problems"] if p["element_id"] == element_id]


@pytest.mark.parametrize("file_name", SHIPPED_FILES)
def test_every_shipped_process_validates_clean(api, file_name):
    assert _validate(api, shipped(file_name), file_name) == {"valid": True, "problems": []}


def test_a_user_task_without_a_department_or_person_is_named(api):
    broken = edited(' camunda:candidateGroups="${department}:handler"', "")
    result = _validate(api, broken)
    [problem] = result["problems"]
    assert (problem["element_id"], problem["element_name"]) == ("Task_Handle", "承办")
    assert "candidateGroups" in problem["message"]
    assert problem["line"] == line_of(broken, 'id="Task_Handle"')


def test_a_user_task_needs_a_known_form_a_step_and_allowed_decisions(api):
    broken = edited('camunda:formKey="escalation"', 'camunda:formKey="free_text"')
    broken = broken.replace('<camunda:property name="step" value="review" />', "", 1)
    broken = broken.replace('value="approve,reject,return" />', 'value="approve,shred" />', 1)
    assert any("free_text" in m for m in _problems_of(api, broken, "Task_Escalate"))
    review = _problems_of(api, broken, "Task_Review")
    assert any("step" in m for m in review) and any("shred" in m for m in review)


def test_assignment_templates_with_placeholders_are_accepted_but_broken_ones_are_not(api):
    assignee = edited('camunda:candidateGroups="${department}:handler"', 'camunda:assignee="${handler.username}"')
    assert _validate(api, assignee)["valid"] is True
    broken = edited('camunda:candidateGroups="${department}:handler"', 'camunda:candidateGroups="${department:handler"')
    assert any("占位符" in m for m in _problems_of(api, broken, "Task_Handle"))


def test_a_script_calling_os_system_is_refused(api):
    broken = edited('outcome = "approved"', 'outcome = os.system("id")')
    [message] = _problems_of(api, broken, "Task_SetApproved")
    assert "os.system" in message


def test_a_script_importing_os_is_refused(api):
    broken = edited('<bpmn:script>outcome = "approved"</bpmn:script>',
                    '<bpmn:script>import os\noutcome = "approved"</bpmn:script>')
    [message] = _problems_of(api, broken, "Task_SetApproved")
    assert "import os" in message


def test_dunder_escapes_are_refused(api):
    broken = edited('outcome = "approved"', 'outcome = ().__class__.__base__.__subclasses__()')
    messages = _problems_of(api, broken, "Task_SetApproved")
    assert messages and all("下划线" in m for m in messages)


def test_an_unknown_function_in_a_gateway_condition_names_the_flow_and_line(api):
    broken = edited('>decision == "reject"</bpmn:conditionExpression>', '>foo(decision)</bpmn:conditionExpression>')
    result = _validate(api, broken)
    [problem] = result["problems"]
    assert (problem["element_id"], problem["element_name"]) == ("Flow_ApproveReject", "不通过")
    assert "foo()" in problem["message"]
    assert problem["line"] == line_of(broken, "foo(decision)")


def test_a_condition_with_a_syntax_error_is_refused(api):
    broken = edited('>decision == "reject"</bpmn:conditionExpression>', '>decision == </bpmn:conditionExpression>')
    assert any("语法错误" in m for m in _problems_of(api, broken, "Flow_ApproveReject"))


def test_timer_expressions_may_call_registered_helpers_but_not_unknown_functions(api):
    assert "working_days_from_now(1)" in shipped()
    broken = edited("working_days_from_now(1)", "calendar_days_from_now(1)")
    assert any("calendar_days_from_now()" in m for m in _problems_of(api, broken, "Timer_ReviewOverdue"))
    unquoted = edited("working_days_from_now(1)", "PT2H")
    assert any('"PT2H"' in m for m in _problems_of(api, unquoted, "Timer_ReviewOverdue"))


def test_a_helper_newly_registered_in_the_engine_is_accepted_at_once(api, monkeypatch):
    uses_new_helper = edited("working_days_from_now(1)", "natural_days_from_now(1)")
    assert _validate(api, uses_new_helper)["valid"] is False
    engine = make_script_engine({**SCRIPT_HELPERS, "natural_days_from_now": lambda days: "2026-01-01T00:00:00+08:00"})
    monkeypatch.setattr(runtime, "SCRIPT_ENGINE", engine)
    assert _validate(api, uses_new_helper)["valid"] is True


def test_an_unknown_decision_table_is_reported_by_the_engine_on_its_task(api):
    broken = edited('camunda:decisionRef="dispatch_department"', 'camunda:decisionRef="no_such_table"')
    assert any("no_such_table" in m for m in _problems_of(api, broken, "Task_Dispatch"))


def test_an_element_the_bpmn_schema_does_not_know_is_refused(api):
    broken = edited('<bpmn:startEvent id="StartEvent_Case" name="收件">',
                    '<bpmn:startEvent id="StartEvent_Case" name="收件"><bpmn:bogus />')
    [problem] = _validate(api, broken)["problems"]
    assert problem["element_id"] == "StartEvent_Case" and "bpmn:bogus" in problem["message"]


def test_a_file_without_an_executable_process_is_refused(api):
    broken = edited('isExecutable="true"', 'isExecutable="false"')
    [problem] = _problems_of(api, broken, "standard_approval")
    assert "可执行" in problem


def test_malformed_xml_is_reported_with_its_line(api):
    broken = edited('<bpmn:script>outcome = "approved"</bpmn:script>', '<bpmn:script>outcome = "approved"</bpmn:scrip>')
    [problem] = _validate(api, broken)["problems"]
    assert problem["element_id"] is None and "XML" in problem["message"]
    assert problem["line"] == line_of(broken, "</bpmn:scrip>")


XXE = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="x">
  <bpmn:process id="p" isExecutable="true"><bpmn:documentation>&e;</bpmn:documentation></bpmn:process>
</bpmn:definitions>"""

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="x">
  <bpmn:process id="p" isExecutable="true"><bpmn:documentation>&lol9;</bpmn:documentation></bpmn:process>
</bpmn:definitions>"""


@pytest.mark.parametrize("hostile", [XXE, BILLION_LAUGHS], ids=["external-entity", "billion-laughs"])
def test_entity_declarations_are_refused_before_anything_is_read_or_expanded(api, hostile):
    [problem] = _validate(api, hostile)["problems"]
    assert "DTD" in problem["message"]
    deploy = api.as_user("designer").post(URL, json=upload(hostile))
    assert deploy.status_code == 422
    assert "root:" not in deploy.get_data(as_text=True) and "lollol" not in deploy.get_data(as_text=True)


def test_file_name_and_size_limits_name_the_field(api):
    designer = api.as_user("designer")
    for file_name in ("x" * 196 + ".bpmn", "standard_approval.xml", "../standard_approval.bpmn", ""):
        response = designer.post(URL, json=upload(shipped(), file_name))
        assert response.status_code == 422, file_name
        assert "file_name" in response.get_json()["errors"]["json"]
    too_big = shipped().replace("</bpmn:definitions>", "<!--" + "x" * ONE_MIB + "--></bpmn:definitions>")
    for url in (URL, f"{URL}/validate"):
        response = designer.post(url, json=upload(too_big))
        assert response.status_code in (413, 422)
        if response.status_code == 422:
            assert "bpmn_xml" in response.get_json()["errors"]["json"]
    missing = designer.post(URL, json={"file_name": "a.bpmn"})
    assert missing.status_code == 422 and "bpmn_xml" in missing.get_json()["errors"]["json"]


def test_a_non_bpmn_document_is_refused(api):
    [problem] = _validate(api, "<html><body>hello</body></html>")["problems"]
    assert "BPMN" in problem["message"]


def test_unencodable_characters_are_422_not_500(api):
    designer = api.as_user("designer")
    for body in ('{"file_name": "a.bpmn", "bpmn_xml": "<a>\\ud800</a>"}',
                 '{"file_name": "\\ud800.bpmn", "bpmn_xml": "<a/>"}'):
        response = designer.post(URL, data=body, content_type="application/json")
        assert response.status_code == 422, response.get_data(as_text=True)


def test_a_process_cannot_hand_cases_to_it_roles_or_to_a_named_person(api):
    """Separation of duties: a designer once deployed a process whose tasks went to role:designer and decided
    cases alone. Tasks go only to windows and department roles; a person only through a process variable."""
    to_designers = edited('camunda:candidateGroups="${department}:handler"', 'camunda:candidateGroups="role:designer"')
    [message] = _problems_of(api, to_designers, "Task_Handle")
    assert "role:designer" in message and "部门" in message
    to_supervisor = edited('camunda:candidateGroups="${department}:handler"',
                           'camunda:candidateGroups="${department}:handler,role:supervisor"')
    assert any("role:supervisor" in m for m in _problems_of(api, to_supervisor, "Task_Handle"))
    to_a_person = edited('camunda:candidateGroups="${department}:handler"', 'camunda:assignee="designer"')
    assert any("不能写死具体人员" in m for m in _problems_of(api, to_a_person, "Task_Handle"))
    deployed = api.as_user("designer").post(URL, json=upload(to_designers))
    assert deployed.status_code == 422 and "role:designer" in str(deployed.get_json()["errors"])
