"""委派 and 加签 on a back-office task."""
from tests.support import FOOD_LICENCE, history_actions


def test_a_delegate_gives_an_opinion_and_the_task_returns_to_the_delegator(api):
    case_no = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]
    handler, head = api.as_user("scjgj_handler"), api.as_user("scjgj_head")
    task = handler.task_for(case_no)

    assert handler.post(f"/api/v1/tasks/{task['id']}/delegate",
                        json={"to_user": "zjj_handler"}).status_code == 422  # another department
    response = handler.post(f"/api/v1/tasks/{task['id']}/delegate",
                            json={"to_user": "scjgj_head", "opinion": "请负责人把关场所布局"})
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["delegated_by"] == "scjgj_handler"
    assert handler.tasks(case_no=case_no) == [] and handler.complete(task["id"]).status_code == 403

    assert head.complete(task["id"], "approve", "布局符合要求").status_code == 200
    back = handler.task_for(case_no)
    assert back["id"] == task["id"] and back["step"] == "handle" and back["delegated_by"] is None
    assert head.tasks(case_no=case_no) == []

    assert handler.complete(task["id"], "approve", "综合负责人意见，拟同意").status_code == 200
    case = handler.case(case_no)
    replies = [e for e in case["history"] if e["action"] == "task.delegate_replied"]
    assert [(r["actor"], r["opinion"]) for r in replies] == [("吴工", "布局符合要求")]
    assert ("task.completed", "承办", "approve") in history_actions(case)
    assert api.as_user("scjgj_reviewer").task_for(case_no)["step"] == "review"


def test_an_added_signer_must_sign_before_the_task_can_be_completed(api):
    case_no = api.as_user("clerk_commerce").accept_case(FOOD_LICENCE)["case_no"]
    handler, signer = api.as_user("scjgj_handler"), api.as_user("scjgj_head")
    task = handler.task_for(case_no)

    # 卫健委 is not a department of this case: its staff may not read it, so they may not sign it either
    outsider = handler.post(f"/api/v1/tasks/{task['id']}/add-signer",
                            json={"to_user": "wjw_reviewer", "opinion": "涉及卫生要求，请卫健委会签"})
    assert outsider.status_code == 422 and "to_user" in outsider.get_json()["errors"]["json"]
    response = handler.post(f"/api/v1/tasks/{task['id']}/add-signer",
                            json={"to_user": "scjgj_head", "opinion": "涉及卫生要求，请负责人会签"})
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["cosigners"] == [
        {"user": "scjgj_head", "name": "吴工", "signed": False, "opinion": None}]
    blocked = handler.complete(task["id"])
    assert blocked.status_code == 409 and "加签" in blocked.get_json()["message"]
    assert api.as_user("scjgj_reviewer").post(f"/api/v1/tasks/{task['id']}/sign",
                                              json={"opinion": "我不是加签人"}).status_code == 403

    assert signer.post(f"/api/v1/tasks/{task['id']}/sign", json={"opinion": "符合卫生要求"}).status_code == 200
    assert signer.post(f"/api/v1/tasks/{task['id']}/sign", json={"opinion": "再签一次"}).status_code == 409
    assert handler.complete(task["id"]).status_code == 200
    case = handler.case(case_no)
    signed = [e for e in case["history"] if e["action"] == "task.signed"]
    assert [(e["step"], e["opinion"]) for e in signed] == [("承办", "符合卫生要求")]
