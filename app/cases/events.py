"""Recording case events into the append-only history, chained per case by HMAC-SHA256 under the audit key
(``AUDIT_KEY``, held outside the database): a database writer cannot recompute a link without the key."""
import hashlib
import hmac
import json
from dataclasses import dataclass

from flask import current_app

from app.database import utcnow
from app.extensions import db

from .models import CaseEvent

#: action → label shown in the history (zh-CN)
EVENT_LABELS = {
    "case.received": "收件",
    "case.accepted": "受理",
    "case.supplement_requested": "补正一次告知",
    "case.supplemented": "补正材料接收",
    "case.not_accepted": "不予受理",
    "notice.issued": "出具通知书",
    "decision.issued": "出具决定书",
    "licence.file_signed": "电子证照签章",
    "materials.handed_over": "材料移交",
    "materials.signed": "材料签收",
    "case.online_application": "网上申报预审通过",
    "file.uploaded": "上传材料文件",
    "file.attached": "网上提交材料入卷",
    "file.reused": "材料复用",
    "agent.delivered": "代办员交付申请人",
    "case.project_assigned": "纳入全程代办项目",
    "theme.member": "一件事并联办理",
    "task.completed": "办理",
    "task.returned": "退回",
    "task.transferred": "转办",
    "task.claimed": "签收任务",
    "task.withdrawn": "撤回",
    "task.delegated": "委派",
    "task.delegate_replied": "委派回复",
    "task.signer_added": "加签",
    "task.signed": "加签签署",
    "case.urged": "催办",
    "case.suspended": "挂起",
    "case.resumed": "激活",
    "case.terminated": "终止",
    "case.withdrawn": "申请人撤件",
    "case.decided": "作出决定",
    "case.issued": "出件",
    "case.delivery_updated": "寄递状态",
    "licence.revoked": "证照撤销",
    "licence.cancelled": "证照注销",
    "rating.received": "评价",
    "rating.rectified": "差评整改",
    "rating.rectification_reviewed": "差评整改复核",
    "rating.appealed": "评价申诉",
    "rating.appeal_decided": "评价申诉复核",
    "case.finished": "办结",
    "timer.fired": "环节超期",
    "step.auto_returned": "超时自动退回窗口",
    "escalation.acknowledged": "督办签收",
    "clock.paused": "暂停计时",
    "clock.resumed": "恢复计时",
    "clock.extended": "延长审批",
    "clock.extension_requested": "申请延长审批",
    "clock.extension_declined": "不批准延长审批",
    "supervision.card_issued": "电子监察发牌",
    "supervision.card_appealed": "监察牌申诉",
    "supervision.card_decided": "申诉处理",
    "exchange.case_read": "外部系统查阅",
}


@dataclass(frozen=True)
class PublicActor:
    """Someone without a staff account acting on the public pages (the applicant): ``id`` is None."""

    display_name: str
    id: None = None


#: the applicant acting online with the case number (or application number) and the query code
APPLICANT = PublicActor("申请人（网上办理）")


def event_digest(case_no: str, event: CaseEvent) -> str:
    content = {
        "case_no": case_no,
        "seq": event.seq,
        "occurred_at": event.occurred_at.isoformat(),
        "actor_id": event.actor_id,
        "actor_name": event.actor_name,
        "action": event.action,
        "task_id": event.task_id,
        "step": event.step,
        "decision": event.decision,
        "opinion": event.opinion,
        "detail": event.detail,
        "prev_hash": event.prev_hash,
    }
    canonical = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return keyed_digest(canonical)


def keyed_digest(canonical: str) -> str:
    """HMAC-SHA256 of canonical JSON under the audit key (hex, 64 characters like the old SHA-256)."""
    key = current_app.config["AUDIT_KEY"].encode("utf-8")
    return hmac.new(key, canonical.encode("utf-8"), hashlib.sha256).hexdigest()


def record_event(case, actor, action, *, task_id=None, step=None, decision=None, opinion=None, **detail):
    """Append an event to the case's history. The caller holds the case's row lock."""
    event = CaseEvent(
        case_id=case.id,
        seq=case.last_event_seq + 1,
        occurred_at=utcnow().replace(microsecond=0),
        actor_id=actor.id if actor is not None else None,
        actor_name=actor.display_name if actor is not None else "系统",
        action=action,
        task_id=task_id,
        step=step,
        decision=decision,
        opinion=opinion,
        detail=detail,
        prev_hash=case.last_event_hash,
    )
    event.hash = event_digest(case.case_no, event)
    case.last_event_seq, case.last_event_hash = event.seq, event.hash
    db.session.add(event)
    return event
