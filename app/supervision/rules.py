"""The supervision thresholds, read from a TOML rules file (``rules/supervision.toml`` by default, or the
file named by the ``SUPERVISION_RULES`` setting). The file is re-read when it changes on disk, so editing
it changes the levels without a code change or a restart."""
import logging
import os
import tomllib
from dataclasses import dataclass

from flask import current_app

from app.errors import ServiceError

logger = logging.getLogger(__name__)

LEVELS = ("green", "warning", "yellow", "red")
LEVEL_LABELS = {"green": "正常", "warning": "预警", "yellow": "黄牌", "red": "红牌"}
LIMIT_LABELS = {"promised": "承诺办结期限", "legal": "法定办结期限", "procedure_end": "特别程序预计结束日期"}
_SECTIONS = {"case": ("promised", "legal"), "special_procedure": ("procedure_end",), "task": ("promised", "legal")}


class RulesError(ServiceError):
    """The rules file is missing or malformed: a configuration fault the operator must fix."""

    status = 503


@dataclass(frozen=True)
class Threshold:
    level: str
    limit: str
    remaining_at_most: int


@dataclass(frozen=True)
class Finding:
    """The level a set of thresholds gives, and the threshold and remaining days that gave it."""

    level: str
    limit: str | None = None
    remaining: int | None = None

    @property
    def severity(self) -> int:
        return LEVELS.index(self.level)


@dataclass(frozen=True)
class SupervisionRules:
    case: tuple[Threshold, ...]
    special_procedure: tuple[Threshold, ...]
    task: tuple[Threshold, ...]
    cards: frozenset[str]
    source: str

    @staticmethod
    def evaluate(thresholds, remaining: dict[str, int | None]) -> Finding:
        """The most severe threshold met by ``remaining`` (limit → working days left, None = not measured)."""
        best = Finding("green")
        for threshold in thresholds:
            left = remaining.get(threshold.limit)
            if left is None or left > threshold.remaining_at_most:
                continue
            if LEVELS.index(threshold.level) > best.severity:
                best = Finding(threshold.level, threshold.limit, left)
        return best


def _threshold(section: str, index: int, raw) -> Threshold:
    where = f"[[{section}]] 第{index + 1}条"
    if not isinstance(raw, dict):
        raise RulesError(f"监察规则 {where} 格式错误")
    level, limit, at_most = raw.get("level"), raw.get("limit"), raw.get("remaining_at_most")
    allowed_levels = ("yellow", "red") if section == "task" else LEVELS[1:]
    if level not in allowed_levels:
        raise RulesError(f"监察规则 {where} 的 level 应为 {'/'.join(allowed_levels)}，实际为 {level!r}")
    if limit not in _SECTIONS[section]:
        raise RulesError(f"监察规则 {where} 的 limit 应为 {'/'.join(_SECTIONS[section])}，实际为 {limit!r}")
    if isinstance(at_most, bool) or not isinstance(at_most, int):
        raise RulesError(f"监察规则 {where} 的 remaining_at_most 应为整数（工作日，负数表示超期）")
    return Threshold(level, limit, at_most)


def parse_rules(text: str, source: str = "<string>") -> SupervisionRules:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RulesError(f"监察规则文件 {source} 不是有效的 TOML：{exc}") from exc
    sections = {
        name: tuple(_threshold(name, i, raw) for i, raw in enumerate(data.get(name, [])))
        for name in _SECTIONS
    }
    cards = data.get("cards", ["yellow", "red"])
    if not isinstance(cards, list) or any(level not in LEVELS[1:] for level in cards):
        raise RulesError(f"监察规则文件 {source} 的 cards 应为 warning/yellow/red 组成的列表")
    return SupervisionRules(sections["case"], sections["special_procedure"], sections["task"], frozenset(cards),
                            source)


def rules_path() -> str:
    configured = current_app.config.get("SUPERVISION_RULES")
    return str(configured) if configured else os.path.join(current_app.config["RULES_DIR"], "supervision.toml")


_cache: dict[str, tuple[tuple[int, int], SupervisionRules]] = {}


def load_rules() -> SupervisionRules:
    """The current rules; re-parsed only when the file's modification time or size changed."""
    path = rules_path()
    try:
        stat = os.stat(path)
    except OSError as exc:
        raise RulesError(f"找不到电子监察规则文件 {path}") from exc
    stamp = (stat.st_mtime_ns, stat.st_size)
    cached = _cache.get(path)
    if cached and cached[0] == stamp:
        return cached[1]
    with open(path, encoding="utf-8") as handle:
        rules = parse_rules(handle.read(), path)
    _cache[path] = (stamp, rules)
    logger.info("supervision rules loaded from %s", path)
    return rules
