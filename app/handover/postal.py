"""收受分离: when a case is received in one region and handled in another, the paper originals travel by
post from the receiving centre to the handling region's centre, with a tracking number; the handling
department signs them on receipt (the ordinary sign-off)."""
from app.errors import InvalidInput
from app.network.offering import home_centre_of


#: 通办 scopes under which the originals must be posted (省内 / 跨省: 收受分离); 全城通办 may post or carry
POSTED_SCOPES = ("province", "national")


def is_remote(case, department) -> bool:
    """The receiving centre lies outside the region of the department the materials go to."""
    return not department.region.contains(case.receiving_region_code)


def postal_leg(case, department, payload: dict) -> dict:
    """The handover columns of the postal leg, or {} for a handover within one region. A 省内/跨省通办
    handover needs a tracking number (the originals travel by post)."""
    tracking_no = (payload.get("tracking_no") or "").strip() or None
    if not is_remote(case, department):
        return {"tracking_no": tracking_no, "carrier": payload.get("carrier")} if tracking_no else {}
    if tracking_no is None and case.tongban_scope not in POSTED_SCOPES:
        return {}
    if tracking_no is None:
        raise InvalidInput.field("tracking_no", f"异地办理（{department.name}）的纸质原件须邮寄，请填写快递单号")
    return {
        "from_centre_id": case.receiving_centre_id,
        "to_centre": home_centre_of(department.region_id),
        "tracking_no": tracking_no,
        "carrier": (payload.get("carrier") or "").strip() or None,
    }
