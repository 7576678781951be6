"""Event payloads after the national 办件 data elements (GB/T 39046: 办件 / 办理过程 / 结果) and the e-licence
record (GB/T 36901–36905), as documented in rules/exchange/*.schema.json, and masking them for a subscriber
whose contract does not cover personal data."""
import copy

from app.applicants.identity import mask_id_number, mask_name, mask_phone
from app.cases.events import EVENT_LABELS

SPEC = "yichuang-exchange/1"

#: history action → the national 办件 process category the provincial platform counts
CATEGORIES = {
    "case.received": "receive", "case.online_application": "receive",
    "case.accepted": "accept", "case.not_accepted": "accept",
    "case.supplement_requested": "supplement", "case.supplemented": "supplement",
    "task.completed": "step", "task.returned": "step", "task.transferred": "step", "task.withdrawn": "step",
    "task.delegated": "step", "task.delegate_replied": "step", "task.signer_added": "step", "task.signed": "step",
    "step.auto_returned": "step", "escalation.acknowledged": "step",
    "clock.paused": "pause", "case.suspended": "pause", "clock.resumed": "resume", "case.resumed": "resume",
    "clock.extended": "extend",
    "case.decided": "decide", "case.finished": "finish", "case.terminated": "finish", "case.withdrawn": "finish",
    "case.issued": "issue", "case.delivery_updated": "issue",
    "rating.received": "rate", "rating.rectified": "rate", "rating.appealed": "rate",
    "rating.appeal_decided": "rate",
    "licence.issued": "licence", "licence.revoked": "licence", "licence.cancelled": "licence",
    "licence.expired": "licence",
}
#: GB/T 39046 action of a process step (办理动作): 通过 / 退回 / 其他
STEP_ACTIONS = {"approve": "pass", "issue": "pass", "acknowledge": "pass", "reject": "other", "return": "return"}
LICENCE_TOPIC_LABELS = {"licence.issued": "证照签发", "licence.expired": "证照过期"}


def _iso(value):
    return value.isoformat() if value is not None else None


def case_element(case) -> dict:
    item, department = case.item, case.item.department
    person = case.applicant_kind == "person"
    return {
        "case_no": case.case_no, "item_code": item.code, "item_basic_code": item.basic_code,
        "item_name": item.name, "item_type": item.item_type, "case_type": item.case_type,
        "department": {"code": department.code, "name": department.name, "credit_code": department.credit_code},
        "applicant": {"kind": case.applicant_kind, "name": case.applicant_name,
                      "id_type": "111" if person else "001", "id_number": case.applicant_id_number,
                      "phone": case.applicant_phone},
        "channel": case.channel, "status": case.status, "result": case.result,
        "received_at": _iso(case.received_at), "accepted_at": _iso(case.accepted_at),
        "promised_deadline": _iso(case.deadline), "legal_deadline": _iso(case.legal_deadline),
        "decided_at": _iso(case.decided_at), "finished_at": _iso(case.finished_at),
        "issued_at": _iso(case.issued_at), "issue_method": case.issue_method,
        "receiving_region_code": case.receiving_region_code, "handling_region_code": case.handling_region_code,
    }


def step_element(event, department_names: dict) -> dict:
    department = (event.detail or {}).get("department")
    return {
        "name": event.step, "action": STEP_ACTIONS.get(event.decision, "other") if event.decision else None,
        "decision": event.decision, "handler": event.actor_name, "opinion": event.opinion,
        "department": {"code": department, "name": department_names.get(department)} if department else None,
        "ended_at": _iso(event.occurred_at), "state": "done",
    }


def licence_element(licence, status: str | None = None) -> dict:
    return {
        "name": licence.name, "number": licence.number, "identifier": licence.identifier,
        "type_code": licence.type_code, "holder_name": licence.holder_name,
        "holder_code_type": licence.holder_code_type, "holder_code": licence.holder_code,
        "holder_is_person": licence.holder_is_person,
        "issuer_name": licence.issuer_name, "issuer_code": licence.issuer_code,
        "issued_on": _iso(licence.issued_on), "valid_from": _iso(licence.valid_from),
        "valid_to": _iso(licence.valid_to), "status": status or licence.status,
    }


def envelope(topic: str, key: str, seq: int, occurred_at, case, **parts) -> dict:
    return {"spec": SPEC, "event_id": key, "event_type": topic,
            "event_name": LICENCE_TOPIC_LABELS.get(topic) or EVENT_LABELS.get(topic, topic),
            "category": CATEGORIES.get(topic, "other"), "seq": seq, "occurred_at": _iso(occurred_at),
            "case": case_element(case), **parts}


def masked(payload: dict, contract: str) -> dict:
    """The payload as a subscriber with ``contract`` (full | masked) may see it."""
    if contract == "full":
        return payload
    result = copy.deepcopy(payload)
    applicant = result.get("case", {}).get("applicant")
    if applicant:
        organisation = applicant.get("kind") != "person"
        applicant["name"] = mask_name(applicant.get("name"), organisation=organisation)
        applicant["phone"] = mask_phone(applicant.get("phone"))
        if not organisation:  # a credit code is public (GB 32100); a citizen ID is not
            applicant["id_number"] = mask_id_number(applicant.get("id_number"))
    licence = result.get("licence")
    if licence and licence.get("holder_is_person"):
        licence["holder_name"] = mask_name(licence.get("holder_name"), organisation=False)
        licence["holder_code"] = mask_id_number(licence.get("holder_code"))
    result["personal_data"] = "masked"
    return result
