"""Who reviews an item version: the authority its type calls for (``rules/item_review.toml``), i.e. an
approver or head of a department with that review_authority in the item's region or a region above it.
Never the version's own editor or submitter; only the review authority's approvers and heads (no IT role)."""
import logging
import os
import tomllib

from flask import current_app

from app.errors import Forbidden
from app.network.models import REVIEW_AUTHORITIES

logger = logging.getLogger(__name__)

REVIEWER_ROLES = ("approver", "head")


class ReviewRulesError(RuntimeError):
    pass


_cache: dict[str, tuple[tuple[int, int], dict[str, str]]] = {}


def rules_path() -> str:
    configured = current_app.config.get("ITEM_REVIEW_RULES")
    return str(configured) if configured else os.path.join(current_app.config["RULES_DIR"], "item_review.toml")


def parse_rules(text: str, source: str = "<string>") -> dict[str, str]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ReviewRulesError(f"事项审核规则文件 {source} 不是有效的 TOML：{exc}") from exc
    authorities = data.get("authorities", {})
    if not isinstance(authorities, dict):
        raise ReviewRulesError(f"事项审核规则文件 {source} 的 [authorities] 格式错误")
    unknown = sorted({str(v) for v in authorities.values()} - set(REVIEW_AUTHORITIES))
    if unknown:
        raise ReviewRulesError(f"事项审核规则文件 {source} 含未知的审核机关：{', '.join(unknown)}")
    return {str(k): str(v) for k, v in authorities.items()}


def review_rules() -> dict[str, str]:
    """item type → authority; re-read only when the file's modification time or size changed."""
    path = rules_path()
    try:
        stat = os.stat(path)
    except OSError as exc:
        raise ReviewRulesError(f"找不到事项审核规则文件 {path}") from exc
    stamp = (stat.st_mtime_ns, stat.st_size)
    cached = _cache.get(path)
    if cached is None or cached[0] != stamp:
        with open(path, encoding="utf-8") as handle:
            cached = (stamp, parse_rules(handle.read(), path))
        _cache[path] = cached
        logger.info("item review rules loaded from %s: %d item types", path, len(cached[1]))
    return cached[1]


def authority_for(item) -> str | None:
    return review_rules().get(item.item_type)


def check_review_authority(item, actor, *, not_own: bool = True) -> None:
    """Raise 403 unless ``actor`` (a User) may review ``item`` (approve, reject; retire with ``not_own``
    False: retiring needs the authority, not a second person)."""
    if not_own and actor.username in (item.edited_by, item.submitted_by):
        raise Forbidden("编制人不能审核自己编制或提交的事项版本，请由其他审核人审核")
    authority = authority_for(item)
    label = REVIEW_AUTHORITIES.get(authority, authority or "审核机关")
    department = actor.department
    if (actor.role not in REVIEWER_ROLES or department is None or authority is None
            or department.review_authority != authority or not department.region.contains(item.region.code)):
        raise Forbidden(f"事项 {item.code} 应由{item.region.name}或上级的{label}审批人或负责人审核")


def is_item_reviewer(actor) -> bool:
    """Whether ``actor`` belongs to an item-review authority (its approver or head)."""
    department = actor.department
    return actor.role in REVIEWER_ROLES and department is not None and department.review_authority is not None


def may_review(item, actor) -> bool:
    """:func:`check_review_authority` as a yes/no, for pages that offer the review buttons."""
    try:
        check_review_authority(item, actor)
    except Forbidden:
        return False
    return True
