"""``flask seed-demo --cases N``: fill the demo with cases in every state, spread over past weeks, fast.

A handful of *template* cases is made through the real services (acceptance, the back-office steps,
不予许可, 出件), one per state, so each carries a consistent engine state, task projection and history. The
other cases are bulk-inserted copies of a template: new case numbers (reserved per day from the day counters),
applicants (valid GB 11643 ID numbers), dates shifted back by up to ``weeks`` weeks with the deadlines counted
again on the working calendar, the engine state's task ids renamed (a copy is a case of its own for the
engine), and the history re-chained and re-hashed for the new case number and times, so ``flask audit
verify`` accepts every copy. Running cases get their 电子监察 level and, once yellow or red, their card; some
issued cases get a window rating. Files, notices, decision documents and e-licences are not copied.

Everything is flushed, never committed (the command commits once at the end)."""
import datetime as dt
import logging
import random
import re
import uuid

import sqlalchemy as sa
from flask import current_app

from app.accounts.models import User
from app.calendar.services import working_calendar
from app.cases import lifecycle
from app.cases.acceptance import receive_case
from app.cases.events import event_digest
from app.cases.issuance import issue_case
from app.cases.models import Case, CaseEvent, CaseMaterial, CaseNumberCounter, identity_suffix
from app.cases.schemas import CaseCreateSchema
from app.catalogue.models import ServiceItem
from app.extensions import db
from app.licences.models import CaseDelivery
from app.ratings.models import Rating
from app.supervision.levels import LevelCalculator
from app.supervision.models import SupervisionCard
from app.supervision.rules import load_rules
from app.tasks.models import HumanTask, TaskCandidate
from app.tasks.services import complete_task
from app.workflow.models import WorkflowInstance

from .people import random_person

logger = logging.getLogger(__name__)

#: (item code, clerk, department prefix of the back-office users, application-form answers)
_CREDIT = "91350100M000100Y43"
ITEMS = (
    ("330100-XK-001", "clerk_commerce", "scjgj", {
        "situation": "new", "operator_name": "示范市某某餐饮管理有限公司", "credit_code": _CREDIT,
        "legal_representative": "张三", "premises": "示范市人民路1号", "business_form": "catering",
        "business_items": ["hot", "cold"], "area": 120, "agent": False}),
    ("330100-XK-002", "clerk_construction", "zjj", {
        "project_name": "示范市第一中学教学楼", "builder": "示范市教育局", "credit_code": _CREDIT,
        "project_address": "示范市学院路8号", "floor_area": 12000, "contract_price": 3500, "structure": "frame",
        "start_date": "2026-04-01", "agent": False}),
)
#: state → (share of the cases, the steps after 收件: approve × n, then "reject" / "issue")
STATES = {
    "supplementing": (5, "supplement", ()),
    "not_accepted": (4, "refuse", ()),
    "handling": (16, "accept", ()),
    "reviewing": (10, "accept", ("approve",)),
    "approving": (8, "accept", ("approve", "approve")),
    "granted": (10, "accept", ("approve", "approve", "approve")),
    "refused": (4, "accept", ("approve", "approve", "reject")),
    "issued": (43, "accept", ("approve", "approve", "approve", "issue")),
}
RUNNING = ("handling", "reviewing", "approving")
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
BATCH = 500


def seed_cases(total: int, weeks: int = 8, seed: int | None = None, phone: str | None = None,
               items: tuple[str, ...] | None = None) -> int:
    """Add cases until ``total`` cases exist; returns how many were added. ``phone``: every new case's
    applicant has this phone (for stories that search by its last 4 digits); ``items``: only these item codes
    of :data:`ITEMS`."""
    existing = db.session.scalar(sa.select(sa.func.count(Case.id))) or 0
    wanted = max(0, total - existing)
    if not wanted:
        return 0
    rng = random.Random(seed)
    chosen = [i for i, spec in enumerate(ITEMS) if items is None or spec[0] in items]
    templates = _templates(rng, phone, chosen)
    added = len(templates)
    shares = [(state, share) for state, (share, _d, _s) in STATES.items()]
    plan = rng.choices([s for s, _ in shares], weights=[w for _, w in shares], k=max(0, wanted - added))
    cloner = _Cloner(rng, weeks, phone)
    for start in range(0, len(plan), BATCH):
        cloner.clone_batch([templates[(state, rng.choice(chosen))] for state in plan[start:start + BATCH]])
        added += len(plan[start:start + BATCH])
        logger.info("seed-demo: %d of %d cases", added, wanted)
    return added


# -- templates through the services ---------------------------------------------------------------------------
def _user(username: str) -> User:
    return db.session.scalars(sa.select(User).where(User.username == username)).one()


