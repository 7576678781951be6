"""代办申报: a 代办员 submits an application for a resident from its station; the window of a centre that
offers the item pre-reviews it like an online application, and the case records the agent."""
import logging

from app.applications.services import submit_application
from app.errors import InvalidInput

from .agents import AUTHORISATION_MATERIAL, authorisation_code_of, require_station_agent
from .tongban import resolve_item

logger = logging.getLogger(__name__)


def submit_agent_application(actor, payload: dict):
    require_station_agent(actor)
    item = resolve_item(payload["item_code"], payload.get("region"), actor.centre)
    materials = list(payload["materials"])
    authorisation = payload.get("authorisation_material") or authorisation_code_of(item)
    if authorisation != AUTHORISATION_MATERIAL["code"] and authorisation not in materials:
        raise InvalidInput.field("authorisation_material", "授权委托书须随申请材料一并提交")
    application = submit_application({
        "item_code": item.code, "applicant": payload["applicant"],
        "materials": [m for m in materials if m != AUTHORISATION_MATERIAL["code"]], "note": payload.get("note"),
        "form": payload.get("form"),
    })
    application.agent_user_id = actor.id
    application.agent = {"kind": "station", "username": actor.username, "authorisation_material": authorisation,
                         "project": payload.get("project")}
    logger.info("agent application %s from station %s", application.application_no, actor.centre_id)
    return application
