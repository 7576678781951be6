"""Catalogue rules kept as data (rules/catalogue_rules.toml): the 兜底 (vague) material names refused when a
version is submitted for review."""
import logging
import re
import tomllib
from functools import lru_cache
from pathlib import Path

from flask import current_app

logger = logging.getLogger(__name__)

RULES_FILE = "catalogue_rules.toml"
_TRIM = re.compile(r"[\s,，。.、;；:：()（）]+")


@lru_cache(maxsize=4)
def _load(path: str, mtime: float) -> dict:
    with open(path, "rb") as handle:
        data = tomllib.load(handle).get("vague_materials", {})
    return {
        "names": {_TRIM.sub("", n) for n in data.get("names", [])},
        "patterns": [re.compile(p) for p in data.get("patterns", [])],
        "message": data.get("message", "材料「{name}」属于兜底材料，请改为具体材料名称或删除"),
    }


def vague_material_rules() -> dict:
    path = Path(current_app.config["RULES_DIR"]) / RULES_FILE
    if not path.exists():
        logger.warning("no %s: vague material names are not checked", path)
        return {"names": set(), "patterns": [], "message": ""}
    return _load(str(path), path.stat().st_mtime)


def vague_material_problem(name: str) -> str | None:
    """Why this material name is a catch-all (兜底) material, or None."""
    rules = vague_material_rules()
    trimmed = _TRIM.sub("", name or "")
    if trimmed in rules["names"] or any(p.search(trimmed) for p in rules["patterns"]):
        return rules["message"].format(name=name)
    return None
