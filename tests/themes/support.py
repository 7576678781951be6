"""The demo theme 开办餐饮店 (rules/themes/330100-YJS-001.theme.json) as an applicant fills it in."""
from tests.support import VALID_COMPANY

THEME = "330100-YJS-001"
BUSINESS_LICENCE = "330100-XK-007"  # 市场主体设立登记 → 营业执照 (市场监管局)
FOOD_LICENCE = "330100-XK-001"  # needs the 营业执照: starts once it is issued
FIRE_CHECK = "330100-XK-006"  # area ≥ 300 m²: runs in parallel (消防救援支队)
SIGNBOARD = "330100-XK-008"  # only with an outdoor signboard (城市管理局)

ANSWERS = {"shop_name": "示范市湖滨餐厅", "premises": "示范市湖滨路8号", "legal_representative": "张三",
           "business_items": ["hot", "cold"], "area": 320, "capacity": 150, "signboard": False, "agent": False}
#: the one material list for those answers (no signboard, no agent)
MATERIALS = ["C01", "C02", "C03", "C04", "C05", "C06", "C07", "C08"]
APPLICANT = VALID_COMPANY


def application(**changes):
    answers = {**ANSWERS, **changes.pop("form", {})}
    return {"theme_code": THEME, "applicant": APPLICANT, "form": answers, "materials": MATERIALS, **changes}


def approve_all(api, case_no, department):
    for role in ("handler", "reviewer", "approver"):
        api.as_user(f"{department}_{role}").decide(case_no)


def children(theme_case):
    return {c["item_code"]: c for c in theme_case["children"]}
