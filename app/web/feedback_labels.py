"""Display labels of 咨询 / 投诉举报 and of the 好差评 indicators for the pages (staff and portal), translated
through Flask-Babel; the codes and Chinese names themselves are data (app.feedback.models, rules/)."""
from flask_babel import lazy_gettext as _l

KIND_LABELS = {"question": _l("咨询"), "complaint": _l("投诉举报")}
SUBJECT_LABELS = {"item": _l("事项"), "window": _l("窗口"), "department": _l("部门"), "case": _l("办件")}
STATE_LABELS = {"submitted": _l("待受理"), "routed": _l("办理中"), "drafted": _l("待签发"),
                "answered": _l("已答复待回访"), "closed": _l("已办结"), "rejected": _l("不予受理")}
STEP_LABELS = {"submit": _l("提交"), "accept": _l("受理"), "draft": _l("答复拟稿"), "sign_off": _l("答复签发"),
               "visit": _l("回访")}
ACTION_LABELS = {"submitted": _l("已提交"), "accepted": _l("已受理并转办"), "rejected": _l("不予受理"),
                 "returned": _l("退回"), "drafted": _l("答复已拟稿"), "signed": _l("已答复"),
                 "visited": _l("已回访，办结")}
COLOUR_LABELS = {"green": _l("正常"), "yellow": _l("临期"), "red": _l("超期")}
GRADE_LABELS = {1: _l("非常满意"), 2: _l("满意"), 3: _l("基本满意"), 4: _l("不满意"), 5: _l("非常不满意")}
#: the national indicators (rules/rating_indicators.toml) by code, for the English pages
INDICATOR_LABELS = {"efficiency": _l("办事效率"), "guide_accuracy": _l("办事指南精确度"),
                    "convenience": _l("办事便捷度"), "usability": _l("平台操作性"),
                    "service_efficiency": _l("服务效率"), "service_level": _l("服务水平"),
                    "service_attitude": _l("服务态度")}


def label(labels: dict, code, fallback=None):
    return labels.get(code, fallback if fallback is not None else code)
