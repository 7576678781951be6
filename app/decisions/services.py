"""Versions of the decision tables: seeded from rules/*.dmn, then draft → in_review → deployed (the previous
deployed version becomes superseded). The designer edits and tests a draft and submits it with a reason; an
approver or head of the review authority (rules/decisions.toml) approves it, which deploys it to the engine.
A rollback is a new draft copied from an older version. Flushes, never commits."""
import logging
from pathlib import Path

import sqlalchemy as sa

from app.database import utcnow
from app.errors import Conflict, InvalidInput, NotFound
from app.extensions import db
from app.workflow import DecisionError, deploy_decision, evaluate_decision, latest_decision, read_decision

from . import contracts
from .models import FROM_FILE, DecisionVersion

logger = logging.getLogger(__name__)

OPEN = ("draft", "in_review")
_BOOLEAN = {"true": True, "1": True, "是": True, "false": False, "0": False, "否": False}


def _invalid(error: DecisionError) -> InvalidInput:
    """422 naming the body field (``dmn_xml``) or the column / input (``inputs.item_code``, ``outputs``)."""
    path = error.field if error.field.startswith(("inputs.", "outputs")) else "dmn_xml"
    nested = {}
    cursor = nested
    parts = path.split(".")
    for part in parts[:-1]:
        cursor = cursor.setdefault(part, {})
    cursor[parts[-1]] = [str(error)]
    return InvalidInput(str(error), {"json": nested})


def _table(xml: str, file_name: str):
    try:
        return read_decision(xml.encode("utf-8"), file_name)
    except DecisionError as error:
        raise _invalid(error) from error


# -- seeding from rules/*.dmn --------------------------------------------------------------------------
def seed_from_files(rules_dir) -> list[DecisionVersion]:
    """Make each rules/*.dmn the deployed version of its decision unless a person made a newer one: a decision
    seen for the first time gets version 1 from its file; a changed file is deployed as a new version only
    while the deployed version came from the file itself. Re-running it changes nothing."""
    seeded = []
    for path in sorted(Path(rules_dir).glob("*.dmn")):
        source = path.read_text(encoding="utf-8")
        table = _table(source, path.name)
        deployed = _deployed(table.key)
        if deployed is not None and (not deployed.from_file or deployed.dmn_xml == source):
            if not deployed.from_file and deployed.dmn_xml != source:
                logger.info("decision %s: kept v%d by %s, not rules/%s", table.key, deployed.number,
                            deployed.created_by, path.name)
            continue
        version = _new_version(table.key, table.name, path.name, source, FROM_FILE, note=f"rules/{path.name}")
        _deploy(version, FROM_FILE)
        seeded.append(version)
    return seeded


# -- reading ------------------------------------------------------------------------------------------
def _deployed(decision_key: str) -> DecisionVersion | None:
    return db.session.scalars(sa.select(DecisionVersion).where(
        DecisionVersion.decision_key == decision_key, DecisionVersion.status == "deployed")).first()


def decisions() -> list[dict]:
    """Every decision with its deployed version and its open (draft or in review) version, if any."""
    rows = db.session.scalars(sa.select(DecisionVersion).order_by(DecisionVersion.decision_key,
                                                                  DecisionVersion.number)).all()
    found: dict[str, dict] = {}
    for row in rows:
        entry = found.setdefault(row.decision_key, {"key": row.decision_key, "deployed": None, "open": None,
                                                    "versions": 0})
        entry["versions"] += 1
        entry["name"], entry["file_name"] = row.name, row.file_name
        if row.status == "deployed":
            entry["deployed"] = row
        elif row.status in OPEN:
            entry["open"] = row
    return list(found.values())


def versions_of(decision_key: str) -> list[DecisionVersion]:
    rows = db.session.scalars(sa.select(DecisionVersion).where(DecisionVersion.decision_key == decision_key)
                              .order_by(DecisionVersion.number.desc())).all()
    if not rows:
        raise NotFound(f"决策 {decision_key} 不存在")
    return rows


def version_of(decision_key: str, number: int, lock: bool = False) -> DecisionVersion:
    query = sa.select(DecisionVersion).where(DecisionVersion.decision_key == decision_key,
                                             DecisionVersion.number == number)
    version = db.session.scalars(query.with_for_update() if lock else query).first()
    if version is None:
        raise NotFound(f"决策 {decision_key} 第 {number} 版不存在")
    return version


# -- editing ------------------------------------------------------------------------------------------
def _new_version(key, name, file_name, xml, actor, note=None, based_on=None) -> DecisionVersion:
    number = db.session.scalar(sa.select(sa.func.max(DecisionVersion.number))
                               .where(DecisionVersion.decision_key == key)) or 0
    version = DecisionVersion(decision_key=key, number=number + 1, name=name, file_name=file_name,
                              dmn_xml=xml, created_by=actor, note=note, based_on=based_on, status="draft")
    db.session.add(version)
    db.session.flush()
    return version


