"""Forms kept as data files: ``rules/forms/<item code>.form.json`` holds an item's form-js schema, its
situations (办理情形) and its situational materials (added to the item, or situational elements of an
existing material with the same code). The demo seed loads them; a centre edits them or the forms in the
designer's item pages."""
import json
import logging
from pathlib import Path

from app.catalogue.models import ItemMaterial

from .conditions import condition_problems
from .schema import schema_problems

logger = logging.getLogger(__name__)

SUFFIX = ".form.json"
_MATERIAL_DEFAULTS = {"issuing_body": "申请人自备", "originals": 0, "copies": 0, "required": True, "form": "paper",
                      "standard": "", "condition": None, "condition_note": None, "situations": []}


def read_form_file(path: Path) -> dict:
    spec = json.loads(path.read_text(encoding="utf-8"))
    problems = schema_problems(spec.get("schema"))
    if problems:
        raise ValueError(f"{path.name}: {'；'.join(problems)}")
    return spec


def apply_form_spec(item, spec: dict) -> None:
    """Give a (not yet reviewed or seeded) item version the form, situations and situational materials."""
    existing = {m.code: m for m in item.materials}
    for material in spec.get("materials", []):
        if material["code"] in existing:
            for name in ("condition", "condition_note", "situations"):
                if name in material:
                    setattr(existing[material["code"]], name, material[name])
        else:
            item.materials.append(ItemMaterial(position=len(item.materials), **{**_MATERIAL_DEFAULTS, **material}))
    item.form_schema = spec.get("schema")
    item.situations = spec.get("situations", [])
    rows = [{"code": m.code, "name": m.name, "condition": m.condition, "situations": m.situations}
            for m in item.materials]
    problems = condition_problems(item.form_schema, rows, item.situations)
    if problems:
        raise ValueError(f"{item.code}: {'；'.join(problems.values())}")


def load_form_files(items, directory: Path) -> int:
    """Apply ``directory/<code>.form.json`` to each of ``items`` that has one; returns how many."""
    applied = 0
    for item in items:
        path = Path(directory) / f"{item.code}{SUFFIX}"
        if path.exists():
            apply_form_spec(item, read_form_file(path))
            applied += 1
    logger.info("application forms loaded for %d items from %s", applied, directory)
    return applied
