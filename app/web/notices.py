"""The written notice of a window decision (行政许可法 Art. 32): 受理通知书, 补正材料通知书 (一次告知) or
不予受理决定书 — read from the case and its last acceptance event; printed from an HTML page."""
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l

NOTICE_TITLES = {
    "case.accepted": _l("受理通知书"),
    "case.supplement_requested": _l("补正材料通知书"),
    "case.not_accepted": _l("不予受理决定书"),
}


@dataclass
class Notice:
    kind: str
    title: str
    issued_at: object
    missing: list[str] = field(default_factory=list)
    opinion: str | None = None


def notice_for(case) -> Notice | None:
    """The notice of the latest window decision on the case, or None if none was made."""
    for event in reversed(case.events):
        if event.action in NOTICE_TITLES:
            missing = event.detail.get("missing_names") or []
            if event.action == "case.supplement_requested" and not missing:
                by_code = {m.code: m.name for m in case.item.materials}
                missing = [by_code.get(code, code) for code in event.detail.get("missing", [])]
            return Notice(kind=event.action, title=str(NOTICE_TITLES[event.action]),
                          issued_at=event.occurred_at, missing=missing, opinion=event.opinion)
    return None
