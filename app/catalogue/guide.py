"""The public service guide (办事指南) of a published item: conditions, materials with their standards,
steps, time limits, fees and where to go. No login; nothing here is personal data."""
import logging
import xml.etree.ElementTree as ET
from functools import lru_cache

import sqlalchemy as sa
from flask import current_app

from app.extensions import db
from app.network.models import ServiceCentre, Window
from app.network.offering import offering_places

from .models import CASE_TYPES, EXERCISE_LEVELS, HANDLING_FORMS, ITEM_TYPES, LIMIT_UNITS, ONLINE_DEPTHS, SERVICE_OBJECTS
from .services import published_item

logger = logging.getLogger(__name__)

BPMN_NS = "{http://www.omg.org/spec/BPMN/20100524/MODEL}"
#: steps of the engine that are no stage of the citizen's case (supervision, timeouts)
INTERNAL_STEPS = frozenset({"督办", "超时退回"})
FALLBACK_STEPS = ("窗口受理", "承办", "审核", "审批", "出件")


@lru_cache(maxsize=64)
def _user_task_names(content_hash: str, bpmn_xml: str, process_key: str) -> tuple:
    try:
        root = ET.fromstring(bpmn_xml.encode("utf-8") if isinstance(bpmn_xml, str) else bpmn_xml)
    except ET.ParseError:
        logger.warning("process %s: stored BPMN not parseable for the guide", process_key)
        return ()
    names = []
    for process in root.iter(f"{BPMN_NS}process"):
        if process.get("id") != process_key:
            continue
        for task in process.iter(f"{BPMN_NS}userTask"):
            name = (task.get("name") or "").strip()
            if name and name not in names:
                names.append(name)
    return tuple(names)


def process_steps(process_key: str) -> list[str]:
    """Step names a citizen sees: the user tasks of the latest definition, in document order."""
    from app.workflow import latest_definition

    definition = latest_definition(process_key, required=False)
    names = _user_task_names(definition.content_hash, definition.bpmn_xml, process_key) if definition else ()
    steps = [name for name in names if name not in INTERNAL_STEPS]
    return steps or list(FALLBACK_STEPS)


def _limit(value, unit):
    return f"{value}个{LIMIT_UNITS.get(unit, unit)}"


def _situations(item) -> list[dict]:
    """Each 办理情形 with the materials it asks for (materials of every situation included; situational
    conditions such as 委托代理 are shown on the material)."""
    return [{
        "code": s.get("code"), "name": s.get("name"), "description": s.get("description", ""),
        "materials": [m.code for m in item.materials if not m.situations or s.get("code") in m.situations],
    } for s in item.situations or []]


def _applies_when(item, material) -> str:
    names = {s.get("code"): s.get("name") for s in item.situations or []}
    parts = ["、".join(names.get(c, c) for c in material.situations)] if material.situations else []
    if material.condition_note or material.condition:
        parts.append(material.condition_note or material.condition)
    return "；".join(parts)


def service_guide(code: str) -> dict:
    return guide_of(published_item(code))


def guide_of(item) -> dict:
    """The guide of one published item version (the portal's page also has the item itself)."""
    # the place: a centre of the implementing region, and its window of the item's sector (else a 全科窗口)
    centre = db.session.scalars(
        sa.select(ServiceCentre).where(ServiceCentre.region_id == item.region_id).order_by(ServiceCentre.id)
    ).first()
    window = None
    if centre is not None:
        window = db.session.scalars(
            sa.select(Window).where(Window.centre_id == centre.id, Window.active.is_(True),
                                    sa.or_(Window.sector == item.sector, Window.sector.is_(None)))
            .order_by(Window.sector.is_(None), Window.id)
        ).first()
    return {
        "code": item.code, "name": item.name, "version": item.version,
        "item_type": ITEM_TYPES.get(item.item_type, item.item_type),
        "case_type": CASE_TYPES.get(item.case_type, item.case_type),
        "department": item.department.name,
        "co_departments": [c.department.name for c in item.co_departments],
        "legal_basis": item.legal_basis,
        "service_objects": [SERVICE_OBJECTS.get(c, c) for c in item.service_objects or []],
        "acceptance_conditions": item.acceptance_conditions,
        "materials": [{
            "code": m.code, "name": m.name, "issuing_body": m.issuing_body, "originals": m.originals,
            "copies": m.copies, "required": m.required, "form": m.form, "standard": m.standard,
            "condition": m.condition, "condition_note": m.condition_note, "situations": m.situations or [],
            "applies_when": _applies_when(item, m), "sample_url": m.sample_url,
        } for m in item.materials],
        "situations": _situations(item),
        "has_form": item.form_schema is not None,
        "steps": process_steps(item.process_key),
        "legal_limit": _limit(item.legal_limit, item.legal_limit_unit),
        "promised_limit": _limit(item.promised_limit, item.promised_limit_unit),
        "charges_fee": item.charges_fee,
        "fee": ("收费：" + (item.fee_basis or "按规定标准收取")) if item.charges_fee else "不收费",
        "handling_forms": [HANDLING_FORMS.get(c, c) for c in item.handling_forms or []],
        "result_name": item.result_name,
        "place": {
            "centre": centre.name if centre else "",
            "address": centre.address if centre else "",
            "phone": centre.phone if centre else "",
            "window": window.name if window else "",
        },
        "places": _places(item),
        "exercise_level": EXERCISE_LEVELS.get(item.exercise_level, item.exercise_level),
        "online_depth": item.online_depth,
        "online_depth_label": ONLINE_DEPTHS.get(item.online_depth, item.online_depth),
        # 咨询 / 监督 phones are the department's data; without them the centre's phone and the portal hotline
        "consult_phone": item.department.consult_phone or (centre.phone if centre else ""),
        "supervision_phone": item.department.supervision_phone or current_app.config["PORTAL_HOTLINE"],
        "disclose_cases": item.disclose_cases,
    }


def _places(item) -> list[dict]:
    """Every centre offering the item with the windows that accept it (app.network.offering)."""
    return [{"centre": centre.name, "region": centre.region.name, "address": centre.address, "phone": centre.phone,
             "hours": centre.hours, "windows": [w.name for w in windows]}
            for centre, windows in offering_places(item)]
