"""The 代办 block of an acceptance (POST /api/v1/cases): who applies on the applicant's behalf."""
from marshmallow import Schema, fields, validate

from app.applicants.identity import mask_id_number
from app.cases.models import AGENT_KINDS


class AgentSchema(Schema):
    kind = fields.String(required=True, validate=validate.OneOf(list(AGENT_KINDS)),
                         metadata={"description": "station 村（社区）代办员 | enterprise 企业代办人"})
    username = fields.String(validate=validate.Length(min=1, max=80), allow_none=True,
                             metadata={"description": "代办员账号（station 必填）"})
    name = fields.String(validate=validate.Length(min=1, max=100), allow_none=True,
                         metadata={"description": "企业代办人姓名（enterprise 必填）"})
    id_number = fields.String(validate=validate.Length(min=1, max=30), allow_none=True,
                              metadata={"description": "企业代办人身份证号"})
    authorisation_material = fields.String(
        validate=validate.Length(min=1, max=40), allow_none=True,
        metadata={"description": "授权委托书的材料编码；缺省为事项的授权委托书或预留的 DB-SQWTS"})
    project = fields.String(validate=validate.Length(min=1, max=50), allow_none=True, metadata={"description": "全程代办项目编码"})


def agent_of(case) -> dict | None:
    """The agent of a case as shown with it (an enterprise agent's ID number masked)."""
    if case.agent_kind is None:
        return None
    shown = {"kind": case.agent_kind, "kind_label": AGENT_KINDS.get(case.agent_kind), "name": case.agent_name,
             "authorisation_material": case.authorisation_material_code}
    if case.agent_user is not None and case.agent_user.centre is not None:
        shown["station"] = case.agent_user.centre.name
    if case.agent_id_number:
        shown["id_number"] = mask_id_number(case.agent_id_number)
    return shown


def receiving_of(case) -> dict:
    centre = case.receiving_centre
    return {"centre": {"code": centre.code, "name": centre.name} if centre is not None else None,
            "region_code": case.receiving_region_code}