def new_draft(decision_key: str, actor: str, based_on: int | None = None) -> DecisionVersion:
    """A draft copied from version ``based_on`` (a rollback) or from the deployed version."""
    rows = versions_of(decision_key)
    if any(r.status in OPEN for r in rows):
        raise Conflict("该决策已有未部署的草稿或待审核版本，请先处理")
    source = next((r for r in rows if r.number == based_on), None) if based_on else _deployed(decision_key)
    if source is None:
        raise InvalidInput.field("based_on", f"决策 {decision_key} 没有第 {based_on} 版")
    note = f"回滚到 v{source.number}" if based_on else None
    draft = _new_version(decision_key, source.name, source.file_name, source.dmn_xml, actor, note,
                         source.number)
    logger.info("decision %s: draft v%d from v%d by %s", decision_key, draft.number, source.number, actor)
    return draft


def update_draft(decision_key: str, number: int, dmn_xml: str, actor: str, note: str | None = None):
    version = version_of(decision_key, number, lock=True)
    if version.status != "draft":
        raise Conflict("只有草稿可以修改（已提交或已部署的版本不可变）")
    table = _table(dmn_xml, version.file_name)
    if table.key != decision_key:
        raise InvalidInput.field("dmn_xml", f"决策的 id 须保持为 {decision_key}（流程按它调用），不能改为 {table.key}")
    version.dmn_xml, version.name = dmn_xml, table.name or version.name
    version.edited_by, version.edited_at = actor, utcnow()
    if note is not None:
        version.note = note
    db.session.flush()
    return version


def _typed(value, column, name: str):
    if column is None or value is None or not isinstance(value, str):
        return value
    kind = (column.type_ref or "").lower()
    try:
        if kind in ("integer", "long"):
            return int(value)
        if kind in ("double", "number"):
            return float(value)
    except ValueError:
        raise InvalidInput.field(f"inputs.{name}", f"{column.label or name} 须为数字") from None
    if kind == "boolean":
        if value.strip().lower() not in _BOOLEAN:
            raise InvalidInput.field(f"inputs.{name}", f"{column.label or name} 须为 true 或 false")
        return _BOOLEAN[value.strip().lower()]
    return value


def test(decision_key: str, number: int, values: dict, dmn_xml: str | None = None) -> dict:
    """Evaluate version ``number`` (or the unsaved ``dmn_xml`` of that draft) on the given input values with
    the engine the processes use. Empty values are left out; a table that needs one names it (422)."""
    version = version_of(decision_key, number)
    source = dmn_xml if dmn_xml is not None and version.status == "draft" else version.dmn_xml
    table = _table(source, version.file_name)
    columns = {c.expression: c for c in table.inputs}
    data = {name: _typed(value, columns.get(name), name) for name, value in values.items()
            if value not in (None, "")}
    try:
        outcome = evaluate_decision(source.encode("utf-8"), version.file_name, data)
    except DecisionError as error:
        raise _invalid(error) from error
    return {"matched": outcome.matched, "used": [r.id for r in outcome.used], "output": outcome.output,
            "table": table}


def submit(decision_key: str, number: int, actor: str, note: str) -> DecisionVersion:
    version = version_of(decision_key, number, lock=True)
    if version.status != "draft":
        raise Conflict("只有草稿可以提交审核")
    if version.dmn_xml == getattr(_deployed(decision_key), "dmn_xml", None):
        raise Conflict("草稿与已部署版本相同，无需提交")
    contracts.check(decision_key, _table(version.dmn_xml, version.file_name))
    version.status, version.note = "in_review", note
    version.submitted_by, version.submitted_at = actor, utcnow()
    version.reviewed_by = version.reviewed_at = version.review_note = None
    db.session.flush()
    return version


def _reviewable(decision_key: str, number: int, reviewer) -> DecisionVersion:
    version = version_of(decision_key, number, lock=True)
    contracts.check_reviewer(version, reviewer)  # first: who may not review gets 403 whatever the status
    if version.status != "in_review":
        raise Conflict("只有待审核的版本可以审核")
    return version


def approve(decision_key: str, number: int, reviewer, note: str | None = None) -> DecisionVersion:
    """Deploy the version: the engine evaluates it from the next business rule task on."""
    version = _reviewable(decision_key, number, reviewer)
    contracts.check(decision_key, _table(version.dmn_xml, version.file_name))
    version.reviewed_by, version.reviewed_at, version.review_note = reviewer.username, utcnow(), note
    _deploy(version, reviewer.username)
    logger.info("decision %s v%d deployed, approved by %s", decision_key, number, reviewer.username)
    return version


def reject(decision_key: str, number: int, reviewer, reason: str) -> DecisionVersion:
    version = _reviewable(decision_key, number, reviewer)
    version.status, version.reviewed_by, version.reviewed_at = "draft", reviewer.username, utcnow()
    version.review_note = reason
    db.session.flush()
    return version


def _deploy(version: DecisionVersion, actor: str) -> None:
    previous = _deployed(version.decision_key)
    if previous is not None and previous.id != version.id:
        previous.status = "superseded"
        db.session.flush()
    try:
        definition = deploy_decision(version.file_name, version.dmn_xml.encode("utf-8"), deployed_by=actor)
    except DecisionError as error:
        raise _invalid(error) from error
    version.status, version.deployed_at, version.definition_id = "deployed", utcnow(), definition.id
    db.session.flush()


def deployed_definition(decision_key: str):
    """The engine's deployed version of the decision (what cases evaluate now)."""
    return latest_decision(decision_key)


def read_table(version: DecisionVersion):
    """The parsed table of a stored version (columns and rows, for the pages)."""
    return _table(version.dmn_xml, version.file_name)
