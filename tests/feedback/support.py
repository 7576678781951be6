"""Helpers for the 咨询 / 投诉举报 stories."""
from tests.support import FOOD_LICENCE

SUBMIT = "/api/v1/public/feedback"
TRACK = "/api/v1/public/feedback/track"

QUESTION = {"kind": "question", "subject_kind": "item", "item": FOOD_LICENCE, "title": "网上申请需要多久",
            "content": "食品经营许可网上申请后多久能拿到许可证？"}
COMPLAINT = {"kind": "complaint", "subject_kind": "window", "window": "W-COMMERCE", "title": "窗口排队太久",
             "content": "商事登记窗口排队两个小时，工作人员态度冷淡。", "name": "李小明", "phone": "13900001111"}


def submit(client, **changes):
    response = client.post(SUBMIT, json={**COMPLAINT, **changes})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def step(api, username, number, name, **form):
    response = api.as_user(username).post(f"/api/v1/feedback/{number}/{name}", json=form)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def answer(api, number, department="SCJGJ", text="已责成窗口整改，增设叫号引导。", **draft):
    step(api, "supervisor", number, "accept", decision="route", department=department, opinion="请核实并答复")
    step(api, f"{department.lower()}_handler", number, "draft", decision="draft", answer=text, **draft)
    return step(api, f"{department.lower()}_approver", number, "sign-off", decision="approve", opinion="同意")