def _templates(rng, phone, chosen: list[int]) -> dict[tuple[str, int], int]:
    """(state, item index) → id of a template case made through the services."""
    made = {}
    for index in chosen:
        code, clerk_name, prefix, answers = ITEMS[index]
        clerk = _user(clerk_name)
        item = db.session.scalars(sa.select(ServiceItem).where(ServiceItem.code == code)
                                  .order_by(ServiceItem.version.desc())).first()
        codes = [m.code for m in item.materials]
        for state, (_share, decision, steps) in STATES.items():
            person = random_person(rng, phone)
            payload = CaseCreateSchema().load({
                "item_code": code, "applicant": {"kind": "person", **person}, "decision": decision,
                "materials": codes if decision != "supplement" else codes[:-1],
                "missing": codes[-1:] if decision == "supplement" else [],
                "reason": "不属于本机关职权范围" if decision == "refuse" else None, "form": answers})
            case = receive_case(clerk, payload)
            for position, step in enumerate(steps):
                if step == "issue":
                    issue_case(clerk, case.case_no, {"method": "window", "recipient": person["name"],
                                                     "recipient_id_number": person["id_number"], "confirmed": True})
                    continue
                task = db.session.scalars(sa.select(HumanTask).where(
                    HumanTask.case_id == case.id, HumanTask.state == "ready")).first()
                actor = _user(f"{prefix}_{('handler', 'reviewer', 'approver')[min(position, 2)]}")
                complete_task(actor, task.id, {"decision": step, "opinion": "同意" if step == "approve" else
                                               "经审查不符合许可条件"})
            made[(state, index)] = case.id
    db.session.flush()
    return made


# -- bulk copies --------------------------------------------------------------------------------------------
def _rows(table, *where):
    return [dict(row._mapping) for row in db.session.execute(sa.select(table).where(*where))]


