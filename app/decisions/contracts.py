"""What the processes rely on in a decision table, and who reviews decision tables (``rules/decisions.toml``).

A version may not drop or rename an input column the file lists, an output column the file lists or one
the calling processes read (their candidate groups, conditions and scripts name it), nor read process data
the file does not list for that decision. Problems name the column: ``{"inputs": {"item_code": [...]}}``."""
import logging
import os
import tomllib
from dataclasses import dataclass, field

from flask import current_app

from app.errors import Forbidden, InvalidInput
from app.network.models import REVIEW_AUTHORITIES
from app.workflow import decision_callers, latest_decision, read_decision

logger = logging.getLogger(__name__)

REVIEWER_ROLES = ("approver", "head")


class ContractRulesError(RuntimeError):
    pass


@dataclass(frozen=True)
class Contract:
    inputs: tuple[str, ...] = ()
    outputs: tuple[str, ...] = ()
    #: name → label of the process data available where the decision is called (empty: not restricted)
    variables: dict = field(default_factory=dict)


def _rules_path() -> str:
    configured = current_app.config.get("DECISION_RULES")
    return str(configured) if configured else os.path.join(current_app.config["RULES_DIR"], "decisions.toml")


_cache: dict[str, tuple[tuple[int, int], dict]] = {}


def _rules() -> dict:
    """The parsed file, re-read only when its modification time or size changed."""
    path = _rules_path()
    try:
        stat = os.stat(path)
    except OSError:
        return {}
    stamp = (stat.st_mtime_ns, stat.st_size)
    cached = _cache.get(path)
    if cached is None or cached[0] != stamp:
        with open(path, "rb") as handle:
            try:
                data = tomllib.load(handle)
            except tomllib.TOMLDecodeError as exc:
                raise ContractRulesError(f"决策表规则文件 {path} 不是有效的 TOML：{exc}") from exc
        cached = (stamp, data)
        _cache[path] = cached
        logger.info("decision rules loaded from %s", path)
    return cached[1]


def contract_for(decision_key: str) -> Contract:
    entry = _rules().get("decisions", {}).get(decision_key, {})
    return Contract(tuple(entry.get("inputs", ())), tuple(entry.get("outputs", ())),
                    {str(k): str(v) for k, v in entry.get("variables", {}).items()})


def review_authority() -> str:
    authority = _rules().get("review", {}).get("authority", "approval_office")
    if authority not in REVIEW_AUTHORITIES:
        raise ContractRulesError(f"决策表规则文件的审核机关 {authority} 未知")
    return authority


def check_reviewer(version, actor) -> None:
    """Raise 403 unless ``actor`` may approve or reject ``version``: an approver or head of the review
    authority, and never the person who made, edited or submitted it."""
    if actor.username in (version.created_by, version.edited_by, version.submitted_by):
        raise Forbidden("编制人不能审核自己编制或提交的决策表版本，请由其他审核人审核")
    authority = review_authority()
    department = actor.department
    if actor.role not in REVIEWER_ROLES or department is None or department.review_authority != authority:
        raise Forbidden(f"决策表版本应由{REVIEW_AUTHORITIES.get(authority, authority)}的审批人或负责人审核")


def may_review(version, actor) -> bool:
    try:
        check_reviewer(version, actor)
    except Forbidden:
        return False
    return True


def _protected_outputs(decision_key: str, contract: Contract) -> dict[str, str]:
    """output name → who relies on it."""
    protected = {name: "rules/decisions.toml" for name in contract.outputs}
    deployed = latest_decision(decision_key)
    if deployed is None:
        return protected
    table = read_decision(deployed.dmn_xml.encode("utf-8"), deployed.file_name)
    for caller in decision_callers(decision_key):
        for column in table.outputs:
            if column.name in caller.names:
                user = f"流程「{caller.name}」（{caller.process_key} v{caller.version}）"
                protected.setdefault(column.name, user)
    return protected


def problems(decision_key: str, table) -> dict[str, dict[str, list[str]]]:
    """Columns the version would break, as ``{"inputs"|"outputs": {column: [message]}}`` (empty when none)."""
    contract = contract_for(decision_key)
    found: dict[str, dict[str, list[str]]] = {}
    expressions = {c.expression for c in table.inputs}
    for expression in contract.inputs:
        if expression not in expressions:
            found.setdefault("inputs", {})[expression] = [
                f"输入列 {expression} 是流程调用此决策时依据的数据，不能删除或修改其输入表达式"]
    names = {c.name for c in table.outputs}
    for name, user in _protected_outputs(decision_key, contract).items():
        if name not in names:
            found.setdefault("outputs", {})[name] = [f"输出列 {name} 被{user}使用，不能删除或改名"]
    if contract.variables:
        for name in table.variables():
            if name not in contract.variables:
                found.setdefault("inputs", {})[name] = [
                    f"流程调用此决策时没有数据 {name}（可用：{'、'.join(contract.variables)}）"]
    return found


def check(decision_key: str, table) -> None:
    """Raise 422 naming the first column the version would break (every problem is in ``errors``)."""
    found = problems(decision_key, table)
    if found:
        first = next(iter(next(iter(found.values())).values()))[0]
        raise InvalidInput(first, {"json": found})
