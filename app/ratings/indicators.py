"""The national 好差评 indicators per channel (rules/rating_indicators.toml): which indicators a rating on a
channel must grade, under which version. The file is data, re-read when it changes on disk."""
import logging
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from flask import current_app

from .models import GRADES

logger = logging.getLogger(__name__)

FILE_NAME = "rating_indicators.toml"
_cache: dict[str, tuple[float, "IndicatorCatalogue"]] = {}


@dataclass(frozen=True)
class IndicatorSet:
    code: str
    name: str
    channels: tuple[str, ...]
    indicators: tuple[tuple[str, str], ...]  # (code, name) in the national order


@dataclass(frozen=True)
class IndicatorCatalogue:
    version: str
    sets: tuple[IndicatorSet, ...]

    def for_channel(self, channel: str) -> tuple[tuple[str, str], ...]:
        """The indicators a rating on ``channel`` grades (none: the overall grade only)."""
        for indicator_set in self.sets:
            if channel in indicator_set.channels:
                return indicator_set.indicators
        return ()

    def names(self) -> dict[str, str]:
        return {code: name for s in self.sets for code, name in s.indicators}


def _parse(raw: dict) -> IndicatorCatalogue:
    sets = []
    for code, body in sorted((raw.get("sets") or {}).items()):
        indicators = tuple((str(i["code"]), str(i["name"])) for i in body.get("indicators", ()))
        sets.append(IndicatorSet(code, str(body.get("name", code)), tuple(body.get("channels", ())), indicators))
    return IndicatorCatalogue(str(raw["version"]), tuple(sets))


def indicator_catalogue() -> IndicatorCatalogue:
    path = Path(current_app.config["RULES_DIR"]) / FILE_NAME
    mtime = os.stat(path).st_mtime
    cached = _cache.get(str(path))
    if cached is None or cached[0] != mtime:
        with open(path, "rb") as handle:
            cached = (mtime, _parse(tomllib.load(handle)))
        _cache[str(path)] = cached
        logger.info("rating indicators %s loaded from %s", cached[1].version, path)
    return cached[1]


def indicator_problems(channel: str, given: dict | None) -> dict[str, list[str]]:
    """Field → messages for ``indicators`` of a rating on ``channel``: every indicator of the channel is
    required and graded 1..5; an indicator of another channel (or unknown) is refused."""
    expected = dict(indicator_catalogue().for_channel(channel))
    given = given or {}
    problems: dict[str, list[str]] = {}
    for code, name in expected.items():
        if code not in given or given[code] is None:
            problems[code] = [f"请评价“{name}”"]
        elif not isinstance(given[code], int) or isinstance(given[code], bool) or given[code] not in GRADES:
            problems[code] = [f"“{name}”的评价应为 1（非常满意）至 5（非常不满意）"]
    for code in given:
        if code not in expected:
            problems[code] = ["该渠道没有此评价指标"]
    return problems