class _Cloner:
    def __init__(self, rng, weeks: int, phone: str | None):
        self.rng, self.weeks, self.phone = rng, weeks, phone
        self.now = lifecycle.now_utc().replace(microsecond=0)
        self.calendar = working_calendar()
        self.levels = LevelCalculator(lifecycle.local_now().date(), self.calendar, load_rules())
        self.templates: dict[int, dict] = {}

    def _template(self, case_id: int) -> dict:
        if case_id not in self.templates:
            case = _rows(Case.__table__, Case.id == case_id)[0]
            tasks = _rows(HumanTask.__table__, HumanTask.case_id == case_id)
            self.templates[case_id] = {
                "case": case,
                "instance": _rows(WorkflowInstance.__table__, WorkflowInstance.id == case["workflow_instance_id"])[0],
                "tasks": tasks,
                "candidates": _rows(TaskCandidate.__table__, TaskCandidate.task_id.in_([t["id"] for t in tasks])),
                "events": sorted(_rows(CaseEvent.__table__, CaseEvent.case_id == case_id), key=lambda e: e["seq"]),
                "materials": _rows(CaseMaterial.__table__, CaseMaterial.case_id == case_id),
                "deliveries": _rows(CaseDelivery.__table__, CaseDelivery.case_id == case_id),
                "item": db.session.get(ServiceItem, case["item_id"]),
            }
        return self.templates[case_id]

    def _received_at(self, template) -> dt.datetime:
        status = template["case"]["status"]
        days = self.weeks * 7
        if status == "in_progress" and self.rng.random() < 0.7:
            days = 10  # most running cases are recent; the others are overdue by now
        return self.now - dt.timedelta(days=self.rng.uniform(0.5, days), seconds=self.rng.randrange(3600))

    def clone_batch(self, case_ids: list[int]) -> None:
        plans = [(self._template(case_id), self._received_at(self._template(case_id))) for case_id in case_ids]
        numbers = self._case_numbers([lifecycle.local_date(received) for _t, received in plans])
        instances = [self._instance(t, received, number) for (t, received), number in zip(plans, numbers, strict=True)]
        ids = db.session.execute(sa.insert(WorkflowInstance).returning(WorkflowInstance.id, sort_by_parameter_order=True),
                                 [{k: v for k, v in i.items() if k != "_renames"} for i in instances]).scalars().all()
        cases, extras = [], []
        for (template, received), number, instance_id, instance in zip(plans, numbers, ids, instances, strict=True):
            case, extra = self._case(template, received, number, instance_id, instance["_renames"])
            cases.append(case)
            extras.append(extra)
        case_ids_new = db.session.execute(sa.insert(Case).returning(Case.id, sort_by_parameter_order=True),
                                          cases).scalars().all()
        self._children(case_ids_new, cases, extras)

    def _case_numbers(self, days: list[dt.date]) -> list[str]:
        """Case numbers from the day counters, reserved in one update per day."""
        wanted: dict[dt.date, int] = {}
        for day in days:
            wanted[day] = wanted.get(day, 0) + 1
        first: dict[dt.date, int] = {}
        for day, count in wanted.items():
            key = f"case:{day.isoformat()}"
            counter = db.session.get(CaseNumberCounter, key, with_for_update=True)
            if counter is None:
                counter = CaseNumberCounter(key=key, value=0)
                db.session.add(counter)
            first[day], counter.value = counter.value + 1, counter.value + count
        db.session.flush()
        pattern, centre = current_app.config["CASE_NUMBER_PATTERN"], current_app.config["SERVICE_CENTRE_CODE"]
        numbers = []
        for day in days:
            numbers.append(pattern.format(centre=centre, date=day, seq=first[day])[:50])
            first[day] += 1
        return numbers

    def _instance(self, template, received, number: str) -> dict:
        source = template["instance"]
        renames = {old: str(uuid.uuid4()) for old in set(_UUID.findall(source["state"]))}
        state = _UUID.sub(lambda m: renames[m.group(0)], source["state"])
        delta = received - template["case"]["received_at"]
        return {"definition_id": source["definition_id"], "state": state.replace(template["case"]["case_no"], number),
                "serializer_version": source["serializer_version"], "revision": source["revision"],
                "completed": source["completed"], "next_due": _shift(source["next_due"], delta),
                "created_at": received, "updated_at": received, "_renames": renames}

    def _case(self, template, received, number, instance_id, renames):
        source, item = template["case"], template["item"]
        delta = received - source["received_at"]
        person = random_person(self.rng, self.phone)
        case = {k: v for k, v in source.items() if k != "id"}
        case.update(case_no=number, workflow_instance_id=instance_id, received_at=received,
                    applicant_name=person["name"], applicant_id_number=person["id_number"],
                    applicant_phone=person["phone"], applicant_id_suffix=identity_suffix(person["id_number"]),
                    applicant_phone_suffix=identity_suffix(person["phone"]), last_urged_at=None)
        for column in ("accepted_at", "finished_at", "decided_at", "paused_since", "issued_at"):
            case[column] = _shift(source[column], delta)
        if source["accepted_at"] is not None:
            case["deadline"], case["legal_deadline"] = lifecycle.compute_deadlines(
                item, lifecycle.local_date(case["accepted_at"]))
        level = None
        if case["status"] == "in_progress" and case["decided_at"] is None:
            level = self.levels.case(case["deadline"], case["legal_deadline"]).level
        case["warning_level"] = level
        events = self._events(template, case, delta, renames)
        return case, {"template": template, "delta": delta, "renames": renames, "person": person, "level": level,
                      "events": events}

    def _children(self, case_ids, cases, extras) -> None:
        tasks, candidates, events, materials, deliveries, cards, ratings = [], [], [], [], [], [], []
        for case_id, case, extra in zip(case_ids, cases, extras, strict=True):
            template, delta, renames = extra["template"], extra["delta"], extra["renames"]
            for task in template["tasks"]:
                tasks.append({**task, "id": renames.get(task["id"], task["id"]), "case_id": case_id,
                              "created_at": _shift(task["created_at"], delta),
                              "due_at": _shift(task["due_at"], delta),
                              "completed_at": _shift(task["completed_at"], delta)})
            candidates += [{**c, "task_id": renames.get(c["task_id"], c["task_id"])} for c in template["candidates"]]
            materials += [{**{k: v for k, v in m.items() if k != "id"}, "case_id": case_id,
                           "received_at": _shift(m["received_at"], delta)} for m in template["materials"]]
            deliveries += [{**{k: v for k, v in d.items() if k != "id"}, "case_id": case_id,
                            "recipient": extra["person"]["name"],
                            "recipient_id_suffix": extra["person"]["id_number"][-4:],
                            "updated_at": _shift(d["updated_at"], delta)} for d in template["deliveries"]]
            events += [{**event, "case_id": case_id} for event in extra["events"]]
            if extra["level"] in ("yellow", "red"):
                cards.append({"case_id": case_id, "level": extra["level"], "status": "issued",
                              "reason": "超过承诺办结期限" if extra["level"] == "yellow" else "超过法定办结期限",
                              "department_code": template["item"].department.code, "issued_at": self.now})
            if case["status"] == "finished" and self.rng.random() < 0.6:
                grade = self.rng.choices((1, 2, 3, 4, 5), weights=(60, 20, 10, 6, 4))[0]
                ratings.append({"case_id": case_id, "item_id": case["item_id"], "channel": "window",
                                "department_id": template["item"].department_id, "grade": grade, "excluded": False,
                                "created_at": case["issued_at"] or self.now,
                                "follow_up_state": "pending" if grade >= 4 else None})
        for model, rows in ((HumanTask, tasks), (TaskCandidate, candidates), (CaseEvent, events),
                            (CaseMaterial, materials), (CaseDelivery, deliveries), (SupervisionCard, cards),
                            (Rating, ratings)):
            if rows:
                db.session.execute(sa.insert(model), rows)

    def _events(self, template, case, delta, renames) -> list[dict]:
        """The template's history for the copy, re-chained and re-hashed (case id filled in on insert)."""
        chained, prev = [], ""
        for source in template["events"]:
            event = CaseEvent(**{**{k: v for k, v in source.items() if k not in ("id", "case_id")},
                                 "occurred_at": _shift(source["occurred_at"], delta).replace(microsecond=0),
                                 "task_id": renames.get(source["task_id"], source["task_id"]), "prev_hash": prev})
            event.hash = event_digest(case["case_no"], event)
            prev = event.hash
            chained.append({c.name: getattr(event, c.name) for c in CaseEvent.__table__.columns
                            if c.name not in ("id", "case_id")})
        case["last_event_seq"], case["last_event_hash"] = len(chained), prev
        return chained


def _shift(value, delta):
    return value + delta if value is not None else None
