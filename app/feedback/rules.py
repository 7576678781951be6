"""The limits and warning colours of 咨询 / 投诉举报 (rules/feedback.toml), re-read when the file changes."""
import logging
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from flask import current_app

logger = logging.getLogger(__name__)

FILE_NAME = "feedback.toml"
_cache: dict[str, tuple[float, "FeedbackRules"]] = {}


@dataclass(frozen=True)
class FeedbackRules:
    limits: dict[str, int]  # kind → working days
    yellow_remaining_at_most: int

    def colour(self, remaining: int) -> str:
        """The colour of a record not yet overdue (overdue is red, decided by date in app.feedback.timing)."""
        return "yellow" if remaining <= self.yellow_remaining_at_most else "green"


def feedback_rules() -> FeedbackRules:
    path = Path(current_app.config["RULES_DIR"]) / FILE_NAME
    mtime = os.stat(path).st_mtime
    cached = _cache.get(str(path))
    if cached is None or cached[0] != mtime:
        with open(path, "rb") as handle:
            raw = tomllib.load(handle)
        rules = FeedbackRules({k: int(v) for k, v in raw["limits"].items()},
                              int(raw["colours"]["yellow_remaining_at_most"]))
        cached = (mtime, rules)
        _cache[str(path)] = cached
        logger.info("feedback rules loaded from %s: %s", path, rules.limits)
    return cached[1]
